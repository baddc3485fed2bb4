// A small synchronous HTTP/1.1 client over loopback or a LAN, for the
// `frontdesk submit` command and the integration tests.
#pragma once

#include <cstdint>
#include <string>

#include "engine/result.hpp"

namespace frontdesk::server {

struct http_reply {
    unsigned status = 0;
    std::string content_type;
    std::string body;
};

result<http_reply> http_call(const std::string& host, std::uint16_t port, const std::string& method,
                             const std::string& target, const std::string& body = {},
                             const std::string& content_type = "application/json");

}  // namespace frontdesk::server
