#include <charconv>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "server/keyring.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* usage =
    "usage: frontdesk keys init [--data DIR]                       make the missing sealing and receipt keys\n"
    "       frontdesk keys show [--data DIR]                       print the public keys and their ids\n"
    "       frontdesk keys rotate sealing [--window DAYS] [--data DIR]\n"
    "                                 new sealing key; the old one is accepted for DAYS more (default 30)\n"
    "       frontdesk keys rotate receipt [--data DIR]             new receipt signing key\n"
    "       frontdesk keys team TEAM --secret-out FILE [--data DIR]\n"
    "                                 a team's key pair: public half to the server, secret half to FILE\n";

int fail(const error& e) {
    std::cerr << "frontdesk keys: " << (e.where.empty() ? "" : e.where + ": ") << e.message << "\n";
    return 1;
}

// Public halves only, and the lifecycle of each: safe to paste anywhere.
int show(const std::string& dir) {
    auto ring = server::keyring::load(dir);
    if (!ring) return fail(ring.err());
    std::cout << ring->public_json() << "\n";
    for (const auto& k : ring->sealing_keys()) {
        std::cerr << "sealing " << k.key_id << " created " << k.created_at
                  << (k.retired_at.empty() ? " (current)" : " retired " + k.retired_at + ", accepted until " + k.accept_until)
                  << "\n";
    }
    std::cerr << "receipt " << ring->current_receipt().key_id << " (current)\n";
    for (const auto& [name, team] : ring->teams()) std::cerr << "team " << name << " " << team.key_id << "\n";
    return 0;
}

}  // namespace

int keys_command(const arguments& args) {
    auto options = parse_options(args, {"data", "window", "secret-out"});
    if (!options || options->positional.empty()) {
        std::cerr << usage;
        return 2;
    }
    const std::string dir = (options->has("data") ? options->get("data") : std::string("var")) + "/keys";
    const auto& words = options->positional;
    const std::string& action = words[0];

    if (action == "init" && words.size() == 1) {
        bool created = false;
        if (auto s = server::init_keys(dir, created); !s) return fail(s.err());
        std::cerr << (created ? "made the missing keys in " : "all keys present in ") << dir << "\n";
        return show(dir);
    }
    if (action == "show" && words.size() == 1) return show(dir);
    if (action == "rotate" && words.size() == 2 && words[1] == "sealing") {
        int days = server::default_retirement_window_days;
        if (options->has("window")) {
            const std::string& text = options->get("window");
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
            if (ec != std::errc{} || end != text.data() + text.size() || days < 0 || days > 3650) {
                return fail({"--window", "must be a number of days from 0 to 3650"});
            }
        }
        if (auto s = server::rotate_sealing_key(dir, days); !s) return fail(s.err());
        return show(dir);
    }
    if (action == "rotate" && words.size() == 2 && words[1] == "receipt") {
        if (auto s = server::rotate_receipt_key(dir); !s) return fail(s.err());
        return show(dir);
    }
    if (action == "team" && words.size() == 2) {
        if (!options->has("secret-out")) return fail({"--secret-out", "is required: where the team's secret key goes"});
        if (auto s = server::add_team_key(dir, words[1], options->get("secret-out")); !s) return fail(s.err());
        std::cerr << "made a key pair for team " << words[1] << "; give " << options->get("secret-out")
                  << " to the team and delete it here\n";
        return 0;
    }
    std::cerr << usage;
    return 2;
}

}  // namespace frontdesk::cli
