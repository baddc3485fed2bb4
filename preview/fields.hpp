// How the play-through's fields edit an answer. The session keeps one raw
// string per question (engine/answer.hpp): a date as "DAY/MONTH/YEAR", the
// parts of an address and the ticked boxes joined by "\n". These take the
// raw string apart for the widgets and put it back together.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/form.hpp"

namespace frontdesk::preview {

enum class field_kind {
    line,        // one line of text (text, email, phone, postcode, registration, number, money, time, file)
    lines,       // a text area
    choose_one,  // radios, yes/no: one of several
    pick_list,   // select: one from a drop-down
    tick_boxes,  // checkboxes: any number
    date_parts,  // day, month, year
    address,     // line 1, line 2, town, postcode
    none,        // content: guidance, nothing to answer
};

field_kind field_of(const question& q);

// The options to choose from: a yes/no question's are Yes and No.
std::vector<choice> options_of(const question& q);

// "a\nb" -> {"a", "b", "", ""} for count 4; extra parts stay in the last one;
// count 0: as many parts as there are.
std::vector<std::string> split_parts(const std::string& raw, std::size_t count);
// Parts joined by "\n"; all empty gives "" (no answer).
std::string join_parts(const std::vector<std::string>& parts);

// "27/11/2026" or "2026-11-27" -> {"27", "11", "2026"}.
std::vector<std::string> date_parts(const std::string& raw);
// {"", "11", "2026"} -> "/11/2026"; all empty -> "".
std::string date_raw(const std::vector<std::string>& parts);

bool is_ticked(const std::string& raw, const std::string& value);
// Ticks or unticks a box, keeping the options' order.
std::string tick(const question& q, const std::string& raw, const std::string& value, bool on);

// Words before a one-line field: "£" for money; a hint for fields the tool can't fill like the web app.
const char* field_prefix(const question& q);

// A file question's field is the file's name: the preview attaches no file,
// so the answer names a pretend one of 1 byte (a hash of zeros), which the
// engine checks like any other ("HASH\nSIZE\nNAME", engine/answer.hpp).
std::string file_name_of(const std::string& raw);
std::string pretend_file(const std::string& name);

}  // namespace frontdesk::preview
