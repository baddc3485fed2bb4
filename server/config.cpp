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
        else return error{path + ":/" + key, "unknown setting or wrong type"};
    }
    return base;
}

}  // namespace frontdesk::server
