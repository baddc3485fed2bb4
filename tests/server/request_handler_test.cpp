#include "server/request_handler.hpp"

#include <brotli/decode.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/form_image.hpp"
#include "engine/session.hpp"
#include "engine/view.hpp"
#include "server/submission_client.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"

using namespace frontdesk;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {

server::response call(testing::server_fixture& fx, http::verb method, const std::string& target,
                      const std::string& body = {}, const std::string& type = "application/json",
                      const std::string& accept_encoding = {}) {
    server::request req{method, target, 11};
    if (!body.empty()) req.set(http::field::content_type, type);
    if (!accept_encoding.empty()) req.set(http::field::accept_encoding, accept_encoding);
    req.body() = body;
    req.prepare_payload();
    return server::handle_request(*fx.application, req);
}

// What a brotli body decodes to (fails the test if it does not decode).
std::string unbrotli(const std::string& coded) {
    std::string out(1 << 20, '\0');
    std::size_t size = out.size();
    REQUIRE(BrotliDecoderDecompress(coded.size(), reinterpret_cast<const std::uint8_t*>(coded.data()), &size,
                                    reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_DECODER_RESULT_SUCCESS);
    out.resize(size);
    return out;
}

}  // namespace

TEST_CASE("the list of forms and each form image go in brotli to browsers that take it, and plain to others") {
    testing::server_fixture fx;
    const auto plain_list = call(fx, http::verb::get, "/api/forms");
    CHECK(plain_list[http::field::content_encoding] == "");
    CHECK(plain_list[http::field::vary] == "Accept-Encoding");
    const auto br_list = call(fx, http::verb::get, "/api/forms", {}, {}, "gzip, deflate, br");
    CHECK(br_list[http::field::content_encoding] == "br");
    CHECK(br_list[http::field::vary] == "Accept-Encoding");
    CHECK(unbrotli(br_list.body()) == plain_list.body());
    // q=0 refuses a coding.
    CHECK(call(fx, http::verb::get, "/api/forms", {}, {}, "br;q=0, gzip")[http::field::content_encoding] == "");

    for (const auto& listed : json::parse(plain_list.body())) {
        const std::string target = "/api/forms/" + listed.at("id").get<std::string>();
        const auto plain = call(fx, http::verb::get, target);
        const auto br = call(fx, http::verb::get, target, {}, {}, "br");
        CHECK(plain[http::field::content_encoding] == "");
        CHECK(br[http::field::content_encoding] == "br");
        CHECK(br[http::field::vary] == "Accept-Encoding");
        CHECK(br.body().size() < plain.body().size());
        CHECK(unbrotli(br.body()) == plain.body());
        // Two codings are two representations: never the same tag.
        CHECK(plain[http::field::etag] == "\"" + listed.at("version").get<std::string>() + "\"");
        CHECK(br[http::field::etag] == "\"" + listed.at("version").get<std::string>() + "-br\"");
    }
}

TEST_CASE("GET /api/forms lists the forms and each form's image decodes") {
    testing::server_fixture fx;
    const auto list = call(fx, http::verb::get, "/api/forms");
    CHECK(list.result_int() == 200);
    const auto forms = json::parse(list.body());
    REQUIRE(forms.size() >= 1);
    CHECK(forms.at(0).at("id") == "bike-theft");

    const auto image = call(fx, http::verb::get, "/api/forms/bike-theft");
    CHECK(image.result_int() == 200);
    CHECK(image[http::field::content_type] == "application/octet-stream");
    auto decoded = decode_form_image(image.body());
    REQUIRE(decoded);
    CHECK(decoded->version == forms.at(0).at("version"));
    CHECK(call(fx, http::verb::get, "/api/forms/nope").result_int() == 404);

    const std::string version = forms.at(0).at("version");
    const auto by_version = call(fx, http::verb::get, "/api/forms/bike-theft/versions/" + version);
    CHECK(by_version.result_int() == 200);
    CHECK(by_version.body() == image.body());
    CHECK(call(fx, http::verb::get, "/api/forms/bike-theft/versions/" + std::string(32, '0')).result_int() == 404);
}

TEST_CASE("GET /api/forms carries what happens next for each form that says") {
    testing::server_fixture fx;
    const auto forms = json::parse(call(fx, http::verb::get, "/api/forms").body());
    std::size_t with_next_steps = 0;
    for (const auto& listed : forms) {
        const auto& definition = fx.forms->find(listed.at("id").get<std::string>())->definition;
        if (definition.next_steps.empty()) {
            CHECK_FALSE(listed.contains("next_steps"));
            continue;
        }
        ++with_next_steps;
        CHECK(listed.at("next_steps").get<std::vector<std::string>>() == definition.next_steps);
    }
    // Every shipped form says what happens next (docs/forms.md).
    CHECK(with_next_steps == forms.size());
}

TEST_CASE("GET /api/forms carries the title, description and next steps in each other language of a form") {
    testing::server_fixture fx;
    const auto forms = json::parse(call(fx, http::verb::get, "/api/forms").body());
    const auto crime = std::find_if(forms.begin(), forms.end(), [](const json& f) { return f.at("id") == "crime-report"; });
    REQUIRE(crime != forms.end());
    const auto& definition = fx.forms->find("crime-report")->definition;
    const auto polish = crime->at("translations").at("pl").at("next_steps").get<std::vector<std::string>>();
    REQUIRE(polish.size() == definition.next_steps.size());
    for (std::size_t i = 0; i < polish.size(); ++i) {
        CHECK(polish[i] == definition.translations.at("/next_steps/" + std::to_string(i)).at("pl"));
        CHECK(polish[i] != definition.next_steps[i]);
    }
    CHECK(crime->at("next_steps").get<std::vector<std::string>>() == definition.next_steps);
    // The start page lists it in Polish too.
    CHECK(crime->at("translations").at("pl").at("title") == definition.translations.at("/title").at("pl"));
    CHECK(crime->at("translations").at("pl").at("title") != crime->at("title"));
    CHECK(crime->at("translations").at("pl").at("description") == definition.translations.at("/description").at("pl"));
    // A form in one language has no translations.
    for (const auto& listed : forms) {
        if (listed.at("languages").size() == 1) CHECK_FALSE(listed.contains("translations"));
    }
}

TEST_CASE("GET /api/keys publishes public keys only") {
    testing::server_fixture fx;
    const auto res = call(fx, http::verb::get, "/api/keys");
    const auto keys = json::parse(res.body());
    CHECK(keys.at("sealing").at("key_id") == fx.keys.current_sealing().key_id);
    CHECK(keys.at("receipt").at("key_id") == fx.keys.current_receipt().key_id);
    const auto& sealing_secret = fx.keys.current_sealing().secret_key;
    const auto& receipt_secret = fx.keys.current_receipt().secret_key;
    CHECK(res.body().find(to_base64(sealing_secret.data(), sealing_secret.size())) == std::string::npos);
    CHECK(res.body().find(to_base64(receipt_secret.data(), receipt_secret.size())) == std::string::npos);
    CHECK(res.body().find("secret") == std::string::npos);
}

TEST_CASE("POST /api/submissions stores a report and answers with a receipt") {
    testing::server_fixture fx;
    const form& f = fx.forms->find("bike-theft")->definition;
    auto sealed = server::seal_answers(f, testing::complete_bike_answers(), server::new_submission_id(),
                                       fx.keys.current_sealing().public_key);
    REQUIRE(sealed);
    const auto res = call(fx, http::verb::post, "/api/submissions", sealed->json);
    CHECK(res.result_int() == 201);
    CHECK(server::parse_receipt(res.body()));
    CHECK(call(fx, http::verb::post, "/api/submissions", sealed->json, "text/plain").result_int() == 415);
    CHECK(call(fx, http::verb::get, "/api/submissions").result_int() == 405);
}

TEST_CASE("every answer carries the security headers, and the CSP allows wasm but no inline script") {
    testing::server_fixture fx;
    std::ofstream(fx.dir.path() / "web" / "index.html") << "<!doctype html>";
    for (const char* target : {"/", "/api/forms", "/healthz", "/missing"}) {
        const auto res = call(fx, http::verb::get, target);
        const std::string csp(res["Content-Security-Policy"]);
        CHECK(csp.find("'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("'unsafe-inline'") == std::string::npos);
        CHECK(res["X-Content-Type-Options"] == "nosniff");
    }
    CHECK(call(fx, http::verb::get, "/").result_int() == 200);
    CHECK(call(fx, http::verb::get, "/missing").result_int() == 404);
    CHECK(call(fx, http::verb::post, "/").result_int() == 405);
}

TEST_CASE("HEAD answers with the length and no body") {
    testing::server_fixture fx;
    const auto res = call(fx, http::verb::head, "/api/forms");
    CHECK(res.body().empty());
    CHECK(res[http::field::content_length] != "0");
}

TEST_CASE("submissions may have large bodies, other routes only small ones") {
    testing::server_fixture fx;
    server::request post{http::verb::post, "/api/submissions", 11};
    server::request get{http::verb::get, "/api/forms", 11};
    CHECK(server::body_limit_for(fx.application->settings, post) > 1024 * 1024);
    CHECK(server::body_limit_for(fx.application->settings, get) <= 16 * 1024);
}

TEST_CASE("a large body may take longer than the read timeout, at the slowest upload rate allowed") {
    server::config settings;
    settings.read_timeout_seconds = 30;
    settings.min_upload_bytes_per_second = 16 * 1024;
    CHECK(server::body_deadline_for(settings, 0) == std::chrono::seconds(30));
    CHECK(server::body_deadline_for(settings, 6 * 1024) == std::chrono::seconds(30));
    CHECK(server::body_deadline_for(settings, 30 * 16 * 1024 + 1) == std::chrono::seconds(31));
    // The largest submission, 16 MiB: about 17 minutes at 16 KiB/s.
    CHECK(server::body_deadline_for(settings, 16 * 1024 * 1024) == std::chrono::seconds(1024));
}

TEST_CASE("static files: precompressed by Accept-Encoding, Vary, and cache lifetimes by name") {
    testing::server_fixture fx;
    const auto web = fx.dir.path() / "web";
    std::ofstream(web / "index.html") << "<!doctype html>";
    std::ofstream(web / "index.html.br") << "index-br";
    std::ofstream(web / "sw.js") << "sw";
    std::ofstream(web / "app.0123456789ab.js") << "app";
    std::ofstream(web / "app.0123456789ab.js.gz") << "app-gz";
    std::ofstream(web / "frontdesk-engine.0123456789ab.wasm") << "wasm";
    std::ofstream(web / "frontdesk-engine.0123456789ab.wasm.br") << "wasm-br";

    auto get = [&](const std::string& target, const char* accept) {
        server::request req{http::verb::get, target, 11};
        if (accept != nullptr) req.set(http::field::accept_encoding, accept);
        return server::handle_request(*fx.application, req);
    };

    const auto index = get("/", "gzip, br");
    CHECK(index.body() == "index-br");
    CHECK(index[http::field::content_encoding] == "br");
    CHECK(index[http::field::vary] == "Accept-Encoding");
    CHECK(index[http::field::cache_control] == "no-cache");
    CHECK(index[http::field::content_type] == "text/html; charset=utf-8");

    const auto wasm = get("/frontdesk-engine.0123456789ab.wasm", "br");
    CHECK(wasm.body() == "wasm-br");
    CHECK(wasm[http::field::content_type] == "application/wasm");
    CHECK(wasm[http::field::cache_control] == "public, max-age=31536000, immutable");
    CHECK(wasm["Content-Security-Policy"].find("'wasm-unsafe-eval'") != std::string::npos);

    const auto app_gz = get("/app.0123456789ab.js", "gzip");
    CHECK(app_gz.body() == "app-gz");
    CHECK(app_gz[http::field::content_encoding] == "gzip");
    const auto app_plain = get("/app.0123456789ab.js", nullptr);
    CHECK(app_plain.body() == "app");
    CHECK(app_plain[http::field::content_encoding] == "");
    CHECK(app_plain[http::field::vary] == "Accept-Encoding");

    const auto sw = get("/sw.js", "br");
    CHECK(sw.body() == "sw");
    CHECK(sw[http::field::cache_control] == "no-cache");
    CHECK(sw[http::field::vary] == "");

    server::request head{http::verb::head, "/frontdesk-engine.0123456789ab.wasm", 11};
    head.set(http::field::accept_encoding, "br");
    const auto head_res = server::handle_request(*fx.application, head);
    CHECK(head_res.body().empty());
    CHECK(head_res[http::field::content_length] == "7");
    CHECK(head_res[http::field::content_encoding] == "br");
}

TEST_CASE("GET /api/forms/<id>?lang= serves the image in that language, and the listing names the languages") {
    testing::server_fixture fx(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms");
    const auto forms = json::parse(call(fx, http::verb::get, "/api/forms").body());
    const auto listed = std::find_if(forms.begin(), forms.end(), [](const json& f) { return f.at("id") == "lost-property"; });
    REQUIRE(listed != forms.end());
    CHECK(listed->at("languages") == json::array({"en", "pl"}));
    CHECK(listed->at("translation_status").at("pl") == "awaiting professional review");
    CHECK(listed->at("title") == "Report lost property");

    const auto english = call(fx, http::verb::get, "/api/forms/lost-property");
    const auto polish = call(fx, http::verb::get, "/api/forms/lost-property?lang=pl");
    REQUIRE(english.result_int() == 200);
    REQUIRE(polish.result_int() == 200);
    auto en = decode_form_image(english.body());
    auto pl = decode_form_image(polish.body());
    REQUIRE(en);
    REQUIRE(pl);
    CHECK(en->language == "en");
    CHECK(pl->language == "pl");
    CHECK(pl->title == "Zgłoś zgubioną rzecz");
    CHECK(polish.body().find("Report lost property") == std::string::npos);  // one language travels
    CHECK(pl->version == en->version);
    CHECK(english[http::field::etag] != polish[http::field::etag]);
    CHECK(call(fx, http::verb::get, "/api/forms/lost-property?lang=en").body() == english.body());

    const std::string version = listed->at("version");
    const auto by_version = call(fx, http::verb::get, "/api/forms/lost-property/versions/" + version + "?lang=pl");
    CHECK(by_version.result_int() == 200);
    CHECK(by_version.body() == polish.body());

    const auto unknown = call(fx, http::verb::get, "/api/forms/lost-property?lang=de");
    CHECK(unknown.result_int() == 404);
    CHECK(json::parse(unknown.body()).at("type") == "/problems/unknown-language");
    CHECK(call(fx, http::verb::get, "/api/forms/bike-theft?lang=pl").result_int() == 404);
}

TEST_CASE("GET /api/forms/<id>/start is each language's first page as the engine draws it from that image") {
    testing::server_fixture fx(std::string(FRONTDESK_SOURCE_DIR) + "/tests/golden/forms");
    const auto forms = json::parse(call(fx, http::verb::get, "/api/forms").body());
    const auto listed = std::find_if(forms.begin(), forms.end(), [](const json& f) { return f.at("id") == "lost-property"; });
    REQUIRE(listed != forms.end());

    const auto res = call(fx, http::verb::get, "/api/forms/lost-property/start");
    REQUIRE(res.result_int() == 200);
    CHECK(res[http::field::content_type] == "application/json");
    CHECK(res[http::field::cache_control] == "no-cache");
    const auto start = json::parse(res.body());
    const std::int64_t today = static_cast<std::int64_t>(std::time(nullptr)) / 86400;
    CHECK(start.at("form") == "lost-property");
    CHECK(start.at("version") == listed->at("version"));
    CHECK(start.at("languages") == json::array({"en", "pl"}));
    CHECK(start.at("today") == iso_date(today));
    REQUIRE(start.at("views").size() == 2);
    for (const std::string code : {"en", "pl"}) {
        // What the browser's engine shows on loading the image it is sent.
        const auto image = call(fx, http::verb::get, "/api/forms/lost-property?lang=" + code);
        auto decoded = decode_form_image(image.body());
        REQUIRE(decoded);
        const session fresh(*decoded, today);
        CHECK(start.at("views").at(code) == json::parse(view_json(fresh)));
        CHECK(start.at("views").at(code).at("form").at("language") == code);
    }
    CHECK(start.at("views").at("pl").at("form").at("title") == "Zgłoś zgubioną rzecz");

    const auto br = call(fx, http::verb::get, "/api/forms/lost-property/start", {}, {}, "br");
    CHECK(br[http::field::content_encoding] == "br");
    CHECK(br[http::field::vary] == "Accept-Encoding");
    CHECK(unbrotli(br.body()) == res.body());
    CHECK(call(fx, http::verb::get, "/api/forms/lost-property/start").body() == res.body());  // made once a day

    const auto unknown = call(fx, http::verb::get, "/api/forms/no-such-form/start");
    CHECK(unknown.result_int() == 404);
    CHECK(json::parse(unknown.body()).at("type") == "/problems/unknown-form");
    CHECK(call(fx, http::verb::get, "/api/forms//start").result_int() == 404);
    CHECK(call(fx, http::verb::post, "/api/forms/lost-property/start", "{}").result_int() == 405);
}

TEST_CASE("form images are sent with brotli to browsers that accept it") {
    testing::server_fixture fx;
    const auto plain = call(fx, http::verb::get, "/api/forms/bike-theft");
    server::request req{http::verb::get, "/api/forms/bike-theft", 11};
    req.set(http::field::accept_encoding, "gzip, deflate, br");
    const auto res = server::handle_request(*fx.application, req);
    REQUIRE(res.result_int() == 200);
    CHECK(res[http::field::content_encoding] == "br");
    CHECK(res[http::field::vary] == "Accept-Encoding");
    CHECK(res.body().size() < plain.body().size());
    CHECK(res[http::field::etag] != plain[http::field::etag]);
    CHECK(plain[http::field::content_encoding].empty());
    CHECK(decode_form_image(plain.body()));
}
