// Drafts: a session saved compactly so that nothing a person typed is lost to
// a closed tab, a reload or a new version of the form. Layout in
// docs/engine-view.md ("Drafts").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/result.hpp"
#include "engine/session.hpp"

namespace frontdesk {

inline constexpr std::size_t largest_draft = 4 * 1024 * 1024;

// A printable string (base64 of a compact binary record) to store as it is.
std::string save_draft(const session& s);

struct draft_restored {
    bool same_version = true;               // saved against the version now loaded
    std::vector<std::string> dropped;       // answered question ids the form no longer asks
};

// Restores a draft into `s`, which must run the same form (by id). Against a
// newer version of the form, answers are kept by question id, answers to
// questions that no longer exist are dropped (and listed), and the person
// lands on the first page that needs attention. A damaged draft, or one for
// another form, is an error and leaves `s` as it was.
result<draft_restored> restore_draft(session& s, std::string_view draft);

}  // namespace frontdesk
