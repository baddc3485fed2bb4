// The browser's sealing and receipt checks: libsodium and the engine's
// envelope and receipt code, as a second wasm module that the web app loads
// after the first page (the first question needs none of it). Thin on
// purpose: the rules are in engine/envelope.cpp and engine/receipt.cpp.
#include <emscripten/emscripten.h>
#include <sodium.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/encoding.hpp"
#include "engine/envelope.hpp"
#include "engine/keys.hpp"
#include "engine/receipt.hpp"
#include "wasm/random_source.hpp"

namespace {

constexpr const char* no_random_source =
    "This browser has no secure random number source, so the report cannot be sealed safely.";

std::string last_error;
std::string returned;  // backs the last const char* handed to JavaScript

const char* hand_out(std::string s) {
    returned = std::move(s);
    return returned.c_str();
}

const char* fail(const std::string& message) {
    last_error = message;
    return "";
}

// The server's sealing key, checked against its id, when sealing is safe.
frontdesk::result<frontdesk::box_public_key> sealing_key(const char* public_key_b64, const char* key_id) {
    if (auto ready = frontdesk::crypto_init(); !ready) return ready.err();
    auto key = frontdesk::public_key_from_base64(public_key_b64);
    if (!key) return key.err();
    if (frontdesk::key_id_of(*key) != key_id) return frontdesk::error{"key", "The sealing key does not match its id."};
    // Without a secure random source a sealed box could be predictable:
    // refuse, so nothing is sealed, queued or sent.
    if (!browser_random_ready()) return frontdesk::error{"random", no_random_source};
    return key;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* fd_crypto_last_error() { return last_error.c_str(); }

// 128 random bits, as 32 hex digits: a new report's submission id.
EMSCRIPTEN_KEEPALIVE const char* fd_random_submission_id() {
    if (!browser_random_ready()) return fail(no_random_source);
    if (auto ready = frontdesk::crypto_init(); !ready) return fail(ready.err().message);
    unsigned char id[16];
    randombytes_buf(id, sizeof id);
    if (browser_random_failed()) return fail("The random source failed.");
    return hand_out(frontdesk::to_hex(id, sizeof id));
}


// The BLAKE2b-256 of `size` bytes at `bytes`, in hex: a file answer's hash.
EMSCRIPTEN_KEEPALIVE const char* fd_hash_bytes(const char* bytes, std::size_t size) {
    if (auto ready = frontdesk::crypto_init(); !ready) return fail(ready.err().message);
    return hand_out(frontdesk::hash_hex(std::string_view(bytes, size)));
}

// The envelope JSON to post: `report` (from the engine's fd_report_json)
// padded and sealed to the server's key, with `count` files (the report's
// file answers name them), each padded and sealed the same way: `files` holds
// a pointer and a length for each, into this module's memory. "" on failure
// (fd_crypto_last_error).
EMSCRIPTEN_KEEPALIVE const char* fd_seal_report(const char* report, const char* form_id, const char* public_key_b64,
                                                const char* key_id, const std::uint32_t* files, std::size_t count) {
    if (count > frontdesk::most_attachments) return fail("There are too many attachments.");
    auto key = sealing_key(public_key_b64, key_id);
    if (!key) return fail(key.err().message);
    std::vector<std::string_view> contents;
    for (std::size_t i = 0; i < count; ++i) {
        contents.emplace_back(reinterpret_cast<const char*>(static_cast<std::uintptr_t>(files[2 * i])), files[2 * i + 1]);
    }
    auto sealed = frontdesk::seal_envelope_with_files(report, form_id, *key, contents);
    if (!sealed) return fail(sealed.err().message);
    if (browser_random_failed()) return fail("The random source failed while sealing.");
    return hand_out(std::move(sealed->json));
}

// 1 when the receipt is signed by the receipt key and is for this report and
// this envelope: `expected_submission_id` and `envelope` are what the outbox
// stored when it sealed, so this works after a reload, in any wasm instance.
EMSCRIPTEN_KEEPALIVE int fd_verify_receipt(const char* reference, const char* submission_id, const char* envelope_hash,
                                           const char* received_at, const char* key_id, const char* signature_b64,
                                           const char* receipt_public_key_b64, const char* expected_submission_id,
                                           const char* envelope) {
    if (auto ready = frontdesk::crypto_init(); !ready) return 0;
    auto key = frontdesk::public_key_from_base64(receipt_public_key_b64);
    if (!key) return 0;
    const frontdesk::receipt r{reference, submission_id, envelope_hash, received_at, key_id, signature_b64};
    // The receipt must be for this report and this envelope, not just any
    // receipt the server ever signed.
    if (r.submission_id.empty() || r.submission_id != expected_submission_id) return 0;
    if (r.envelope_hash != frontdesk::hash_hex(envelope)) return 0;
    return frontdesk::verify_receipt(r, *key) ? 1 : 0;
}

}  // extern "C"
