#include "server/http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <optional>
#include <unordered_map>

#include "server/rate_limiter.hpp"
#include "server/submission_pipeline.hpp"

namespace frontdesk::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class http_session;

// What the listener and every session share; sessions hold it by shared_ptr
// so it outlives them all.
struct server_state : std::enable_shared_from_this<server_state> {
    server_state(net::io_context& context, app& a)
        : ioc(context), application(a), acceptor(context),
          limiter(a.settings.submissions_per_minute, a.settings.submission_burst), grace_timer(context),
          accept_retry(context) {}

    net::io_context& ioc;
    app& application;
    tcp::acceptor acceptor;
    rate_limiter limiter;
    std::unordered_map<http_session*, std::weak_ptr<http_session>> sessions;
    bool draining = false;
    std::function<void()> on_drained;
    net::steady_timer grace_timer;
    net::steady_timer accept_retry;

    void session_ended(http_session* s);
    void finish_drain();
    void do_accept();
};

namespace {

void log_failure(beast::error_code ec, const char* what) {
    // Timeouts and resets are ordinary on the internet; they are not logged.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == http::error::end_of_stream) {
        return;
    }
    std::cerr << "frontdesk: " << what << ": " << ec.message() << "\n";
}

std::string_view path_of(const request& req) {
    const std::string_view target(req.target().data(), req.target().size());
    return target.substr(0, target.find('?'));
}

}  // namespace

class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket&& socket, std::shared_ptr<server_state> state)
        : stream_(std::move(socket)), state_(std::move(state)) {
        beast::error_code ec;
        const auto remote = stream_.socket().remote_endpoint(ec);
        client_address_ = ec ? std::string("unknown") : remote.address().to_string();
        client_.loopback = !ec && remote.address().is_loopback();
        // Beast reads at most the buffer's free room, and at least 512 bytes:
        // without room made first, a 6 KB submission took a dozen reads, each
        // with its own wake-up and timer re-arm. With it, a request of that
        // size comes in one read.
        buffer_.reserve(idle_buffer_bytes);
        state_->application.stats.connection_opened();
    }

    ~http_session() {
        state_->application.stats.connection_closed();
        state_->session_ended(this);
    }

    void run() {
        state_->sessions.emplace(this, weak_from_this());
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_session::do_read, shared_from_this()));
    }

    // Too many connections: say so, then close.
    void refuse() {
        state_->sessions.emplace(this, weak_from_this());
        state_->application.stats.count_connection_refused("too-many-connections");
        auto res = refusal(503, "too-many-connections", "The service is busy. Try again in a minute.");
        res.set(http::field::retry_after, "60");
        send(std::move(res));
    }

    // Shutting down: a connection waiting for its next request is closed now;
    // one with a request in hand finishes it first.
    void stop_if_idle() {
        if (busy_) return;
        // Cancelling the pending read ends the session through its handler.
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.cancel();
    }

    void force_close() {
        beast::error_code ec;
        stream_.socket().close(ec);
    }

