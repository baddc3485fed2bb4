// Sealing a report for the server and opening it again. The report is padded
// to a size bucket first, so the length of the sealed box does not tell which
// branch of a form was taken. Layout in docs/protocol.md.
#pragma once

#include <string>
#include <string_view>

#include "engine/encoding.hpp"
#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr int envelope_format_version = 1;
inline constexpr std::size_t smallest_bucket = 1024;
inline constexpr std::size_t largest_bucket = 1024 * 1024;

// The padded size of a plaintext: the smallest power of two from 1 KiB that
// holds it and at least one byte of padding.
std::size_t bucket_size(std::size_t plaintext_size);

struct sealed_envelope {
    std::string json;  // the envelope exactly as posted
    std::string hash;  // BLAKE2b-256 of json, hex: the receipt refers to it
};

// Seals the report to the server's key and wraps it in envelope JSON.
result<sealed_envelope> seal_envelope(std::string_view report, std::string_view form_id,
                                      const box_public_key& server_key);

// Opens a sealed box (bytes as decoded from the envelope) and removes the padding.
result<std::string> open_sealed(const bytes& sealed, const box_public_key& pk, const box_secret_key& sk);

}  // namespace frontdesk
