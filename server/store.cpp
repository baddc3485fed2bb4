#include "server/store.hpp"

#include <sqlite3.h>

namespace frontdesk::server {
namespace {

constexpr const char* schema = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  reference      TEXT PRIMARY KEY,
  submission_id  TEXT NOT NULL UNIQUE,
  content_hash   TEXT NOT NULL,
  envelope_hash  TEXT NOT NULL,
  form_id        TEXT NOT NULL,
  form_version   TEXT NOT NULL,
  team           TEXT NOT NULL,
  urgency        TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  sealed_key_id  TEXT NOT NULL,
  sealed_report  BLOB NOT NULL,
  receipt        TEXT NOT NULL
) STRICT;
)sql";

error sqlite_error(sqlite3* db, const std::string& what) { return error{"store", what + ": " + sqlite3_errmsg(db)}; }

// Finalizes a prepared statement however the function leaves.
struct statement {
    sqlite3_stmt* handle = nullptr;
    ~statement() { sqlite3_finalize(handle); }
};

void bind_text(sqlite3_stmt* st, int index, const std::string& s) {
    sqlite3_bind_text(st, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* st, int index) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    return text == nullptr ? std::string{} : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
}

}  // namespace

result<std::unique_ptr<store>> store::open(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        error e = sqlite_error(db, "cannot open " + path);
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<store> s(new store(db));
    for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=ON;",
                            "PRAGMA busy_timeout=5000;", schema}) {
        if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return sqlite_error(db, "cannot set up the store");
    }
    return s;
}

store::~store() { sqlite3_close(db_); }

result<std::optional<stored_submission>> store::find_by_submission_id(const std::string& submission_id) {
    statement st;
    const char* sql =
        "SELECT reference, submission_id, content_hash, envelope_hash, form_id, form_version, team, urgency, "
        "received_at, sealed_key_id, receipt FROM submissions WHERE submission_id = ?1";
    if (sqlite3_prepare_v2(db_, sql, -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot look up");
    bind_text(st.handle, 1, submission_id);
    const int rc = sqlite3_step(st.handle);
    if (rc == SQLITE_DONE) return std::optional<stored_submission>{};
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot look up");
    stored_submission s;
    s.reference = column_text(st.handle, 0);
    s.submission_id = column_text(st.handle, 1);
    s.content_hash = column_text(st.handle, 2);
    s.envelope_hash = column_text(st.handle, 3);
    s.form_id = column_text(st.handle, 4);
    s.form_version = column_text(st.handle, 5);
    s.team = column_text(st.handle, 6);
    s.urgency = column_text(st.handle, 7);
    s.received_at = column_text(st.handle, 8);
    s.sealed_key_id = column_text(st.handle, 9);
    s.receipt_json = column_text(st.handle, 10);
    return std::optional<stored_submission>(std::move(s));
}

status store::insert(const stored_submission& s) {
    statement st;
    const char* sql =
        "INSERT INTO submissions (reference, submission_id, content_hash, envelope_hash, form_id, form_version, "
        "team, urgency, received_at, sealed_key_id, sealed_report, receipt) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    if (sqlite3_prepare_v2(db_, sql, -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot store");
    bind_text(st.handle, 1, s.reference);
    bind_text(st.handle, 2, s.submission_id);
    bind_text(st.handle, 3, s.content_hash);
    bind_text(st.handle, 4, s.envelope_hash);
    bind_text(st.handle, 5, s.form_id);
    bind_text(st.handle, 6, s.form_version);
    bind_text(st.handle, 7, s.team);
    bind_text(st.handle, 8, s.urgency);
    bind_text(st.handle, 9, s.received_at);
    bind_text(st.handle, 10, s.sealed_key_id);
    sqlite3_bind_blob(st.handle, 11, s.sealed_report.data(), static_cast<int>(s.sealed_report.size()), SQLITE_TRANSIENT);
    bind_text(st.handle, 12, s.receipt_json);
    // In autocommit mode a successful step is a committed, synced transaction.
    const int rc = sqlite3_step(st.handle);
    if (rc == SQLITE_CONSTRAINT && std::string(sqlite3_errmsg(db_)).find("reference") != std::string::npos) {
        return error{"reference", "reference already taken"};
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot store");
    return status::ok();
}

result<std::int64_t> store::count() {
    statement st;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM submissions", -1, &st.handle, nullptr) != SQLITE_OK ||
        sqlite3_step(st.handle) != SQLITE_ROW) {
        return sqlite_error(db_, "cannot count");
    }
    return static_cast<std::int64_t>(sqlite3_column_int64(st.handle, 0));
}

}  // namespace frontdesk::server