private:
    const config& settings() const { return state_->application.settings; }

    void do_read() {
        busy_ = false;
        if (state_->draining || served_ >= settings().max_requests_per_connection) return do_close();
        // Room made for a large body is given back, so that idle connections stay small.
        if (buffer_.capacity() > idle_buffer_bytes && buffer_.size() <= idle_buffer_bytes) {
            buffer_.shrink_to_fit();
            buffer_.reserve(idle_buffer_bytes);
        }
        // A new parser per message, so each request gets its own limits.
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(settings().max_header_bytes));
        // Beast checks a Content-Length against this limit as soon as the
        // head is read, before on_header knows the route: allow the largest
        // any route takes here, and the route's own limit in on_header.
        parser_->body_limit(std::max(settings().max_submission_bytes, settings().max_other_body_bytes));
        // One deadline for the whole head: a client that trickles bytes (slowloris) is cut off.
        stream_.expires_after(std::chrono::seconds(settings().read_timeout_seconds));
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&http_session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, std::size_t) {
        if (ec) return on_error(ec, "read header");
        busy_ = true;
        started_ = std::chrono::steady_clock::now();
        const request& head = parser_->get();
        // Two framings for one body, or a transfer coding other than plain
        // chunked, is how requests are smuggled past proxies (RFC 9112 6.3).
        if (head.count(http::field::transfer_encoding) != 0) {
            if (head.count(http::field::content_length) != 0) {
                return refuse_request(400, "ambiguous-framing", "Send Content-Length or Transfer-Encoding, not both.");
            }
            if (head.count(http::field::transfer_encoding) != 1 || head[http::field::transfer_encoding] != "chunked") {
                return refuse_request(400, "ambiguous-framing", "The only transfer coding accepted is chunked.");
            }
        }
        if (head.method() == http::verb::post && path_of(head) == "/api/submissions") {
            std::chrono::seconds retry_after{};
            if (!state_->limiter.allow(client_address_, std::chrono::steady_clock::now(), retry_after)) {
                auto res = refusal(429, "too-many-requests", "Too many reports from this address. Try again shortly.");
                res.set(http::field::retry_after, std::to_string(retry_after.count()));
                state_->application.stats.count_rejection("too-many-requests");
                return send(std::move(res));
            }
        }
        const std::size_t limit = body_limit_for(settings(), head);
        // A declared length over the route's limit is refused before any of the body is read.
        if (parser_->content_length() && *parser_->content_length() > limit) {
            return refuse_request(413, "body-too-large", "The request body is larger than this address accepts.");
        }
        parser_->body_limit(limit);
        // Room for the body (up to body_read_bytes a read), so that it comes in as few reads as the kernel allows.
        if (const auto length = parser_->content_length(); length && *length > buffer_.capacity() - buffer_.size()) {
            buffer_.reserve(buffer_.size() + static_cast<std::size_t>(std::min<std::uint64_t>(*length, body_read_bytes)));
        }
        stream_.expires_after(body_deadline_for(settings(), parser_->content_length().value_or(0)));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) return on_error(ec, "read");
        auto req = std::make_shared<request>(parser_->release());
        app& application = state_->application;
        if (application.pipeline != nullptr && is_submission(*req)) {
            // Answered when its row is committed, with others, off this thread.
            std::string body = std::move(req->body());
            application.pipeline->submit(std::move(body), [self = shared_from_this(), req](http_answer answer) {
                self->answer(*req, submission_response(self->state_->application, *req, answer));
            });
            return;
        }
        answer(*req, handle_request(application, *req, client_));
    }

    void answer(const request& req, response res) {
        if (state_->draining) res.keep_alive(false);
        const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_);
        const std::string_view path = path_of(req);
        state_->application.stats.count_request(route_label(path), res.result_int(), took);
        log_request(req, path, res, took);
        send(std::move(res));
    }

    void refuse_request(unsigned status, const char* reason, const char* title) {
        state_->application.stats.count_rejection(reason);
        send(refusal(status, reason, title));
    }

    void on_error(beast::error_code ec, const char* what) {
        if (ec == http::error::end_of_stream) return do_close();
        if (ec == http::error::body_limit) return refuse_request(413, "body-too-large", "The request body is larger than this address accepts.");
        if (ec == http::error::header_limit) return refuse_request(431, "headers-too-large", "The request headers are too large.");
        // Any other parse error (bad method, bad chunk, bad length...) is the
        // client's: answer 400 and close.
        if (ec.category() == http::make_error_code(http::error::bad_method).category() && ec != http::error::partial_message) {
            return refuse_request(400, "bad-request", "The request is not valid HTTP.");
        }
        log_failure(ec, what);
    }

    // One line per request, with no query string, body or client address: no
    // personal data reaches the log.
    // Made whole first and written at once: stderr is unbuffered, and each
    // piece streamed to it was a write of its own.
    static void log_request(const request& req, std::string_view path, const response& res, std::chrono::microseconds took) {
        std::string line = "{\"method\":\"";
        line.append(req.method_string().data(), req.method_string().size());
        line += "\",\"route\":\"";
        line += route_label(path);
        line += "\",\"status\":";
        line += std::to_string(res.result_int());
        line += ",\"micros\":";
        line += std::to_string(took.count());
        line += "}\n";
        std::clog << line;
    }

    void send(response res) {
        busy_ = true;
        const bool keep_alive = res.keep_alive() && !state_->draining;
        auto message = std::make_shared<response>(std::move(res));
        stream_.expires_after(std::chrono::seconds(settings().read_timeout_seconds));
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                              self->on_write(keep_alive, ec);
                          });
    }

    void on_write(bool keep_alive, beast::error_code ec) {
        ++served_;
        if (ec) return log_failure(ec, "write");
        if (!keep_alive) return do_close();
        do_read();
    }

    // Half-close, then read and discard what the client is still sending for
    // a short while: closing with unread data makes the kernel send a reset,
    // which can destroy an early answer (a 413) before the client reads it.
    void do_close() {
        busy_ = false;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return;
        stream_.expires_after(std::chrono::seconds(2));
        do_drain();
    }

    void do_drain() {
        stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
            self->drained_ += n;
            if (!ec && self->drained_ < max_drain_bytes) self->do_drain();
        });
    }

    static constexpr std::size_t max_drain_bytes = 8 * 1024 * 1024;
    static constexpr std::size_t idle_buffer_bytes = 8 * 1024;
    static constexpr std::size_t body_read_bytes = 64 * 1024;

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<server_state> state_;
    std::string client_address_;  // for the rate limit only; never logged
    client_info client_;
    bool busy_ = false;           // a request is being read, handled or answered
    std::size_t served_ = 0;
    std::chrono::steady_clock::time_point started_{};
    std::array<char, 16 * 1024> drain_{};
    std::size_t drained_ = 0;
};

