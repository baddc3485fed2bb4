#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "server/config.hpp"
#include "server/form_catalog.hpp"
#include "server/http_server.hpp"
#include "server/key_store.hpp"
#include "server/store.hpp"

namespace frontdesk::cli {
namespace {

int fail(const error& e) {
    std::cerr << "frontdesk serve: " << (e.where.empty() ? "" : e.where + ": ") << e.message << "\n";
    return 1;
}

result<server::config> settings_from(const arguments& args) {
    auto options = parse_options(args, {"config", "port", "data", "web", "forms", "address"});
    if (!options) return options.err();
    if (!options->positional.empty()) return error{options->positional.front(), "unexpected argument"};
    server::config settings;
    if (options->has("config")) {
        auto loaded = server::load_config_file(options->get("config"), settings);
        if (!loaded) return loaded.err();
        settings = *loaded;
    }
    if (options->has("port")) {
        const std::string& text = options->get("port");
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
        if (ec != std::errc{} || end != text.data() + text.size() || port > 65535) return error{"--port", "must be 0 to 65535"};
        settings.port = static_cast<std::uint16_t>(port);
    }
    if (options->has("data")) settings.data_dir = options->get("data");
    if (options->has("web")) settings.web_root = options->get("web");
    if (options->has("forms")) settings.forms_dir = options->get("forms");
    if (options->has("address")) settings.address = options->get("address");
    return settings;
}

}  // namespace

int serve_command(const arguments& args) {
    auto settings = settings_from(args);
    if (!settings) return fail(settings.err());

    std::error_code ec;
    std::filesystem::create_directories(settings->data_dir, ec);
    if (ec) return fail({settings->data_dir, "cannot create the data folder"});
    const std::string key_dir = settings->data_dir + "/keys";
    bool made_keys = false;
    if (auto s = server::make_missing_keys(key_dir, made_keys); !s) return fail(s.err());
    if (made_keys) std::cerr << "frontdesk serve: made development keys in " << key_dir << "\n";
    auto keys = server::load_keys(key_dir);
    if (!keys) return fail(keys.err());

    auto forms = server::form_catalog::load(settings->forms_dir);
    if (!forms) return fail(forms.err());
    if (!std::filesystem::exists(settings->web_root + "/index.html")) {
        std::cerr << "frontdesk serve: warning: no web app in " << settings->web_root << " (build it with `make`)\n";
    }
    auto db = server::store::open(settings->data_dir + "/frontdesk.sqlite3");
    if (!db) return fail(db.err());

    server::submission_context submissions{*forms, *keys, **db, server::utc_now};
    server::app application{*settings, submissions, server::public_keys_json(*keys)};

    boost::asio::io_context ioc{1};
    std::uint16_t port = 0;
    auto listening = server::start_listening(ioc, application, port);
    if (!listening) return fail(listening.err());

    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
        server::stop_listening(**listening);
        ioc.stop();
    });
    // Tests and scripts wait for this line to learn the port.
    std::cout << "frontdesk: listening on http://" << settings->address << ":" << port << " with " << forms->size()
              << " form(s)" << std::endl;
    ioc.run();
    std::cerr << "frontdesk serve: stopped\n";
    return 0;
}

}  // namespace frontdesk::cli
