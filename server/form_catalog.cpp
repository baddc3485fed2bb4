#include "server/form_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/json_writer.hpp"

namespace frontdesk::server {

result<form_catalog> form_catalog::load(const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    if (ec) return error{dir, "cannot read the forms folder"};
    std::sort(files.begin(), files.end());

    form_catalog catalog;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto loaded = load_form_json(text.str());
        if (!loaded.loaded) {
            const auto& first = loaded.errors.front();
            return error{path.string() + ":" + first.where, first.message};
        }
        form f = std::move(*loaded.loaded);
        const std::string id = f.id;
        if (catalog.entries_.count(id)) return error{path.string(), "another form already has the id '" + id + "'"};
        std::string image = encode_form_image(f);
        catalog.entries_.emplace(id, catalog_entry{std::move(f), std::move(image)});
    }
    if (catalog.entries_.empty()) return error{dir, "there are no forms (*.json) in the forms folder"};
    return catalog;
}

const catalog_entry* form_catalog::find(const std::string& form_id) const {
    const auto it = entries_.find(form_id);
    return it == entries_.end() ? nullptr : &it->second;
}

std::set<std::string> form_catalog::teams() const {
    std::set<std::string> names;
    for (const auto& [id, entry] : entries_) {
        names.insert(entry.definition.default_route.team);
        for (const auto& rule : entry.definition.team_rules) names.insert(rule.route.team);
    }
    return names;
}

std::string form_catalog::listing_json() const {
    json_writer w;
    w.begin_array();
    for (const auto& [id, entry] : entries_) {
        w.begin_object();
        w.key("description").value(entry.definition.description);
        w.key("id").value(id);
        w.key("title").value(entry.definition.title);
        w.key("version").value(entry.definition.version);
        w.end_object();
    }
    w.end_array();
    return w.take();
}

}  // namespace frontdesk::server
