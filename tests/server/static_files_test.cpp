#include "server/static_files.hpp"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/server_fixture.hpp"

using namespace frontdesk;

TEST_CASE("files are served from the web root with their MIME type") {
    testing::temp_dir dir;
    std::ofstream(dir.path() / "index.html") << "<!doctype html>";
    std::ofstream(dir.path() / "engine.wasm") << "wasm";
    auto index = server::read_static_file(dir.str(), "/");
    REQUIRE(index);
    CHECK(index->body == "<!doctype html>");
    CHECK(index->content_type == "text/html; charset=utf-8");
    CHECK(server::read_static_file(dir.str(), "/engine.wasm")->content_type == "application/wasm");
    CHECK(server::mime_type_of("/a.js") == "text/javascript; charset=utf-8");
}

TEST_CASE("no path escapes the web root or reaches hidden files") {
    testing::temp_dir dir;
    std::filesystem::create_directories(dir.path() / "web");
    std::ofstream(dir.path() / "secret.txt") << "secret";
    std::ofstream(dir.path() / "web" / ".env") << "secret";
    const std::string root = dir.str() + "/web";
    for (const char* bad : {"/../secret.txt", "/..", "/.env", "//../secret.txt", "/%2e%2e/secret.txt", "/a\\..\\b",
                            "", "relative", "/missing.js", "/web/"}) {
        CHECK_MESSAGE(!server::read_static_file(root, bad), bad);
    }
}

TEST_CASE("a precompressed copy is served when the browser accepts its coding, brotli first") {
    testing::temp_dir dir;
    std::ofstream(dir.path() / "app.0123456789ab.js") << "plain";
    std::ofstream(dir.path() / "app.0123456789ab.js.br") << "brotli";
    std::ofstream(dir.path() / "app.0123456789ab.js.gz") << "gzip";
    const std::string root = dir.str();
    auto br = server::read_static_file(root, "/app.0123456789ab.js", "gzip, deflate, br");
    REQUIRE(br);
    CHECK(br->body == "brotli");
    CHECK(br->content_encoding == "br");
    CHECK(br->varies_by_encoding);
    CHECK(br->content_type == "text/javascript; charset=utf-8");
    auto gz = server::read_static_file(root, "/app.0123456789ab.js", "gzip;q=0.8, br;q=0");
    REQUIRE(gz);
    CHECK(gz->body == "gzip");
    CHECK(gz->content_encoding == "gzip");
    auto plain = server::read_static_file(root, "/app.0123456789ab.js", "identity");
    REQUIRE(plain);
    CHECK(plain->body == "plain");
    CHECK(plain->content_encoding.empty());
    CHECK(plain->varies_by_encoding);
    CHECK(server::read_static_file(root, "/app.0123456789ab.js")->body == "plain");
    // The compressed copies are not addresses of their own.
    CHECK(!server::read_static_file(root, "/app.0123456789ab.js.br", "br"));
    CHECK(!server::read_static_file(root, "/app.0123456789ab.js.gz", "gzip"));
}

TEST_CASE("a file without compressed copies does not vary by encoding") {
    testing::temp_dir dir;
    std::ofstream(dir.path() / "sw.js") << "sw";
    auto sw = server::read_static_file(dir.str(), "/sw.js", "br");
    REQUIRE(sw);
    CHECK(sw->body == "sw");
    CHECK(sw->content_encoding.empty());
    CHECK(!sw->varies_by_encoding);
}

TEST_CASE("Accept-Encoding is read with its q-values") {
    CHECK(server::accepts_encoding("br", "br"));
    CHECK(server::accepts_encoding("gzip, deflate, br, zstd", "br"));
    CHECK(server::accepts_encoding(" BR ;q=0.5", "br"));
    CHECK(server::accepts_encoding("*", "gzip"));
    CHECK(!server::accepts_encoding("", "br"));
    CHECK(!server::accepts_encoding("gzip", "br"));
    CHECK(!server::accepts_encoding("br;q=0", "br"));
    CHECK(!server::accepts_encoding("br;q=0.000, gzip", "br"));
    CHECK(!server::accepts_encoding("brotli", "br"));
}

TEST_CASE("content-hashed names are cached for a year, the rest is revalidated") {
    constexpr const char* forever = "public, max-age=31536000, immutable";
    CHECK(server::cache_control_of("/app.0123456789ab.js") == forever);
    CHECK(server::cache_control_of("/frontdesk-engine.0123456789abcdef.wasm") == forever);
    CHECK(server::cache_control_of("/style.0123456789ab.css") == forever);
    CHECK(server::cache_control_of("/index.html") == "no-cache");
    CHECK(server::cache_control_of("/sw.js") == "no-cache");
    CHECK(server::cache_control_of("/app.js") == "no-cache");
    CHECK(server::cache_control_of("/app.0123.js") == "no-cache");           // too short to be a hash
    CHECK(server::cache_control_of("/app.0123456789AB.js") == "no-cache");   // the build writes lowercase
    CHECK(server::cache_control_of("/0123456789abcdef.js") == "no-cache");
}
