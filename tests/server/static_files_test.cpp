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
