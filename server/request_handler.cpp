#include "server/request_handler.hpp"

#include <algorithm>
#include <ctime>

#include "server/static_files.hpp"

namespace frontdesk::server {
namespace {

constexpr std::string_view forms_prefix = "/api/forms/";

// Security headers for every response. The CSP lets the engine's wasm be
// compiled ('wasm-unsafe-eval') but allows no inline script or style.
void secure(response& res) {
    res.set(http::field::server, "frontdesk");
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "no-referrer");
    res.set("Cross-Origin-Opener-Policy", "same-origin");
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

response make(const request& req, const http_answer& answer, const char* cache_control = "no-store",
              metrics* stats = nullptr) {
    if (stats != nullptr && !answer.reason.empty()) stats->count_rejection(answer.reason);
    response res{static_cast<http::status>(answer.status), req.version()};
    secure(res);
    res.set(http::field::content_type, answer.content_type);
    res.set(http::field::cache_control, cache_control);
    res.keep_alive(req.keep_alive());
    res.body() = answer.body;
    res.prepare_payload();
    if (req.method() == http::verb::head) {
        // A HEAD answer names the length of the body it does not send.
        const auto size = res.body().size();
        res.body().clear();
        res.content_length(size);
    }
    return res;
}

std::string_view path_of(const request& req) {
    const std::string_view target(req.target().data(), req.target().size());
    return target.substr(0, target.find('?'));
}

// The value of one query parameter ("?lang=pl"), or "" when absent. Codes
// and ids need no percent-decoding: anything encoded is simply not found.
std::string query_value(const request& req, std::string_view name) {
    const std::string_view target(req.target().data(), req.target().size());
    const auto q = target.find('?');
    if (q == std::string_view::npos) return {};
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name) return std::string(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (amp == std::string_view::npos) break;
        rest = rest.substr(amp + 1);
    }
    return {};
}

response method_not_allowed(const request& req, const char* allowed) {
    auto res = make(req, problem(405, "method-not-allowed", "This address does not take that method."));
    res.set(http::field::allow, allowed);
    return res;
}

}  // namespace

std::size_t body_limit_for(const config& settings, const request& head) {
    if (head.method() == http::verb::post && path_of(head) == "/api/submissions") return settings.max_submission_bytes;
    return settings.max_other_body_bytes;
}

std::chrono::seconds body_deadline_for(const config& settings, std::uint64_t declared) {
    const std::uint64_t at_slowest = (declared + settings.min_upload_bytes_per_second - 1) / settings.min_upload_bytes_per_second;
    return std::chrono::seconds(std::max<std::uint64_t>(static_cast<std::uint64_t>(settings.read_timeout_seconds), at_slowest));
}

response refusal(unsigned status, const std::string& reason, const std::string& title) {
    response res{static_cast<http::status>(status), 11};
    secure(res);
    const http_answer p = problem(status, reason, title);
    res.set(http::field::content_type, p.content_type);
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(false);
    res.body() = p.body;
    res.prepare_payload();
    return res;
}

bool is_submission(const request& req) {
    return req.method() == http::verb::post && path_of(req) == "/api/submissions" &&
           req[http::field::content_type].substr(0, 16) == "application/json";
}

response submission_response(app& a, const request& req, const http_answer& answer) {
    return make(req, answer, "no-store", &a.stats);
}

