// Delivering stored reports to the sinks each team has (config.sinks): a
// spool folder (one file per report, written atomically) or a webhook
// (POSTed, signed with the server's Ed25519 receipt key and a timestamp).
// What is delivered is the team-sealed ciphertext and routing metadata, never
// a report in clear. A delivery is owed from the moment its report is stored
// (same transaction) and is retried with growing backoff until the sink
// acknowledges it, across restarts; urgent reports go first.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/config.hpp"
#include "server/keyring.hpp"
#include "server/store.hpp"

namespace frontdesk::server {

// The sink ids a report for `team` must be delivered to.
std::vector<std::string> sinks_for_team(const config& settings, const std::string& team);

// The JSON a sink receives for one report.
std::string delivery_payload(const stored_submission& s);

// What a webhook signs, and what a receiver checks with the receipt public
// key: the X-Frontdesk-Timestamp header, a dot, and the body.
std::string webhook_signed_message(const std::string& timestamp, const std::string& body);

// Runs on a thread of its own, with its own connection to the store, so
// that reading reports, writing spool files and waiting on webhooks never
// holds up the network thread.
class delivery_worker {
public:
    delivery_worker(const keyring& keys, const config& settings);
    ~delivery_worker();
    delivery_worker(const delivery_worker&) = delete;
    delivery_worker& operator=(const delivery_worker&) = delete;

    // Opens the store at `db_path` and starts the thread (when there are sinks).
    status start(const std::string& db_path);
    // A report was just stored: look for work now rather than at the next tick.
    // Safe from any thread.
    void poke();
    void stop();

private:
    struct impl;
    std::unique_ptr<boost::asio::io_context> ioc_;
    std::unique_ptr<store> db_;
    std::shared_ptr<impl> impl_;
    std::thread thread_;
    const keyring& keys_;
    const config& settings_;
};

}  // namespace frontdesk::server
