#include "server/form_catalog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/json_writer.hpp"
#include "engine/translate.hpp"
#include "server/compress.hpp"

namespace frontdesk::server {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// One form file: its definition (with its version) and image, or its first problem.
result<catalog_entry> load_one(const fs::path& path) {
    const auto text = read_text(path);
    if (!text) return error{path.string(), "cannot read the file"};
    // Lookup tables may live in data files beside the form (forms/data/…).
    const auto read_data = [folder = path.parent_path()](const std::string& relative) { return read_text(folder / relative); };
    auto loaded = load_form_json(*text, read_data);
    if (!loaded.loaded) {
        const auto& first = loaded.errors.front();
        return error{path.string() + ":" + first.where, first.message};
    }
    catalog_entry entry{std::move(*loaded.loaded), {}, {}, {}, {}};
    for (const auto& language : entry.definition.languages) {
        auto localized = localize_form(entry.definition, language);
        if (!localized) return error{path.string(), localized.err().message};
        entry.images[language] = encode_form_image(*localized);
        entry.images_br[language] = brotli_compress(entry.images[language]);
    }
    entry.image = entry.images.at(entry.definition.languages.front());
    entry.image_br = entry.images_br.at(entry.definition.languages.front());
    return entry;
}

std::vector<fs::path> json_files_in(const fs::path& dir, std::error_code& ec) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// Keeps a copy of a form's source under its version, written atomically.
status archive(const fs::path& archive_dir, const catalog_entry& entry, const fs::path& source) {
    const fs::path folder = archive_dir / entry.definition.id;
    const fs::path target = folder / (entry.definition.version + ".json");
    std::error_code ec;
    if (fs::exists(target, ec)) return status::ok();
    fs::create_directories(folder, ec);
    if (ec) return error{folder.string(), "cannot create the form archive"};
    const fs::path partial = folder / ("." + entry.definition.version + ".partial");
    fs::copy_file(source, partial, fs::copy_options::overwrite_existing, ec);
    if (ec) return error{partial.string(), "cannot archive the form"};
    const int fd = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) ::close(fd);
    if (!synced) return error{partial.string(), "cannot sync the archived form"};
    fs::rename(partial, target, ec);
    if (ec) return error{target.string(), "cannot put the archived form in place"};
    return status::ok();
}

}  // namespace

result<form_catalog> form_catalog::load(const std::string& dir, const std::string& archive_dir) {
    std::error_code ec;
    const auto files = json_files_in(dir, ec);
    if (ec) return error{dir, "cannot read the forms folder"};

    form_catalog catalog;
    for (const auto& path : files) {
        auto entry = load_one(path);
        if (!entry) return entry.err();
        const std::string id = entry->definition.id;
        if (catalog.current_.count(id)) return error{path.string(), "another form already has the id '" + id + "'"};
        if (!archive_dir.empty()) {
            if (auto s = archive(archive_dir, *entry, path); !s) return s.err();
        }
        catalog.current_[id] = entry->definition.version;
        catalog.versions_[id].emplace(entry->definition.version, std::move(*entry));
    }
    if (catalog.current_.empty()) return error{dir, "there are no forms (*.json) in the forms folder"};

    // Earlier versions, of current forms and of forms since withdrawn: each
    // still opens reports made with it. One that no longer loads (the
    // language moved on) is skipped, loudly.
    if (!archive_dir.empty()) {
        std::error_code folders_error;
        for (const auto& folder : fs::directory_iterator(archive_dir, folders_error)) {
            if (!folder.is_directory()) continue;
            const std::string id = folder.path().filename().string();
            const auto current = catalog.current_.find(id);
            std::error_code list_error;
            for (const auto& path : json_files_in(folder.path(), list_error)) {
                const std::string version = path.stem().string();
                if (current != catalog.current_.end() && version == current->second) continue;
                auto entry = load_one(path);
                if (!entry || entry->definition.id != id || entry->definition.version != version) {
                    std::cerr << "frontdesk: skipping archived form " << path.string() << ": "
                              << (entry ? "its id or version does not match its name" : entry.err().message) << "\n";
                    continue;
                }
                catalog.versions_[id].emplace(version, std::move(*entry));
            }
        }
    }
    catalog.listing_br_ = brotli_compress(catalog.listing_json());
    return catalog;
}

