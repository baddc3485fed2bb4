// One key a file: a base64 line. Secret files are created 0600 (never
// readable by others, not even for a moment) and never overwritten.
#pragma once

#include <array>
#include <string>

#include "engine/result.hpp"

namespace frontdesk::server {

enum class key_secrecy { public_key, secret_key };

status write_key_file(const std::string& path, const unsigned char* key, std::size_t size, key_secrecy secrecy);
status read_key_file(const std::string& path, unsigned char* key, std::size_t size);

template <std::size_t N>
status read_key_file(const std::string& path, std::array<unsigned char, N>& key) {
    return read_key_file(path, key.data(), key.size());
}

// Creates a folder (and its parents) readable only by its owner.
status make_private_folder(const std::string& path);

}  // namespace frontdesk::server
