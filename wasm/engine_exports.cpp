// The browser's view of the engine: a handful of C functions over one
// session. Thin on purpose: every decision is made in engine/, this file only
// moves strings and bytes across the JavaScript boundary. Sealing and
// receipts are in crypto_exports.cpp, a second module that loads after the
// first page, so that the first question does not wait for libsodium.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <string>

#include "engine/draft.hpp"
#include "engine/expr.hpp"
#include "engine/form_image.hpp"
#include "engine/json_writer.hpp"
#include "engine/report.hpp"
#include "engine/session.hpp"
#include "engine/view.hpp"

namespace {

struct browser_state {
    std::unique_ptr<frontdesk::form> form;
    std::unique_ptr<frontdesk::session> session;
    std::string submission_id;  // kept across retries of the same report
    std::string last_error;
    std::string dropped_json = "[]";  // question ids the last restored draft lost
    std::int64_t today = 0;           // days since 1970-01-01, from fd_set_today
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

EMSCRIPTEN_KEEPALIVE const char* fd_last_error() { return state().last_error.c_str(); }

EMSCRIPTEN_KEEPALIVE int fd_load_form(const std::uint8_t* image, std::size_t size) {
    auto decoded = frontdesk::decode_form_image(std::string_view(reinterpret_cast<const char*>(image), size));
    if (!decoded) return fail(decoded.err().message);
    auto& s = state();
    s.session.reset();
    s.form = std::make_unique<frontdesk::form>(std::move(decoded.value()));
    s.session = std::make_unique<frontdesk::session>(*s.form, s.today);
    s.submission_id.clear();
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
    const std::string before = state().session->answer(question_id);
    auto s = state().session->set_answer(question_id, value);
    if (!s) return fail(s.err().message);
    // Changed content is a new report: it must not reuse the id of one that
    // may already have reached the server. The same answer again (Continue
    // on a page left as it was) is the same report, and keeps its id.
    if (state().session->answer(question_id) != before) state().submission_id.clear();
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

// Repeat groups, on a summary: add an entry, change entry n, remove entry n
// (1-based). Removing changes the report, so it needs a new submission id.
EMSCRIPTEN_KEEPALIVE int fd_add_another() {
    if (!state().session) return fail("No form is loaded.");
    auto s = state().session->add_another();
    return s ? 0 : fail(s.err().message);
}

EMSCRIPTEN_KEEPALIVE int fd_change_entry(int entry) {
    if (!state().session || entry < 1) return fail("There is no such entry.");
    auto s = state().session->change_entry(static_cast<std::uint32_t>(entry));
    return s ? 0 : fail(s.err().message);
}

EMSCRIPTEN_KEEPALIVE int fd_remove_entry(int entry) {
    if (!state().session || entry < 1) return fail("There is no such entry.");
    auto s = state().session->remove_entry(static_cast<std::uint32_t>(entry));
    if (!s) return fail(s.err().message);
    state().submission_id.clear();
    return 0;
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

// The report as it would be sent now: the canonical plaintext that the
// crypto module (crypto_exports.cpp) seals, or "" before check your answers.
// It carries the submission id set by fd_set_submission_id; the id stays the
// same across retries and is cleared by any change to the answers.
EMSCRIPTEN_KEEPALIVE const char* fd_report_json(const char* language) {
    auto& s = state();
    if (!s.session || s.session->state() != frontdesk::session_state::check) {
        fail("The report is not ready to send.");
        return "";
    }
    if (s.submission_id.size() != 32) {
        fail("The report has no submission id.");
        return "";
    }
    return hand_out(frontdesk::report_json(frontdesk::make_report(*s.session, s.submission_id, language)));
}

// The report's submission id, or "" when a new one is needed (none yet, or
// the answers changed since).
EMSCRIPTEN_KEEPALIVE const char* fd_submission_id() { return hand_out(state().submission_id); }

// Sets the submission id (32 hex digits, from fd_random_submission_id of the
// crypto module), only when the report has none.
EMSCRIPTEN_KEEPALIVE int fd_set_submission_id(const char* id) {
    const std::string value(id);
    if (value.size() != 32 || value.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return fail("A submission id is 32 hex digits.");
    }
    if (state().submission_id.empty()) state().submission_id = value;
    return 0;
}

}  // extern "C"
