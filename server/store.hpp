// The durable store of accepted submissions: one SQLite file in WAL mode with
// synchronous=FULL, so a receipt is only ever signed for a committed row.
// It holds ciphertext and routing metadata, never a report in clear.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/encoding.hpp"
#include "engine/result.hpp"

struct sqlite3;

namespace frontdesk::server {

struct stored_submission {
    std::string reference;
    std::string submission_id;
    std::string content_hash;   // BLAKE2b of the opened report: same id + same content = same report
    std::string envelope_hash;
    std::string form_id;
    std::string form_version;
    std::string team;
    std::string urgency;
    std::string received_at;
    std::string sealed_key_id;  // the server key the report was sealed to
    bytes sealed_report;        // the sealed box exactly as received
    std::string receipt_json;
};

class store {
public:
    static result<std::unique_ptr<store>> open(const std::string& path);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    result<std::optional<stored_submission>> find_by_submission_id(const std::string& submission_id);
    // Fails with where == "reference" when the reference is already taken.
    status insert(const stored_submission& s);
    result<std::int64_t> count();

private:
    explicit store(sqlite3* db) : db_(db) {}
    sqlite3* db_;
};

}  // namespace frontdesk::server
