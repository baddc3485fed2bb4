#include "server/compress.hpp"

#include <brotli/encode.h>

namespace frontdesk::server {

std::string brotli_compress(std::string_view data) {
    std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
    if (out.empty()) return {};  // too large to bound: send it plain
    std::size_t size = out.size();
    if (BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                              reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                              reinterpret_cast<std::uint8_t*>(out.data())) != BROTLI_TRUE) {
        return {};
    }
    out.resize(size);
    return out;
}

}  // namespace frontdesk::server
