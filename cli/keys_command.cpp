#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "server/key_store.hpp"

namespace frontdesk::cli {

int keys_command(const arguments& args) {
    auto options = parse_options(args, {"data"});
    if (!options || options->positional.size() != 1 ||
        (options->positional[0] != "init" && options->positional[0] != "show")) {
        std::cerr << "usage: frontdesk keys init|show [--data DIR]\n";
        return 2;
    }
    const std::string dir = (options->has("data") ? options->get("data") : std::string("var")) + "/keys";
    if (options->positional[0] == "init") {
        bool created = false;
        if (auto s = server::make_missing_keys(dir, created); !s) {
            std::cerr << "frontdesk keys: " << s.err().where << ": " << s.err().message << "\n";
            return 1;
        }
        std::cerr << (created ? "frontdesk keys: made the missing key pairs in " : "frontdesk keys: all keys present in ")
                  << dir << "\n";
    }
    auto keys = server::load_keys(dir);
    if (!keys) {
        std::cerr << "frontdesk keys: " << keys.err().where << ": " << keys.err().message << "\n";
        return 1;
    }
    // Public halves only: this output may be pasted anywhere.
    std::cout << server::public_keys_json(*keys) << "\n";
    return 0;
}

}  // namespace frontdesk::cli
