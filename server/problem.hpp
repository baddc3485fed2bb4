// Errors as application/problem+json (RFC 9457) with a stable type per reason.
#pragma once

#include <string>

namespace frontdesk::server {

struct http_answer {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::string reason;  // for a problem: the last part of its type, counted in /metrics
};

// `reason` becomes the type "/problems/<reason>"; clients branch on it.
http_answer problem(unsigned status, const std::string& reason, const std::string& title, const std::string& detail = {});

}  // namespace frontdesk::server
