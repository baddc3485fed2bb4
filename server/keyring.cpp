#include "server/keyring.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/encoding.hpp"
#include "engine/json_writer.hpp"
#include "server/clock.hpp"
#include "server/key_files.hpp"

namespace frontdesk::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// keyring.json: the lifecycle of each key; the key material is in the files.
struct key_record {
    std::string key_id;
    std::string created_at;
    std::string retired_at;
    std::string accept_until;
};

struct key_records {
    std::vector<key_record> sealing;
    std::vector<key_record> receipt;
};

std::string metadata_path(const std::string& dir) { return dir + "/keyring.json"; }

result<key_records> read_records(const std::string& dir) {
    key_records records;
    std::ifstream in(metadata_path(dir), std::ios::binary);
    if (!in) return records;  // a new folder
    std::stringstream text;
    text << in.rdbuf();
    const json j = json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error{metadata_path(dir), "is not a JSON object"};
    for (auto [name, list] : {std::pair{"sealing", &records.sealing}, std::pair{"receipt", &records.receipt}}) {
        const auto it = j.find(name);
        if (it == j.end()) continue;
        if (!it->is_array()) return error{metadata_path(dir) + ":/" + name, "must be a list"};
        for (const auto& entry : *it) {
            if (!entry.is_object()) return error{metadata_path(dir) + ":/" + name, "entries must be objects"};
            key_record r;
            for (auto [key, field] : {std::pair{"key_id", &r.key_id}, std::pair{"created_at", &r.created_at},
                                      std::pair{"retired_at", &r.retired_at}, std::pair{"accept_until", &r.accept_until}}) {
                const auto value = entry.find(key);
                if (value != entry.end() && value->is_string()) *field = value->get<std::string>();
            }
            if (r.key_id.empty()) return error{metadata_path(dir) + ":/" + name, "an entry has no key_id"};
            list->push_back(std::move(r));
        }
    }
    return records;
}

