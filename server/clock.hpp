// UTC times as the server writes them: 2026-11-28T09:15:02Z. Strings in this
// one format compare correctly as plain text.
#pragma once

#include <ctime>
#include <string>

namespace frontdesk::server {

std::string utc_time(std::time_t t);
inline std::string utc_now() { return utc_time(std::time(nullptr)); }
inline std::string utc_days_from_now(int days) { return utc_time(std::time(nullptr) + std::time_t{days} * 86400); }

}  // namespace frontdesk::server
