// Brotli for what the server makes itself (the form images and the list of
// forms): the web app's own files come precompressed from the build, but the
// forms are compiled at start, and over a slow phone connection their bytes
// count as much as the app's (the size budget, docs/web-client.md).
#pragma once

#include <string>
#include <string_view>

namespace frontdesk::server {

// The brotli coding of `data` at the best compression (done once per form,
// at start), or "" if the encoder fails: the caller then sends it plain.
std::string brotli_compress(std::string_view data);

}  // namespace frontdesk::server
