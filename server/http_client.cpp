#include "server/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace frontdesk::server {

result<http_reply> http_call(const std::string& host, std::uint16_t port, const std::string& method,
                             const std::string& target, const std::string& body, const std::string& content_type) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    namespace net = boost::asio;
    net::io_context ioc;
    net::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    beast::error_code ec;
    const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return error{host, ec.message()};
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(endpoints, ec);
    if (ec) return error{host + ":" + std::to_string(port), ec.message()};

    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host);
    req.set(http::field::user_agent, "frontdesk-client");
    if (!body.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req, ec);
    // A server may answer early and stop reading (413 for a body over its
    // limit): the answer is still there to read, so only a failed read fails.
    const beast::error_code send_error = ec;

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream, buffer, parser, ec);
    if (ec) return error{target, (send_error ? "send: " + send_error.message() + "; " : "") + "receive: " + ec.message()};
    const auto& res = parser.get();
    stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    return http_reply{res.result_int(), std::string(res[http::field::content_type]), res.body()};
}

}  // namespace frontdesk::server
