// How `frontdesk serve` is set up: defaults that run out of the box, then a
// JSON config file, then command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <string>

#include "engine/result.hpp"

namespace frontdesk::server {

struct config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;         // 0 asks the system for a free port
    std::string data_dir = "var";      // keys/, frontdesk.sqlite3
    std::string web_root = "build/web";
    std::string forms_dir = "forms";
    std::size_t max_submission_bytes = 16 * 1024 * 1024;  // a report and up to 10 sealed attachments
    std::size_t max_other_body_bytes = 16 * 1024;
    std::size_t max_header_bytes = 8 * 1024;
    int read_timeout_seconds = 30;
    // Out of the box the server makes any key it lacks, including team key
    // pairs whose secret halves it writes to DATA/team-keys/. A real
    // deployment turns this off: team secrets belong to the teams.
    bool development_keys = true;
};

// Reads a config file: {"address", "port", "data", "web", "forms", "development_keys"};
// unknown keys are errors.
result<config> load_config_file(const std::string& path, config base);

}  // namespace frontdesk::server
