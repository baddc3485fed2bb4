#include "server/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace frontdesk::server {

bool rate_limiter::allow(const std::string& client, clock::time_point now, std::chrono::seconds& retry_after) {
    if (per_minute_ == 0) return true;
    forget_idle(now);
    const double per_second = per_minute_ / 60.0;
    auto [it, inserted] = buckets_.try_emplace(client, bucket{static_cast<double>(burst_), now});
    bucket& b = it->second;
    if (!inserted) {
        const std::chrono::duration<double> elapsed = now - b.updated;
        b.tokens = std::min<double>(burst_, b.tokens + elapsed.count() * per_second);
        b.updated = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    retry_after = std::chrono::seconds(static_cast<long>(std::ceil((1.0 - b.tokens) / per_second)));
    return false;
}

void rate_limiter::forget_idle(clock::time_point now) {
    if (now - last_sweep_ < std::chrono::seconds(60)) return;
    last_sweep_ = now;
    // A bucket that has had time to refill completely carries no information.
    const auto refill = std::chrono::duration<double>(burst_ * 60.0 / per_minute_);
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        if (now - it->second.updated > refill) it = buckets_.erase(it);
        else ++it;
    }
}

}  // namespace frontdesk::server
