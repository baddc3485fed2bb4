// Accepting a sealed submission: open it, replay the answers through the
// engine, recompute the route, dedupe, re-seal to the receiving team, store,
// and sign a receipt. The client's own verdict and route are never trusted.
#pragma once

#include <functional>
#include <string>

#include "server/form_catalog.hpp"
#include "server/keyring.hpp"
#include "server/problem.hpp"
#include "server/store.hpp"

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
};

// 201 with the receipt for a new report; 200 with the original receipt for a
// repeat of one already stored; a problem otherwise.
http_answer accept_submission(submission_context& ctx, const std::string& envelope);

// A reference a person can read out on the phone: FD-XXXX-XXXX in Crockford
// base32 (no I, L, O or U), 40 random bits.
std::string make_reference();

}  // namespace frontdesk::server
