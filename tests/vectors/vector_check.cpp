// Checks the protocol's test vectors (envelope-v1.txt) byte for byte: the
// same program runs natively and as WebAssembly under Node, so both sides of
// the protocol are held to the same bytes. With --write (native only) it
// makes the vectors from vector-form.json.
//
// Randomness is fixed: libsodium's random source is replaced by a
// deterministic stream (randombytes_buf_deterministic of the vectors' seed).
#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/envelope.hpp"
#include "engine/expr.hpp"
#include "engine/form_image.hpp"
#include "engine/receipt.hpp"
#include "engine/report.hpp"

#ifndef __EMSCRIPTEN__
#include "engine/form_json.hpp"
#endif

namespace {

using namespace frontdesk;

// One byte stream for both builds: natively libsodium asks our
// implementation for whole buffers; under Emscripten it asks JavaScript's
// Module.getRandomValue for one byte at a time. Both read the same stream.
unsigned char random_stream[4096];
std::size_t random_used = 0;

unsigned char next_random_byte() {
    if (random_used >= sizeof random_stream) std::abort();  // a test must never run out
    return random_stream[random_used++];
}

void deterministic_buf(void* const buf, const size_t size) {
    auto* out = static_cast<unsigned char*>(buf);
    for (std::size_t i = 0; i < size; ++i) out[i] = next_random_byte();
}

uint32_t deterministic_u32() {
    uint32_t v = 0;
    deterministic_buf(&v, sizeof v);
    return v;
}

const char* deterministic_name() { return "test-vectors"; }

randombytes_implementation deterministic = {deterministic_name, deterministic_u32, nullptr, nullptr, deterministic_buf,
                                            nullptr};

void reset_randomness(const bytes& seed) {
    randombytes_buf_deterministic(random_stream, sizeof random_stream, seed.data());
    random_used = 0;
}

struct vectors {
    std::map<std::string, std::string> fields;
    std::vector<std::pair<std::string, std::string>> answers;  // in file order
};

bool read_vectors(const std::string& path, vectors& v) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto colon = line.find(": ");
        if (colon == std::string::npos) return false;
        const std::string key = line.substr(0, colon);
        const std::string value = line.substr(colon + 2);
        if (key == "answer") {
            const auto eq = value.find('=');
            if (eq == std::string::npos) return false;
            v.answers.emplace_back(value.substr(0, eq), value.substr(eq + 1));
        } else {
            v.fields[key] = value;
        }
    }
    return true;
}

// The envelope's "sealed" member, found without a JSON parser (the browser build has none).
std::string sealed_member(const std::string& envelope) {
    const std::string marker = "\"sealed\":\"";
    const auto start = envelope.find(marker);
    if (start == std::string::npos) return {};
    const auto end = envelope.find('"', start + marker.size());
    return envelope.substr(start + marker.size(), end - start - marker.size());
}

struct computed {
    std::string report;
    std::string envelope;
    std::string envelope_hash;
    std::string signature;
    receipt signed_receipt;
    sign_public_key receipt_public{};
    box_public_key server_public{};
    box_secret_key server_secret{};
};

// Everything the vectors pin, computed from their inputs.
bool compute(const vectors& v, const std::string& image, computed& out, std::string& problem) {
    auto f = decode_form_image(image);
    if (!f) return problem = "form image: " + f.err().message, false;
    std::map<std::string, std::string> answers(v.answers.begin(), v.answers.end());
    // The report's date (what today() is) is fixed too: 2026-11-28.
    const auto replayed = replay(*f, answers, days_from_civil(2026, 11, 28));
    if (replayed.result != replay_result::submitted) return problem = "the answers do not submit", false;
    out.report = report_json(make_report(*f, replayed, v.fields.at("submission_id"), "en"));

    const auto sk = from_hex(v.fields.at("server_secret_key"));
    const auto seed = from_hex(v.fields.at("randomness_seed"));
    if (!sk || sk->size() != 32 || !seed || seed->size() != randombytes_SEEDBYTES) return problem = "bad key or seed", false;
    std::memcpy(out.server_secret.data(), sk->data(), 32);
    if (crypto_scalarmult_base(out.server_public.data(), out.server_secret.data()) != 0) return problem = "bad key", false;
    reset_randomness(*seed);
    auto sealed = seal_envelope(out.report, f->id, out.server_public);
    if (!sealed) return problem = "seal: " + sealed.err().message, false;
    out.envelope = sealed->json;
    out.envelope_hash = sealed->hash;

    const auto signing_seed = from_hex(v.fields.at("receipt_signing_seed"));
    sign_secret_key receipt_secret{};
    if (!signing_seed || signing_seed->size() != crypto_sign_SEEDBYTES ||
        crypto_sign_seed_keypair(out.receipt_public.data(), receipt_secret.data(), signing_seed->data()) != 0) {
        return problem = "bad receipt seed", false;
    }
    out.signed_receipt = {v.fields.at("receipt_reference"), v.fields.at("submission_id"), out.envelope_hash,
                          v.fields.at("receipt_received_at"), {}, {}};
    if (!sign_receipt(out.signed_receipt, receipt_secret, out.receipt_public)) return problem = "cannot sign", false;
    sodium_memzero(receipt_secret.data(), receipt_secret.size());
    return true;
}

