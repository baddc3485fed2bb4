#include "server/submissions.hpp"

#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "engine/answer.hpp"
#include "engine/envelope.hpp"
#include "engine/expr.hpp"
#include "engine/receipt.hpp"
#include "engine/report.hpp"
#include "engine/translate.hpp"
#include "server/json_cursor.hpp"

namespace frontdesk::server {
namespace {

bool is_lower_hex(const std::string& s, std::size_t size) {
    if (s.size() != size) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}


struct envelope_fields {
    std::string form_id;
    std::string key_id;
    bytes sealed;
    std::vector<std::pair<std::string, bytes>> attachments;  // claimed hash, sealed box
};

// Reads `"attachments": [{"hash": HEX, "sealed": BASE64}, …]` as it stands;
// false when the value has any other shape.
bool read_attachments(json_cursor& in, envelope_fields& out) {
    if (!in.consume('[')) return false;
    std::string key, hash, sealed;
    do {
        if (!in.consume('{')) return false;
        bool has_hash = false, has_sealed = false;
        do {
            if (!in.read_string(key) || !in.consume(':')) return false;
            std::string& value = key == "hash" ? hash : sealed;
            bool& seen = key == "hash" ? has_hash : has_sealed;
            if ((key != "hash" && key != "sealed") || seen || !in.read_string(value)) return false;
            seen = true;
        } while (in.consume(','));
        if (!in.consume('}') || !has_hash || !has_sealed || !is_lower_hex(hash, 64)) return false;
        auto decoded = from_base64(sealed);
        if (!decoded || out.attachments.size() == most_attachments) return false;
        out.attachments.emplace_back(hash, std::move(*decoded));
    } while (in.consume(','));
    return in.consume(']');
}

// Envelope v1: {"attachments"?,"form","key_id","sealed","v"} and nothing else.
std::optional<http_answer> read_envelope(const std::string& body, envelope_fields& out) {
    json_cursor in(body);
    std::optional<std::int64_t> version;
    std::optional<std::string> form, key_id;
    // The base64 of the sealed report is read where it stands in the body, not copied.
    std::optional<std::string_view> sealed;
    std::string sealed_scratch;
    bool misshapen = false;        // a member that should not be there, twice, or of the wrong type
    bool bad_attachments = false;
    bool has_attachments = false;
    const auto not_an_object = [] { return problem(400, "malformed-envelope", "The envelope is not a JSON object."); };
    if (!in.consume('{')) return not_an_object();
    if (!in.consume('}')) {
        std::string key;
        do {
            if (!in.read_string(key) || !in.consume(':')) return not_an_object();
            const std::size_t value_at = in.position();
            std::optional<std::string>* text = key == "form" ? &form : key == "key_id" ? &key_id : nullptr;
            bool taken = false;
            if (text != nullptr && !text->has_value()) {
                std::string value;
                taken = in.read_string(value);
                if (taken) *text = std::move(value);
            } else if (key == "sealed" && !sealed) {
                std::string_view value;
                taken = in.read_string(value, sealed_scratch);
                if (taken) sealed = value;
            } else if (key == "v" && !version) {
                std::int64_t v = 0;
                taken = in.read_integer(v);
                if (taken) version = v;
            } else if (key == "attachments" && !has_attachments) {
                has_attachments = true;
                taken = read_attachments(in, out);
                bad_attachments = !taken;
                if (bad_attachments) {  // its shape is reported below, after the version
                    out.attachments.clear();
                    in.rewind(value_at);
                    if (!in.skip_value()) return not_an_object();
                }
                continue;
            }
            if (!taken) {
                misshapen = true;
                in.rewind(value_at);
                if (!in.skip_value()) return not_an_object();
            }
        } while (in.consume(','));
        if (!in.consume('}')) return not_an_object();
    }
    if (!in.at_end()) return not_an_object();
    if (!version) return problem(400, "malformed-envelope", "The envelope has no version.");
    if (*version != envelope_format_version) {
        return problem(400, "unsupported-version", "This envelope version is not supported.");
    }
    if (misshapen || !form || !key_id || !sealed) {
        return problem(400, "malformed-envelope", "The envelope must hold exactly form, key_id, sealed, v and any attachments.");
    }
    auto decoded = from_base64(*sealed);
    if (!decoded) return problem(400, "malformed-envelope", "The sealed report is not base64.");
    if (bad_attachments || (has_attachments && out.attachments.empty())) {
        return problem(400, "malformed-envelope", "The envelope's attachments are malformed.");
    }
    out.form_id = std::move(*form);
    out.key_id = std::move(*key_id);
    out.sealed = std::move(*decoded);
    return std::nullopt;
}

// Reads `[STRING, …]` into `out`, each checked by `fits`.
template <typename Fits>
bool read_string_list(json_cursor& in, std::vector<std::string>& out, Fits fits) {
    if (!in.consume('[')) return false;
    if (in.consume(']')) return true;
    std::string item;
    do {
        if (!in.read_string(item) || !fits(item)) return false;
        out.push_back(item);
    } while (in.consume(','));
    return in.consume(']');
}

// Reads one repeat's entries: `[{QUESTION: STRING, …}, …]`.
const char* read_repeat(json_cursor& in, const std::string& group, report& out) {
    if (!in.consume('[')) return "every answer must be a string";
    if (in.consume(']')) return nullptr;
    std::uint32_t entry = 0;
    std::string question, answer;
    do {
        if (++entry > largest_repeat) return "a repeat has more entries than any form allows";
        if (!in.consume('{')) return "every entry of a repeat must be an object";
        if (!in.consume('}')) {
            do {
                if (!in.read_string(question) || !in.consume(':')) return "every entry of a repeat must be an object";
                if (!in.read_string(answer)) return "every answer must be a string";
                out.answers[entry_key(group, entry, question)] = answer;
            } while (in.consume(','));
            if (!in.consume('}')) return "every entry of a repeat must be an object";
        }
    } while (in.consume(','));
    return in.consume(']') ? nullptr : "every entry of a repeat must be an object";
}

// Reads `{ID: STRING or REPEAT, …}`; the reason when it is not that.
const char* read_answers(json_cursor& in, report& out) {
    if (!in.consume('{')) return "answers must be an object";
    if (in.consume('}')) return nullptr;
    std::string id, answer;
    do {
        if (!in.read_string(id) || !in.consume(':')) return "answers must be an object";
        if (in.peek('[')) {
            // A repeat: a list of entries, each an object of answers. Kept as
            // "GROUP.N.QUESTION", as the replay gives them; whether the form
            // has such a repeat, and allows that many entries, the replay decides.
            if (const char* why = read_repeat(in, id, out)) return why;
            out.repeats.push_back(id);
            continue;
        }
        if (!in.read_string(answer)) return "every answer must be a string";
        out.answers[id] = answer;
    } while (in.consume(','));
    return in.consume('}') ? nullptr : "answers must be an object";
}

// The report as the client sent it; checked field by field against a replay,
// and byte for byte against the canonical report the replay makes, which
// also refuses members that should not be there and repeated keys.
std::optional<http_answer> read_report(const std::string& plaintext, report& out) {
    const auto bad = [](const std::string& detail) {
        return problem(400, "malformed-report", "The report inside the envelope is malformed.", detail);
    };
    json_cursor in(plaintext);
    std::optional<std::int64_t> version;
    std::optional<std::string> form, form_version, language, submission_id, date;
    // Why a member did not read, by the order the reasons are given in.
    const char* answers_problem = "answers must be an object";
    const char* pages_problem = "pages must be a list";
    if (!in.consume('{')) return bad("not a JSON object");
    if (!in.consume('}')) {
        std::string key;
        do {
            if (!in.read_string(key) || !in.consume(':')) return bad("not a JSON object");
            const std::size_t value_at = in.position();
            std::optional<std::string>* text = key == "form" ? &form : key == "form_version" ? &form_version
                                             : key == "language" ? &language : key == "submission_id" ? &submission_id
                                             : key == "date" ? &date : nullptr;
            bool read = false;
            if (text != nullptr) {
                std::string value;
                read = in.read_string(value);
                if (read) *text = std::move(value);
            } else if (key == "v") {
                std::int64_t v = 0;
                read = in.read_integer(v);
                if (read) version = v;
            } else if (key == "answers") {
                answers_problem = read_answers(in, out);
                read = answers_problem == nullptr;
            } else if (key == "pages") {
                const bool list = in.peek('[');
                read = read_string_list(in, out.pages, [](const std::string&) { return true; });
                pages_problem = read ? nullptr : list ? "every page must be a string" : "pages must be a list";
            }
            if (!read) {  // skipped here, reported below in its turn
                in.rewind(value_at);
                if (!in.skip_value()) return bad("not a JSON object");
            }
        } while (in.consume(','));
        if (!in.consume('}')) return bad("not a JSON object");
    }
    if (!in.at_end()) return bad("not a JSON object");
    if (!version || *version != report_format_version) return bad("unknown report version");
    if (!form || !form_version || !language || !submission_id) return bad("a required field is missing");
    out.form_id = std::move(*form);
    out.form_version = std::move(*form_version);
    out.language = std::move(*language);
    out.submission_id = std::move(*submission_id);
    if (!is_lower_hex(out.submission_id, 32)) return bad("the submission id must be 32 lower-case hex digits");
    const auto day = date ? parse_iso_date(*date) : std::nullopt;
    if (!day) return bad("date must be a day written YYYY-MM-DD");
    out.date = *day;
    if (answers_problem != nullptr) return bad(answers_problem);
    if (pages_problem != nullptr) return bad(pages_problem);
    return std::nullopt;
}

// Each attachment must open with the same key and hash to what the envelope
// claims. Whether they are the files the answers name is checked after the replay.
std::optional<http_answer> open_attachments(const envelope_fields& env, const sealing_key& key, std::vector<std::string>& opened) {
    for (const auto& [hash, sealed] : env.attachments) {
        auto content = open_padded(sealed, key.public_key, key.secret_key, largest_attachment_bucket);
        if (!content) return problem(400, "cannot-open", "An attachment could not be opened.");
        // Kept (and wiped by the caller) only when it is what the envelope says it is.
        opened.push_back(std::move(*content));
        if (hash_hex(opened.back()) != hash) return problem(400, "attachment-mismatch", "An attachment does not match its hash.");
    }
    return std::nullopt;
}

void wipe(std::string& s) { sodium_memzero(s.data(), s.size()); }

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

verification verify_submission(const submission_context& ctx, const std::string& envelope) {
    envelope_fields env;
    if (auto p = read_envelope(envelope, env)) return *p;
    const std::string now = ctx.now();
    const sealing_key* key = ctx.keys.accepted_sealing(env.key_id, now);
    if (key == nullptr) {
        const bool known = std::any_of(ctx.keys.sealing_keys().begin(), ctx.keys.sealing_keys().end(),
                                       [&](const sealing_key& k) { return k.key_id == env.key_id; });
        return known ? problem(400, "retired-key", "The report is sealed to a key that is no longer accepted.")
                     : problem(400, "unknown-key", "The report is sealed to a key this server does not hold.");
    }
    if (!ctx.forms.knows(env.form_id)) return problem(404, "unknown-form", "There is no such form.");

    auto opened = open_sealed(env.sealed, key->public_key, key->secret_key);
    if (!opened) return problem(400, "cannot-open", "The sealed report could not be opened.");
    std::string& plaintext = *opened;

    report claimed;
    if (auto malformed = read_report(plaintext, claimed)) {
        wipe(plaintext);
        return *malformed;
    }
    const std::string content_hash = hash_hex(plaintext);
    std::vector<std::string> attachments;
    auto done = [&](http_answer answer) {
        wipe(plaintext);
        for (auto& a : attachments) wipe(a);
        return answer;
    };
    if (claimed.form_id != env.form_id) return done(problem(400, "malformed-report", "The report is for another form."));
    // Checked against the version it was made with: a report sealed before a
    // form changed is still good, if that version was ever served.
    const catalog_entry* entry = ctx.forms.find_version(claimed.form_id, claimed.form_version);
    if (entry == nullptr) {
        return done(problem(422, "unknown-form-version",
                            "The report was made with a version of the form this server has never served."));
    }
    // The report's language is the one its person read; the journey and the
    // report do not depend on it, but it must be one the form is written in.
    if (!has_language(entry->definition, claimed.language)) {
        return done(problem(422, "unknown-language", "The report is in a language the form is not written in."));
    }
    if (auto p = open_attachments(env, *key, attachments)) return done(*p);

    // The report's day is the person's own calendar day: it may differ from
    // the server's by one either side of midnight, never more.
    const std::int64_t today = utc_today();
    if (claimed.date < today - 1 || claimed.date > today + 1) {
        return done(problem(422, "rejected-by-form", "The report's date is not today."));
    }
    // The server's verdict comes from replaying the answers, never from the client.
    const replay_outcome replayed = replay(entry->definition, claimed.answers, claimed.date);
    if (replayed.result != replay_result::submitted || replayed.pages != claimed.pages ||
        replayed.answers_on_path != claimed.answers) {
        return done(problem(422, "rejected-by-form", "The answers do not make a complete report on this form."));
    }
    // What the team receives must be exactly what was verified: the report
    // rebuilt from the replay (with the server's route) must be the very
    // bytes that were sealed. A client-chosen route, a duplicated key or any
    // extra member would differ, and is refused rather than passed on.
    report canonical = make_report(entry->definition, replayed, claimed.submission_id, claimed.language);
    std::string canonical_text = report_json(canonical);
    const bool exact = canonical_text == plaintext;
    wipe(canonical_text);
    if (!exact) {
        return done(problem(422, "rejected-by-form", "The report is not the one its answers make on this form."));
    }

    // The files sent must be exactly the files the answers name (a file answer
    // holds its file's hash): none missing, none more, none twice.
    std::vector<std::string> sent;
    for (const auto& a : env.attachments) sent.push_back(a.first);
    std::sort(sent.begin(), sent.end());
    if (sent != files_named(entry->definition, replayed.answers_on_path)) {
        return done(problem(400, "attachment-mismatch", "The attachments are not the files the answers name."));
    }
    // A file answer gives its file's size; the file itself must have it.
    for (const auto& [answer_key, text] : replayed.answers_on_path) {
        const auto parts = parse_entry_key(answer_key);
        const question* q = entry->definition.find_question(parts ? parts->question : answer_key);
        const auto file = q != nullptr && q->type == question_type::file ? parse_file_reference(text) : std::nullopt;
        if (!file) continue;
        for (std::size_t i = 0; i < env.attachments.size(); ++i) {
            if (env.attachments[i].first == file->hash && attachments[i].size() != file->size) {
                return done(problem(400, "attachment-mismatch", "An attachment is not the size its answer gives."));
            }
        }
    }

    // Only the receiving team can read what is stored: re-seal to its key.
    const team_key* team = ctx.keys.team(replayed.route.team);
    if (team == nullptr) return done(problem(503, "team-key-missing", "The receiving team has no key yet. Try again later."));
    stored_submission row;
    auto resealed = ctx.team_boxes->seal(plaintext, team->public_key, largest_report_bucket);
    if (!resealed) return done(problem(500, "cannot-seal", "The report could not be sealed for its team."));
    row.sealed_report = std::move(*resealed);
    for (const auto& content : attachments) {
        auto sealed = ctx.team_boxes->seal(content, team->public_key, largest_attachment_bucket);
        if (!sealed) return done(problem(500, "cannot-seal", "An attachment could not be sealed for its team."));
        row.attachments.push_back({hash_hex(content), std::move(*sealed)});
    }
    wipe(plaintext);
    for (auto& a : attachments) wipe(a);

    row.submission_id = claimed.submission_id;
    row.content_hash = content_hash;
    row.envelope_hash = hash_hex(envelope);
    row.form_id = entry->definition.id;
    row.form_version = entry->definition.version;
    row.team = replayed.route.team;
    row.urgency = replayed.route.urgency;
    row.received_at = now;
    row.team_key_id = team->key_id;
    if (ctx.sinks_for) row.sinks = ctx.sinks_for(row.team);
    // Signed now, on whichever thread verifies; the store may yet ask for
    // another reference (see store_submissions).
    receipt r{make_reference(), row.submission_id, row.envelope_hash, row.received_at, {}, {}};
    const receipt_key& signer = ctx.keys.current_receipt();
    if (auto s = sign_receipt(r, signer.secret_key, signer.public_key); !s) {
        return problem(500, "cannot-sign", "The receipt could not be signed.");
    }
    row.reference = r.reference;
    row.receipt_json = receipt_json(r);
    return row;
}

std::vector<http_answer> store_submissions(store& db, const keyring& keys, std::vector<stored_submission>& rows) {
    std::vector<http_answer> answers(rows.size());
    std::vector<std::size_t> pending(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) pending[i] = i;
    // A reference collision is rare (40 bits) but possible: draw again.
    for (int attempt = 0; attempt < 5 && !pending.empty(); ++attempt) {
        // Rows move into the batch and back, so 4 KiB-and-more blobs are not copied.
        std::vector<stored_submission> batch;
        batch.reserve(pending.size());
        for (auto i : pending) batch.push_back(std::move(rows[i]));
        const auto outcomes = db.insert_batch(batch);
        for (std::size_t k = 0; k < pending.size(); ++k) rows[pending[k]] = std::move(batch[k]);
        std::vector<std::size_t> again;
        for (std::size_t k = 0; k < pending.size(); ++k) {
            const std::size_t i = pending[k];
            switch (outcomes[k].result) {
                case insert_result::stored:  // the row is done with: its receipt moves into the answer
                    answers[i] = {201, "application/json", std::move(rows[i].receipt_json), {}};
                    break;
                case insert_result::duplicate: {
                    // The stored report's reference and time, signed afresh for
                    // this envelope with today's key: the browser checks the
                    // receipt against the envelope it sent this time.
                    receipt r{outcomes[k].existing_reference, rows[i].submission_id, rows[i].envelope_hash,
                              outcomes[k].existing_received_at, {}, {}};
                    const receipt_key& signer = keys.current_receipt();
                    answers[i] = sign_receipt(r, signer.secret_key, signer.public_key)
                                     ? http_answer{200, "application/json", receipt_json(r), {}}
                                     : problem(500, "cannot-sign", "The receipt could not be signed.");
                    break;
                }
                case insert_result::conflict:
                    answers[i] = problem(409, "submission-id-reused", "This submission id was already used for a different report.");
                    break;
                case insert_result::failed:
                    answers[i] = problem(503, "store-unavailable", "The report could not be stored. Try again.");
                    break;
                case insert_result::reference_taken: {
                    receipt r{make_reference(), rows[i].submission_id, rows[i].envelope_hash, rows[i].received_at, {}, {}};
                    const receipt_key& signer = keys.current_receipt();
                    if (!sign_receipt(r, signer.secret_key, signer.public_key)) {
                        answers[i] = problem(500, "cannot-sign", "The receipt could not be signed.");
                        break;
                    }
                    rows[i].reference = r.reference;
                    rows[i].receipt_json = receipt_json(r);
                    answers[i] = problem(503, "store-unavailable", "The report could not be stored. Try again.");
                    again.push_back(i);
                    break;
                }
            }
        }
        pending = std::move(again);
    }
    return answers;
}

http_answer accept_submission(submission_context& ctx, const std::string& envelope) {
    verification verified = verify_submission(ctx, envelope);
    if (auto* answer = std::get_if<http_answer>(&verified)) return *answer;
    std::vector<stored_submission> rows{std::move(std::get<stored_submission>(verified))};
    const http_answer answer = store_submissions(ctx.db, ctx.keys, rows).front();
    if (answer.status == 201 && ctx.on_stored) ctx.on_stored();
    return answer;
}

}  // namespace frontdesk::server
