#include "preview/workspace.hpp"

#include <algorithm>
#include <filesystem>

namespace frontdesk::preview {
namespace {

void rebuild_map(workspace& w) {
    const auto& f = w.files[w.selected];
    w.map = build_flow_map(f.source, f.problems);
    if (w.chosen_node && *w.chosen_node >= w.map.nodes.size()) w.chosen_node.reset();
}

path_report paths_of(const workspace& w, const form& f) {
    path_limits limits;
    limits.today = w.today;  // dates in the past or future depend on it
    return enumerate_paths(f, limits);
}

void start_on(workspace& w, const std::shared_ptr<const form>& f) {
    w.chosen_path.reset();
    if (!f) {
        w.play.reset();
        w.paths = {};
        return;
    }
    w.play = start_playthrough(f, w.today);
    w.paths = paths_of(w, *f);
}

std::string file_name(const form_file& f) { return std::filesystem::path(f.path).filename().string(); }

}  // namespace

workspace open_workspace(const std::vector<std::string>& paths, std::int64_t today) {
    workspace w;
    w.today = today;
    w.sources = paths;
    for (const auto& p : expand_form_paths(paths)) w.files.push_back(read_form_file(p, today));
    if (!w.files.empty()) select_form(w, 0);
    return w;
}

void select_form(workspace& w, std::size_t index) {
    if (index >= w.files.size()) return;
    w.selected = index;
    w.chosen_node.reset();
    w.fit_map = true;
    rebuild_map(w);
    start_on(w, w.files[index].loaded);
    const auto& f = w.files[index];
    w.status = f.source_loads ? "" : f.loaded ? file_name(f) + " has errors" : file_name(f) + " does not load: see the lint panel";
}

std::size_t reload_changed(workspace& w) {
    std::size_t changed = 0;
    for (const auto& path : expand_form_paths(w.sources)) {
        const bool known = std::any_of(w.files.begin(), w.files.end(), [&](const form_file& f) { return f.path == path; });
        if (known) continue;
        w.files.push_back(read_form_file(path, w.today));
        ++changed;
        if (w.files.size() == 1) select_form(w, 0);
    }
    for (std::size_t i = 0; i < w.files.size(); ++i) {
        auto& f = w.files[i];
        if (!refresh(f, w.today)) continue;
        ++changed;
        if (i != w.selected) continue;
        rebuild_map(w);
        if (!f.source_loads) {
            w.status = file_name(f) + " changed and has errors" +
                       (w.play ? ": still playing the last version that loaded" : "");
            continue;
        }
        if (!w.play) {
            start_on(w, f.loaded);
            w.status = file_name(f) + " loads now";
            continue;
        }
        if (w.play->original == f.loaded) continue;
        auto again = replay_steps(*w.play, f.loaded);
        w.play = std::move(again.play);
        w.paths = paths_of(w, *f.loaded);
        w.chosen_path.reset();
        w.status = file_name(f) + " reloaded: journey kept" +
                   (again.skipped ? " (" + std::to_string(again.skipped) + " step(s) no longer apply)" : "");
    }
    return changed;
}

bool take(workspace& w, const step& s) {
    if (!w.play) return false;
    const auto st = take_step(*w.play, s);
    if (!st) w.status = st.err().message;
    return st.is_ok();
}

void restart(workspace& w) {
    if (!w.play) return;
    *w.play = start_playthrough(w.play->original, w.today, w.play->language);
    w.chosen_path.reset();
    w.status.clear();
}

bool play_path_at(workspace& w, std::size_t index) {
    if (!w.play || index >= w.paths.paths.size()) return false;
    w.chosen_path = index;
    const bool ok = play_path(*w.play, w.paths.paths[index]);
    w.status = ok ? "Playing path " + std::to_string(index + 1) : "Path " + std::to_string(index + 1) + " no longer ends where it did";
    return ok;
}

bool jump_to_page(workspace& w, const std::string& page_id) {
    if (!w.play) return false;
    if (back_to(*w.play, page_id)) {
        w.status = "Back on page '" + page_id + "'";
        return true;
    }
    const auto through = first_path_through(w.paths, page_id);
    if (!through) {
        w.status = "No path reaches page '" + page_id + "'";
        return false;
    }
    w.chosen_path = *through;
    const bool ok = walk_to(*w.play, w.paths.paths[*through].answers, page_id);
    w.status = ok ? "On page '" + page_id + "' by path " + std::to_string(*through + 1)
                  : "Could not reach page '" + page_id + "'";
    return ok;
}

script_outcome run_script(workspace& w, const parsed_script& script) {
    script_outcome out;
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
        const auto& s = script.steps[i];
        const bool ok = s.path > 0 ? play_path_at(w, s.path - 1) : take(w, s.play);
        if (ok) {
            ++out.played;
        } else {
            out.refused.push_back("step " + std::to_string(i + 1) + ": " + (w.play ? w.status : "no form to play"));
        }
    }
    return out;
}

std::string journey_position(const workspace& w) {
    if (!w.play) return "no journey";
    const session& s = *w.play->journey;
    if (s.state() == session_state::check) return "on check your answers";
    const page* p = s.current_page();
    std::string text = (s.state() == session_state::exit ? "on exit page '" : "on page '") + p->id + "'";
    if (!s.errors().empty()) text += " with " + std::to_string(s.errors().size()) + " error(s)";
    return text;
}

}  // namespace frontdesk::preview
