#include "server/problem.hpp"

#include "engine/json_writer.hpp"

namespace frontdesk::server {

http_answer problem(unsigned status, const std::string& reason, const std::string& title, const std::string& detail) {
    json_writer w;
    w.begin_object();
    if (!detail.empty()) w.key("detail").value(detail);
    w.key("status").value(static_cast<std::int64_t>(status));
    w.key("title").value(title);
    w.key("type").value("/problems/" + reason);
    w.end_object();
    return {status, "application/problem+json", w.take(), reason};
}

}  // namespace frontdesk::server
