// Per-client token buckets: each client may send `per_minute` requests a
// minute on average, in bursts of up to `burst`. Clients idle long enough to
// have a full bucket are forgotten, so memory stays bounded by the clients
// active in the last few minutes.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

namespace frontdesk::server {

class rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    // per_minute == 0 turns limiting off.
    rate_limiter(unsigned per_minute, unsigned burst) : per_minute_(per_minute), burst_(burst) {}

    // True when `client` may go ahead now; false when it must wait `retry_after`.
    bool allow(const std::string& client, clock::time_point now, std::chrono::seconds& retry_after);
    std::size_t tracked_clients() const { return buckets_.size(); }

private:
    struct bucket {
        double tokens;
        clock::time_point updated;
    };
    void forget_idle(clock::time_point now);

    unsigned per_minute_;
    unsigned burst_;
    std::unordered_map<std::string, bucket> buckets_;
    clock::time_point last_sweep_{};
};

}  // namespace frontdesk::server
