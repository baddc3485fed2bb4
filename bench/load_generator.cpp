// frontdesk-load: the server's throughput beside the ceilings of this machine,
// measured in the same run (bench/server.sh drives it).
//
//   frontdesk-load submissions --port P --form F --connections C --count N [--rate R]
//       sealed reports (sealed before the clock starts), C keep-alive connections;
//       closed loop, or open loop at R per second with latency measured from each
//       request's scheduled time (no coordinated omission)
//   frontdesk-load http --port P --connections C --count N     GET /healthz: HTTP alone
//   frontdesk-load open --count N                              crypto_box_seal_open of 4 KiB alone
//   frontdesk-load sqlite --dir D --count N --batch B          durable inserts alone, B per transaction
//   frontdesk-load store --dir D --count N [--batch B]         the real store growing to N reports, B per
//                                                              commit (256): insert rate, bytes per report,
//                                                              dedupe lookup time
//
// Each prints one Markdown table row: what, count, seconds, per second, p50 ms, p99 ms.
#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/envelope.hpp"
#include "engine/form_json.hpp"
#include "engine/report.hpp"
#include "server/store.hpp"
#include "server/submission_client.hpp"

namespace {

using namespace frontdesk;
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using clock_type = std::chrono::steady_clock;

// This process's CPU time so far (user + system, every thread), in
// microseconds, and how many times its threads were switched out.
struct usage_so_far {
    double cpu_micros = 0;
    double switches = 0;
};
usage_so_far usage_now() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto micros = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec); };
    return {micros(usage.ru_utime) + micros(usage.ru_stime), static_cast<double>(usage.ru_nvcsw + usage.ru_nivcsw)};
}

std::map<std::string, std::string> options_from(int argc, char** argv) {
    std::map<std::string, std::string> options;
    for (int i = 2; i + 1 < argc; i += 2) options[std::string(argv[i]).substr(2)] = argv[i + 1];
    return options;
}

std::size_t number(const std::map<std::string, std::string>& o, const std::string& key, std::size_t fallback) {
    const auto it = o.find(key);
    return it == o.end() ? fallback : std::stoul(it->second);
}

void print_row(const std::string& what, std::size_t count, double seconds, std::vector<double> latencies_ms) {
    double p50 = 0;
    double p99 = 0;
    if (!latencies_ms.empty()) {
        std::sort(latencies_ms.begin(), latencies_ms.end());
        p50 = latencies_ms[latencies_ms.size() / 2];
        p99 = latencies_ms[std::min(latencies_ms.size() - 1, latencies_ms.size() * 99 / 100)];
    }
    std::printf("| %s | %zu | %.2f | %.0f | %s | %s |\n", what.c_str(), count, seconds, static_cast<double>(count) / seconds,
                latencies_ms.empty() ? "–" : std::to_string(p50).substr(0, 5).c_str(),
                latencies_ms.empty() ? "–" : std::to_string(p99).substr(0, 5).c_str());
}

// Sends `bodies` over `connections` keep-alive HTTP/1.1 connections; with
// rate > 0, request k is due at start + k / rate and its latency counts from
// then (no coordinated omission), else each connection sends its next
// request as soon as the last one's answer is in. Returns false, printing no
// row, when any answer has another status than `expected_status`: refused
// requests are quick, and counting them would overstate the rate.
//
// One thread drives every connection (asynchronous I/O): the generator
// shares the two cores with the server, and a thread per connection, each
// woken for its own answer, cost the server a preemption for most of them.
class driver {
public:
    driver(std::uint16_t port, std::size_t connections, http::verb method, std::string target,
           const std::vector<std::string>& bodies, double rate)
        : endpoint_(net::ip::make_address("127.0.0.1"), port), method_(method), target_(std::move(target)), bodies_(bodies),
          rate_(rate) {
        for (std::size_t c = 0; c < connections; ++c) {
            clients_.push_back(std::make_unique<client>(io_));
            clients_.back()->stream.connect(endpoint_);
        }
    }

