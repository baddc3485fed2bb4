// A tiny option parser: "--name value" pairs and positional arguments.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/result.hpp"

namespace frontdesk::cli {

struct parsed_options {
    std::map<std::string, std::string> named;  // without the leading "--"
    std::vector<std::string> positional;

    bool has(const std::string& name) const { return named.count(name) != 0; }
    const std::string& get(const std::string& name) const { return named.at(name); }
};

inline result<parsed_options> parse_options(const std::vector<std::string>& args, const std::set<std::string>& known) {
    parsed_options out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            const std::string name = a.substr(2);
            if (!known.count(name)) return error{a, "unknown option"};
            if (i + 1 >= args.size()) return error{a, "needs a value"};
            out.named[name] = args[++i];
        } else {
            out.positional.push_back(a);
        }
    }
    return out;
}

}  // namespace frontdesk::cli
