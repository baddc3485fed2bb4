// The client side of the protocol, natively: fetch the server's public keys,
// seal a report, post it, read and verify the receipt. Used by
// `frontdesk submit` and by the integration tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "engine/envelope.hpp"
#include "engine/form.hpp"
#include "engine/receipt.hpp"
#include "server/http_client.hpp"

namespace frontdesk::server {

struct published_keys {
    std::string sealing_key_id;
    box_public_key sealing{};
    std::string receipt_key_id;
    sign_public_key receipt{};
};

result<published_keys> fetch_public_keys(const std::string& host, std::uint16_t port);

// 128 random bits as 32 hex digits.
std::string new_submission_id();

// Replays the answers; only a journey that reaches check your answers is sealed.
result<sealed_envelope> seal_answers(const form& f, const std::map<std::string, std::string>& answers,
                                     const std::string& submission_id, const box_public_key& server_key);

result<receipt> parse_receipt(const std::string& json_text);

}  // namespace frontdesk::server
