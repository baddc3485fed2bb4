// The web app's files, read from the web root. Paths are checked so that no
// request can reach outside it. Files are served precompressed when the build
// left a .br or .gz beside them (wasm/assemble_web_root.mjs) and the browser
// accepts that coding; names that carry a content hash are cached for a year.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace frontdesk::server {

struct static_file {
    std::string body;
    std::string content_type;
    std::string cache_control;
    std::string content_encoding;      // "", "br" or "gzip": how `body` is coded
    bool varies_by_encoding = false;   // a compressed copy exists: answer with Vary: Accept-Encoding
};

// `target` is the request path without its query, e.g. "/app.js"; "/" is index.html.
// `accept_encoding` is the request's Accept-Encoding header, if any.
std::optional<static_file> read_static_file(const std::string& web_root, std::string_view target,
                                            std::string_view accept_encoding = {});
std::string mime_type_of(std::string_view path);
// "public, max-age=31536000, immutable" for content-hashed names (app.0123456789ab.js),
// "no-cache" for everything else (index.html, sw.js), so that an update is seen at once.
std::string cache_control_of(std::string_view path);
// Whether an Accept-Encoding header allows `coding` ("br", "gzip"); q=0 refuses it.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

}  // namespace frontdesk::server
