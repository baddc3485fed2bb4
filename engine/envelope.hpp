// Sealing a report for the server and opening it again. The report is padded
// to a size bucket first, so the length of the sealed box does not tell which
// branch of a form was taken. Attachments are sealed the same way, one box
// each, and bound to the report by their BLAKE2b hashes inside it.
// Layout in docs/protocol.md.
#pragma once

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