status write_records(const std::string& dir, const key_records& records) {
    json_writer w;
    w.begin_object();
    for (auto [name, list] : {std::pair{"receipt", &records.receipt}, std::pair{"sealing", &records.sealing}}) {
        w.key(name).begin_array();
        for (const auto& r : *list) {
            w.begin_object();
            w.key("accept_until").value(r.accept_until);
            w.key("created_at").value(r.created_at);
            w.key("key_id").value(r.key_id);
            w.key("retired_at").value(r.retired_at);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
    // Write aside, then rename: a crash leaves the old keyring or the new one.
    const std::string partial = metadata_path(dir) + ".partial";
    const std::string text = w.str() + "\n";
    const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return error{partial, "cannot write the keyring"};
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return error{partial, "cannot write the keyring"};
    std::error_code ec;
    fs::rename(partial, metadata_path(dir), ec);
    if (ec) return error{metadata_path(dir), "cannot put the keyring in place"};
    // A rotation must survive a power cut: sync the folder that holds the rename.
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool synced = dir_fd >= 0 && ::fsync(dir_fd) == 0;
    if (dir_fd >= 0) ::close(dir_fd);
    if (!synced) return error{dir, "cannot sync the key folder"};
    return status::ok();
}

std::string key_path(const std::string& dir, const char* kind, const std::string& key_id, const char* half) {
    return dir + "/" + kind + "/" + key_id + "." + half;
}

// Writes a new pair under `kind`/ (the secret first, then the public half)
// and wipes the secret from memory.
template <std::size_t P, std::size_t S>
result<key_record> store_pair(const std::string& dir, const char* kind, const std::array<unsigned char, P>& pk,
                              std::array<unsigned char, S>& sk) {
    key_record r{key_id_of(pk), utc_now(), {}, {}};
    auto written = make_private_folder(dir + "/" + kind);
    if (written) written = write_key_file(key_path(dir, kind, r.key_id, "secret"), sk.data(), sk.size(), key_secrecy::secret_key);
    sodium_memzero(sk.data(), sk.size());
    if (written) written = write_key_file(key_path(dir, kind, r.key_id, "public"), pk.data(), pk.size(), key_secrecy::public_key);
    if (!written) return written.err();
    return r;
}

result<key_record> make_sealing_pair(const std::string& dir) {
    box_public_key pk{};
    box_secret_key sk{};
    if (crypto_box_keypair(pk.data(), sk.data()) != 0) return error{dir, "cannot make a sealing key pair"};
    return store_pair(dir, "sealing", pk, sk);
}

result<key_record> make_receipt_pair(const std::string& dir) {
    sign_public_key pk{};
    sign_secret_key sk{};
    if (crypto_sign_keypair(pk.data(), sk.data()) != 0) return error{dir, "cannot make a receipt key pair"};
    return store_pair(dir, "receipt", pk, sk);
}

bool is_team_name(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    }
    return true;
}

status load_sealing(const std::string& dir, const key_record& r, sealing_key& out) {
    out.key_id = r.key_id;
    out.created_at = r.created_at;
    out.retired_at = r.retired_at;
    out.accept_until = r.accept_until;
    if (auto s = read_key_file(key_path(dir, "sealing", r.key_id, "public"), out.public_key); !s) return s;
    if (auto s = read_key_file(key_path(dir, "sealing", r.key_id, "secret"), out.secret_key); !s) return s;
    box_public_key derived{};
    if (crypto_scalarmult_base(derived.data(), out.secret_key.data()) != 0 || derived != out.public_key ||
        key_id_of(out.public_key) != r.key_id) {
        return error{key_path(dir, "sealing", r.key_id, "public"), "does not match its secret half or its id"};
    }
    return status::ok();
}

status load_receipt(const std::string& dir, const key_record& r, receipt_key& out) {
    out.key_id = r.key_id;
    out.created_at = r.created_at;
    if (auto s = read_key_file(key_path(dir, "receipt", r.key_id, "public"), out.public_key); !s) return s;
    if (auto s = read_key_file(key_path(dir, "receipt", r.key_id, "secret"), out.secret_key); !s) return s;
    sign_public_key derived{};
    if (crypto_sign_ed25519_sk_to_pk(derived.data(), out.secret_key.data()) != 0 || derived != out.public_key ||
        key_id_of(out.public_key) != r.key_id) {
        return error{key_path(dir, "receipt", r.key_id, "public"), "does not match its secret half or its id"};
    }
    return status::ok();
}

}  // namespace

sealing_key::~sealing_key() { sodium_memzero(secret_key.data(), secret_key.size()); }
receipt_key::~receipt_key() { sodium_memzero(secret_key.data(), secret_key.size()); }

result<keyring> keyring::load(const std::string& dir) {
    if (auto s = crypto_init(); !s) return s.err();
    auto records = read_records(dir);
    if (!records) return records.err();
    if (records->sealing.empty() || records->receipt.empty()) {
        return error{dir, "there are no keys here: run `frontdesk keys init`"};
    }
    keyring ring;
    for (const auto& r : records->sealing) {
        sealing_key k;
        if (auto s = load_sealing(dir, r, k); !s) return s.err();
        ring.sealing_.push_back(std::move(k));
    }
    if (!ring.sealing_.back().retired_at.empty()) return error{metadata_path(dir), "the newest sealing key is retired"};
    if (auto s = load_receipt(dir, records->receipt.back(), ring.receipt_); !s) return s.err();

    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir + "/teams", ec)) {
        if (entry.path().extension() != ".public") continue;
        team_key t;
        t.team = entry.path().stem().string();
        if (!is_team_name(t.team)) continue;
        if (auto s = read_key_file(entry.path().string(), t.public_key); !s) return s.err();
        t.key_id = key_id_of(t.public_key);
        ring.teams_.emplace(t.team, t);
    }
    return ring;
}

