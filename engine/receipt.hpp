// The signed receipt the server returns for a stored report. The browser
// shows the reference number only after the signature verifies.
#pragma once

#include <string>

#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk {

struct receipt {
    std::string reference;      // what the person quotes, e.g. FD-7K3M-Q9TX
    std::string submission_id;  // from inside the sealed report
    std::string envelope_hash;  // BLAKE2b-256 of the envelope as received, hex
    std::string received_at;    // UTC, e.g. 2026-11-28T09:15:02Z
    std::string key_id;         // of the signing key
    std::string signature;      // Ed25519 over receipt_message(), base64
};

// The exact bytes that are signed: a domain label and the fields, one a line.
std::string receipt_message(const receipt& r);

status sign_receipt(receipt& r, const sign_secret_key& sk, const sign_public_key& pk);
bool verify_receipt(const receipt& r, const sign_public_key& pk);

// The canonical receipt JSON the server answers with.
std::string receipt_json(const receipt& r);

}  // namespace frontdesk
