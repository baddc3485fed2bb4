#include "server/submissions.hpp"

#include <sodium.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "engine/envelope.hpp"
#include "engine/expr.hpp"
#include "engine/receipt.hpp"
#include "engine/report.hpp"

namespace frontdesk::server {
namespace {

using json = nlohmann::json;

bool is_lower_hex(const std::string& s, std::size_t size) {
    if (s.size() != size) return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

const json* string_member(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? &*it : nullptr;
}

struct envelope_fields {
    std::string form_id;
    std::string key_id;
    bytes sealed;
};

// Envelope v1: {"form","key_id","sealed","v"} and nothing else.
std::optional<http_answer> read_envelope(const std::string& body, envelope_fields& out) {
    const json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return problem(400, "malformed-envelope", "The envelope is not a JSON object.");
    const auto v = j.find("v");
    if (v == j.end() || !v->is_number_integer()) return problem(400, "malformed-envelope", "The envelope has no version.");
    if (v->get<std::int64_t>() != envelope_format_version) {
        return problem(400, "unsupported-version", "This envelope version is not supported.");
    }
    const json* form = string_member(j, "form");
    const json* key_id = string_member(j, "key_id");
    const json* sealed = string_member(j, "sealed");
    if (form == nullptr || key_id == nullptr || sealed == nullptr || j.size() != 4) {
        return problem(400, "malformed-envelope", "The envelope must hold exactly form, key_id, sealed and v.");
    }
    auto decoded = from_base64(sealed->get<std::string>());
    if (!decoded) return problem(400, "malformed-envelope", "The sealed report is not base64.");
    out = {form->get<std::string>(), key_id->get<std::string>(), std::move(*decoded)};
    return std::nullopt;
}

// The report as the client sent it; checked field by field against a replay.
std::optional<http_answer> read_report(const std::string& plaintext, report& out) {
    const auto bad = [](const std::string& detail) {
        return problem(400, "malformed-report", "The report inside the envelope is malformed.", detail);
    };
    const json j = json::parse(plaintext, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    const auto v = j.find("v");
    if (v == j.end() || !v->is_number_integer() || v->get<std::int64_t>() != report_format_version) {
        return bad("unknown report version");
    }
    const json* form = string_member(j, "form");
    const json* version = string_member(j, "form_version");
    const json* language = string_member(j, "language");
    const json* submission_id = string_member(j, "submission_id");
    if (!form || !version || !language || !submission_id) return bad("a required field is missing");
    out.form_id = form->get<std::string>();
    out.form_version = version->get<std::string>();
    out.language = language->get<std::string>();
    out.submission_id = submission_id->get<std::string>();
    if (!is_lower_hex(out.submission_id, 32)) return bad("the submission id must be 32 lower-case hex digits");
    const json* date = string_member(j, "date");
    const auto day = date ? parse_iso_date(date->get<std::string>()) : std::nullopt;
    if (!day) return bad("date must be a day written YYYY-MM-DD");
    out.date = *day;
    const auto answers = j.find("answers");
    if (answers == j.end() || !answers->is_object()) return bad("answers must be an object");
    for (const auto& [id, value] : answers->items()) {
        if (!value.is_string()) return bad("every answer must be a string");
        out.answers[id] = value.get<std::string>();
    }
    const auto pages = j.find("pages");
    if (pages == j.end() || !pages->is_array()) return bad("pages must be a list");
    for (const auto& p : *pages) {
        if (!p.is_string()) return bad("every page must be a string");
        out.pages.push_back(p.get<std::string>());
    }
    return std::nullopt;
}

}  // namespace

std::string make_reference() {
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    unsigned char random[8];
    randombytes_buf(random, sizeof random);
    std::string reference = "FD-";
    for (int i = 0; i < 8; ++i) {
        if (i == 4) reference += '-';
        reference += alphabet[random[i] & 31];
    }
    return reference;
}

std::int64_t utc_today() { return static_cast<std::int64_t>(std::time(nullptr)) / 86400; }

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&t, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

http_answer accept_submission(submission_context& ctx, const std::string& envelope) {
    envelope_fields env;
    if (auto p = read_envelope(envelope, env)) return *p;
    if (env.key_id != ctx.keys.sealing_key_id) {
        return problem(400, "unknown-key", "The report is sealed to a key this server does not hold.");
    }
    const catalog_entry* entry = ctx.forms.find(env.form_id);
    if (entry == nullptr) return problem(404, "unknown-form", "There is no such form.");

    auto opened = open_sealed(env.sealed, ctx.keys.sealing_public, ctx.keys.sealing_secret);
    if (!opened) return problem(400, "cannot-open", "The sealed report could not be opened.");
    std::string& plaintext = *opened;

    report claimed;
    auto malformed = read_report(plaintext, claimed);
    const std::string content_hash = hash_hex(plaintext);
    sodium_memzero(plaintext.data(), plaintext.size());
    if (malformed) return *malformed;
    if (claimed.form_id != env.form_id) return problem(400, "malformed-report", "The report is for another form.");
    if (claimed.form_version != entry->definition.version) {
        return problem(422, "unknown-form-version", "The report was made with a version of the form this server does not have.");
    }

    // The report's day is the person's own calendar day: it may differ from
    // the server's by one either side of midnight, never more.
    const std::int64_t today = utc_today();
    if (claimed.date < today - 1 || claimed.date > today + 1) {
        return problem(422, "rejected-by-form", "The report's date is not today.");
    }
    // The server's verdict comes from replaying the answers, never from the client.
    const replay_outcome replayed = replay(entry->definition, claimed.answers, claimed.date);
    if (replayed.result != replay_result::submitted || replayed.pages != claimed.pages ||
        replayed.answers_on_path != claimed.answers) {
        return problem(422, "rejected-by-form", "The answers do not make a complete report on this form.");
    }

    auto existing = ctx.db.find_by_submission_id(claimed.submission_id);
    if (!existing) return problem(503, "store-unavailable", "The report could not be stored. Try again.");
    if (existing->has_value()) {
        const stored_submission& before = **existing;
        if (before.content_hash != content_hash) {
            return problem(409, "submission-id-reused", "This submission id was already used for a different report.");
        }
        return {200, "application/json", before.receipt_json};
    }

    stored_submission row;
    row.submission_id = claimed.submission_id;
    row.content_hash = content_hash;
    row.envelope_hash = hash_hex(envelope);
    row.form_id = entry->definition.id;
    row.form_version = entry->definition.version;
    row.team = replayed.route.team;
    row.urgency = replayed.route.urgency;
    row.received_at = ctx.now();
    row.sealed_key_id = env.key_id;
    row.sealed_report = std::move(env.sealed);
    // A reference collision is rare (40 bits) but possible: draw again.
    for (int attempt = 0; attempt < 5; ++attempt) {
        receipt r{make_reference(), row.submission_id, row.envelope_hash, row.received_at, {}, {}};
        if (auto s = sign_receipt(r, ctx.keys.receipt_secret, ctx.keys.receipt_public); !s) {
            return problem(500, "cannot-sign", "The receipt could not be signed.");
        }
        row.reference = r.reference;
        row.receipt_json = receipt_json(r);
        auto stored = ctx.db.insert(row);
        if (stored) return {201, "application/json", row.receipt_json};
        if (stored.err().where != "reference") {
            return problem(503, "store-unavailable", "The report could not be stored. Try again.");
        }
    }
    return problem(503, "store-unavailable", "The report could not be stored. Try again.");
}

}  // namespace frontdesk::server
