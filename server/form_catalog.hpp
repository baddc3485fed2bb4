// The forms the server offers: each JSON definition in the forms folder,
// loaded once at start, with its compiled image for the browser.
//
// Every version a form has ever been served in is kept (archived as its
// source in DATA/form-versions/<id>/<version>.json), so a report filled in
// and sealed on a phone before a form changed is still checked against the
// version it was made with, and is not lost. Versions never served are refused.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk::server {

struct catalog_entry {
    form definition;    // every language (docs/forms-language.md, "Languages")
    std::string image;  // encode_form_image(definition): the default language's image
    // Language -> the image of the form localized to it: one language travels
    // per image. Every language of the form has one (the default's is `image`).
    std::map<std::string, std::string> images;
    // Language -> the image compressed with brotli (sent to browsers that
    // accept it: the image is on the way to the first question). Empty when
    // brotli does not make it smaller.
    std::map<std::string, std::string> images_br;
    std::string image_br;  // images_br of the default language
    const std::string* image_in(const std::string& language) const;
};

class form_catalog {
public:
    // Loads every *.json in `dir` as the current forms (any broken form stops
    // the start, with the file and JSON pointer of its first problem). With an
    // archive folder, also archives each current version there and loads every
    // version archived before.
    static result<form_catalog> load(const std::string& dir, const std::string& archive_dir = {});

    // The current version of a form (none for a form since withdrawn).
    const catalog_entry* find(const std::string& form_id) const;
    // True when any version of the form was ever served.
    bool knows(const std::string& form_id) const;
    // Any version this server has served of a form.
    const catalog_entry* find_version(const std::string& form_id, const std::string& version) const;
    // [{"description","id","languages","title","translation_status"?,"version"}],
    // in id order: current versions only (texts in the default language).
    std::string listing_json() const;
    // listing_json() in brotli, made at load ("" if it could not be compressed).
    const std::string& listing_br() const { return listing_br_; }
    std::size_t size() const { return current_.size(); }
    std::size_t version_count() const;
    // Every team any version of any form can route a report to.
    std::set<std::string> teams() const;

private:
    std::map<std::string, std::string> current_;                          // form id -> current version
    std::map<std::string, std::map<std::string, catalog_entry>> versions_;  // form id -> version -> entry
    std::string listing_br_;
};

}  // namespace frontdesk::server
