#include <charconv>
#include <iostream>

#include "cli/answers_file.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "engine/form_json.hpp"
#include "server/submission_client.hpp"

namespace frontdesk::cli {
namespace {

int fail(const std::string& where, const std::string& message) {
    std::cerr << "frontdesk submit: " << (where.empty() ? "" : where + ": ") << message << "\n";
    return 1;
}

// Accepts http://HOST:PORT with an optional trailing slash; TLS is the job of
// whatever fronts the server.
bool parse_url(const std::string& url, std::string& host, std::uint16_t& port) {
    const std::string scheme = "http://";
    if (url.rfind(scheme, 0) != 0) return false;
    std::string rest = url.substr(scheme.size());
    if (!rest.empty() && rest.back() == '/') rest.pop_back();
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = rest.substr(0, colon);
    unsigned value = 0;
    const char* first = rest.data() + colon + 1;
    const char* last = rest.data() + rest.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc{} || end != last || value == 0 || value > 65535) return false;
    port = static_cast<std::uint16_t>(value);
    return true;
}

}  // namespace

int submit_command(const arguments& args) {
    auto options = parse_options(args, {"answers", "url"});
    if (!options || options->positional.size() != 1 || !options->has("answers")) {
        std::cerr << "usage: frontdesk submit FORM.json --answers ANSWERS.json [--url http://127.0.0.1:8080]\n";
        return 2;
    }
    std::string host;
    std::uint16_t port = 0;
    if (!parse_url(options->has("url") ? options->get("url") : "http://127.0.0.1:8080", host, port)) {
        return fail("--url", "must look like http://127.0.0.1:8080");
    }
    const auto text = read_file(options->positional[0]);
    if (!text) return fail(options->positional[0], "cannot read the file");
    const auto loaded = load_form_json(*text, form_data_reader(options->positional[0]));
    if (!loaded.loaded) return fail(options->positional[0] + ":" + loaded.errors.front().where, loaded.errors.front().message);
    const auto answers = read_answers_file(options->get("answers"));
    if (!answers) return fail(answers.err().where, answers.err().message);

    const auto keys = server::fetch_public_keys(host, port);
    if (!keys) return fail(keys.err().where, keys.err().message);
    const std::string submission_id = server::new_submission_id();
    const auto sealed = server::seal_answers(*loaded.loaded, *answers, submission_id, keys->sealing);
    if (!sealed) return fail(sealed.err().where, sealed.err().message);
    const auto reply = server::http_call(host, port, "POST", "/api/submissions", sealed->json);
    if (!reply) return fail(reply.err().where, reply.err().message);
    if (reply->status != 200 && reply->status != 201) {
        std::cerr << reply->body << "\n";
        return fail("", "the server refused the report (status " + std::to_string(reply->status) + ")");
    }
    const auto r = server::parse_receipt(reply->body);
    if (!r) return fail("receipt", r.err().message);
    if (r->submission_id != submission_id || r->envelope_hash != sealed->hash || !verify_receipt(*r, keys->receipt)) {
        return fail("receipt", "the receipt does not verify: do not trust this reference");
    }
    std::cout << reply->body << "\n";
    return 0;
}

}  // namespace frontdesk::cli