const std::string* catalog_entry::image_in(const std::string& language) const {
    const auto it = images.find(language);
    return it == images.end() ? nullptr : &it->second;
}

bool form_catalog::knows(const std::string& form_id) const { return versions_.count(form_id) != 0; }

const catalog_entry* form_catalog::find(const std::string& form_id) const {
    const auto it = current_.find(form_id);
    return it == current_.end() ? nullptr : find_version(form_id, it->second);
}

const catalog_entry* form_catalog::find_version(const std::string& form_id, const std::string& version) const {
    const auto forms = versions_.find(form_id);
    if (forms == versions_.end()) return nullptr;
    const auto entry = forms->second.find(version);
    return entry == forms->second.end() ? nullptr : &entry->second;
}

std::size_t form_catalog::version_count() const {
    std::size_t n = 0;
    for (const auto& [id, versions] : versions_) n += versions.size();
    return n;
}

std::set<std::string> form_catalog::teams() const {
    std::set<std::string> names;
    for (const auto& [id, versions] : versions_) {
        for (const auto& [version, entry] : versions) {
            names.insert(entry.definition.default_route.team);
            for (const auto& rule : entry.definition.team_rules) names.insert(rule.route.team);
        }
    }
    return names;
}

std::string form_catalog::listing_json() const {
    json_writer w;
    w.begin_array();
    for (const auto& [id, version] : current_) {
        const catalog_entry& entry = *find_version(id, version);
        w.begin_object();
        w.key("description").value(entry.definition.description);
        w.key("id").value(id);
        w.key("languages").begin_array();
        for (const auto& language : entry.definition.languages) w.value(language);
        w.end_array();
        if (!entry.definition.next_steps.empty()) {
            w.key("next_steps").begin_array();
            for (const auto& paragraph : entry.definition.next_steps) w.value(paragraph);
            w.end_array();
        }
        w.key("title").value(entry.definition.title);
        if (!entry.definition.translation_status.empty()) {
            w.key("translation_status").begin_object();
            for (const auto& [language, note] : entry.definition.translation_status) w.key(language).value(note);
            w.end_object();
        }
        // The texts of the list in the form's other languages (a text not
        // translated in the default's): the start page lists the form in the
        // language the person chose, and the confirmation page says the next
        // steps in the language the report was filled in.
        const auto& definition = entry.definition;
        if (definition.languages.size() > 1) {
            const auto in = [&](const std::string& at, const std::string& text, const std::string& language) -> const std::string& {
                const auto texts = definition.translations.find(at);
                if (texts == definition.translations.end()) return text;
                const auto it = texts->second.find(language);
                return it == texts->second.end() ? text : it->second;
            };
            w.key("translations").begin_object();
            for (std::size_t l = 1; l < definition.languages.size(); ++l) {
                const std::string& language = definition.languages[l];
                w.key(language).begin_object();
                w.key("description").value(in("/description", definition.description, language));
                if (!definition.next_steps.empty()) {
                    w.key("next_steps").begin_array();
                    for (std::size_t i = 0; i < definition.next_steps.size(); ++i) {
                        w.value(in("/next_steps/" + std::to_string(i), definition.next_steps[i], language));
                    }
                    w.end_array();
                }
                w.key("title").value(in("/title", definition.title, language));
                w.end_object();
            }
            w.end_object();
        }
        w.key("version").value(version);
        w.end_object();
    }
    w.end_array();
    return w.take();
}

}  // namespace frontdesk::server
