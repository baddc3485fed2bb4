#include <iostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "engine/form_json.hpp"

namespace frontdesk::cli {

int lint_command(const arguments& args) {
    if (args.empty()) {
        std::cerr << "usage: frontdesk lint FORM.json...\n";
        return 2;
    }
    int errors = 0;
    for (const auto& path : args) {
        const auto text = read_file(path);
        if (!text) {
            std::cout << path << ": error: cannot read the file\n";
            ++errors;
            continue;
        }
        const auto loaded = load_form_json(*text, form_data_reader(path));
        for (const auto& e : loaded.errors) std::cout << path << ":" << e.where << ": error: " << e.message << "\n";
        errors += static_cast<int>(loaded.errors.size());
    }
    return errors == 0 ? 0 : 1;
}

}  // namespace frontdesk::cli
