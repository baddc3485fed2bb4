#include "server/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace frontdesk::server {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
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

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream body;
    body << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return body.str();
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

std::string cache_control_of(std::string_view path) {
    // name.<12 or more lowercase hex digits>.ext, as the build writes them.
    const auto slash = path.rfind('/');
    const std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
    const auto last_dot = name.rfind('.');
    if (last_dot != std::string_view::npos && last_dot > 0) {
        const auto hash_dot = name.rfind('.', last_dot - 1);
        if (hash_dot != std::string_view::npos) {
            const std::string_view hash = name.substr(hash_dot + 1, last_dot - hash_dot - 1);
            bool hashed = hash.size() >= 12;
            for (char c : hash) hashed = hashed && is_hex(c);
            if (hashed) return "public, max-age=31536000, immutable";
        }
    }
    return "no-cache";
}

bool accepts_encoding(std::string_view header, std::string_view coding) {
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        const auto semicolon = item.find(';');
        const std::string_view name = trim(item.substr(0, semicolon));
        if (!iequals(name, coding) && name != "*") continue;
        if (semicolon == std::string_view::npos) return true;
        // Any q other than 0 (0, 0.0, 0.000) accepts it.
        std::string_view q = trim(item.substr(semicolon + 1));
        if (q.size() < 2 || lower(q[0]) != 'q' || q[1] != '=') return true;
        q.remove_prefix(2);
        for (char c : q) {
            if (c != '0' && c != '.') return true;
        }
        if (name != "*") return false;
    }
    return false;
}

std::optional<static_file> read_static_file(const std::string& web_root, std::string_view target,
                                            std::string_view accept_encoding) {
    const std::string_view path = target == "/" ? std::string_view("/index.html") : target;
    if (!is_safe_path(path) || path.back() == '/') return std::nullopt;
    // The compressed copies are served in place of their original only.
    if (ends_with(path, ".br") || ends_with(path, ".gz")) return std::nullopt;
    const std::string file = web_root + std::string(path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;

    static_file out{{}, mime_type_of(path), cache_control_of(path), {}, false};
    for (const auto& [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
        if (!std::filesystem::is_regular_file(file + suffix, ec)) continue;
        out.varies_by_encoding = true;
        if (!out.content_encoding.empty() || !accepts_encoding(accept_encoding, coding)) continue;
        if (auto compressed = read_file(file + suffix)) {
            out.body = std::move(*compressed);
            out.content_encoding = coding;
        }
    }
    if (out.content_encoding.empty()) {
        auto original = read_file(file);
        if (!original) return std::nullopt;
        out.body = std::move(*original);
    }
    return out;
}

}  // namespace frontdesk::server
