// The network side of `frontdesk serve`: a Beast listener and one session per
// connection that reads a request, hands it to handle_request and writes the
// answer. Single-threaded: the handler never waits on the network.
//
// Hardening (docs/operations.md): a deadline on every read and write (slow
// clients are cut off), a cap on open connections, a per-client rate limit on
// submissions, one request at a time per connection and a cap on requests per
// connection, refusal of ambiguous framing (Content-Length with
// Transfer-Encoding), and a graceful shutdown that lets requests in flight
// finish.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/result.hpp"
#include "server/request_handler.hpp"

namespace frontdesk::server {

struct server_state;

class http_server {
public:
    http_server(boost::asio::io_context& ioc, app& a);
    ~http_server();
    http_server(const http_server&) = delete;
    http_server& operator=(const http_server&) = delete;

    // Binds to the configured address and port and starts accepting.
    status listen();
    std::uint16_t port() const;
    // Stops accepting and closes idle connections; requests already being
    // read or answered finish (within the grace period); then calls `done`.
    void shut_down(std::function<void()> done);
    // Closes every connection at once; their handlers still need the
    // io_context to run (see `frontdesk serve`'s teardown).
    void close_all();

private:
    std::shared_ptr<server_state> state_;
};

}  // namespace frontdesk::server
