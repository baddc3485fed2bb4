#include "server/team_box.hpp"

#include <sodium.h>

#include <cstring>

#include "engine/envelope.hpp"

namespace frontdesk::server {

static_assert(team_box_overhead == crypto_box_PUBLICKEYBYTES + crypto_box_NONCEBYTES + crypto_box_MACBYTES);
static_assert(crypto_box_BEFORENMBYTES == 32);

namespace {

constexpr std::size_t key_at = 0;
constexpr std::size_t nonce_at = crypto_box_PUBLICKEYBYTES;
constexpr std::size_t cipher_at = nonce_at + crypto_box_NONCEBYTES;

bool is_bucket(std::size_t size, std::size_t largest) {
    return size >= smallest_bucket && size <= largest && (size & (size - 1)) == 0;
}

}  // namespace

team_sealer::team_sealer(std::size_t uses, std::chrono::seconds lifetime) : uses_(uses), lifetime_(lifetime) {}

team_sealer::~team_sealer() {
    for (auto& [team, s] : senders_) sodium_memzero(s.shared.data(), s.shared.size());
}

result<team_sealer::sender> team_sealer::current_sender(const box_public_key& team) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto it = senders_.find(team);
    if (it == senders_.end() || it->second.uses >= uses_ || now - it->second.made >= lifetime_) {
        sender fresh;
        std::array<unsigned char, crypto_box_SECRETKEYBYTES> secret{};
        const bool made = crypto_box_keypair(fresh.public_key.data(), secret.data()) == 0 &&
                          crypto_box_beforenm(fresh.shared.data(), team.data(), secret.data()) == 0;
        sodium_memzero(secret.data(), secret.size());
        if (!made) {
            sodium_memzero(fresh.shared.data(), fresh.shared.size());
            return error{"team", "The team's key cannot be used."};
        }
        fresh.made = now;
        if (it != senders_.end()) sodium_memzero(it->second.shared.data(), it->second.shared.size());
        it = senders_.insert_or_assign(team, fresh).first;
        sodium_memzero(fresh.shared.data(), fresh.shared.size());
    }
    ++it->second.uses;
    return it->second;
}

result<bytes> team_sealer::seal(std::string_view plaintext, const box_public_key& team, std::size_t largest) {
    if (auto s = crypto_init(); !s) return s.err();
    const std::size_t bucket = bucket_size(plaintext.size(), largest);
    if (plaintext.size() >= bucket) return error{"plaintext", "It is too large to store."};
    auto from = current_sender(team);
    if (!from) return from.err();

    bytes box(team_box_overhead + bucket);
    // Padded in place, in the box's own buffer: crypto_box_easy_afternm may
    // encrypt over its input.
    unsigned char* padded = box.data() + cipher_at + crypto_box_MACBYTES;
    std::memcpy(padded, plaintext.data(), plaintext.size());
    pad_bucket(padded, plaintext.size(), bucket);
    std::memcpy(box.data() + key_at, from->public_key.data(), from->public_key.size());
    randombytes_buf(box.data() + nonce_at, crypto_box_NONCEBYTES);
    const int rc = crypto_box_easy_afternm(box.data() + cipher_at, padded, bucket, box.data() + nonce_at, from->shared.data());
    sodium_memzero(from->shared.data(), from->shared.size());
    if (rc != 0) {
        sodium_memzero(box.data(), box.size());
        return error{"plaintext", "It could not be sealed for the team."};
    }
    return box;
}

result<std::string> open_team_box(const bytes& box, const box_secret_key& team_secret, std::size_t largest) {
    if (auto s = crypto_init(); !s) return s.err();
    if (box.size() < team_box_overhead || !is_bucket(box.size() - team_box_overhead, largest)) {
        return error{"box", "The team box has the wrong size."};
    }
    const std::size_t padded_size = box.size() - team_box_overhead;
    bytes padded(padded_size);
    if (crypto_box_open_easy(padded.data(), box.data() + cipher_at, box.size() - cipher_at, box.data() + nonce_at,
                             box.data() + key_at, team_secret.data()) != 0) {
        return error{"box", "The team box could not be opened."};
    }
    const auto size = unpadded_size(padded.data(), padded_size);
    if (!size) {
        sodium_memzero(padded.data(), padded.size());
        return error{"box", "The team box has bad padding."};
    }
    std::string plaintext(reinterpret_cast<const char*>(padded.data()), *size);
    sodium_memzero(padded.data(), padded.size());
    return plaintext;
}

}  // namespace frontdesk::server
