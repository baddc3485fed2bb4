// The forms the server offers: each JSON definition in the forms folder,
// loaded once at start, with its compiled image for the browser.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk::server {

struct catalog_entry {
    form definition;
    std::string image;  // encode_form_image(definition)
};

class form_catalog {
public:
    // Loads every *.json in `dir`; any broken form stops the start, with the
    // file and JSON pointer of each problem in the error.
    static result<form_catalog> load(const std::string& dir);

    const catalog_entry* find(const std::string& form_id) const;
    // [{"description","id","title","version"}], in id order.
    std::string listing_json() const;
    std::size_t size() const { return entries_.size(); }
    // Every team any form can route a report to.
    std::set<std::string> teams() const;

private:
    std::map<std::string, catalog_entry> entries_;
};

}  // namespace frontdesk::server
