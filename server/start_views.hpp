// The first page of each form as the engine draws it before any answer, in
// every language of the form: GET /api/forms/<id>/start. The browser shows it
// while the engine and the form image are still on their way, so the first
// question is answerable after a few kilobytes (docs/web-client.md, "The
// first page before the engine"); the engine takes over when it arrives.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "server/form_catalog.hpp"

namespace frontdesk::server {

// {"form","languages","today","version","views":{LANGUAGE: VIEW}}: VIEW is
// view_json of a new session on the form's image in that language (the very
// image the browser loads), with today() = `today` (days since 1970-01-01).
std::string start_views_json(const catalog_entry& entry, std::int64_t today);

struct start_views {
    std::int64_t today = 0;
    std::string json;
    std::string br;  // json in brotli, "" when that is no smaller
};

// start_views_json per form version, made once a day (a page may show
// today's date or hide a question by it) and shared by every request.
class start_view_cache {
public:
    std::shared_ptr<const start_views> get(const catalog_entry& entry, std::int64_t today);

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const start_views>> made_;  // "id/version" -> views
};

}  // namespace frontdesk::server
