#include "server/static_files.hpp"

#include <fstream>
#include <sstream>

namespace frontdesk::server {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Only plain names: letters, digits, '-', '_', '.', and '/' between parts;
// no "..", no hidden files, no backslashes or percent escapes.
bool is_safe_path(std::string_view path) {
    if (path.empty() || path.front() != '/' || path.size() > 200) return false;
    char previous = '\0';
    for (char c : path) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.' || c == '/';
        if (!ok) return false;
        if (c == '.' && previous == '/') return false;
        previous = c;
    }
    return true;
}

}  // namespace

std::string mime_type_of(std::string_view path) {
    if (ends_with(path, ".html")) return "text/html; charset=utf-8";
    if (ends_with(path, ".js") || ends_with(path, ".mjs")) return "text/javascript; charset=utf-8";
    if (ends_with(path, ".css")) return "text/css; charset=utf-8";
    if (ends_with(path, ".wasm")) return "application/wasm";
    if (ends_with(path, ".json")) return "application/json";
    if (ends_with(path, ".webmanifest")) return "application/manifest+json";
    if (ends_with(path, ".svg")) return "image/svg+xml";
    if (ends_with(path, ".png")) return "image/png";
    if (ends_with(path, ".ico")) return "image/x-icon";
    return "application/octet-stream";
}

std::optional<static_file> read_static_file(const std::string& web_root, std::string_view target) {
    const std::string_view path = target == "/" ? std::string_view("/index.html") : target;
    if (!is_safe_path(path) || path.back() == '/') return std::nullopt;
    std::ifstream in(web_root + std::string(path), std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream body;
    body << in.rdbuf();
    if (in.bad()) return std::nullopt;
    // Until file names carry content hashes, every file is revalidated so an
    // update is never hidden behind a stale cache.
    return static_file{body.str(), mime_type_of(path), "no-cache"};
}

}  // namespace frontdesk::server
