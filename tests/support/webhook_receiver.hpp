// A webhook receiver for tests: a real HTTP server on a loopback port that
// records what it is sent and answers with a status the test chooses.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
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
    // `answer(n)` is the status for the n-th request (from 0).
    webhook_receiver(std::uint16_t port, std::function<unsigned(std::size_t)> answer)
        : acceptor_(ioc_), answer_(std::move(answer)) {
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
            beast::flat_buffer buffer;
            http::request<http::string_body> req;
            http::read(socket, buffer, req, ec);
            if (ec) continue;
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
            http::write(socket, res, ec);
            socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
        }
    }

    boost::asio::io_context ioc_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::function<unsigned(std::size_t)> answer_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::mutex lock_;
    std::size_t count_ = 0;
    std::vector<received_hook> received_;
};

}  // namespace frontdesk::testing
