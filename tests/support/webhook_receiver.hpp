// A webhook receiver for tests: a real HTTP server on a loopback port that
// records what it is sent and answers with a status the test chooses.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace frontdesk::testing {

struct received_hook {
    std::string body;
    std::string timestamp;
    std::string signature;
    std::string key_id;
};

class webhook_receiver {
public:
    // `answer(n)` is the status for the n-th request (from 0). With a
    // certificate and key (PEM files) it speaks HTTPS.
    webhook_receiver(std::uint16_t port, std::function<unsigned(std::size_t)> answer, const std::string& cert_file = {},
                     const std::string& key_file = {})
        : acceptor_(ioc_), answer_(std::move(answer)), tls_(boost::asio::ssl::context::tls_server) {
        if (!cert_file.empty()) {
            tls_.use_certificate_chain_file(cert_file);
            tls_.use_private_key_file(key_file, boost::asio::ssl::context::pem);
            use_tls_ = true;
        }
        namespace net = boost::asio;
        const net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen();
        thread_ = std::thread([this] { serve(); });
    }

    ~webhook_receiver() {
        stopping_ = true;
        // A blocking accept() is not woken by closing the acceptor from
        // another thread: connect once to let it return and see stopping_.
        boost::beast::error_code ec;
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::socket poke(ioc);
        poke.connect(acceptor_.local_endpoint(ec), ec);
        poke.close(ec);
        thread_.join();
        acceptor_.close(ec);
    }

    std::vector<received_hook> received() {
        std::lock_guard guard(lock_);
        return received_;
    }

    // A port nothing listens on now (to point a sink at before the receiver starts).
    static std::uint16_t free_port() {
        boost::asio::io_context ioc;
        boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
        return a.local_endpoint().port();
    }

private:
    void serve() {
        namespace beast = boost::beast;
        namespace http = beast::http;
        while (!stopping_) {
            beast::error_code ec;
            boost::asio::ip::tcp::socket socket(ioc_);
            acceptor_.accept(socket, ec);
            if (ec || stopping_) return;
            if (use_tls_) {
                boost::asio::ssl::stream<boost::asio::ip::tcp::socket> secure(std::move(socket), tls_);
                secure.handshake(boost::asio::ssl::stream_base::server, ec);
                if (ec) {
                    std::lock_guard guard(lock_);
                    ++failed_handshakes_;
                    continue;
                }
                answer(secure);
                secure.shutdown(ec);
            } else {
                answer(socket);
                socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
            }
        }
    }

    template <typename Stream>
    void answer(Stream& stream) {
        namespace beast = boost::beast;
        namespace http = beast::http;
        beast::error_code ec;
        beast::flat_buffer buffer;
        http::request<http::string_body> req;
        http::read(stream, buffer, req, ec);
        if (ec) return;
        std::size_t n = 0;
        {
            std::lock_guard guard(lock_);
            n = count_++;
        }
        const unsigned status = answer_(n);
        if (status >= 200 && status < 300) {
            std::lock_guard guard(lock_);
            received_.push_back({req.body(), std::string(req["X-Frontdesk-Timestamp"]),
                                 std::string(req["X-Frontdesk-Signature"]), std::string(req["X-Frontdesk-Key-Id"])});
        }
        http::response<http::string_body> res{static_cast<http::status>(status), 11};
        res.keep_alive(false);
        res.prepare_payload();
        http::write(stream, res, ec);
    }

public:
    std::size_t failed_handshakes() {
        std::lock_guard guard(lock_);
        return failed_handshakes_;
    }

private:

    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::function<unsigned(std::size_t)> answer_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::mutex lock_;
    std::size_t count_ = 0;
    std::vector<received_hook> received_;
    boost::asio::ssl::context tls_;
    bool use_tls_ = false;
    std::size_t failed_handshakes_ = 0;
};

}  // namespace frontdesk::testing
