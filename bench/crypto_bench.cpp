// How long the protocol's cryptography takes, natively and in WebAssembly:
// seal and open a padded report at 1, 4 and 16 KiB, sign and verify a
// receipt. The same program is built both ways (bench/CMakeLists.txt) and
// run side by side by bench/crypto.sh; results go in BENCHMARKS.md.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "engine/envelope.hpp"
#include "engine/receipt.hpp"

namespace {

using namespace frontdesk;
using clock_type = std::chrono::steady_clock;

// The median time of one call, in microseconds, over `rounds` rounds of `batch` calls.
double median_micros(int rounds, int batch, const std::function<void()>& call) {
    std::vector<double> samples;
    for (int i = 0; i < batch; ++i) call();  // warm caches and the JIT first
    for (int r = 0; r < rounds; ++r) {
        const auto start = clock_type::now();
        for (int i = 0; i < batch; ++i) call();
        const std::chrono::duration<double, std::micro> took = clock_type::now() - start;
        samples.push_back(took.count() / batch);
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

int failures = 0;

void print_row(const char* platform, const std::string& what, double micros) {
    std::printf("| %s | %s | %.1f | %.0f |\n", platform, what.c_str(), micros, 1e6 / micros);
}

}  // namespace

int main() {
#ifdef __EMSCRIPTEN__
    const char* platform = "wasm (Node)";
#else
    const char* platform = "native";
#endif
    if (sodium_init() < 0) return 1;
    box_public_key pk{};
    box_secret_key sk{};
    if (crypto_box_keypair(pk.data(), sk.data()) != 0) return 1;
    sign_public_key spk{};
    sign_secret_key ssk{};
    if (crypto_sign_keypair(spk.data(), ssk.data()) != 0) return 1;

    for (std::size_t kib : {1, 4, 16}) {
        // A report that just fills the bucket below this size, as a real one would.
        const std::string report(kib * 1024 - 64, 'r');
        bytes last;
        const double seal = median_micros(9, 50, [&] {
            auto sealed = seal_padded(report, pk, largest_report_bucket);
            if (!sealed) ++failures;
            else last = std::move(*sealed);
        });
        print_row(platform, "seal " + std::to_string(kib) + " KiB (pad + crypto_box_seal)", seal);
        const double open = median_micros(9, 50, [&] {
            if (!open_padded(last, pk, sk, largest_report_bucket)) ++failures;
        });
        print_row(platform, "open " + std::to_string(kib) + " KiB (crypto_box_seal_open + unpad)", open);
    }
    // libsodium's own primitives alone, as the baseline for the rows above.
    const std::string one_kib(1024, 'r');
    bytes box(one_kib.size() + crypto_box_SEALBYTES);
    print_row(platform, "libsodium alone: crypto_box_seal, 1 KiB", median_micros(9, 50, [&] {
                  if (crypto_box_seal(box.data(), reinterpret_cast<const unsigned char*>(one_kib.data()), one_kib.size(),
                                      pk.data()) != 0) {
                      ++failures;
                  }
              }));
    unsigned char signature[crypto_sign_BYTES];
    const auto* message = reinterpret_cast<const unsigned char*>(one_kib.data());
    print_row(platform, "libsodium alone: crypto_sign_detached, 200 bytes", median_micros(9, 100, [&] {
                  if (crypto_sign_detached(signature, nullptr, message, 200, ssk.data()) != 0) ++failures;
              }));
    print_row(platform, "libsodium alone: crypto_sign_verify_detached, 200 bytes", median_micros(9, 100, [&] {
                  if (crypto_sign_verify_detached(signature, message, 200, spk.data()) != 0) ++failures;
              }));

    receipt r{"FD-7K3M-Q9TX", std::string(32, 'a'), std::string(64, 'b'), "2026-11-28T09:15:02Z", {}, {}};
    print_row(platform, "sign a receipt (Ed25519)", median_micros(9, 100, [&] {
               if (!sign_receipt(r, ssk, spk)) ++failures;
           }));
    print_row(platform, "verify a receipt (Ed25519)", median_micros(9, 100, [&] {
               if (!verify_receipt(r, spk)) ++failures;
           }));
    sodium_memzero(sk.data(), sk.size());
    sodium_memzero(ssk.data(), ssk.size());
    if (failures != 0) std::fprintf(stderr, "%d operations failed\n", failures);
    return failures == 0 ? 0 : 1;
}
