// The subcommands of `frontdesk`. Each takes the arguments after its name
// and returns the process exit status.
#pragma once

#include <string>
#include <vector>

namespace frontdesk::cli {

using arguments = std::vector<std::string>;

int serve_command(const arguments& args);
int keys_command(const arguments& args);
int lint_command(const arguments& args);
int fill_command(const arguments& args);
int submit_command(const arguments& args);
int inbox_command(const arguments& args);

}  // namespace frontdesk::cli
