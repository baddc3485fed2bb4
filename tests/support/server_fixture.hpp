// A server's parts, in memory and in a temporary folder, for tests that need
// no network: keys, the shipped forms, and a real SQLite store.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "server/form_catalog.hpp"
#include "server/keyring.hpp"
#include "server/request_handler.hpp"
#include "server/store.hpp"
#include "server/submissions.hpp"

namespace frontdesk::testing {

class temp_dir {
public:
    temp_dir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("frontdesk-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

struct server_fixture {
    temp_dir dir;
    std::string key_dir = dir.str() + "/keys";
    server::keyring keys;
    std::unique_ptr<server::form_catalog> forms;
    std::unique_ptr<server::store> db;
    std::unique_ptr<server::submission_context> submissions;
    server::metrics stats;
    std::unique_ptr<server::app> application;

    // The shipped forms, or those in `forms_dir`.
    explicit server_fixture(const std::string& forms_dir = std::string(FRONTDESK_SOURCE_DIR) + "/forms") {
        bool created = false;
        REQUIRE(server::init_keys(key_dir, created));
        auto catalog = server::form_catalog::load(forms_dir);
        REQUIRE(catalog);
        forms = std::make_unique<server::form_catalog>(std::move(*catalog));
        for (const auto& team : forms->teams()) REQUIRE(server::add_team_key(key_dir, team, team_secret_path(team)));
        reload_keys();
        auto opened = server::store::open(dir.str() + "/frontdesk.sqlite3");
        REQUIRE(opened);
        db = std::move(*opened);
        submissions.reset(new server::submission_context{*forms, keys, *db, [] { return std::string("2026-11-28T09:15:02Z"); }});
        server::config settings;
        settings.web_root = dir.str() + "/web";
        std::filesystem::create_directories(settings.web_root);
        application.reset(new server::app{settings, *submissions, keys.public_json(), stats});
    }

    std::string team_secret_path(const std::string& team) const { return dir.str() + "/" + team + ".secret"; }

    // After a rotation on disk: the context refers to `keys`, so it sees the change.
    void reload_keys() {
        auto loaded = server::keyring::load(key_dir);
        REQUIRE(loaded);
        keys = std::move(*loaded);
    }
};

}  // namespace frontdesk::testing
