// The web app's files, read from the web root. Paths are checked so that no
// request can reach outside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontdesk::server {

struct static_file {
    std::string body;
    std::string content_type;
    std::string cache_control;
};

// `target` is the request path without its query, e.g. "/app.js"; "/" is index.html.
std::optional<static_file> read_static_file(const std::string& web_root, std::string_view target);
std::string mime_type_of(std::string_view path);

}  // namespace frontdesk::server
