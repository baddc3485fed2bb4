// Accepting a sealed submission: open it, replay the answers through the
// engine, recompute the route, dedupe, re-seal to the receiving team, store,
// and sign a receipt. The client's own verdict and route are never trusted.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <variant>
#include <string>

#include "server/form_catalog.hpp"
#include "server/keyring.hpp"
#include "server/problem.hpp"
#include "server/store.hpp"
#include "server/team_box.hpp"

namespace frontdesk::server {

struct submission_context {
    const form_catalog& forms;
    const keyring& keys;
    store& db;
    std::function<std::string()> now;  // UTC time as 2026-11-28T09:15:02Z
    // The sinks a team's reports are delivered to (none when unset), and a
    // call after each new report is committed (to wake the delivery worker).
    std::function<std::vector<std::string>(const std::string& team)> sinks_for = {};
    std::function<void()> on_stored = {};
    // Seals what is stored to the receiving team (server/team_box.hpp);
    // shared by every worker thread, and safe for that.
    std::shared_ptr<team_sealer> team_boxes = std::make_shared<team_sealer>();
};

// Everything but storing, with no I/O, safe on any thread: open, check,
// replay, re-seal to the team, sign a receipt. Either a row to store or the
// answer that refuses the envelope.
using verification = std::variant<http_answer, stored_submission>;
verification verify_submission(const submission_context& ctx, const std::string& envelope);

// Stores verified rows in one transaction (group commit) and answers each:
// 201 with its receipt, 200 with the original receipt for a repeat, 409 for
// an id reused with other content, 503 when the store failed. A stored row's
// receipt moves into its answer.
std::vector<http_answer> store_submissions(store& db, const keyring& keys, std::vector<stored_submission>& rows);

// Both, for one envelope.
http_answer accept_submission(submission_context& ctx, const std::string& envelope);

// A reference a person can read out on the phone: FD-XXXX-XXXX in Crockford
// base32 (no I, L, O or U), 40 random bits.
std::string make_reference();
// Today in UTC, in days since 1970-01-01 (what the engine's today() needs).
std::int64_t utc_today();

}  // namespace frontdesk::server
