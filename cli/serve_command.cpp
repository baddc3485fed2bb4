#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <sys/resource.h>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "server/clock.hpp"
#include "server/config.hpp"
#include "server/delivery.hpp"
#include "server/form_catalog.hpp"
#include "server/http_server.hpp"
#include "server/key_files.hpp"
#include "server/metrics.hpp"
#include "server/keyring.hpp"
#include "server/store.hpp"
#include "server/submission_pipeline.hpp"

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

// Every team a form can route to needs a public key before the first report
// arrives. Development mode makes the missing pairs, keeping the secret
// halves beside the data so `frontdesk inbox` works out of the box.
status ensure_team_keys(const server::config& settings, const server::form_catalog& forms, const std::string& key_dir) {
    auto ring = server::keyring::load(key_dir);
    if (!ring) return ring.err();
    std::vector<std::string> missing;
    for (const auto& team : forms.teams()) {
        if (ring->team(team) == nullptr) missing.push_back(team);
    }
    if (missing.empty()) return status::ok();
    if (!settings.development_keys) {
        std::string names;
        for (const auto& t : missing) names += (names.empty() ? "" : ", ") + t;
        return error{key_dir + "/teams", "no public key for team(s) " + names + ": add them with `frontdesk keys team`"};
    }
    const std::string secrets = settings.data_dir + "/team-keys";
    if (auto s = server::make_private_folder(secrets); !s) return s;
    for (const auto& team : missing) {
        if (auto s = server::add_team_key(key_dir, team, secrets + "/" + team + ".secret"); !s) return s;
        std::cerr << "frontdesk serve: made a development key pair for team " << team << " (secret in " << secrets
                  << ")\n";
    }
    return status::ok();
}

// Every connection is a file descriptor: raise the soft limit to the hard one,
// and say so when it is still too low for max_connections.
void raise_file_limit(const server::config& settings) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < settings.max_connections + 64) {
        std::cerr << "frontdesk serve: warning: only " << limit.rlim_cur << " open files allowed, fewer than "
                  << settings.max_connections << " connections need\n";
    }
}

}  // namespace

int serve_command(const arguments& args) {
    auto settings = settings_from(args);
    if (!settings) return fail(settings.err());
    raise_file_limit(*settings);

    std::error_code ec;
    std::filesystem::create_directories(settings->data_dir, ec);
    if (ec) return fail({settings->data_dir, "cannot create the data folder"});
    auto forms = server::form_catalog::load(settings->forms_dir, settings->data_dir + "/form-versions");
    if (!forms) return fail(forms.err());

    const std::string key_dir = settings->data_dir + "/keys";
    if (settings->development_keys) {
        bool made_keys = false;
        if (auto s = server::init_keys(key_dir, made_keys); !s) return fail(s.err());
        if (made_keys) std::cerr << "frontdesk serve: made development keys in " << key_dir << "\n";
    }
    if (auto s = ensure_team_keys(*settings, *forms, key_dir); !s) return fail(s.err());
    auto keys = server::keyring::load(key_dir);
    if (!keys) return fail(keys.err());
    if (!std::filesystem::exists(settings->web_root + "/index.html")) {
        std::cerr << "frontdesk serve: warning: no web app in " << settings->web_root << " (build it with `make`)\n";
    }
    auto db = server::store::open(settings->data_dir + "/frontdesk.sqlite3");
    if (!db) return fail(db.err());

    server::submission_context submissions{*forms, *keys, **db, [] { return server::utc_now(); }};
    boost::asio::io_context ioc{1};
    server::delivery_worker delivery(*keys, *settings);
    submissions.sinks_for = [&settings](const std::string& team) { return server::sinks_for_team(*settings, team); };
    submissions.on_stored = [&delivery] { delivery.poke(); };
    for (const auto& sink : settings->sinks) {
        if (sink.team != "*" && !forms->teams().count(sink.team)) {
            std::cerr << "frontdesk serve: warning: sink " << sink.id() << " is for team " << sink.team
                      << ", which no form routes to\n";
        }
    }

    server::metrics stats;
    stats.add_gauge("frontdesk_deliveries_pending", "Deliveries not yet acknowledged, by sink.", "sink", [&db, &settings] {
        // Every configured sink appears, at 0 when nothing is owed to it.
        std::map<std::string, std::int64_t> pending;
        for (const auto& sink : settings->sinks) pending[sink.id()] = 0;
        if (auto counts = (*db)->pending_deliveries_by_sink()) {
            for (const auto& [sink, count] : *counts) pending[sink] = count;
        }
        return pending;
    });
    stats.add_gauge("frontdesk_reports_stored", "Reports stored, by receiving team.", "team", [&db] {
        auto counts = (*db)->count_by_team();
        return counts ? *counts : std::map<std::string, std::int64_t>{};
    });
    server::app application{*settings, submissions, keys->public_json(), stats};

    server::submission_pipeline pipeline(ioc, submissions, std::max(1U, std::thread::hardware_concurrency()));
    if (auto s = pipeline.start(settings->data_dir + "/frontdesk.sqlite3"); !s) return fail(s.err());
    application.pipeline = &pipeline;

    server::http_server http(ioc, application);
    if (auto s = http.listen(); !s) return fail(s.err());
    if (auto s = delivery.start(settings->data_dir + "/frontdesk.sqlite3"); !s) return fail(s.err());

    // SIGINT or SIGTERM: stop taking connections, let requests in flight
    // finish, then stop.
    boost::asio::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& signal_error, int) {
        if (signal_error) return;
        std::cerr << "frontdesk serve: stopping; finishing requests in flight\n";
        http.shut_down([&ioc, &delivery, &pipeline] {
            pipeline.stop();
            delivery.stop();
            ioc.stop();
        });
    });
    // Tests and scripts wait for this line to learn the port.
    std::cout << "frontdesk: listening on http://" << settings->address << ":" << http.port() << " with "
              << forms->size() << " form(s)" << std::endl;
    ioc.run();

    // Teardown in an order that leaves no handler behind to touch what is
    // gone: stop the threads that post work, close every connection, then
    // run the handlers that closing released while everything they use lives.
    pipeline.stop();
    delivery.stop();
    http.close_all();
    ioc.restart();
    while (ioc.poll() > 0) {
    }
    std::cerr << "frontdesk serve: stopped\n";
    return 0;
}

}  // namespace frontdesk::cli
