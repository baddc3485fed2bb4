#include "server/key_store.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/encoding.hpp"
#include "engine/json_writer.hpp"

namespace frontdesk::server {
namespace {

namespace fs = std::filesystem;

status write_key_file(const fs::path& path, const unsigned char* key, std::size_t size, bool secret) {
    const fs::path partial = path.string() + ".partial";
    {
        // Create with the final mode so a secret is never readable by others,
        // not even for a moment.
        const mode_t old_mask = ::umask(secret ? 077 : 022);
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        ::umask(old_mask);
        if (!out) return error{partial.string(), "cannot write the key file"};
        out << to_base64(key, size) << '\n';
        if (!out.flush()) return error{partial.string(), "cannot write the key file"};
    }
    std::error_code ec;
    fs::permissions(partial, secret ? fs::perms::owner_read | fs::perms::owner_write
                                    : fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                          fs::perms::others_read,
                    ec);
    if (ec) return error{partial.string(), "cannot set the key file's permissions"};
    fs::rename(partial, path, ec);
    if (ec) return error{path.string(), "cannot put the key file in place"};
    return status::ok();
}

template <std::size_t N>
status read_key_file(const fs::path& path, std::array<unsigned char, N>& key) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return error{path.string(), "cannot read the key file"};
    std::string line;
    std::getline(in, line);
    auto decoded = from_base64(line);
    if (!decoded || decoded->size() != N) return error{path.string(), "the key file does not hold a key"};
    std::copy(decoded->begin(), decoded->end(), key.begin());
    sodium_memzero(decoded->data(), decoded->size());
    return status::ok();
}

}  // namespace

server_keys::~server_keys() {
    sodium_memzero(sealing_secret.data(), sealing_secret.size());
    sodium_memzero(receipt_secret.data(), receipt_secret.size());
}

status make_missing_keys(const std::string& dir, bool& created) {
    created = false;
    if (auto s = crypto_init(); !s) return s;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return error{dir, "cannot create the key folder"};
    fs::permissions(dir, fs::perms::owner_all, ec);
    const fs::path base(dir);
    if (!fs::exists(base / "sealing.secret")) {
        box_public_key pk{};
        box_secret_key sk{};
        if (crypto_box_keypair(pk.data(), sk.data()) != 0) return error{dir, "cannot make the sealing key pair"};
        auto s = write_key_file(base / "sealing.secret", sk.data(), sk.size(), true);
        sodium_memzero(sk.data(), sk.size());
        if (!s) return s;
        if (auto p = write_key_file(base / "sealing.public", pk.data(), pk.size(), false); !p) return p;
        created = true;
    }
    if (!fs::exists(base / "receipt.secret")) {
        sign_public_key pk{};
        sign_secret_key sk{};
        if (crypto_sign_keypair(pk.data(), sk.data()) != 0) return error{dir, "cannot make the receipt key pair"};
        auto s = write_key_file(base / "receipt.secret", sk.data(), sk.size(), true);
        sodium_memzero(sk.data(), sk.size());
        if (!s) return s;
        if (auto p = write_key_file(base / "receipt.public", pk.data(), pk.size(), false); !p) return p;
        created = true;
    }
    return status::ok();
}

result<server_keys> load_keys(const std::string& dir) {
    if (auto s = crypto_init(); !s) return s.err();
    const fs::path base(dir);
    server_keys keys;
    for (auto s : {read_key_file(base / "sealing.public", keys.sealing_public),
                   read_key_file(base / "sealing.secret", keys.sealing_secret),
                   read_key_file(base / "receipt.public", keys.receipt_public),
                   read_key_file(base / "receipt.secret", keys.receipt_secret)}) {
        if (!s) return s.err();
    }
    // A pair whose halves do not belong together would seal or sign with a key
    // nobody can check; refuse to start with it.
    box_public_key derived{};
    if (crypto_scalarmult_base(derived.data(), keys.sealing_secret.data()) != 0 || derived != keys.sealing_public) {
        return error{dir, "sealing.public does not match sealing.secret"};
    }
    sign_public_key derived_sign{};
    if (crypto_sign_ed25519_sk_to_pk(derived_sign.data(), keys.receipt_secret.data()) != 0 ||
        derived_sign != keys.receipt_public) {
        return error{dir, "receipt.public does not match receipt.secret"};
    }
    keys.sealing_key_id = key_id_of(keys.sealing_public);
    keys.receipt_key_id = key_id_of(keys.receipt_public);
    return keys;
}

std::string public_keys_json(const server_keys& keys) {
    json_writer w;
    w.begin_object();
    w.key("receipt").begin_object();
    w.key("key_id").value(keys.receipt_key_id);
    w.key("public_key").value(to_base64(keys.receipt_public.data(), keys.receipt_public.size()));
    w.end_object();
    w.key("sealing").begin_object();
    w.key("key_id").value(keys.sealing_key_id);
    w.key("public_key").value(to_base64(keys.sealing_public.data(), keys.sealing_public.size()));
    w.end_object();
    w.end_object();
    return w.take();
}

}  // namespace frontdesk::server
