#include "server/delivery.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "engine/encoding.hpp"
#include "engine/json_writer.hpp"
#include "server/clock.hpp"

namespace frontdesk::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr int batch_size = 16;
constexpr auto idle_tick = std::chrono::milliseconds(500);

// Writes `<dir>/<name>` so that a reader sees the whole file or none of it,
// and the file survives a crash once this returns.
status write_atomically(const std::string& dir, const std::string& name, const std::string& content) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return error{dir, "cannot create the spool folder"};
    const std::string partial = dir + "/." + name + ".partial";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return error{partial, "cannot create the file"};
    const bool written = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) return error{partial, "cannot write the file"};
    if (::rename(partial.c_str(), (dir + "/" + name).c_str()) != 0) return error{dir, "cannot put the file in place"};
    // The rename itself must reach the disk: sync the folder.
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return error{dir, "cannot open the spool folder"};
    const bool dir_synced = ::fsync(dir_fd) == 0;
    ::close(dir_fd);
    if (!dir_synced) return error{dir, "cannot sync the spool folder"};
    return status::ok();
}

struct url_parts {
    bool tls = false;
    std::string host;
    std::string port;
    std::string target = "/";
};

std::optional<url_parts> parse_webhook_url(const std::string& url) {
    url_parts parts;
    std::string rest;
    if (url.rfind("https://", 0) == 0) {
        parts.tls = true;
        parts.port = "443";
        rest = url.substr(8);
    } else if (url.rfind("http://", 0) == 0) {
        parts.port = "80";
        rest = url.substr(7);
    } else {
        return std::nullopt;
    }
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
        parts.target = rest.substr(slash);
        rest = rest.substr(0, slash);
    }
    const auto colon = rest.rfind(':');
    if (colon != std::string::npos) {
        parts.port = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
    }
    if (rest.empty()) return std::nullopt;
    parts.host = rest;
    return parts;
}

using webhook_callback = std::function<void(bool, std::string)>;

// One webhook POST: resolve, connect, (TLS handshake,) write, read; then
// `done(ok, why)` once. A deadline covers every step.
class webhook_call : public std::enable_shared_from_this<webhook_call> {
public:
    webhook_call(net::io_context& ioc, url_parts url, http::request<http::string_body> req,
                 std::shared_ptr<ssl::context> tls, webhook_callback done)
        : resolver_(ioc), url_(std::move(url)), req_(std::move(req)), tls_(std::move(tls)), done_(std::move(done)) {
        if (url_.tls) secure_.emplace(ioc, *tls_);
        else plain_.emplace(ioc);
    }

    void run() {
        resolver_.async_resolve(url_.host, url_.port, beast::bind_front_handler(&webhook_call::on_resolve, shared_from_this()));
    }

private:
    beast::tcp_stream& tcp() { return secure_ ? beast::get_lowest_layer(*secure_) : *plain_; }

    void finish(bool ok, std::string why) {
        beast::error_code ec;
        tcp().socket().shutdown(tcp::socket::shutdown_both, ec);
        if (done_) {
            auto done = std::move(done_);
            done_ = nullptr;
            done(ok, std::move(why));
        }
    }
    void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
        if (ec) return finish(false, "resolve: " + ec.message());
        tcp().expires_after(std::chrono::seconds(10));
        tcp().async_connect(results, beast::bind_front_handler(&webhook_call::on_connect, shared_from_this()));
    }
    void on_connect(beast::error_code ec, tcp::endpoint) {
        if (ec) return finish(false, "connect: " + ec.message());
        if (!secure_) return write();
        // SNI, and a certificate that must name this host.
        if (!SSL_set_tlsext_host_name(secure_->native_handle(), url_.host.c_str())) return finish(false, "TLS: cannot set SNI");
        secure_->set_verify_callback(ssl::host_name_verification(url_.host));
        secure_->async_handshake(ssl::stream_base::client,
                                 beast::bind_front_handler(&webhook_call::on_handshake, shared_from_this()));
    }
    void on_handshake(beast::error_code ec) {
        if (ec) return finish(false, "TLS: " + ec.message());
        write();
    }
    void write() {
        tcp().expires_after(std::chrono::seconds(30));
        auto handler = beast::bind_front_handler(&webhook_call::on_write, shared_from_this());
        if (secure_) http::async_write(*secure_, req_, std::move(handler));
        else http::async_write(*plain_, req_, std::move(handler));
    }
    void on_write(beast::error_code ec, std::size_t) {
        if (ec) return finish(false, "send: " + ec.message());
        parser_.body_limit(64 * 1024);
        auto handler = beast::bind_front_handler(&webhook_call::on_read, shared_from_this());
        if (secure_) http::async_read(*secure_, buffer_, parser_, std::move(handler));
        else http::async_read(*plain_, buffer_, parser_, std::move(handler));
    }
    void on_read(beast::error_code ec, std::size_t) {
        if (ec) return finish(false, "receive: " + ec.message());
        const unsigned status = parser_.get().result_int();
        if (status >= 200 && status < 300) return finish(true, {});
        finish(false, "status " + std::to_string(status));
    }

    tcp::resolver resolver_;
    url_parts url_;
    http::request<http::string_body> req_;
    std::shared_ptr<ssl::context> tls_;
    std::optional<beast::tcp_stream> plain_;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure_;
    beast::flat_buffer buffer_;
    http::response_parser<http::string_body> parser_;
    webhook_callback done_;
};

