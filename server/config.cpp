#include "server/config.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace frontdesk::server {
namespace {

result<std::vector<sink_config>> read_sinks(const nlohmann::json& list, const std::string& at) {
    if (!list.is_array()) return error{at, "must be a list of sinks"};
    std::vector<sink_config> sinks;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& entry = list[i];
        const std::string here = at + "/" + std::to_string(i);
        if (!entry.is_object()) return error{here, "must be an object"};
        sink_config sink;
        for (const auto& [key, value] : entry.items()) {
            if (!value.is_string()) return error{here + "/" + key, "must be a string"};
            if (key == "team") sink.team = value.get<std::string>();
            else if (key == "spool") sink.spool = value.get<std::string>();
            else if (key == "webhook") sink.webhook = value.get<std::string>();
            else if (key == "ca_file") sink.ca_file = value.get<std::string>();
            else return error{here + "/" + key, "unknown setting"};
        }
        if (sink.team.empty()) return error{here + "/team", "is required (a team id, or \"*\")"};
        if (sink.spool.empty() == sink.webhook.empty()) return error{here, "needs exactly one of spool or webhook"};
        if (!sink.webhook.empty() && sink.webhook.rfind("https://", 0) != 0 && sink.webhook.rfind("http://", 0) != 0) {
            return error{here + "/webhook", "must be an https:// or http:// URL"};
        }
        if (!sink.ca_file.empty() && sink.webhook.rfind("https://", 0) != 0) {
            return error{here + "/ca_file", "only an https:// webhook has certificates to check"};
        }
        for (const auto& other : sinks) {
            if (other.team == sink.team && other.id() == sink.id()) return error{here, "repeats an earlier sink"};
        }
        sinks.push_back(std::move(sink));
    }
    return sinks;
}

}  // namespace

result<config> load_config_file(const std::string& path, config base) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return error{path, "cannot read the config file"};
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error{path, "the config file is not a JSON object"};
    for (const auto& [key, value] : j.items()) {
        if (key == "address" && value.is_string()) base.address = value.get<std::string>();
        else if (key == "port" && value.is_number_unsigned() && value.get<std::uint64_t>() <= 65535)
            base.port = value.get<std::uint16_t>();
        else if (key == "data" && value.is_string()) base.data_dir = value.get<std::string>();
        else if (key == "web" && value.is_string()) base.web_root = value.get<std::string>();
        else if (key == "forms" && value.is_string()) base.forms_dir = value.get<std::string>();
        else if (key == "development_keys" && value.is_boolean()) base.development_keys = value.get<bool>();
        else if (key == "read_timeout_seconds" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
                 value.get<std::uint64_t>() <= 3600)
            base.read_timeout_seconds = value.get<int>();
        else if (key == "min_upload_bytes_per_second" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1024)
            base.min_upload_bytes_per_second = value.get<std::size_t>();
        else if (key == "max_connections" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1)
            base.max_connections = value.get<std::size_t>();
        else if (key == "max_requests_per_connection" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1)
            base.max_requests_per_connection = value.get<std::size_t>();
        else if (key == "submissions_per_minute" && value.is_number_unsigned() && value.get<std::uint64_t>() <= 1000000)
            base.submissions_per_minute = value.get<unsigned>();
        else if (key == "submission_burst" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
                 value.get<std::uint64_t>() <= 1000000)
            base.submission_burst = value.get<unsigned>();
        else if (key == "shutdown_grace_seconds" && value.is_number_unsigned() && value.get<std::uint64_t>() <= 600)
            base.shutdown_grace_seconds = value.get<int>();
        else if (key == "sinks") {
            auto sinks = read_sinks(value, path + ":/sinks");
            if (!sinks) return sinks.err();
            base.sinks = std::move(*sinks);
        } else if (key == "delivery_retry_max_seconds" && value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
                   value.get<std::uint64_t>() <= 86400)
            base.delivery_retry_max_seconds = value.get<int>();
        else return error{path + ":/" + key, "unknown setting or wrong type"};
    }
    return base;
}

}  // namespace frontdesk::server
