// frontdesk: one binary for people, tests and CI. See docs/cli.md.
#include <iostream>

#include "cli/commands.hpp"

namespace {

void usage() {
    std::cerr << "usage: frontdesk <command> [options]\n"
                 "  serve  [--config FILE] [--port N] [--data DIR] [--web DIR] [--forms DIR]\n"
                 "                           run the backend and serve the web app\n"
                 "  keys   init|show|rotate|team …  make, show and rotate key pairs (frontdesk keys for more)\n"
                 "  lint   FORM.json...             check form definitions\n"
                 "  fill   FORM.json --answers ANSWERS.json\n"
                 "                           run a form headless and print the outcome as JSON\n"
                 "  submit FORM.json --answers ANSWERS.json [--url http://127.0.0.1:8080]\n"
                 "                           seal a report, post it and check the receipt\n"
                 "  inbox  --team TEAM --key TEAM.secret [--data DIR]\n"
                 "                           open a team's queue with the team's secret key\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage();
        return 2;
    }
    const std::string command = argv[1];
    const frontdesk::cli::arguments args(argv + 2, argv + argc);
    if (command == "serve") return frontdesk::cli::serve_command(args);
    if (command == "keys") return frontdesk::cli::keys_command(args);
    if (command == "lint") return frontdesk::cli::lint_command(args);
    if (command == "fill") return frontdesk::cli::fill_command(args);
    if (command == "submit") return frontdesk::cli::submit_command(args);
    if (command == "inbox") return frontdesk::cli::inbox_command(args);
    if (command == "--help" || command == "-h" || command == "help") {
        usage();
        return 0;
    }
    std::cerr << "frontdesk: unknown command '" << command << "'\n";
    usage();
    return 2;
}
