#include "server/metrics.hpp"

#include <sstream>

namespace frontdesk::server {

void metrics::count_request(const std::string& route, unsigned status, std::chrono::microseconds took) {
    ++requests_[{route, status}];
    histogram& h = latencies_[route];
    const double seconds = static_cast<double>(took.count()) / 1e6;
    for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
        if (seconds <= latency_buckets[i]) ++h.counts[i];
    }
    ++h.total;
    h.sum_seconds += seconds;
}

void metrics::count_rejection(const std::string& reason) { ++rejections_[reason]; }

void metrics::count_connection_refused(const std::string& why) { ++refused_connections_[why]; }

void metrics::add_gauge(const std::string& name, const std::string& help, const std::string& label, gauge_source source) {
    gauges_[name] = gauge{help, label, std::move(source)};
}

std::string metrics::text() const {
    std::ostringstream out;
    out << "# HELP frontdesk_http_requests_total HTTP requests answered, by route and status.\n"
           "# TYPE frontdesk_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "frontdesk_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
            << "\n";
    }
    out << "# HELP frontdesk_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE frontdesk_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latencies_) {
        for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
            out << "frontdesk_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << latency_buckets[i]
                << "\"} " << h.counts[i] << "\n";
        }
        out << "frontdesk_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.total << "\n";
        out << "frontdesk_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum_seconds << "\n";
        out << "frontdesk_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.total << "\n";
    }
    out << "# HELP frontdesk_rejections_total Requests refused, by the reason in their problem type.\n"
           "# TYPE frontdesk_rejections_total counter\n";
    for (const auto& [reason, count] : rejections_) {
        out << "frontdesk_rejections_total{reason=\"" << reason << "\"} " << count << "\n";
    }
    out << "# HELP frontdesk_connections_refused_total Connections refused before a request was read.\n"
           "# TYPE frontdesk_connections_refused_total counter\n";
    for (const auto& [why, count] : refused_connections_) {
        out << "frontdesk_connections_refused_total{reason=\"" << why << "\"} " << count << "\n";
    }
    out << "# HELP frontdesk_connections_open Connections open now.\n"
           "# TYPE frontdesk_connections_open gauge\n"
           "frontdesk_connections_open "
        << connections_open_ << "\n";
    for (const auto& [name, g] : gauges_) {
        out << "# HELP " << name << " " << g.help << "\n# TYPE " << name << " gauge\n";
        for (const auto& [value, count] : g.source()) {
            out << name << "{" << g.label << "=\"" << value << "\"} " << count << "\n";
        }
    }
    return out.str();
}

std::string route_label(std::string_view path) {
    if (path == "/api/submissions" || path == "/api/forms" || path == "/api/keys" || path == "/healthz" ||
        path == "/metrics") {
        return std::string(path);
    }
    if (path.substr(0, 11) == "/api/forms/") {
        return path.ends_with("/start") ? "/api/forms/{id}/start" : "/api/forms/{id}";
    }
    if (path.substr(0, 5) == "/api/") return "/api/other";
    return "static";
}

}  // namespace frontdesk::server
