#include "server/config.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace frontdesk::server {

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
        else return error{path + ":/" + key, "unknown setting or wrong type"};
    }
    return base;
}

}  // namespace frontdesk::server
