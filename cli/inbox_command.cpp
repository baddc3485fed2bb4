#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "engine/envelope.hpp"
#include "server/keyring.hpp"
#include "server/store.hpp"
#include "server/team_box.hpp"

namespace frontdesk::cli {
namespace {

int fail(const error& e) {
    std::cerr << "frontdesk inbox: " << (e.where.empty() ? "" : e.where + ": ") << e.message << "\n";
    return 1;
}

// Opened content is the public's words and files: readable by its owner only.
bool write_private_file(const std::string& dir, const std::string& name, const std::string& content) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const int fd = ::open((dir + "/" + name).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    return ::close(fd) == 0 && written;
}

}  // namespace

// Opens a team's queue with the team's own secret key and prints one JSON
// line per report, urgent first. The server cannot do this: it only ever
// holds the team's public key.
int inbox_command(const arguments& args) {
    auto options = parse_options(args, {"data", "team", "key", "attachments-dir"});
    if (!options || !options->positional.empty() || !options->has("team") || !options->has("key")) {
        std::cerr << "usage: frontdesk inbox --team TEAM --key TEAM.secret [--data DIR] [--attachments-dir DIR]\n";
        return 2;
    }
    auto secret = server::read_team_secret(options->get("key"));
    if (!secret) return fail(secret.err());
    box_public_key pk{};
    if (crypto_scalarmult_base(pk.data(), secret->data()) != 0) {
        sodium_memzero(secret->data(), secret->size());
        return fail({options->get("key"), "is not a usable key"});
    }
    const std::string data = options->has("data") ? options->get("data") : std::string("var");
    auto db = server::store::open(data + "/frontdesk.sqlite3");
    if (!db) return fail(db.err());
    auto queue = (*db)->queue_for_team(options->get("team"));
    if (!queue) return fail(queue.err());

    const std::string attachments_dir = options->has("attachments-dir") ? options->get("attachments-dir") : "";
    int unreadable = 0;
    for (const auto& row : *queue) {
        nlohmann::json line;
        line["reference"] = row.reference;
        line["received_at"] = row.received_at;
        line["urgency"] = row.urgency;
        line["form"] = row.form_id;
        if (row.team_key_id != key_id_of(pk)) {
            line["error"] = "sealed to another key of this team (" + row.team_key_id + ")";
            ++unreadable;
            std::cout << line.dump() << "\n";
            continue;
        }
        auto opened = server::open_team_box(row.sealed_report, *secret, largest_report_bucket);
        if (!opened) {
            line["error"] = opened.err().message;
            ++unreadable;
        } else {
            line["report"] = nlohmann::json::parse(*opened, nullptr, false);
            sodium_memzero(opened->data(), opened->size());
        }
        line["attachments"] = nlohmann::json::array();
        for (const auto& a : row.attachments) {
            auto content = server::open_team_box(a.sealed, *secret, largest_attachment_bucket);
            if (!content) {
                ++unreadable;
                continue;
            }
            line["attachments"].push_back({{"hash", a.hash}, {"size", content->size()}});
            if (!attachments_dir.empty() && !write_private_file(attachments_dir, a.hash, *content)) {
                line["error"] = "cannot write attachment " + a.hash;
                ++unreadable;
            }
            sodium_memzero(content->data(), content->size());
        }
        std::cout << line.dump() << "\n";
    }
    sodium_memzero(secret->data(), secret->size());
    std::cerr << "frontdesk inbox: " << queue->size() << " report(s) for " << options->get("team") << "\n";
    return unreadable == 0 ? 0 : 1;
}

}  // namespace frontdesk::cli
