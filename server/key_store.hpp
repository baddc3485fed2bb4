// The server's key pairs on disk: the sealing pair (X25519; the browser seals
// reports to its public half) and the receipt signing pair (Ed25519). Each
// key is a base64 line in its own file; secret files are created 0600.
#pragma once

#include <string>

#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk::server {

struct server_keys {
    server_keys() = default;
    server_keys(const server_keys&) = default;
    server_keys& operator=(const server_keys&) = default;
    ~server_keys();  // wipes the secret halves

    box_public_key sealing_public{};
    box_secret_key sealing_secret{};
    sign_public_key receipt_public{};
    sign_secret_key receipt_secret{};
    std::string sealing_key_id;
    std::string receipt_key_id;
};

// Makes whichever pairs are missing in `dir` (created 0700). Existing keys
// are never overwritten. Returns true in `created` when it made any.
status make_missing_keys(const std::string& dir, bool& created);
result<server_keys> load_keys(const std::string& dir);

// {"sealing":{"key_id","public_key"},"receipt":{"key_id","public_key"}}
std::string public_keys_json(const server_keys& keys);

}  // namespace frontdesk::server
