// The HTTP API as a pure function of the request: no sockets here, so it is
// tested without a network. The session in http_server.cpp only reads,
// calls this, and writes.
#pragma once

#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "server/config.hpp"
#include "server/metrics.hpp"
#include "server/start_views.hpp"
#include "server/submissions.hpp"

namespace frontdesk::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

class submission_pipeline;

struct app {
    config settings;
    submission_context& submissions;
    std::string keys_json;  // public keys only
    metrics& stats;
    // When set, submissions are verified off the network thread and stored
    // with group commit; otherwise handle_request does them in place.
    submission_pipeline* pipeline = nullptr;
    // Each form's first page before any answer, remade each day.
    start_view_cache start_views{};
};

// What the handler knows of the connection a request came on.
struct client_info {
    bool loopback = true;  // /metrics answers only on loopback
};

response handle_request(app& a, const request& req, const client_info& client = {});
// True for a request the pipeline should take: a POST of JSON to /api/submissions.
bool is_submission(const request& req);
// The response for a submission's answer, however it was reached.
response submission_response(app& a, const request& req, const http_answer& answer);
// The body limit for a request, decided from its head before the body is read.
std::size_t body_limit_for(const config& settings, const request& head);
// How long reading a body of `declared` bytes (its Content-Length; 0 when it
// has none) may take: read_timeout_seconds, or longer for a large body read
// at min_upload_bytes_per_second, so that a report with photos arrives over
// a slow connection while a slow client is still cut off.
std::chrono::seconds body_deadline_for(const config& settings, std::uint64_t declared);
// A response for a request the parser refused, e.g. 413 for a body over the limit.
response refusal(unsigned status, const std::string& reason, const std::string& title);

}  // namespace frontdesk::server
