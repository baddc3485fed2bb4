#include "server/submission_client.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "engine/report.hpp"
#include "server/submissions.hpp"

namespace frontdesk::server {
namespace {

using json = nlohmann::json;

result<std::string> string_at(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return error{key, "missing or not a string"};
    return it->get<std::string>();
}

}  // namespace

result<published_keys> fetch_public_keys(const std::string& host, std::uint16_t port) {
    auto reply = http_call(host, port, "GET", "/api/keys");
    if (!reply) return reply.err();
    if (reply->status != 200) return error{"/api/keys", "status " + std::to_string(reply->status)};
    const json j = json::parse(reply->body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("sealing") || !j.contains("receipt")) {
        return error{"/api/keys", "not a key listing"};
    }
    published_keys keys;
    auto sealing_b64 = string_at(j["sealing"], "public_key");
    auto receipt_b64 = string_at(j["receipt"], "public_key");
    if (!sealing_b64) return sealing_b64.err();
    if (!receipt_b64) return receipt_b64.err();
    auto sealing = public_key_from_base64(*sealing_b64);
    auto receipt_key = public_key_from_base64(*receipt_b64);
    if (!sealing) return sealing.err();
    if (!receipt_key) return receipt_key.err();
    keys.sealing = *sealing;
    keys.receipt = *receipt_key;
    keys.sealing_key_id = key_id_of(keys.sealing);
    keys.receipt_key_id = key_id_of(keys.receipt);
    return keys;
}

std::string new_submission_id() {
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    return to_hex(id, sizeof id);
}

result<sealed_envelope> seal_answers(const form& f, const std::map<std::string, std::string>& answers,
                                     const std::string& submission_id, const box_public_key& server_key) {
    const replay_outcome replayed = replay(f, answers, utc_today());
    if (replayed.result != replay_result::submitted) {
        return error{replayed.pages.empty() ? f.start : replayed.pages.back(),
                     replayed.result == replay_result::exit ? "the answers lead to an exit page, not a report"
                                                            : "the answers do not complete the form"};
    }
    const report r = make_report(f, replayed, submission_id, f.language);
    return seal_envelope(report_json(r), f.id, server_key);
}

result<receipt> parse_receipt(const std::string& json_text) {
    const json j = json::parse(json_text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error{"receipt", "not a JSON object"};
    receipt r;
    for (auto [key, field] : {std::pair{"reference", &r.reference}, std::pair{"submission_id", &r.submission_id},
                              std::pair{"envelope_hash", &r.envelope_hash}, std::pair{"received_at", &r.received_at},
                              std::pair{"key_id", &r.key_id}, std::pair{"signature", &r.signature}}) {
        auto value = string_at(j, key);
        if (!value) return value.err();
        *field = *value;
    }
    return r;
}

}  // namespace frontdesk::server
