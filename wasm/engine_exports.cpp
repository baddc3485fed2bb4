// The browser's view of the engine: a handful of C functions over one
// session. Thin on purpose: every decision is made in engine/, this file only
// moves strings and bytes across the JavaScript boundary.
#include <emscripten/emscripten.h>
#include <sodium.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/draft.hpp"
#include "engine/envelope.hpp"
#include "engine/expr.hpp"
#include "engine/json_writer.hpp"
#include "engine/form_image.hpp"
#include "engine/receipt.hpp"
#include "engine/report.hpp"
#include "engine/session.hpp"
#include "engine/view.hpp"
#include "wasm/random_source.hpp"

namespace {

struct browser_state {
    std::unique_ptr<frontdesk::form> form;
    std::unique_ptr<frontdesk::session> session;
    std::string submission_id;  // kept across retries of the same report
    std::string sealed_hash;    // of the last envelope handed out
    std::string last_error;
    std::string dropped_json = "[]";
    std::int64_t today = 0;           // days since 1970-01-01, from fd_set_today  // question ids the last restored draft lost
    std::string returned;       // backs the last const char* handed to JavaScript
};

browser_state& state() {
    static browser_state s;
    return s;
}

const char* hand_out(std::string s) {
    state().returned = std::move(s);
    return state().returned.c_str();
}

int fail(const std::string& message) {
    state().last_error = message;
    return 1;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::uint8_t* fd_alloc(std::size_t n) { return static_cast<std::uint8_t*>(std::malloc(n)); }

EMSCRIPTEN_KEEPALIVE void fd_free(void* p) { std::free(p); }

EMSCRIPTEN_KEEPALIVE const char* fd_last_error() { return state().last_error.c_str(); }

EMSCRIPTEN_KEEPALIVE int fd_load_form(const std::uint8_t* image, std::size_t size) {
    auto decoded = frontdesk::decode_form_image(std::string_view(reinterpret_cast<const char*>(image), size));
    if (!decoded) return fail(decoded.err().message);
    auto& s = state();
    s.session.reset();
    s.form = std::make_unique<frontdesk::form>(std::move(decoded.value()));
    s.session = std::make_unique<frontdesk::session>(*s.form, s.today);
    s.submission_id.clear();
    s.sealed_hash.clear();
    s.dropped_json = "[]";
    return 0;
}

// The engine has no clock: the page says what day it is (the person's own
// calendar day), before or after loading a form.
EMSCRIPTEN_KEEPALIVE int fd_set_today(int year, int month, int day) {
    if (!frontdesk::is_valid_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) {
        return fail("That is not a date.");
    }
    state().today = frontdesk::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    if (state().session) state().session->set_today(state().today);
    return 0;
}

EMSCRIPTEN_KEEPALIVE const char* fd_view_json() {
    if (!state().session) return hand_out("{}");
    return hand_out(frontdesk::view_json(*state().session));
}

EMSCRIPTEN_KEEPALIVE int fd_set_answer(const char* question_id, const char* value) {
    if (!state().session) return fail("No form is loaded.");
    auto s = state().session->set_answer(question_id, value);
    if (!s) return fail(s.err().message);
    // Changed content is a new report: it must not reuse the id of one that
    // may already have reached the server.
    state().submission_id.clear();
    return 0;
}

EMSCRIPTEN_KEEPALIVE int fd_next() {
    if (!state().session) return fail("No form is loaded.");
    state().session->next();
    return 0;
}

EMSCRIPTEN_KEEPALIVE int fd_back() {
    if (!state().session) return fail("No form is loaded.");
    return state().session->back() ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int fd_change(const char* question_id) {
    if (!state().session) return fail("No form is loaded.");
    auto s = state().session->change(question_id);
    return s ? 0 : fail(s.err().message);
}

EMSCRIPTEN_KEEPALIVE const char* fd_save_draft() {
    if (!state().session) return hand_out("");
    return hand_out(frontdesk::save_draft(*state().session));
}

EMSCRIPTEN_KEEPALIVE int fd_restore_draft(const char* draft) {
    auto& s = state();
    if (!s.session) return fail("No form is loaded.");
    auto restored = frontdesk::restore_draft(*s.session, draft);
    if (!restored) return fail(restored.err().message);
    frontdesk::json_writer w;
    w.begin_array();
    for (const auto& id : restored->dropped) w.value(id);
    w.end_array();
    s.dropped_json = w.take();
    s.submission_id.clear();
    return 0;
}

EMSCRIPTEN_KEEPALIVE const char* fd_draft_dropped() { return state().dropped_json.c_str(); }

EMSCRIPTEN_KEEPALIVE const char* fd_seal_report(const char* public_key_b64, const char* key_id, const char* language) {
    auto& s = state();
    if (!s.session || s.session->state() != frontdesk::session_state::check) {
        fail("The report is not ready to send.");
        return "";
    }
    auto key = frontdesk::public_key_from_base64(public_key_b64);
    if (!key) {
        fail(key.err().message);
        return "";
    }
    if (frontdesk::key_id_of(*key) != key_id) {
        fail("The sealing key does not match its id.");
        return "";
    }
    // Without a secure random source a sealed box could be predictable:
    // refuse, so nothing is sealed, queued or sent.
    if (!browser_random_ready()) {
        fail("This browser has no secure random number source, so the report cannot be sealed safely.");
        return "";
    }
    if (auto ready = frontdesk::crypto_init(); !ready) {
        fail(ready.err().message);
        return "";
    }
    // One id for this report, however many times it is sealed and sent, so
    // the server stores it once.
    if (s.submission_id.empty()) {
        unsigned char id[16];
        randombytes_buf(id, sizeof id);
        s.submission_id = frontdesk::to_hex(id, sizeof id);
    }
    const auto report = frontdesk::make_report(*s.session, s.submission_id, language);
    auto sealed = frontdesk::seal_envelope(frontdesk::report_json(report), report.form_id, *key);
    if (!sealed || browser_random_failed()) {
        fail(sealed ? "The random source failed while sealing." : sealed.err().message);
        return "";
    }
    s.sealed_hash = sealed->hash;
    return hand_out(std::move(sealed->json));
}

EMSCRIPTEN_KEEPALIVE int fd_verify_receipt(const char* reference, const char* submission_id, const char* envelope_hash,
                                           const char* received_at, const char* key_id, const char* signature_b64,
                                           const char* receipt_public_key_b64) {
    auto& s = state();
    auto key = frontdesk::public_key_from_base64(receipt_public_key_b64);
    if (!key) return 0;
    const frontdesk::receipt r{reference, submission_id, envelope_hash, received_at, key_id, signature_b64};
    // The receipt must be for this report and this envelope, not just any
    // receipt the server ever signed.
    if (r.submission_id != s.submission_id || r.envelope_hash != s.sealed_hash) return 0;
    return frontdesk::verify_receipt(r, *key) ? 1 : 0;
}

}  // extern "C"