response handle_request(app& a, const request& req, const client_info& client) {
    const std::string_view path = path_of(req);
    const bool is_get = req.method() == http::verb::get || req.method() == http::verb::head;

    if (path == "/api/submissions") {
        if (req.method() != http::verb::post) return method_not_allowed(req, "POST");
        const auto type = req[http::field::content_type];
        if (type.substr(0, 16) != "application/json") {
            return make(req, problem(415, "unsupported-media-type", "Send the envelope as application/json."),
                        "no-store", &a.stats);
        }
        return make(req, accept_submission(a.submissions, req.body()), "no-store", &a.stats);
    }
    if (path == "/metrics") {
        if (!is_get) return method_not_allowed(req, "GET, HEAD");
        // Queue depths are operational detail: only for a scraper on this machine.
        if (!client.loopback) return make(req, problem(404, "not-found", "There is nothing at this address."));
        return make(req, {200, "text/plain; version=0.0.4; charset=utf-8", a.stats.text(), {}});
    }
    if (path == "/healthz") {
        if (!is_get) return method_not_allowed(req, "GET, HEAD");
        return make(req, {200, "application/json", R"({"status":"ok"})", {}});
    }
    if (path == "/api/keys") {
        if (!is_get) return method_not_allowed(req, "GET, HEAD");
        return make(req, {200, "application/json", a.keys_json, {}}, "no-cache");
    }
    // The forms' list and images are made at start, and compressed then too.
    const auto accept_encoding = req[http::field::accept_encoding];
    const bool brotli = accepts_encoding(std::string_view(accept_encoding.data(), accept_encoding.size()), "br");
    if (path == "/api/forms") {
        if (!is_get) return method_not_allowed(req, "GET, HEAD");
        const bool send_br = brotli && !a.submissions.forms.listing_br().empty();
        auto res = make(req, {200, "application/json", send_br ? a.submissions.forms.listing_br() : a.submissions.forms.listing_json(), {}},
                        "no-cache");
        if (send_br) res.set(http::field::content_encoding, "br");
        res.set(http::field::vary, "Accept-Encoding");
        return res;
    }
    if (path.substr(0, forms_prefix.size()) == forms_prefix) {
        if (!is_get) return method_not_allowed(req, "GET, HEAD");
        const std::string_view rest = path.substr(forms_prefix.size());
        // /api/forms/<id>/start: the current version's first page, drawn (start_views.hpp).
        constexpr std::string_view start_suffix = "/start";
        if (rest.ends_with(start_suffix)) {
            const catalog_entry* entry = a.submissions.forms.find(std::string(rest.substr(0, rest.size() - start_suffix.size())));
            if (entry == nullptr) return make(req, problem(404, "unknown-form", "There is no such form."));
            const auto views = a.start_views.get(*entry, static_cast<std::int64_t>(std::time(nullptr)) / 86400);
            const bool send_br = brotli && !views->br.empty();
            auto res = make(req, {200, "application/json", send_br ? views->br : views->json, {}}, "no-cache");
            if (send_br) res.set(http::field::content_encoding, "br");
            res.set(http::field::vary, "Accept-Encoding");
            return res;
        }
        // /api/forms/<id> is the current version; /api/forms/<id>/versions/<version> any served one.
        const auto versions = rest.find("/versions/");
        const catalog_entry* entry =
            versions == std::string_view::npos
                ? a.submissions.forms.find(std::string(rest))
                : a.submissions.forms.find_version(std::string(rest.substr(0, versions)),
                                                   std::string(rest.substr(versions + 10)));
        if (entry == nullptr) return make(req, problem(404, "unknown-form", "There is no such form."));
        // ?lang=pl: the image in that language (one language travels per image).
        const std::string language = query_value(req, "lang");
        const std::string* image = language.empty() ? &entry->image : entry->image_in(language);
        if (image == nullptr) {
            return make(req, problem(404, "unknown-language", "The form is not written in that language."));
        }
        const std::string& code = language.empty() ? entry->definition.languages.front() : language;
        const auto br = entry->images_br.find(code);
        const bool compressed = brotli && br != entry->images_br.end() && !br->second.empty();
        auto res = make(req, {200, "application/octet-stream", compressed ? br->second : *image, {}}, "no-cache");
        const bool other = code != entry->definition.languages.front();
        res.set(http::field::etag, "\"" + entry->definition.version + (other ? "-" + code : "") + (compressed ? "-br" : "") + "\"");
        if (compressed) res.set(http::field::content_encoding, "br");
        res.set(http::field::vary, "Accept-Encoding");
        return res;
    }
    if (path.substr(0, 5) == "/api/") return make(req, problem(404, "not-found", "There is nothing at this address."));

    if (!is_get) return method_not_allowed(req, "GET, HEAD");
    auto file = read_static_file(a.settings.web_root, path, std::string_view(accept_encoding.data(), accept_encoding.size()));
    if (!file) return make(req, problem(404, "not-found", "There is nothing at this address."));
    auto res = make(req, {200, file->content_type, std::move(file->body), {}}, file->cache_control.c_str());
    if (!file->content_encoding.empty()) res.set(http::field::content_encoding, file->content_encoding);
    // Caches must keep the br, gzip and plain answers apart.
    if (file->varies_by_encoding) res.set(http::field::vary, "Accept-Encoding");
    return res;
}

}  // namespace frontdesk::server