// The TLS settings for a webhook: TLS 1.2 or later, the peer's certificate
// checked against the system's roots or the sink's own CA file.
result<std::shared_ptr<ssl::context>> tls_context_for(const sink_config& sink) {
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    beast::error_code ec;
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                         ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                     ec);
    ctx->set_verify_mode(ssl::verify_peer, ec);
    if (sink.ca_file.empty()) ctx->set_default_verify_paths(ec);
    else ctx->load_verify_file(sink.ca_file, ec);
    if (ec) return error{sink.ca_file.empty() ? "system certificates" : sink.ca_file, "cannot load: " + ec.message()};
    return ctx;
}

}  // namespace

std::vector<std::string> sinks_for_team(const config& settings, const std::string& team) {
    std::vector<std::string> ids;
    for (const auto& sink : settings.sinks) {
        // One delivery per sink, even when a team's own entry and "*" name the same one.
        if ((sink.team == "*" || sink.team == team) && std::find(ids.begin(), ids.end(), sink.id()) == ids.end()) {
            ids.push_back(sink.id());
        }
    }
    return ids;
}

std::string delivery_payload(const stored_submission& s) {
    json_writer w;
    w.begin_object();
    w.key("attachments").begin_array();
    for (const auto& a : s.attachments) {
        w.begin_object().key("hash").value(a.hash).key("sealed").value(to_base64(a.sealed)).end_object();
    }
    w.end_array();
    w.key("form").value(s.form_id);
    w.key("form_version").value(s.form_version);
    w.key("received_at").value(s.received_at);
    w.key("reference").value(s.reference);
    w.key("sealed_report").value(to_base64(s.sealed_report));
    w.key("team").value(s.team);
    w.key("team_key_id").value(s.team_key_id);
    w.key("urgency").value(s.urgency);
    w.end_object();
    return w.take();
}

std::string webhook_signed_message(const std::string& timestamp, const std::string& body) {
    return timestamp + "." + body;
}

struct delivery_worker::impl : std::enable_shared_from_this<delivery_worker::impl> {
    impl(net::io_context& context, store& database, const keyring& ring, const config& cfg)
        : ioc(context), db(database), keys(ring), settings(cfg), timer(context) {}

    net::io_context& ioc;
    store& db;
    const keyring& keys;
    const config& settings;
    net::steady_timer timer;
    bool working = false;   // a batch is being delivered
    bool stopped = false;
    bool poked = false;

    const sink_config* find_sink(const std::string& id) const {
        for (const auto& sink : settings.sinks) {
            if (sink.id() == id) return &sink;
        }
        return nullptr;
    }

