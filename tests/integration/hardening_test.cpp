// The real server against clients that misbehave: slow, greedy, ambiguous,
// or caught in a shutdown.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "server/http_client.hpp"
#include "tests/support/raw_client.hpp"
#include "tests/support/server_fixture.hpp"
#include "tests/support/server_process.hpp"

using namespace frontdesk;
using namespace std::chrono_literals;

namespace {

// A server started with the given config settings (JSON members).
struct configured_server {
    testing::temp_dir dir;
    std::string data = dir.str() + "/data";
    std::unique_ptr<testing::server_process> process;

    explicit configured_server(const std::string& settings) {
        std::filesystem::create_directories(dir.str() + "/web");
        const std::string config = dir.str() + "/frontdesk.json";
        std::ofstream(config) << "{" << settings << "}";
        process = std::make_unique<testing::server_process>(data, dir.str() + "/web",
                                                            std::vector<std::string>{"--config", config});
    }
    std::uint16_t port() const { return process->port(); }
};

bool healthy(std::uint16_t port) {
    auto reply = server::http_call("127.0.0.1", port, "GET", "/healthz");
    return reply && reply->status == 200;
}

}  // namespace

TEST_CASE("a client that trickles its request head is cut off, and others are served meanwhile") {
    configured_server srv(R"("read_timeout_seconds": 2)");
    testing::raw_client slow(srv.port());
    REQUIRE(slow.connected());
    REQUIRE(slow.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
    const auto started = std::chrono::steady_clock::now();
    bool closed = false;
    // Keep trickling header bytes, as a slowloris client does, and check that
    // a well-behaved client is served all the while.
    for (int i = 0; i < 12 && !closed; ++i) {
        closed = !slow.send("X");
        CHECK(healthy(srv.port()));
        (void)slow.read_until_closed(400ms, closed);
    }
    if (!closed) (void)slow.read_until_closed(5s, closed);
    CHECK_MESSAGE(closed, "the server kept a trickling connection open");
    CHECK(std::chrono::steady_clock::now() - started < 10s);
    CHECK(healthy(srv.port()));
}

TEST_CASE("Content-Length together with Transfer-Encoding is refused and the connection closed") {
    configured_server srv("");
    testing::raw_client c(srv.port());
    REQUIRE(c.connected());
    REQUIRE(c.send("POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
    bool closed = false;
    const std::string answer = c.read_until_closed(5s, closed);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(closed);
}

TEST_CASE("beyond the connection cap a new connection gets 503 and is closed") {
    configured_server srv(R"("max_connections": 3)");
    std::vector<std::unique_ptr<testing::raw_client>> idle;
    for (int i = 0; i < 3; ++i) {
        idle.push_back(std::make_unique<testing::raw_client>(srv.port()));
        REQUIRE(idle.back()->connected());
    }
    std::this_thread::sleep_for(200ms);  // let the server accept them
    testing::raw_client extra(srv.port());
    REQUIRE(extra.connected());
    REQUIRE(extra.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    bool closed = false;
    const std::string answer = extra.read_until_closed(5s, closed);
    CHECK(answer.rfind("HTTP/1.1 503", 0) == 0);
    CHECK(answer.find("Retry-After") != std::string::npos);
    idle.clear();
    std::this_thread::sleep_for(200ms);
    CHECK(healthy(srv.port()));
}

TEST_CASE("one address sending too many reports is told to wait (429 with Retry-After)") {
    configured_server srv(R"("submissions_per_minute": 60, "submission_burst": 3)");
    std::vector<unsigned> statuses;
    for (int i = 0; i < 5; ++i) {
        auto reply = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", "{}");
        REQUIRE(reply);
        statuses.push_back(reply->status);
    }
    CHECK(statuses == std::vector<unsigned>{400, 400, 400, 429, 429});
    // Other routes are not limited.
    CHECK(healthy(srv.port()));
}

TEST_CASE("on SIGTERM a request already being sent is finished, then the server exits cleanly") {
    configured_server srv("");
    testing::raw_client c(srv.port());
    REQUIRE(c.connected());
    const std::string body = "{\"v\":1}";
    REQUIRE(c.send("POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n"));
    std::this_thread::sleep_for(300ms);  // the head has been read: the request is in flight
    REQUIRE(kill(srv.process->pid(), SIGTERM) == 0);
    std::this_thread::sleep_for(300ms);
    REQUIRE(c.send(body));
    bool closed = false;
    const std::string answer = c.read_until_closed(5s, closed);
    CHECK(answer.rfind("HTTP/1.1 400", 0) == 0);  // answered, not dropped
    CHECK(answer.find("malformed-envelope") != std::string::npos);
    CHECK(closed);
    CHECK(srv.process->stop() == 0);
}

TEST_CASE("GET /metrics counts requests, rejections and stored reports") {
    configured_server srv("");
    REQUIRE(healthy(srv.port()));
    auto bad = server::http_call("127.0.0.1", srv.port(), "POST", "/api/submissions", "not json");
    REQUIRE(bad);
    auto reply = server::http_call("127.0.0.1", srv.port(), "GET", "/metrics");
    REQUIRE(reply);
    CHECK(reply->status == 200);
    CHECK(reply->content_type.rfind("text/plain", 0) == 0);
    CHECK(reply->body.find("frontdesk_http_requests_total{route=\"/healthz\",status=\"200\"} 1") != std::string::npos);
    CHECK(reply->body.find("frontdesk_rejections_total{reason=\"malformed-envelope\"} 1") != std::string::npos);
    CHECK(reply->body.find("frontdesk_http_request_duration_seconds_bucket{route=\"/api/submissions\",le=\"+Inf\"} 1") !=
          std::string::npos);
    CHECK(reply->body.find("frontdesk_connections_open") != std::string::npos);
}
