// Request handling under any bytes: the first byte picks what the rest is.
//   0: an envelope body, posted as it is (envelope parsing, key lookup, opening)
//   1: a report, sealed with the server's real key (report parsing, the date
//      and version checks) — any bytes inside a valid seal
//   2: answers to the bike theft form, one "id=value" a line, made into the
//      report a browser would send and sealed (replay, the form's rules, the
//      canonical check, re-sealing, the store)
//   3: a request target for GET (routing, form images, static files that
//      must not escape the web root)
// The server's parts are made once: keys in a temporary folder, the shipped
// forms, and a SQLite store in memory.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unistd.h>

#include "engine/envelope.hpp"
#include "engine/report.hpp"
#include "server/form_catalog.hpp"
#include "server/keyring.hpp"
#include "server/request_handler.hpp"
#include "server/store.hpp"
#include "server/submissions.hpp"

namespace {

using namespace frontdesk;

struct server_parts {
    std::string dir;
    server::keyring keys;
    std::unique_ptr<server::form_catalog> forms;
    std::unique_ptr<server::store> db;
    std::unique_ptr<server::submission_context> ctx;
    server::metrics stats;
    std::unique_ptr<server::app> application;

    server_parts() {
        char pattern[] = "/tmp/frontdesk-fuzz-XXXXXX";
        dir = mkdtemp(pattern);
        bool created = false;
        if (!server::init_keys(dir + "/keys", created)) std::abort();
        auto catalog = server::form_catalog::load(std::string(FRONTDESK_SOURCE_DIR) + "/forms");
        if (!catalog) std::abort();
        forms = std::make_unique<server::form_catalog>(std::move(*catalog));
        for (const auto& team : forms->teams()) {
            if (!server::add_team_key(dir + "/keys", team, dir + "/" + team + ".secret")) std::abort();
        }
        auto ring = server::keyring::load(dir + "/keys");
        auto opened = server::store::open(":memory:");
        if (!ring || !opened) std::abort();
        keys = std::move(*ring);
        db = std::move(*opened);
        ctx.reset(new server::submission_context{*forms, keys, *db, [] { return std::string("2026-11-28T09:15:02Z"); }});
        server::config settings;
        settings.web_root = dir + "/web";
        std::filesystem::create_directories(settings.web_root);
        application.reset(new server::app{settings, *ctx, keys.public_json(), stats});
    }
};

server_parts& parts() {
    static server_parts p;
    return p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    server_parts& p = parts();
    const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            (void)server::accept_submission(*p.ctx, rest);
            break;
        case 1: {
            auto sealed = seal_envelope(rest, "bike-theft", p.keys.current_sealing().public_key);
            if (sealed) (void)server::accept_submission(*p.ctx, sealed->json);
            break;
        }
        case 2: {
            std::map<std::string, std::string> answers;
            std::size_t start = 0;
            while (start < rest.size()) {
                const std::size_t end = std::min(rest.find('\n', start), rest.size());
                const std::string line = rest.substr(start, end - start);
                const std::size_t eq = line.find('=');
                if (eq != std::string::npos) answers[line.substr(0, eq)] = line.substr(eq + 1);
                start = end + 1;
            }
            const form& f = p.forms->find("bike-theft")->definition;
            const report r = make_report(f, replay(f, answers, server::utc_today()), "00112233445566778899aabbccddeeff", "en");
            auto sealed = seal_envelope(report_json(r), f.id, p.keys.current_sealing().public_key);
            if (sealed) (void)server::accept_submission(*p.ctx, sealed->json);
            break;
        }
        default: {
            server::request req{boost::beast::http::verb::get, rest, 11};
            (void)server::handle_request(*p.application, req);
            break;
        }
    }
    return 0;
}
