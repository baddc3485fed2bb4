// The network side of `frontdesk serve`: a Beast listener and one session per
// connection that reads a request, hands it to handle_request and writes the
// answer. Single-threaded: the handler never blocks on the network.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/result.hpp"
#include "server/request_handler.hpp"

namespace frontdesk::server {

class listener;

// Binds and starts accepting; `bound_port` receives the port actually bound
// (useful with port 0).
result<std::shared_ptr<listener>> start_listening(boost::asio::io_context& ioc, app& a, std::uint16_t& bound_port);
void stop_listening(listener& l);

}  // namespace frontdesk::server
