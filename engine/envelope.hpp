// Sealing a report for the server and opening it again. The report is padded
// to a size bucket first, so the length of the sealed box does not tell which
// branch of a form was taken. Attachments are sealed the same way, one box
// each, and bound to the report by their BLAKE2b hashes inside it.
// Layout in docs/protocol.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/encoding.hpp"
#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr int envelope_format_version = 1;
inline constexpr std::size_t smallest_bucket = 1024;
inline constexpr std::size_t largest_report_bucket = 1024 * 1024;
inline constexpr std::size_t largest_attachment_bucket = 8 * 1024 * 1024;
inline constexpr std::size_t most_attachments = 10;

// The padded size of a plaintext: the smallest power of two from 1 KiB that
// holds it and at least one byte of padding (capped at `largest`).
std::size_t bucket_size(std::size_t plaintext_size, std::size_t largest = largest_report_bucket);

// The padding (ISO/IEC 7816-4, byte for byte what libsodium's sodium_pad
// makes): 0x80 after the plaintext, then zeros to the end of the bucket.
// `buffer` holds the plaintext's `size` bytes and has room for `bucket`;
// size < bucket. libsodium's pair runs in constant time, a loop over the
// whole bucket with a volatile variable, which was 17 µs of the server's
// time per report; it hid the length from a timer of the padding alone,
// while every step around it (copying, hashing, reading the JSON, the
// replay) takes time in proportion to the length anyway. The bucket hides
// the length from whoever sees the box; that is what the padding is for.
void pad_bucket(unsigned char* buffer, std::size_t size, std::size_t bucket);
// The plaintext's size in a padded bucket: where its last byte that is not
// zero is, which must be the 0x80 marker; nothing when there is none.
std::optional<std::size_t> unpadded_size(const unsigned char* padded, std::size_t bucket);

// Pads to a bucket and seals to `key` (crypto_box_seal). Fails when the
// plaintext does not fit the largest bucket.
result<bytes> seal_padded(std::string_view plaintext, const box_public_key& key, std::size_t largest);
// Opens a box made by seal_padded and removes the padding.
result<std::string> open_padded(const bytes& sealed, const box_public_key& pk, const box_secret_key& sk,
                                std::size_t largest);

struct sealed_attachment {
    std::string hash;  // BLAKE2b-256 of the attachment's bytes, hex: the report names it
    bytes sealed;
};

result<sealed_attachment> seal_attachment(std::string_view content, const box_public_key& server_key);

struct sealed_envelope {
    std::string json;  // the envelope exactly as posted
    std::string hash;  // BLAKE2b-256 of json, hex: the receipt refers to it
};

// Seals the report to the server's key and wraps it, with any attachments
// (already sealed), in envelope JSON.
result<sealed_envelope> seal_envelope(std::string_view report, std::string_view form_id,
                                      const box_public_key& server_key,
                                      const std::vector<sealed_attachment>& attachments = {});

// The same, sealing the files too: each of `files` padded and sealed as an
// attachment (seal_attachment), then the report. The browser's crypto module
// seals with this one call.
result<sealed_envelope> seal_envelope_with_files(std::string_view report, std::string_view form_id,
                                                 const box_public_key& server_key,
                                                 const std::vector<std::string_view>& files);

// Opens a sealed report (bytes as decoded from the envelope).
inline result<std::string> open_sealed(const bytes& sealed, const box_public_key& pk, const box_secret_key& sk) {
    return open_padded(sealed, pk, sk, largest_report_bucket);
}

}  // namespace frontdesk
