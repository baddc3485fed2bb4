#include "engine/envelope.hpp"

#include <sodium.h>

#include <cstring>

#include "engine/json_writer.hpp"

namespace frontdesk {

std::size_t bucket_size(std::size_t plaintext_size, std::size_t largest) {
    std::size_t bucket = smallest_bucket;
    while (bucket <= plaintext_size && bucket < largest) bucket *= 2;
    return bucket;
}

void pad_bucket(unsigned char* buffer, std::size_t size, std::size_t bucket) {
    buffer[size] = 0x80;
    std::memset(buffer + size + 1, 0, bucket - size - 1);
}

std::optional<std::size_t> unpadded_size(const unsigned char* padded, std::size_t bucket) {
    std::size_t end = bucket;
    while (end > 0 && padded[end - 1] == 0) --end;
    if (end == 0 || padded[end - 1] != 0x80) return std::nullopt;
    return end - 1;
}

result<bytes> seal_padded(std::string_view plaintext, const box_public_key& key, std::size_t largest) {
    if (auto s = crypto_init(); !s) return s.err();
    const std::size_t bucket = bucket_size(plaintext.size(), largest);
    if (plaintext.size() >= bucket) return error{"plaintext", "It is too large to send."};

    bytes padded(bucket);
    std::copy(plaintext.begin(), plaintext.end(), padded.begin());
    pad_bucket(padded.data(), plaintext.size(), bucket);
    bytes sealed(bucket + crypto_box_SEALBYTES);
    const int rc = crypto_box_seal(sealed.data(), padded.data(), bucket, key.data());
    sodium_memzero(padded.data(), padded.size());
    if (rc != 0) return error{"plaintext", "It could not be sealed."};
    return sealed;
}

result<std::string> open_padded(const bytes& sealed, const box_public_key& pk, const box_secret_key& sk,
                                std::size_t largest) {
    if (auto s = crypto_init(); !s) return s.err();
    if (sealed.size() < crypto_box_SEALBYTES) return error{"sealed", "The sealed box is too short."};
    const std::size_t padded_size = sealed.size() - crypto_box_SEALBYTES;
    // Only whole buckets are ever sealed; anything else was not made by us.
    if (padded_size < smallest_bucket || padded_size > largest || (padded_size & (padded_size - 1)) != 0) {
        return error{"sealed", "The sealed box has the wrong size."};
    }
    // Opened straight into the string it is returned in, the padding then
    // wiped and cut off: no second copy of the report to make and wipe.
    std::string plaintext(padded_size, '\0');
    auto* padded = reinterpret_cast<unsigned char*>(plaintext.data());
    if (crypto_box_seal_open(padded, sealed.data(), sealed.size(), pk.data(), sk.data()) != 0) {
        return error{"sealed", "The sealed box could not be opened."};
    }
    const auto size = unpadded_size(padded, padded_size);
    if (!size) {
        sodium_memzero(padded, padded_size);
        return error{"sealed", "The sealed box has bad padding."};
    }
    sodium_memzero(padded + *size, padded_size - *size);
    plaintext.resize(*size);
    return plaintext;
}

result<sealed_attachment> seal_attachment(std::string_view content, const box_public_key& server_key) {
    auto sealed = seal_padded(content, server_key, largest_attachment_bucket);
    if (!sealed) return sealed.err();
    return sealed_attachment{hash_hex(content), std::move(*sealed)};
}

result<sealed_envelope> seal_envelope(std::string_view report, std::string_view form_id,
                                      const box_public_key& server_key,
                                      const std::vector<sealed_attachment>& attachments) {
    if (attachments.size() > most_attachments) return error{"attachments", "There are too many attachments."};
    auto sealed = seal_padded(report, server_key, largest_report_bucket);
    if (!sealed) return error{"report", "The report: " + sealed.err().message};

    json_writer w;
    w.begin_object();
    if (!attachments.empty()) {
        w.key("attachments").begin_array();
        for (const auto& a : attachments) {
            w.begin_object().key("hash").value(a.hash).key("sealed").value(to_base64(a.sealed)).end_object();
        }
        w.end_array();
    }
    w.key("form").value(form_id);
    w.key("key_id").value(key_id_of(server_key));
    w.key("sealed").value(to_base64(*sealed));
    w.key("v").value(envelope_format_version);
    w.end_object();
    sealed_envelope out;
    out.json = w.take();
    out.hash = hash_hex(out.json);
    return out;
}

result<sealed_envelope> seal_envelope_with_files(std::string_view report, std::string_view form_id,
                                                 const box_public_key& server_key,
                                                 const std::vector<std::string_view>& files) {
    if (files.size() > most_attachments) return error{"attachments", "There are too many attachments."};
    std::vector<sealed_attachment> attachments;
    for (const std::string_view file : files) {
        auto sealed = seal_attachment(file, server_key);
        if (!sealed) return error{"attachments", "A file: " + sealed.err().message};
        attachments.push_back(std::move(*sealed));
    }
    return seal_envelope(report, form_id, server_key, attachments);
}

}  // namespace frontdesk