    void schedule(std::chrono::milliseconds after) {
        if (stopped) return;
        timer.expires_after(after);
        timer.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->run_batch();
        });
    }

    void run_batch() {
        if (stopped || working) return;
        poked = false;
        auto due = db.due_deliveries(static_cast<std::int64_t>(std::time(nullptr)), batch_size);
        if (!due || due->empty()) {
            if (!due) std::cerr << "frontdesk: delivery: " << due.err().message << "\n";
            return schedule(idle_tick);
        }
        working = true;
        deliver(std::make_shared<std::vector<pending_delivery>>(std::move(*due)), 0);
    }

    // Delivers the batch one by one, in its order (urgent first).
    void deliver(std::shared_ptr<std::vector<pending_delivery>> batch, std::size_t i) {
        if (stopped) return;
        if (i >= batch->size()) {
            working = false;
            // A full batch may mean more is waiting; otherwise rest a little.
            return schedule(batch->size() == static_cast<std::size_t>(batch_size) || poked ? std::chrono::milliseconds(0)
                                                                                              : idle_tick);
        }
        const pending_delivery& d = (*batch)[i];
        auto next = [self = shared_from_this(), batch, i](bool ok, std::string why) {
            self->record((*batch)[i], ok, why);
            self->deliver(batch, i + 1);
        };
        const sink_config* sink = find_sink(d.sink);
        if (sink == nullptr) return next(false, "this sink is no longer configured");
        auto report = db.load(d.reference);
        if (!report) return next(false, report.err().message);
        const std::string payload = delivery_payload(*report);
        if (!sink->spool.empty()) {
            auto written = write_atomically(sink->spool, d.reference + ".json", payload);
            return next(written.is_ok(), written ? std::string{} : written.err().message);
        }
        post_webhook(*sink, payload, std::move(next));
    }

    // TLS contexts are made once per sink: loading certificates is slow.
    std::map<std::string, std::shared_ptr<ssl::context>> tls_contexts;

    void post_webhook(const sink_config& sink, const std::string& payload, webhook_callback done) {
        auto url = parse_webhook_url(sink.webhook);
        if (!url) return done(false, "not an https:// or http:// URL");
        std::shared_ptr<ssl::context> tls;
        if (url->tls) {
            auto& cached = tls_contexts[sink.id()];
            if (!cached) {
                auto made = tls_context_for(sink);
                if (!made) return done(false, made.err().where + ": " + made.err().message);
                cached = *made;
            }
            tls = cached;
        }
        const std::string timestamp = std::to_string(std::time(nullptr));
        const std::string message = webhook_signed_message(timestamp, payload);
        const receipt_key& signer = keys.current_receipt();
        unsigned char sig[crypto_sign_BYTES];
        if (crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                 signer.secret_key.data()) != 0) {
            return done(false, "cannot sign");
        }
        http::request<http::string_body> req{http::verb::post, url->target, 11};
        req.set(http::field::host, url->host);
        req.set(http::field::user_agent, "frontdesk-delivery");
        req.set(http::field::content_type, "application/json");
        req.set("X-Frontdesk-Timestamp", timestamp);
        req.set("X-Frontdesk-Signature", to_base64(sig, sizeof sig));
        req.set("X-Frontdesk-Key-Id", signer.key_id);
        req.body() = payload;
        req.prepare_payload();
        std::make_shared<webhook_call>(ioc, std::move(*url), std::move(req), std::move(tls), std::move(done))->run();
    }

    void record(const pending_delivery& d, bool ok, const std::string& why) {
        if (ok) {
            if (auto s = db.mark_delivered(d.reference, d.sink, utc_now()); !s) {
                std::cerr << "frontdesk: delivery: " << s.err().message << "\n";
            }
            return;
        }
        // 1, 2, 4, 8 … seconds, up to the configured ceiling.
        const std::int64_t backoff =
            std::min<std::int64_t>(settings.delivery_retry_max_seconds, std::int64_t{1} << std::min<std::int64_t>(d.attempts, 20));
        if (auto s = db.mark_failed(d.reference, d.sink, static_cast<std::int64_t>(std::time(nullptr)) + backoff, why); !s) {
            std::cerr << "frontdesk: delivery: " << s.err().message << "\n";
        }
        std::cerr << "frontdesk: delivery of " << d.reference << " to " << d.sink << " failed (" << why << "); retry in "
                  << backoff << " s\n";
    }
};

delivery_worker::delivery_worker(const keyring& keys, const config& settings) : keys_(keys), settings_(settings) {}

delivery_worker::~delivery_worker() { stop(); }

status delivery_worker::start(const std::string& db_path) {
    if (settings_.sinks.empty()) return status::ok();
    auto opened = store::open(db_path);
    if (!opened) return opened.err();
    db_ = std::move(*opened);
    ioc_ = std::make_unique<net::io_context>(1);
    impl_ = std::make_shared<impl>(*ioc_, *db_, keys_, settings_);
    impl_->schedule(std::chrono::milliseconds(0));
    thread_ = std::thread([this] {
        // Runs until stop(): the timer always has the next look scheduled.
        auto guard = net::make_work_guard(*ioc_);
        ioc_->run();
    });
    return status::ok();
}

void delivery_worker::poke() {
    if (!impl_) return;
    net::post(*ioc_, [target = impl_] {
        if (target->stopped) return;
        target->poked = true;
        if (!target->working) target->schedule(std::chrono::milliseconds(0));
    });
}

void delivery_worker::stop() {
    if (!impl_ || !thread_.joinable()) return;
    net::post(*ioc_, [target = impl_, ioc = ioc_.get()] {
        target->stopped = true;
        target->timer.cancel();
        ioc->stop();
    });
    thread_.join();
}

}  // namespace frontdesk::server
