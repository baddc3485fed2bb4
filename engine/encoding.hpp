// Hex and base64 (standard alphabet, padded), through libsodium's
// constant-time codecs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk {

using bytes = std::vector<unsigned char>;

std::string to_hex(const unsigned char* data, std::size_t size);
inline std::string to_hex(const bytes& b) { return to_hex(b.data(), b.size()); }
std::optional<bytes> from_hex(std::string_view hex);

std::string to_base64(const unsigned char* data, std::size_t size);
inline std::string to_base64(const bytes& b) { return to_base64(b.data(), b.size()); }
std::optional<bytes> from_base64(std::string_view b64);

// BLAKE2b with a 32-byte output, as hex.
std::string hash_hex(std::string_view data);

}  // namespace frontdesk
