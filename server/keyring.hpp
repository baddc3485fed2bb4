// The server's keys and their lifecycle. A key folder holds:
//
//   sealing/<key id>.public|.secret   X25519: the browser seals reports to the current one
//   receipt/<key id>.public|.secret   Ed25519: the current one signs receipts
//   teams/<team>.public               X25519: stored reports are re-sealed to their team;
//                                     the team's secret half never lives here
//   keyring.json                      which key is current, which are retired and until when
//                                     a retired sealing key is still accepted
//
// Rotation: several sealing keys may be accepted at once, so a report sealed
// offline days ago with an older key still opens; a retired key stops being
// accepted once its window ends. See docs/protocol.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk::server {

inline constexpr int default_retirement_window_days = 30;

struct sealing_key {
    std::string key_id;
    box_public_key public_key{};
    box_secret_key secret_key{};
    std::string created_at;
    std::string retired_at;    // empty while current
    std::string accept_until;  // empty while current

    sealing_key() = default;
    sealing_key(const sealing_key&) = default;
    sealing_key& operator=(const sealing_key&) = default;
    ~sealing_key();
};

struct receipt_key {
    std::string key_id;
    sign_public_key public_key{};
    sign_secret_key secret_key{};
    std::string created_at;

    receipt_key() = default;
    receipt_key(const receipt_key&) = default;
    receipt_key& operator=(const receipt_key&) = default;
    ~receipt_key();
};

struct team_key {
    std::string team;
    std::string key_id;
    box_public_key public_key{};
};

class keyring {
public:
    // Reads and checks a key folder: every secret matches its public half.
    static result<keyring> load(const std::string& dir);

    const sealing_key& current_sealing() const { return sealing_.back(); }
    // The key a report sealed to `key_id` opens with, when it is still accepted at `now`.
    const sealing_key* accepted_sealing(const std::string& key_id, const std::string& now) const;
    const std::vector<sealing_key>& sealing_keys() const { return sealing_; }
    const receipt_key& current_receipt() const { return receipt_; }
    const team_key* team(const std::string& name) const;
    const std::map<std::string, team_key>& teams() const { return teams_; }

    // {"receipt":{"key_id","public_key"},"sealing":{"key_id","public_key"}}: public halves only.
    std::string public_json() const;

private:
    std::vector<sealing_key> sealing_;  // oldest first; the last is current
    receipt_key receipt_;
    std::map<std::string, team_key> teams_;
};

// What `frontdesk keys` and `frontdesk serve` do to a key folder.
// Makes a current sealing and receipt pair if there is none; `created` says whether it did.
status init_keys(const std::string& dir, bool& created);
// A new current sealing key; the old one stays accepted for `window_days`.
status rotate_sealing_key(const std::string& dir, int window_days);
// A new current receipt key; receipts are only ever checked fresh, so the old one retires at once.
status rotate_receipt_key(const std::string& dir);
// Makes a team's pair: the public half goes into the folder, the secret half to `secret_path` (0600).
status add_team_key(const std::string& dir, const std::string& team, const std::string& secret_path);
// Reads a team's secret key file (for `frontdesk inbox`).
result<box_secret_key> read_team_secret(const std::string& path);

}  // namespace frontdesk::server
