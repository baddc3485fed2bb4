#include "engine/envelope.hpp"

#include <sodium.h>

#include "engine/json_writer.hpp"

namespace frontdesk {

std::size_t bucket_size(std::size_t plaintext_size) {
    std::size_t bucket = smallest_bucket;
    while (bucket <= plaintext_size && bucket < largest_bucket) bucket *= 2;
    return bucket;
}

result<sealed_envelope> seal_envelope(std::string_view report, std::string_view form_id,
                                      const box_public_key& server_key) {
    if (auto s = crypto_init(); !s) return s.err();
    const std::size_t bucket = bucket_size(report.size());
    if (report.size() >= bucket) return error{"report", "The report is too large to send."};

    bytes padded(bucket);
    std::copy(report.begin(), report.end(), padded.begin());
    std::size_t padded_size = 0;
    if (sodium_pad(&padded_size, padded.data(), report.size(), bucket, padded.size()) != 0 ||
        padded_size != bucket) {
        return error{"report", "The report could not be padded."};
    }
    bytes sealed(padded_size + crypto_box_SEALBYTES);
    const int rc = crypto_box_seal(sealed.data(), padded.data(), padded_size, server_key.data());
    sodium_memzero(padded.data(), padded.size());
    if (rc != 0) return error{"report", "The report could not be sealed."};

    json_writer w;
    w.begin_object();
    w.key("form").value(form_id);
    w.key("key_id").value(key_id_of(server_key));
    w.key("sealed").value(to_base64(sealed));
    w.key("v").value(envelope_format_version);
    w.end_object();
    sealed_envelope out;
    out.json = w.take();
    out.hash = hash_hex(out.json);
    return out;
}

result<std::string> open_sealed(const bytes& sealed, const box_public_key& pk, const box_secret_key& sk) {
    if (auto s = crypto_init(); !s) return s.err();
    if (sealed.size() < crypto_box_SEALBYTES) return error{"sealed", "The sealed report is too short."};
    const std::size_t padded_size = sealed.size() - crypto_box_SEALBYTES;
    // Only whole buckets are ever sealed; anything else was not made by us.
    if (padded_size < smallest_bucket || padded_size > largest_bucket || (padded_size & (padded_size - 1)) != 0) {
        return error{"sealed", "The sealed report has the wrong size."};
    }
    bytes padded(padded_size);
    if (crypto_box_seal_open(padded.data(), sealed.data(), sealed.size(), pk.data(), sk.data()) != 0) {
        return error{"sealed", "The sealed report could not be opened."};
    }
    std::size_t size = 0;
    if (sodium_unpad(&size, padded.data(), padded.size(), padded_size) != 0) {
        sodium_memzero(padded.data(), padded.size());
        return error{"sealed", "The sealed report has bad padding."};
    }
    std::string plaintext(reinterpret_cast<const char*>(padded.data()), size);
    sodium_memzero(padded.data(), padded.size());
    return plaintext;
}

}  // namespace frontdesk
