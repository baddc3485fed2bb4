#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>

#include "preview/fields.hpp"
#include "preview/gui/panels.hpp"

namespace frontdesk::preview::gui {
namespace {

void heading(const fonts& f, const std::string& text) {
    ImGui::PushFont(f.heading);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
}

void error_summary(const session& s) {
    if (s.errors().empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Border, error_colour);
    const float lines = static_cast<float>(s.errors().size() + 1);
    ImGui::BeginChild("problem", {0, ImGui::GetTextLineHeightWithSpacing() * lines + ImGui::GetStyle().WindowPadding.y * 2},
                      true);
    ImGui::TextColored(error_colour, "There is a problem");
    for (const auto& e : s.errors()) ImGui::BulletText("%s", e.message.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// A one-line text field; true when it changed.
bool line_field(const char* id, std::string& text, float width) {
    ImGui::SetNextItemWidth(std::min(width, ImGui::GetContentRegionAvail().x));
    return ImGui::InputText(id, &text);
}

// The field for a question, by its kind; true when the raw answer changed.
bool draw_field(const question& q, std::string& raw) {
    const float em = ImGui::CalcTextSize("M").x;
    const float wanted = q.width > 0 ? em * static_cast<float>(q.width + 2) : ImGui::GetContentRegionAvail().x;
    switch (field_of(q)) {
        case field_kind::none: return false;
        case field_kind::line:
            if (*field_prefix(q)) {
                ImGui::TextUnformatted(field_prefix(q));
                ImGui::SameLine();
            }
            if (q.type == question_type::file) {
                std::string name = file_name_of(raw);
                if (!line_field("##answer", name, wanted)) return false;
                raw = pretend_file(name);
                return true;
            }
            return line_field("##answer", raw, wanted);
        case field_kind::lines:
            return ImGui::InputTextMultiline("##answer", &raw, {ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight() * 5});
        case field_kind::choose_one: {
            bool changed = false;
            for (const auto& c : options_of(q)) {
                if (ImGui::RadioButton(c.label.c_str(), raw == c.value)) {
                    raw = c.value;
                    changed = true;
                }
            }
            return changed;
        }
        case field_kind::pick_list: {
            bool changed = false;
            const std::string shown = shown_value(q, raw);
            ImGui::SetNextItemWidth(std::min(wanted, ImGui::GetContentRegionAvail().x));
            if (ImGui::BeginCombo("##answer", shown.empty() ? "Select an option" : shown.c_str())) {
                for (const auto& c : options_of(q)) {
                    if (ImGui::Selectable(c.label.c_str(), raw == c.value)) {
                        raw = c.value;
                        changed = true;
                    }
                }
                ImGui::EndCombo();
            }
            return changed;
        }
        case field_kind::tick_boxes: {
            bool changed = false;
            for (const auto& c : options_of(q)) {
                bool on = is_ticked(raw, c.value);
                if (ImGui::Checkbox(c.label.c_str(), &on)) {
                    raw = tick(q, raw, c.value, on);
                    changed = true;
                }
            }
            return changed;
        }
        case field_kind::date_parts: {
            auto parts = date_parts(raw);
            bool changed = false;
            const char* names[] = {"Day", "Month", "Year"};
            for (std::size_t i = 0; i < 3; ++i) {
                ImGui::PushID(static_cast<int>(i));
                ImGui::BeginGroup();
                ImGui::TextUnformatted(names[i]);
                changed |= line_field("##part", parts[i], em * (i == 2 ? 6.0f : 4.0f));
                ImGui::EndGroup();
                ImGui::PopID();
                if (i < 2) ImGui::SameLine();
            }
            if (changed) raw = date_raw(parts);
            return changed;
        }
        case field_kind::address: {
            auto parts = split_parts(raw, 4);
            bool changed = false;
            const char* names[] = {"Address line 1", "Address line 2 (optional)", "Town or city", "Postcode"};
            for (std::size_t i = 0; i < 4; ++i) {
                ImGui::PushID(static_cast<int>(i));
                ImGui::TextUnformatted(names[i]);
                changed |= line_field("##part", parts[i], i == 3 ? em * 10 : ImGui::GetContentRegionAvail().x);
                ImGui::PopID();
            }
            if (changed) raw = join_parts(parts);
            return changed;
        }
    }
    return false;
}

// One question as the public sees it: label, hint, error, then the field.
// `take_keyboard`: put the keyboard on this field (the first one of a new page).
void draw_question(workspace& w, const question& q, bool label_is_heading, bool take_keyboard) {
    const session& s = *w.play->journey;
    ImGui::PushID(q.id.c_str());
    if (!label_is_heading) ImGui::TextWrapped("%s", q.label.c_str());
    if (!q.hint.empty()) ImGui::TextDisabled("%s", q.hint.c_str());
    if (const auto* e = error_for(s, q.id)) ImGui::TextColored(error_colour, "Error: %s", e->c_str());
    std::string raw = s.answer(q.id);
    if (take_keyboard && q.asks()) ImGui::SetKeyboardFocusHere();
    if (draw_field(q, raw)) take(w, {step_kind::answer, q.id, raw});
    ImGui::Spacing();
    ImGui::PopID();
}

// A repeat's summary, as the web app draws it: the entries with Change and
// Remove, then "add another?" (not asked at the maximum) and Continue.
void draw_summary(workspace& w, const fonts& f, const page& pg, bool take_keyboard) {
    const session& s = *w.play->journey;
    const repeat_spec& r = *pg.repeat;
    error_summary(s);
    heading(f, r.summary_title);
    if (!s.notice().empty()) ImGui::TextWrapped("%s", s.notice().c_str());
    std::optional<step> chosen;
    const std::uint32_t count = s.entries(r.group);
    if (count == 0) ImGui::TextDisabled("No entries yet.");
    for (std::uint32_t n = 1; n <= count; ++n) {
        ImGui::PushID(static_cast<int>(n));
        ImGui::TextWrapped("%s", s.entry_summary(r, n).c_str());
        ImGui::SameLine();
        if (take_keyboard) ImGui::SetKeyboardFocusHere();
        take_keyboard = false;
        if (ImGui::SmallButton("Change")) chosen = step{step_kind::change_entry, "", std::to_string(n)};
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove")) chosen = step{step_kind::remove_entry, "", std::to_string(n)};
        ImGui::PopID();
    }
    ImGui::Spacing();
    if (count < r.max) {
        ImGui::TextWrapped("%s", r.add_another.c_str());
        if (const auto* e = error_for(s, r.id)) ImGui::TextColored(error_colour, "Error: %s", e->c_str());
        for (const char* choice : {"yes", "no"}) {
            if (ImGui::RadioButton(choice[0] == 'y' ? "Yes" : "No", s.add_another_answer() == choice)) {
                chosen = step{step_kind::answer, r.id, choice};
            }
            ImGui::SameLine();
        }
        ImGui::NewLine();
    }
    if (ImGui::Button("Continue")) chosen = step{step_kind::next, "", ""};
    if (chosen) take(w, *chosen);
}

void draw_page(workspace& w, const fonts& f) {
    const session& s = *w.play->journey;
    // Like the web app moving focus to a new page, a keyboard user lands on its
    // first field (or first Change link) rather than on the Continue they pressed.
    const std::string on_screen = std::string(state_name(s.state())) + ":" +
                                  (s.current_page() ? s.current_page()->id : std::string());
    bool take_keyboard = false;
    if (on_screen != w.shown_page) {
        w.shown_page = on_screen;
        take_keyboard = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::GetIO().NavVisible;
    }
    ImGui::TextDisabled("%s", s.definition().title.c_str());
    if (s.state() == session_state::check) {
        heading(f, "Check your answers before sending your report");
        std::string change;
        if (ImGui::BeginTable("check", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
            for (const auto& row : check_rows(s)) {
                ImGui::PushID(row.question.c_str());
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", row.label.c_str());
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", row.value.empty() ? "Not answered" : row.value.c_str());
                ImGui::TableNextColumn();
                if (take_keyboard) ImGui::SetKeyboardFocusHere();
                take_keyboard = false;
                if (ImGui::SmallButton("Change")) change = row.question;
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        if (!change.empty()) take(w, {step_kind::change, change, ""});
        ImGui::Spacing();
        ImGui::TextDisabled("Send is not part of the preview: the Report panel shows what it would seal.");
        return;
    }
    const page& pg = *s.current_page();
    if (s.state() == session_state::summary) {
        draw_summary(w, f, pg, take_keyboard);
        return;
    }
    if (pg.repeat) ImGui::TextDisabled("%s", s.entry_title(*pg.repeat, s.entry()).c_str());
    const bool single = pg.kind == page_kind::questions && pg.questions.size() == 1;
    error_summary(s);
    heading(f, page_heading(pg).empty() ? s.definition().title : page_heading(pg));
    for (const auto& para : pg.body) ImGui::TextWrapped("%s", para.c_str());
    if (!pg.body.empty()) ImGui::Spacing();
    for (const auto& q : pg.questions) {
        if (!s.shown(q)) continue;  // its show_if does not hold now
        draw_question(w, q, single, take_keyboard);
        take_keyboard = take_keyboard && !q.asks();
    }
    if (s.state() == session_state::exit) {
        ImGui::TextColored(warning_colour, "Exit page: the journey ends here, and no report is sent.");
    } else if (ImGui::Button("Continue")) {
        take(w, {step_kind::next, "", ""});
    }
}

void draw_answers(const workspace& w) {
    const session& s = *w.play->journey;
    const auto live = live_route_of(s);
    ImGui::TextWrapped("Report goes to: %s (%s), by %s", live.route.team.c_str(), live.route.urgency.c_str(),
                       live.decided_by.c_str());
    if (!live.next_page.empty()) {
        ImGui::TextWrapped("Continue goes to: %s, by %s", live.next_page.c_str(), live.next_by.c_str());
    }
    std::string path;
    for (const auto& id : s.path()) path += (path.empty() ? "" : " > ") + id;
    ImGui::TextWrapped("Path: %s%s", path.c_str(), s.state() == session_state::check ? " > check-answers" : "");
    const auto calculated = calculated_values(s);
    if (!calculated.empty() && ImGui::BeginTable("calculated", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Calculated value");
        ImGui::TableSetupColumn("Now");
        ImGui::TableHeadersRow();
        for (const auto& row : calculated) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.id.c_str());
            ImGui::TableNextColumn();
            if (row.value.empty()) ImGui::TextDisabled("not known yet");
            else ImGui::TextWrapped("%s", row.value.c_str());
        }
        ImGui::EndTable();
    }
    const auto rows = live_answers(s);
    if (rows.empty()) {
        ImGui::TextDisabled("No answers yet.");
        return;
    }
    if (ImGui::BeginTable("answers", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("Question");
        ImGui::TableSetupColumn("Answer");
        ImGui::TableSetupColumn("Sent");
        ImGui::TableHeadersRow();
        for (const auto& row : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.question.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", row.value.c_str());
            ImGui::TableNextColumn();
            // An answer on a branch the person left is kept but never sent.
            if (row.on_path) ImGui::TextUnformatted("yes");
            else ImGui::TextDisabled("no: off the path");
        }
        ImGui::EndTable();
    }
}

}  // namespace

void draw_playthrough_panel(workspace& w, const fonts& f) {
    if (!ImGui::Begin("Play-through", nullptr, panel_flags)) return ImGui::End();
    if (!w.play) {
        ImGui::TextWrapped("This form does not load, so it cannot be played. The lint panel lists what to mend; "
                           "the play-through starts as soon as the file loads.");
        return ImGui::End();
    }
    if (ImGui::Button("Start again")) restart(w);
    ImGui::SameLine();
    ImGui::BeginDisabled(!w.play->journey->can_go_back());
    if (ImGui::Button("Back")) take(w, {step_kind::back, "", ""});
    ImGui::EndDisabled();
    ImGui::SameLine();
    // The form's languages: the journey is played again in the one chosen.
    const std::string current = language_label(w.play->language);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(current.c_str()).x + ImGui::GetFrameHeight() * 2);
    ImGui::BeginDisabled(w.play->original->languages.size() < 2);
    if (ImGui::BeginCombo("Language", current.c_str())) {
        for (const auto& code : w.play->original->languages) {
            if (ImGui::Selectable(language_label(code).c_str(), code == w.play->language) && code != w.play->language) {
                if (auto st = set_language(*w.play, code); !st) w.status = st.err().message;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    ImGui::Separator();

    const float answers_height = ImGui::GetContentRegionAvail().y * 0.38f;
    ImGui::BeginChild("page", {0, ImGui::GetContentRegionAvail().y - answers_height}, false,
                      ImGuiWindowFlags_NavFlattened);
    draw_page(w, f);
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::BeginChild("answers", {0, 0}, false, ImGuiWindowFlags_NavFlattened);
    ImGui::TextDisabled("Live answers and route");
    draw_answers(w);
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace frontdesk::preview::gui