void server_state::do_accept() {
    acceptor.async_accept(net::make_strand(ioc), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !self->acceptor.is_open()) return;  // shutting down
        if (ec) {
            // Out of file descriptors, say: the pending connection stays in
            // the backlog, so an immediate retry would fail again at once.
            // Wait a little instead of spinning.
            log_failure(ec, "accept");
            self->accept_retry.expires_after(std::chrono::milliseconds(100));
            self->accept_retry.async_wait([self](beast::error_code timer_ec) {
                if (!timer_ec && self->acceptor.is_open()) self->do_accept();
            });
            return;
        }
        auto session = std::make_shared<http_session>(std::move(socket), self);
        const auto open = self->application.stats.connections_open();
        if (open > static_cast<std::int64_t>(self->application.settings.max_connections)) session->refuse();
        else session->run();
        self->do_accept();
    });
}

void server_state::session_ended(http_session* s) {
    sessions.erase(s);
    if (draining && sessions.empty()) finish_drain();
}

void server_state::finish_drain() {
    if (!on_drained) return;
    grace_timer.cancel();
    auto done = std::move(on_drained);
    on_drained = nullptr;
    done();
}

http_server::http_server(net::io_context& ioc, app& a) : state_(std::make_shared<server_state>(ioc, a)) {}

http_server::~http_server() {
    beast::error_code ec;
    state_->acceptor.close(ec);
}

status http_server::listen() {
    const config& settings = state_->application.settings;
    beast::error_code ec;
    const auto address = net::ip::make_address(settings.address, ec);
    if (ec) return error{settings.address, "not an IP address"};
    const tcp::endpoint endpoint{address, settings.port};
    tcp::acceptor& acceptor = state_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return error{settings.address + ":" + std::to_string(settings.port), ec.message()};
    state_->do_accept();
    return status::ok();
}

std::uint16_t http_server::port() const {
    beast::error_code ec;
    return state_->acceptor.local_endpoint(ec).port();
}

void http_server::close_all() {
    beast::error_code ec;
    state_->acceptor.close(ec);
    state_->accept_retry.cancel();
    state_->grace_timer.cancel();
    std::vector<std::shared_ptr<http_session>> live;
    for (auto& [raw, weak] : state_->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->force_close();
}

void http_server::shut_down(std::function<void()> done) {
    auto state = state_;
    state->draining = true;
    state->on_drained = std::move(done);
    beast::error_code ec;
    state->acceptor.close(ec);
    // Copy first: closing a session can end it and change the map.
    std::vector<std::shared_ptr<http_session>> live;
    for (auto& [raw, weak] : state->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
    }
    for (auto& s : live) s->stop_if_idle();
    live.clear();
    if (state->sessions.empty()) return state->finish_drain();
    state->grace_timer.expires_after(std::chrono::seconds(state->application.settings.shutdown_grace_seconds));
    state->grace_timer.async_wait([state](beast::error_code timer_ec) {
        if (timer_ec) return;  // every session ended in time
        std::vector<std::shared_ptr<http_session>> stragglers;
        for (auto& [raw, weak] : state->sessions) {
            if (auto s = weak.lock()) stragglers.push_back(std::move(s));
        }
        for (auto& s : stragglers) s->force_close();
        state->finish_drain();
    });
}

}  // namespace frontdesk::server