int check(const std::string& path) {
    vectors v;
    if (!read_vectors(path, v)) {
        std::cerr << path << ": cannot read the vectors\n";
        return 2;
    }
    int failures = 0;
    auto expect = [&](bool ok, const std::string& what) {
        std::cout << (ok ? "ok     " : "FAILED ") << what << "\n";
        failures += ok ? 0 : 1;
    };
    const auto image = from_hex(v.fields["form_image"]);
    computed c;
    std::string problem;
    if (!image || !compute(v, std::string(image->begin(), image->end()), c, problem)) {
        std::cerr << path << ": " << problem << "\n";
        return 1;
    }
    expect(c.report == v.fields["report"], "the report is the same bytes");
    expect(c.envelope == v.fields["envelope"], "the envelope is the same bytes");
    expect(c.envelope_hash == v.fields["envelope_hash"], "the envelope hash");
    const auto sealed = from_base64(sealed_member(v.fields["envelope"]));
    auto opened = sealed ? open_sealed(*sealed, c.server_public, c.server_secret) : result<std::string>(error{"", ""});
    expect(opened && *opened == v.fields["report"], "the pinned envelope opens to the pinned report");
    expect(c.signed_receipt.key_id == v.fields["receipt_key_id"], "the receipt key id");
    expect(c.signed_receipt.signature == v.fields["receipt_signature"], "the receipt signature is the same bytes");
    expect(verify_receipt(c.signed_receipt, c.receipt_public), "the receipt verifies");
    receipt altered = c.signed_receipt;
    altered.reference[3] = altered.reference[3] == 'A' ? 'B' : 'A';
    expect(!verify_receipt(altered, c.receipt_public), "an altered receipt does not verify");
    std::cout << (failures == 0 ? "all vectors agree" : "vectors disagree") << " ("
#ifdef __EMSCRIPTEN__
              << "wasm"
#else
              << "native"
#endif
              << ")\n";
    return failures == 0 ? 0 : 1;
}

#ifndef __EMSCRIPTEN__
// Makes the vectors: fixed inputs, everything else computed.
int write(const std::string& form_path, const std::string& out_path) {
    std::ifstream in(form_path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto loaded = load_form_json(text.str());
    if (!loaded.loaded) {
        std::cerr << form_path << ": " << loaded.errors.front().where << ": " << loaded.errors.front().message << "\n";
        return 1;
    }
    vectors v;
    v.fields["server_secret_key"] = std::string(62, '1') + "4f";
    v.fields["randomness_seed"] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    v.fields["submission_id"] = "00112233445566778899aabbccddeeff";
    v.fields["receipt_signing_seed"] = std::string(64, 'a');
    v.fields["receipt_reference"] = "FD-7K3M-Q9TX";
    v.fields["receipt_received_at"] = "2026-11-28T09:15:02Z";
    v.answers = {{"kind", "damage"}, {"note", "Spray paint on the shop window, \"tags\" in red \xe2\x80\x94 again"},
                 {"postcode", "SW1A 2JR"},
                 // A repeat: its entries are a list of objects in the report.
                 {"damaged_things.1.thing", "Shop window"}, {"damaged_things.1.cost", "£1,200"},
                 {"damaged_things.2.thing", "Door \xe2\x80\x94 glass panel"}, {"damaged_things.2.cost", "80.5"}};
    const std::string image = encode_form_image(*loaded.loaded);
    v.fields["form_image"] = to_hex(reinterpret_cast<const unsigned char*>(image.data()), image.size());
    computed c;
    std::string problem;
    if (!compute(v, image, c, problem)) {
        std::cerr << problem << "\n";
        return 1;
    }
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    out << "# frontdesk protocol test vectors, envelope v1. Made by `vector_check --write`; checked natively\n"
           "# and in WebAssembly by `vector_check`. Inputs first, then what they must give, byte for byte.\n";
    for (const char* key : {"server_secret_key", "randomness_seed", "submission_id", "receipt_signing_seed",
                            "receipt_reference", "receipt_received_at", "form_image"}) {
        out << key << ": " << v.fields[key] << "\n";
    }
    for (const auto& [id, value] : v.answers) out << "answer: " << id << "=" << value << "\n";
    out << "report: " << c.report << "\n";
    out << "envelope: " << c.envelope << "\n";
    out << "envelope_hash: " << c.envelope_hash << "\n";
    out << "receipt_key_id: " << c.signed_receipt.key_id << "\n";
    out << "receipt_signature: " << c.signed_receipt.signature << "\n";
    return out ? 0 : 1;
}
#endif

}  // namespace

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
// libsodium's Emscripten build draws each random byte from JavaScript.
extern "C" EMSCRIPTEN_KEEPALIVE uint32_t vector_random_byte() { return next_random_byte(); }
#endif

int main(int argc, char** argv) {
#ifdef __EMSCRIPTEN__
    EM_ASM({ Module.getRandomValue = function() { return Module['_vector_random_byte'](); }; });
#endif
    if (randombytes_set_implementation(&deterministic) != 0 || sodium_init() < 0) return 2;
#ifndef __EMSCRIPTEN__
    if (argc == 4 && std::string(argv[1]) == "--write") return write(argv[2], argv[3]);
#endif
    if (argc != 2) {
        std::cerr << "usage: vector_check VECTORS.txt | vector_check --write FORM.json VECTORS.txt\n";
        return 2;
    }
    return check(argv[1]);
}