    void run() {
        start_ = clock_type::now() + std::chrono::milliseconds(100);
        for (auto& c : clients_) take_next(*c);
        io_.run();
        seconds_ = std::chrono::duration<double>(clock_type::now() - start_).count();
    }

    double seconds() const { return seconds_; }
    const std::vector<double>& latencies() const { return latencies_; }
    const std::map<unsigned, std::size_t>& statuses() const { return statuses_; }

private:
    struct client {
        explicit client(net::io_context& io) : stream(io), timer(io) {}
        beast::tcp_stream stream;
        net::steady_timer timer;
        beast::flat_buffer buffer;
        http::request<http::span_body<const char>> req;
        http::response<http::string_body> res;
        clock_type::time_point due{};
        bool retried = false;
    };

    void take_next(client& c) {
        if (next_ >= bodies_.size()) return;  // this connection is done; io_.run() returns when all are
        const std::size_t k = next_++;
        c.req = {method_, target_, 11};
        c.req.set(http::field::host, "127.0.0.1");
        if (!bodies_[k].empty()) c.req.set(http::field::content_type, "application/json");
        c.req.body() = {bodies_[k].data(), bodies_[k].size()};
        c.req.prepare_payload();
        c.req.keep_alive(true);
        c.retried = false;
        // Everyone starts together, when the clock does; at a fixed rate, each request when it is due.
        c.due = rate_ > 0 ? start_ + std::chrono::duration_cast<clock_type::duration>(
                                         std::chrono::duration<double>(static_cast<double>(k) / rate_))
                          : start_;
        if (clock_type::now() >= c.due) {
            if (rate_ <= 0) c.due = clock_type::now();
            return send(c);
        }
        c.timer.expires_at(c.due);
        c.timer.async_wait([this, &c](beast::error_code) {
            if (rate_ <= 0) c.due = clock_type::now();
            send(c);
        });
    }

    void send(client& c) {
        http::async_write(c.stream, c.req, [this, &c](beast::error_code ec, std::size_t) {
            if (ec) return failed(c);
            c.res = {};
            http::async_read(c.stream, c.buffer, c.res, [this, &c](beast::error_code read_ec, std::size_t) {
                if (read_ec) return failed(c);
                ++statuses_[c.res.result_int()];
                latencies_.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - c.due).count());
                take_next(c);
            });
        });
    }

    // The server closes a connection after max_requests_per_connection
    // answers: connect again and send the same request once more.
    void failed(client& c) {
        beast::error_code ignored;
        c.stream.socket().close(ignored);
        c.buffer.clear();
        if (c.retried) {
            ++statuses_[0];  // no answer at all
            return take_next(c);
        }
        c.retried = true;
        c.stream.async_connect(endpoint_, [this, &c](beast::error_code ec) {
            if (ec) {
                ++statuses_[0];
                return;
            }
            send(c);
        });
    }

    net::io_context io_{1};
    net::ip::tcp::endpoint endpoint_;
    http::verb method_;
    std::string target_;
    const std::vector<std::string>& bodies_;
    double rate_;
    std::vector<std::unique_ptr<client>> clients_;
    std::size_t next_ = 0;
    clock_type::time_point start_{};
    double seconds_ = 0;
    std::vector<double> latencies_;
    std::map<unsigned, std::size_t> statuses_;
};

bool drive(const std::string& what, std::uint16_t port, std::size_t connections, http::verb method, const std::string& target,
           const std::vector<std::string>& bodies, double rate, unsigned expected_status) {
    const usage_so_far before = usage_now();
    driver d(port, connections, method, target, bodies, rate);
    d.run();
    // The generator shares the cores with the server: what it costs itself
    // per request says how much of the machine the server was left.
    const usage_so_far after = usage_now();
    const auto requests = static_cast<double>(bodies.size());
    std::fprintf(stderr, "load generator per request: %.0f µs CPU (user + system), %.2f context switches\n",
                 (after.cpu_micros - before.cpu_micros) / requests, (after.switches - before.switches) / requests);
    bool all_expected = true;
    for (auto [s, n] : d.statuses()) {
        if (s == expected_status) continue;
        std::cerr << what << ": " << n << " answers with status " << s << ", not " << expected_status << "\n";
        all_expected = false;
    }
    if (all_expected) print_row(what, bodies.size(), d.seconds(), d.latencies());
    return all_expected;
}

