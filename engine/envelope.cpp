#include "engine/envelope.hpp"

#include <sodium.h>

#include "engine/json_writer.hpp"

namespace frontdesk {

std::size_t bucket_size(std::size_t plaintext_size, std::size_t largest) {
    std::size_t bucket = smallest_bucket;
    while (bucket <= plaintext_size && bucket < largest) bucket *= 2;
    return bucket;
}

result<bytes> seal_padded(std::string_view plaintext, const box_public_key& key, std::size_t largest) {
    if (auto s = crypto_init(); !s) return s.err();
    const std::size_t bucket = bucket_size(plaintext.size(), largest);
    if (plaintext.size() >= bucket) return error{"plaintext", "It is too large to send."};

    bytes padded(bucket);
    std::copy(plaintext.begin(), plaintext.end(), padded.begin());
    std::size_t padded_size = 0;
    if (sodium_pad(&padded_size, padded.data(), plaintext.size(), bucket, padded.size()) != 0 || padded_size != bucket) {
        sodium_memzero(padded.data(), padded.size());
        return error{"plaintext", "It could not be padded."};
    }
    bytes sealed(padded_size + crypto_box_SEALBYTES);
    const int rc = crypto_box_seal(sealed.data(), padded.data(), padded_size, key.data());
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
    bytes padded(padded_size);
    if (crypto_box_seal_open(padded.data(), sealed.data(), sealed.size(), pk.data(), sk.data()) != 0) {
        return error{"sealed", "The sealed box could not be opened."};
    }
    std::size_t size = 0;
    if (sodium_unpad(&size, padded.data(), padded.size(), padded_size) != 0) {
        sodium_memzero(padded.data(), padded.size());
        return error{"sealed", "The sealed box has bad padding."};
    }
    std::string plaintext(reinterpret_cast<const char*>(padded.data()), size);
    sodium_memzero(padded.data(), padded.size());
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
