// Key material and key ids. A key id names a public key without revealing
// anything: the first 8 bytes of its BLAKE2b hash, as hex.
#pragma once

#include <array>
#include <string>

#include "engine/result.hpp"

namespace frontdesk {

using box_public_key = std::array<unsigned char, 32>;   // X25519, for sealing
using box_secret_key = std::array<unsigned char, 32>;
using sign_public_key = std::array<unsigned char, 32>;  // Ed25519, for receipts
using sign_secret_key = std::array<unsigned char, 64>;

// Initialises libsodium once; every crypto entry point calls it.
status crypto_init();

std::string key_id_of(const unsigned char* public_key, std::size_t size);
template <std::size_t N>
std::string key_id_of(const std::array<unsigned char, N>& pk) {
    return key_id_of(pk.data(), pk.size());
}

// Decodes a base64 public key of exactly 32 bytes.
result<std::array<unsigned char, 32>> public_key_from_base64(std::string_view b64);

}  // namespace frontdesk
