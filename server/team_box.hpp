// Team boxes: how the store keeps a report (and each attachment) so that only
// the receiving team can read it, and what the sinks deliver.
//
//   box = sender public key (32) ‖ nonce (24) ‖ crypto_box_easy(padded plaintext)
//
// The sender key pair is the server's own, ephemeral and kept only in memory:
// a fresh one per team after at most `uses` boxes or `lifetime`, its secret
// half wiped when replaced. Like crypto_box_seal, anyone can make a box and
// only the team can open it, and a later theft of the server's disk or keys
// opens nothing; unlike it, the X25519 work (a key pair and a shared key) is
// paid once per sender key instead of once per box, which is most of the
// cost of re-sealing a report. Boxes made with one sender key share its
// public half, which tells only that they were stored within the same minute
// (the rows say when anyway). Nonces are random (192 bits). Layout and the
// recipe for opening in docs/protocol.md.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "engine/encoding.hpp"
#include "engine/keys.hpp"
#include "engine/result.hpp"

namespace frontdesk::server {

inline constexpr std::size_t team_box_overhead = 32 + 24 + 16;

class team_sealer {
public:
    explicit team_sealer(std::size_t uses = 1024, std::chrono::seconds lifetime = std::chrono::seconds(60));
    ~team_sealer();
    team_sealer(const team_sealer&) = delete;
    team_sealer& operator=(const team_sealer&) = delete;

    // Pads `plaintext` to its bucket (engine/envelope.hpp) and boxes it for
    // `team`. Safe to call from several threads at once.
    result<bytes> seal(std::string_view plaintext, const box_public_key& team, std::size_t largest);

private:
    struct sender {
        box_public_key public_key{};
        std::array<unsigned char, 32> shared{};  // crypto_box_beforenm(team, sender secret)
        std::size_t uses = 0;
        std::chrono::steady_clock::time_point made{};
    };
    // A copy of the current sender for `team`, replaced first when worn out.
    result<sender> current_sender(const box_public_key& team);

    const std::size_t uses_;
    const std::chrono::seconds lifetime_;
    std::mutex mutex_;
    std::map<box_public_key, sender> senders_;
};

// Opens a team box with the team's secret key and removes the padding.
result<std::string> open_team_box(const bytes& box, const box_secret_key& team_secret, std::size_t largest);

}  // namespace frontdesk::server
