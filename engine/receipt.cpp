#include "engine/receipt.hpp"

#include <sodium.h>

#include "engine/encoding.hpp"
#include "engine/json_writer.hpp"

namespace frontdesk {
namespace {

bool has_newline(const std::string& s) { return s.find('\n') != std::string::npos; }

}  // namespace

std::string receipt_message(const receipt& r) {
    return "frontdesk receipt v1\n" + r.reference + "\n" + r.submission_id + "\n" + r.envelope_hash + "\n" +
           r.received_at + "\n" + r.key_id;
}

status sign_receipt(receipt& r, const sign_secret_key& sk, const sign_public_key& pk) {
    if (auto s = crypto_init(); !s) return s;
    for (const auto* field : {&r.reference, &r.submission_id, &r.envelope_hash, &r.received_at}) {
        if (has_newline(*field)) return error{"receipt", "A receipt field holds a line break."};
    }
    r.key_id = key_id_of(pk);
    const std::string message = receipt_message(r);
    unsigned char sig[crypto_sign_BYTES];
    if (crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                             sk.data()) != 0) {
        return error{"receipt", "The receipt could not be signed."};
    }
    r.signature = to_base64(sig, sizeof sig);
    return status::ok();
}

bool verify_receipt(const receipt& r, const sign_public_key& pk) {
    if (!crypto_init()) return false;
    // A field with a line break could make two receipts sign the same bytes.
    for (const auto* field : {&r.reference, &r.submission_id, &r.envelope_hash, &r.received_at, &r.key_id}) {
        if (has_newline(*field)) return false;
    }
    if (r.key_id != key_id_of(pk)) return false;
    const auto sig = from_base64(r.signature);
    if (!sig || sig->size() != crypto_sign_BYTES) return false;
    const std::string message = receipt_message(r);
    return crypto_sign_verify_detached(sig->data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), pk.data()) == 0;
}

std::string receipt_json(const receipt& r) {
    json_writer w;
    w.begin_object();
    w.key("envelope_hash").value(r.envelope_hash);
    w.key("key_id").value(r.key_id);
    w.key("received_at").value(r.received_at);
    w.key("reference").value(r.reference);
    w.key("signature").value(r.signature);
    w.key("submission_id").value(r.submission_id);
    w.end_object();
    return w.take();
}

}  // namespace frontdesk
