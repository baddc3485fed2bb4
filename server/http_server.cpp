#include "server/http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <chrono>
#include <iostream>
#include <optional>

namespace frontdesk::server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

void log_failure(beast::error_code ec, const char* what) {
    // Timeouts and resets are ordinary on the internet; say them once, quietly.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::connection_reset) return;
    std::cerr << "frontdesk: " << what << ": " << ec.message() << "\n";
}

class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket&& socket, app& a) : stream_(std::move(socket)), app_(a) {}

    void run() {
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&http_session::do_read, shared_from_this()));
    }

private:
    void do_read() {
        // A new parser per message, so each request gets its own limits.
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(app_.settings.max_header_bytes));
        parser_->body_limit(app_.settings.max_other_body_bytes);
        stream_.expires_after(std::chrono::seconds(app_.settings.read_timeout_seconds));
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&http_session::on_header, shared_from_this()));
    }

    void on_header(beast::error_code ec, std::size_t) {
        if (ec) return on_error(ec, "read header");
        parser_->body_limit(body_limit_for(app_.settings, parser_->get()));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) return on_error(ec, "read");
        const auto started = std::chrono::steady_clock::now();
        request req = parser_->release();
        response res = handle_request(app_, req);
        log_request(req, res, started);
        send(std::move(res));
    }

    void on_error(beast::error_code ec, const char* what) {
        if (ec == http::error::end_of_stream) return do_close();
        if (ec == http::error::body_limit) {
            return send(refusal(413, "body-too-large", "The request body is larger than this address accepts."));
        }
        if (ec == http::error::header_limit) {
            return send(refusal(431, "headers-too-large", "The request headers are too large."));
        }
        // Any other parse error (bad method, bad chunk, Content-Length with
        // Transfer-Encoding...) is the client's: answer 400 and close.
        if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
            return send(refusal(400, "bad-request", "The request is not valid HTTP."));
        }
        log_failure(ec, what);
    }

    // One line per request, with no query string, body or client address: no
    // personal data reaches the log.
    static void log_request(const request& req, const response& res, std::chrono::steady_clock::time_point started) {
        const std::string_view target(req.target().data(), req.target().size());
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        std::clog << "{\"method\":\"" << req.method_string() << "\",\"path\":\""
                  << (target.substr(0, target.find('?')).size() > 100 ? "(long)" : target.substr(0, target.find('?')))
                  << "\",\"status\":" << res.result_int() << ",\"micros\":" << micros.count() << "}\n";
    }

    void send(response res) {
        const bool keep_alive = res.keep_alive();
        auto message = std::make_shared<response>(std::move(res));
        stream_.expires_after(std::chrono::seconds(app_.settings.read_timeout_seconds));
        http::async_write(stream_, *message,
                          [self = shared_from_this(), message, keep_alive](beast::error_code ec, std::size_t) {
                              self->on_write(keep_alive, ec);
                          });
    }

    void on_write(bool keep_alive, beast::error_code ec) {
        if (ec) return log_failure(ec, "write");
        if (!keep_alive) return do_close();
        do_read();
    }

    // Half-close, then read and discard what the client is still sending for
    // a short while: closing with unread data makes the kernel send a reset,
    // which can destroy an early answer (a 413) before the client reads it.
    void do_close() {
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
    std::array<char, 16 * 1024> drain_{};
    std::size_t drained_ = 0;

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    app& app_;
};

}  // namespace

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(net::io_context& ioc, app& a) : ioc_(ioc), acceptor_(net::make_strand(ioc)), app_(a) {}

    status open(const tcp::endpoint& endpoint) {
        beast::error_code ec;
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (ec) return error{endpoint.address().to_string() + ":" + std::to_string(endpoint.port()), ec.message()};
        return status::ok();
    }

    std::uint16_t port() const {
        beast::error_code ec;
        return acceptor_.local_endpoint(ec).port();
    }

    void do_accept() {
        acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&listener::on_accept, shared_from_this()));
    }

    void stop() {
        beast::error_code ec;
        acceptor_.close(ec);
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;  // stopped
        if (ec) log_failure(ec, "accept");
        else std::make_shared<http_session>(std::move(socket), app_)->run();
        do_accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    app& app_;
};

result<std::shared_ptr<listener>> start_listening(net::io_context& ioc, app& a, std::uint16_t& bound_port) {
    beast::error_code ec;
    const auto address = net::ip::make_address(a.settings.address, ec);
    if (ec) return error{a.settings.address, "not an IP address"};
    auto l = std::make_shared<listener>(ioc, a);
    if (auto s = l->open(tcp::endpoint{address, a.settings.port}); !s) return s.err();
    bound_port = l->port();
    l->do_accept();
    return l;
}

void stop_listening(listener& l) { l.stop(); }

}  // namespace frontdesk::server
