// The durable store of accepted submissions: one SQLite file in WAL mode with
// synchronous=FULL, so a receipt is only ever sent for a committed row. It
// holds routing metadata and ciphertext sealed to the receiving team's key;
// never a report in clear, and nothing the server itself can open.
#pragma once

#include <map>
#include <memory>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/encoding.hpp"
#include "engine/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace frontdesk::server {

struct stored_attachment {
    std::string hash;  // BLAKE2b-256 of the attachment's bytes, hex
    bytes sealed;      // sealed to the team's key
};

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
    std::string team_key_id;    // the team key the report is sealed to
    bytes sealed_report;        // sealed to the team's key
    std::vector<stored_attachment> attachments;
    std::string receipt_json;
    std::vector<std::string> sinks;  // ids of the sinks it must be delivered to (insert only)
};

// One report still owed to one sink.
struct pending_delivery {
    std::string reference;
    std::string sink;
    std::int64_t attempts = 0;
};

enum class insert_result {
    stored,           // new, committed
    duplicate,        // its submission id is stored with the same content: answer with that receipt
    conflict,         // its submission id is stored with other content
    reference_taken,  // draw another reference and try again
    failed,           // the store could not take it
};

struct insert_outcome {
    insert_result result = insert_result::failed;
    // For a duplicate: what the stored report was given, so that a fresh
    // receipt can be signed for this envelope with the same reference.
    std::string existing_reference;
    std::string existing_received_at;
};

class store {
public:
    static result<std::unique_ptr<store>> open(const std::string& path);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    // Without the sealed bytes: enough to answer a repeat.
    result<std::optional<stored_submission>> find_by_submission_id(const std::string& submission_id);
    // The row and its attachments in one transaction. Fails with where ==
    // "reference" when the reference is already taken.
    status insert(const stored_submission& s);
    // Group commit: every row in one transaction, each deduplicated by its
    // submission id (against the store and the rows before it), so many
    // reports share one sync to disk. Outcomes are in the rows' order.
    std::vector<insert_outcome> insert_batch(const std::vector<stored_submission>& rows);
    // A team's queue, urgent first, then oldest first, with the sealed bytes.
    result<std::vector<stored_submission>> queue_for_team(const std::string& team);
    result<std::int64_t> count();
    // Reports stored per team: the queue depths /metrics shows.
    result<std::map<std::string, std::int64_t>> count_by_team();

    // Deliveries due at `now` (Unix seconds), urgent reports first, then oldest.
    result<std::vector<pending_delivery>> due_deliveries(std::int64_t now, int limit);
    status mark_delivered(const std::string& reference, const std::string& sink, const std::string& when);
    status mark_failed(const std::string& reference, const std::string& sink, std::int64_t next_attempt,
                       const std::string& why);
    result<std::map<std::string, std::int64_t>> pending_deliveries_by_sink();
    // One stored report with its sealed bytes and attachments.
    result<stored_submission> load(const std::string& reference);

private:
    explicit store(sqlite3* db) : db_(db) {}
    status exec(const char* sql);
    // The statements run for every report, compiled once and kept: compiling
    // them again for each row was a good part of the committer's time.
    // nullptr when `sql` does not compile. Reset and unbound by the caller
    // (see `statement_use` in store.cpp).
    sqlite3_stmt* prepared(const char* sql);
    // Runs a kept statement that takes no parameters and returns no rows.
    status run(const char* sql);
    status insert_rows(const stored_submission& s);
    // {first column: second column} of a `SELECT name, count(*) … GROUP BY name`.
    result<std::map<std::string, std::int64_t>> count_groups(const char* sql);
    // Looked up by the SQL's text without copying it.
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*, text_hash, std::equal_to<>> statements_;
};

}  // namespace frontdesk::server
