// Everything the preview tool knows, in one plain struct, and what can be done
// to it. The panels in gui/ draw it and call these; nothing here needs a window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "preview/flow_map.hpp"
#include "preview/forms_panel.hpp"
#include "preview/paths_panel.hpp"
#include "preview/playthrough.hpp"
#include "preview/script.hpp"

namespace frontdesk::preview {

struct workspace {
    std::int64_t today = 0;  // what today() is in forms' expressions (days since 1970-01-01)
    std::vector<std::string> sources;  // as given: files and folders, looked at again for new files
    std::vector<form_file> files;
    std::size_t selected = 0;
    // Played on the last version of the selected form that loaded; none when
    // it never loaded.
    std::optional<playthrough> play;
    path_report paths;  // of the form being played
    std::optional<std::size_t> chosen_path;
    flow_map map;       // of the selected file as it is on disk now
    flow_camera camera;
    bool fit_map = true;  // fit the map to its canvas on the next frame
    std::optional<std::size_t> chosen_node;
    bool centre_chosen = false;
    std::string followed_page;  // the map scrolls to the journey's page when it changes
    std::string shown_page;     // the play-through puts the keyboard on a new page's first field  // bring the chosen node into view on the next frame
    std::string status;   // the last thing the tool has to say, one sentence
};

// `today`: days since 1970-01-01 (utc_today() in the tool; fixed in tests).
workspace open_workspace(const std::vector<std::string>& paths, std::int64_t today);

void select_form(workspace& w, std::size_t index);

// Reads changed files again, and adds files new in a folder; the selected
// form's journey is replayed on its new version. Returns how many changed.
std::size_t reload_changed(workspace& w);

// Takes a step in the play-through; the session's refusal becomes the status.
bool take(workspace& w, const step& s);

// Starts the selected form's journey again from its first page.
void restart(workspace& w);

bool play_path_at(workspace& w, std::size_t index);

// Gets the play-through to a page: back along the journey when the page is on
// it, otherwise along the first path that visits it.
bool jump_to_page(workspace& w, const std::string& page_id);

struct script_outcome {
    std::size_t played = 0;
    std::vector<std::string> refused;  // "/3: That question is not on this page."
};

script_outcome run_script(workspace& w, const parsed_script& script);

// Where the journey is, in words: "on page 'bike'", "on check your answers".
std::string journey_position(const workspace& w);

}  // namespace frontdesk::preview