int submissions(const std::map<std::string, std::string>& o) {
    const auto port = static_cast<std::uint16_t>(number(o, "port", 8080));
    const std::size_t count = number(o, "count", 10000);
    const std::size_t connections = number(o, "connections", 16);
    const double rate = static_cast<double>(number(o, "rate", 0));
    std::ifstream in(o.at("form"));
    std::stringstream text;
    text << in.rdbuf();
    auto loaded = load_form_json(text.str());
    if (!loaded.loaded) return std::cerr << "cannot load the form\n", 2;
    auto keys = server::fetch_public_keys("127.0.0.1", port);
    if (!keys) return std::cerr << "cannot fetch keys: " << keys.err().message << "\n", 2;

    // Seal everything first, on every core, so that sealing does not compete
    // with the server while the clock runs.
    std::vector<std::string> bodies(count);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> unsealed{0};
    std::vector<std::thread> sealers;
    for (unsigned t = 0; t < std::max(1U, std::thread::hardware_concurrency()); ++t) {
        sealers.emplace_back([&] {
            for (std::size_t k = next++; k < count; k = next++) {
                std::string story(3500, 'a');
                for (std::size_t i = 0; i < story.size(); ++i) story[i] = static_cast<char>('a' + (k * 7 + i * 13) % 26);
                const std::map<std::string, std::string> answers{{"kind", k % 2 ? "theft" : "damage"},
                                                                 {"story", story},
                                                                 {"postcode", "SW1A 2JR"}};
                auto sealed = server::seal_answers(*loaded.loaded, answers, server::new_submission_id(), keys->sealing);
                if (sealed) bodies[k] = std::move(sealed->json);
                else ++unsealed;
            }
        });
    }
    for (auto& t : sealers) t.join();
    if (unsealed > 0) return std::cerr << unsealed << " reports could not be sealed\n", 2;
    std::ostringstream what;
    what << "sealed 4 KiB submissions, " << connections << " connections" << (rate > 0 ? ", offered " : "")
         << (rate > 0 ? std::to_string(static_cast<int>(rate)) + "/s" : "");
    return drive(what.str(), port, connections, http::verb::post, "/api/submissions", bodies, rate, 201) ? 0 : 1;
}

int http_alone(const std::map<std::string, std::string>& o) {
    const std::vector<std::string> bodies(number(o, "count", 20000));
    return drive("HTTP alone: GET /healthz, " + std::to_string(number(o, "connections", 16)) + " connections",
                 static_cast<std::uint16_t>(number(o, "port", 8080)), number(o, "connections", 16), http::verb::get, "/healthz",
                 bodies, 0, 200)
               ? 0
               : 1;
}

int open_alone(const std::map<std::string, std::string>& o) {
    const std::size_t count = number(o, "count", 20000);
    box_public_key pk{};
    box_secret_key sk{};
    if (crypto_box_keypair(pk.data(), sk.data()) != 0) return 2;
    auto sealed = seal_padded(std::string(3600, 'x'), pk, largest_report_bucket);
    if (!sealed) return 2;
    const auto start = clock_type::now();
    for (std::size_t i = 0; i < count; ++i) {
        if (!open_padded(*sealed, pk, sk, largest_report_bucket)) return 2;
    }
    print_row("crypto_box_seal_open alone, 4 KiB, one core", count,
              std::chrono::duration<double>(clock_type::now() - start).count(), {});
    return 0;
}

