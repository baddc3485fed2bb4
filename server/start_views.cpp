#include "server/start_views.hpp"

#include "engine/expr.hpp"
#include "engine/form_image.hpp"
#include "engine/json_writer.hpp"
#include "engine/session.hpp"
#include "engine/view.hpp"
#include "server/compress.hpp"

namespace frontdesk::server {

std::string start_views_json(const catalog_entry& entry, std::int64_t today) {
    // Written by hand around the engine's own view JSON, keys in order.
    std::string out = "{\"form\":";
    out += json_writer().value(entry.definition.id).str();
    out += ",\"languages\":";
    json_writer languages;
    languages.begin_array();
    for (const auto& code : entry.definition.languages) languages.value(code);
    out += languages.end_array().str();
    out += ",\"today\":";
    out += json_writer().value(iso_date(today)).str();
    out += ",\"version\":";
    out += json_writer().value(entry.definition.version).str();
    out += ",\"views\":{";
    bool first = true;
    for (const auto& code : entry.definition.languages) {
        const std::string* image = entry.image_in(code);
        // The form as the browser's engine will hold it: decoded from its image.
        auto decoded = image ? decode_form_image(*image) : result<form>(error{code, "no image"});
        if (!decoded) continue;  // every image decodes (made at load); a view is an optimisation only
        const session fresh(*decoded, today);
        if (!first) out += ',';
        first = false;
        out += json_writer().value(code).str();
        out += ':';
        out += view_json(fresh);
    }
    out += "}}";
    return out;
}

std::shared_ptr<const start_views> start_view_cache::get(const catalog_entry& entry, std::int64_t today) {
    const std::string key = entry.definition.id + "/" + entry.definition.version;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto found = made_.find(key);
        if (found != made_.end() && found->second->today == today) return found->second;
    }
    // Made outside the lock: two requests may both make the day's views, and
    // the same bytes are kept either way.
    auto made = std::make_shared<start_views>();
    made->today = today;
    made->json = start_views_json(entry, today);
    made->br = brotli_compress(made->json);
    if (made->br.size() >= made->json.size()) made->br.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    made_[key] = made;
    return made;
}

}  // namespace frontdesk::server
