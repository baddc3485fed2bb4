// Memory for the bytes web/engine-client.js copies into a module (strings,
// form images, files) and out of it; in both wasm modules.
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" {

EMSCRIPTEN_KEEPALIVE std::uint8_t* fd_alloc(std::size_t n) { return static_cast<std::uint8_t*>(std::malloc(n)); }

EMSCRIPTEN_KEEPALIVE void fd_free(void* p) { std::free(p); }

}  // extern "C"