const sealing_key* keyring::accepted_sealing(const std::string& key_id, const std::string& now) const {
    for (const auto& k : sealing_) {
        if (k.key_id != key_id) continue;
        if (k.retired_at.empty() || now < k.accept_until) return &k;
        return nullptr;
    }
    return nullptr;
}

const team_key* keyring::team(const std::string& name) const {
    const auto it = teams_.find(name);
    return it == teams_.end() ? nullptr : &it->second;
}

std::string keyring::public_json() const {
    json_writer w;
    w.begin_object();
    w.key("receipt").begin_object();
    w.key("key_id").value(receipt_.key_id);
    w.key("public_key").value(to_base64(receipt_.public_key.data(), receipt_.public_key.size()));
    w.end_object();
    w.key("sealing").begin_object();
    w.key("key_id").value(current_sealing().key_id);
    w.key("public_key").value(to_base64(current_sealing().public_key.data(), current_sealing().public_key.size()));
    w.end_object();
    w.end_object();
    return w.take();
}

status init_keys(const std::string& dir, bool& created) {
    created = false;
    if (auto s = crypto_init(); !s) return s;
    if (auto s = make_private_folder(dir); !s) return s;
    auto records = read_records(dir);
    if (!records) return records.err();
    if (records->sealing.empty()) {
        auto made = make_sealing_pair(dir);
        if (!made) return made.err();
        records->sealing.push_back(*made);
        created = true;
    }
    if (records->receipt.empty()) {
        auto made = make_receipt_pair(dir);
        if (!made) return made.err();
        records->receipt.push_back(*made);
        created = true;
    }
    return created ? write_records(dir, *records) : status::ok();
}

status rotate_sealing_key(const std::string& dir, int window_days) {
    if (auto s = crypto_init(); !s) return s;
    auto records = read_records(dir);
    if (!records) return records.err();
    if (records->sealing.empty()) return error{dir, "there is no sealing key to rotate: run `frontdesk keys init`"};
    auto made = make_sealing_pair(dir);
    if (!made) return made.err();
    key_record& old = records->sealing.back();
    old.retired_at = utc_now();
    old.accept_until = utc_days_from_now(window_days);
    records->sealing.push_back(*made);
    return write_records(dir, *records);
}

status rotate_receipt_key(const std::string& dir) {
    if (auto s = crypto_init(); !s) return s;
    auto records = read_records(dir);
    if (!records) return records.err();
    if (records->receipt.empty()) return error{dir, "there is no receipt key to rotate: run `frontdesk keys init`"};
    auto made = make_receipt_pair(dir);
    if (!made) return made.err();
    records->receipt.back().retired_at = utc_now();
    records->receipt.push_back(*made);
    return write_records(dir, *records);
}

status add_team_key(const std::string& dir, const std::string& team, const std::string& secret_path) {
    if (!is_team_name(team)) return error{team, "a team name is lower-case letters, digits, '-' and '_'"};
    if (auto s = crypto_init(); !s) return s;
    if (auto s = make_private_folder(dir + "/teams"); !s) return s;
    const std::string public_path = dir + "/teams/" + team + ".public";
    if (fs::exists(public_path)) return error{public_path, "this team has a key already"};
    box_public_key pk{};
    box_secret_key sk{};
    if (crypto_box_keypair(pk.data(), sk.data()) != 0) return error{team, "cannot make the team's key pair"};
    auto s = write_key_file(secret_path, sk.data(), sk.size(), key_secrecy::secret_key);
    sodium_memzero(sk.data(), sk.size());
    if (!s) return s;
    return write_key_file(public_path, pk.data(), pk.size(), key_secrecy::public_key);
}

result<box_secret_key> read_team_secret(const std::string& path) {
    if (auto s = crypto_init(); !s) return s.err();
    box_secret_key sk{};
    if (auto s = read_key_file(path, sk); !s) return s.err();
    return sk;
}

}  // namespace frontdesk::server