int sqlite_alone(const std::map<std::string, std::string>& o) {
    const std::size_t count = number(o, "count", 20000);
    const std::size_t batch = number(o, "batch", 100);
    const std::string path = o.at("dir") + "/ceiling.sqlite3";
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 2;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                     "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?1)", -1, &st, nullptr);
    const std::vector<unsigned char> body(4096 + 48, 0x5a);
    const auto start = clock_type::now();
    for (std::size_t i = 0; i < count; i += batch) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (std::size_t j = i; j < std::min(count, i + batch); ++j) {
            sqlite3_bind_blob(st, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE) return 2;
            sqlite3_reset(st);
        }
        if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return 2;
    }
    print_row("SQLite alone: 4 KiB rows, WAL, synchronous=FULL, " + std::to_string(batch) + " per commit", count,
              std::chrono::duration<double>(clock_type::now() - start).count(), {});
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}

// Grows the real store (server/store.cpp, group commit of 256 or --batch) to `count`
// reports of 4 KiB, and reports at each tenfold size how fast inserts still
// go, what a report costs on disk, and how long a dedupe lookup takes.
int store_growth(const std::map<std::string, std::string>& o) {
    const std::size_t count = number(o, "count", 100000);
    const std::size_t batch_size = number(o, "batch", 256);
    const std::string path = o.at("dir") + "/growth.sqlite3";
    auto db = server::store::open(path);
    if (!db) return std::cerr << db.err().message << "\n", 2;
    server::stored_submission row;
    row.content_hash = std::string(64, 'c');
    row.envelope_hash = std::string(64, 'e');
    row.form_id = "load-test";
    row.form_version = std::string(32, 'v');
    row.team = "property-crime";
    row.urgency = "standard";
    row.received_at = "2026-11-28T09:15:02Z";
    row.team_key_id = std::string(16, 'k');
    row.sealed_report = bytes(4096 + crypto_box_SEALBYTES, 0x5a);
    row.receipt_json = std::string(300, 'r');
    std::size_t stored = 0;
    std::size_t next_report = 10000;
    auto batch_start = clock_type::now();
    std::size_t batch_first = 0;
    while (stored < count) {
        std::vector<server::stored_submission> batch;
        for (std::size_t i = 0; i < batch_size && stored + i < count; ++i) {
            row.reference = "FD-" + std::to_string(stored + i);
            row.submission_id = to_hex(reinterpret_cast<const unsigned char*>(&stored), sizeof stored) + std::to_string(i);
            batch.push_back(row);
        }
        for (const auto& outcome : (*db)->insert_batch(batch)) {
            if (outcome.result != server::insert_result::stored) return std::cerr << "an insert failed\n", 2;
        }
        stored += batch.size();
        if (stored >= next_report || stored == count) {
            const double seconds = std::chrono::duration<double>(clock_type::now() - batch_start).count();
            const auto look_start = clock_type::now();
            for (int i = 0; i < 1000; ++i) {
                if (!(*db)->find_by_submission_id("0000000000000000" + std::to_string(i))) return 2;
            }
            const double lookup_us = std::chrono::duration<double, std::micro>(clock_type::now() - look_start).count() / 1000;
            (void)(*db)->count();
            std::error_code ec;
            const auto size = std::filesystem::file_size(path, ec) + std::filesystem::file_size(path + "-wal", ec);
            std::printf("| store with %zu reports | %.0f inserts/s (last %zu) | %.0f bytes a report | dedupe lookup %.1f µs |\n",
                        stored, static_cast<double>(stored - batch_first) / seconds, stored - batch_first,
                        static_cast<double>(size) / static_cast<double>(stored), lookup_us);
            batch_first = stored;
            batch_start = clock_type::now();
            next_report *= 10;
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || sodium_init() < 0) {
        std::cerr << "usage: frontdesk-load submissions|http|open|sqlite [--option value]…\n";
        return 2;
    }
    const std::string mode = argv[1];
    const auto o = options_from(argc, argv);
    try {
        if (mode == "submissions") return submissions(o);
        if (mode == "http") return http_alone(o);
        if (mode == "open") return open_alone(o);
        if (mode == "sqlite") return sqlite_alone(o);
        if (mode == "store") return store_growth(o);
    } catch (const std::exception& e) {  // a benchmark tool: report and stop
        std::cerr << "frontdesk-load: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "frontdesk-load: unknown mode " << mode << "\n";
    return 2;
}
