// How `frontdesk serve` is set up: defaults that run out of the box, then a
// JSON config file, then command-line flags, each overriding the one before.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace frontdesk::server {

// Where a team's reports are delivered, besides the store. Every report
// stored for the team gets one delivery per sink, recorded in the same
// transaction, and is retried until the sink acknowledges it.
struct sink_config {
    std::string team;     // a team id, or "*" for every team
    std::string spool;    // a folder: one file per report, written atomically
    std::string webhook;  // an https:// (or, on a private network, http://) URL: POSTed, signed
    std::string ca_file;  // for https: PEM certificates to trust instead of the system's

    // A stable name for the sink, stored with each delivery.
    std::string id() const { return spool.empty() ? "webhook:" + webhook : "spool:" + spool; }
};

struct config {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;         // 0 asks the system for a free port
    std::string data_dir = "var";      // keys/, frontdesk.sqlite3
    std::string web_root = "build/web";
    std::string forms_dir = "forms";
    std::size_t max_submission_bytes = 16 * 1024 * 1024;  // a report and up to 10 sealed attachments
    std::size_t max_other_body_bytes = 16 * 1024;
    std::size_t max_header_bytes = 8 * 1024;
    int read_timeout_seconds = 30;           // for a whole request head, and again for its body
    // A large body (a report with photos) gets longer than read_timeout_seconds:
    // as long as it takes at this rate (16 KiB/s is a third of DevTools' "3G").
    std::size_t min_upload_bytes_per_second = 16 * 1024;
    std::size_t max_connections = 1024;      // beyond this, new connections get 503 and are closed
    std::size_t max_requests_per_connection = 1000;
    unsigned submissions_per_minute = 120;   // per client address; 0 turns the limit off
    unsigned submission_burst = 30;
    int shutdown_grace_seconds = 10;         // how long in-flight requests may take to finish
    // Out of the box the server makes any key it lacks, including team key
    // pairs whose secret halves it writes to DATA/team-keys/. A real
    // deployment turns this off: team secrets belong to the teams.
    bool development_keys = true;
    std::vector<sink_config> sinks;
    int delivery_retry_max_seconds = 300;  // the backoff between attempts grows to this and stays
};

// Reads a config file (docs/operations.md lists every setting); unknown keys
// and wrong types are errors.
result<config> load_config_file(const std::string& path, config base);

}  // namespace frontdesk::server
