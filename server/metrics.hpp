// Counters for GET /metrics, in Prometheus' text format. The server is
// single-threaded, so plain integers are enough.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>

namespace frontdesk::server {

class metrics {
public:
    // Upper bounds of the latency histogram, in seconds.
    static constexpr std::array<double, 10> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                            0.025,  0.05,  0.1,    0.25,  1.0};

    void count_request(const std::string& route, unsigned status, std::chrono::microseconds took);
    // `reason` is the last part of the problem type, e.g. "rejected-by-form".
    void count_rejection(const std::string& reason);
    void count_connection_refused(const std::string& why);
    void connection_opened() { ++connections_open_; }
    void connection_closed() { --connections_open_; }
    std::int64_t connections_open() const { return connections_open_; }

    // Gauges read at scrape time (queue depths), by name and label set.
    using gauge_source = std::function<std::map<std::string, std::int64_t>()>;
    void add_gauge(const std::string& name, const std::string& help, const std::string& label, gauge_source source);

    std::string text() const;

private:
    struct histogram {
        std::array<std::uint64_t, latency_buckets.size()> counts{};
        std::uint64_t total = 0;
        double sum_seconds = 0;
    };
    struct gauge {
        std::string help;
        std::string label;
        gauge_source source;
    };

    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::map<std::string, histogram> latencies_;
    std::map<std::string, std::uint64_t> rejections_;
    std::map<std::string, std::uint64_t> refused_connections_;
    std::int64_t connections_open_ = 0;
    std::map<std::string, gauge> gauges_;
};

// The route label for a request path: a fixed set, so that a scanner trying
// random paths cannot grow the metrics without bound.
std::string route_label(std::string_view path);

}  // namespace frontdesk::server
