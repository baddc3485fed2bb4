#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/files.hpp"
#include "engine/form_json.hpp"
#include "engine/lint.hpp"

namespace frontdesk::cli {

// Prints every problem as FILE:JSON-POINTER: error|warning: message; exit
// status 1 when there is an error, 0 when there are only warnings or none.
int lint_command(const arguments& args) {
    if (args.empty()) {
        std::cerr << "usage: frontdesk lint FORM.json...\n";
        return 2;
    }
    lint_options options;
    options.today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
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
        if (!loaded.loaded) continue;
        for (const auto& finding : lint_form(*loaded.loaded, options)) {
            const bool is_error = finding.level == lint_level::error;
            std::cout << path << ":" << finding.where << ": " << (is_error ? "error" : "warning") << ": " << finding.message << "\n";
            errors += is_error ? 1 : 0;
        }
    }
    return errors == 0 ? 0 : 1;
}

}  // namespace frontdesk::cli
