#include "server/key_files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/encoding.hpp"

namespace frontdesk::server {

namespace fs = std::filesystem;

status make_private_folder(const std::string& path) {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return error{path, "cannot create the folder: " + ec.message()};
    fs::permissions(path, fs::perms::owner_all, ec);
    if (ec) return error{path, "cannot make the folder private: " + ec.message()};
    return status::ok();
}

status write_key_file(const std::string& path, const unsigned char* key, std::size_t size, key_secrecy secrecy) {
    std::string line = to_base64(key, size) + "\n";
    const mode_t mode = secrecy == key_secrecy::secret_key ? 0600 : 0644;
    // O_EXCL: an existing key is never overwritten, and the mode is set as
    // the file is created rather than after.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return error{path, "cannot create the key file (does it exist already?)"};
    const auto written = ::write(fd, line.data(), line.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(line.data(), line.size());
    if (written != static_cast<ssize_t>(line.size()) || !synced) {
        std::error_code ec;
        fs::remove(path, ec);
        return error{path, "cannot write the key file"};
    }
    return status::ok();
}

status read_key_file(const std::string& path, unsigned char* key, std::size_t size) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return error{path, "cannot read the key file"};
    std::string line;
    std::getline(in, line);
    auto decoded = from_base64(line);
    sodium_memzero(line.data(), line.size());
    if (!decoded || decoded->size() != size) return error{path, "the file does not hold a key of the right size"};
    std::copy(decoded->begin(), decoded->end(), key);
    sodium_memzero(decoded->data(), decoded->size());
    return status::ok();
}

}  // namespace frontdesk::server
