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
  team_key_id    TEXT NOT NULL,
  sealed_report  BLOB NOT NULL,
  receipt        TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS submissions_by_team ON submissions (team, received_at);
CREATE TABLE IF NOT EXISTS deliveries (
  reference     TEXT NOT NULL REFERENCES submissions (reference),
  sink          TEXT NOT NULL,
  urgent        INTEGER NOT NULL,
  received_at   TEXT NOT NULL,
  delivered_at  TEXT,
  attempts      INTEGER NOT NULL DEFAULT 0,
  next_attempt  INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  PRIMARY KEY (reference, sink)
) STRICT;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (delivered_at, next_attempt);
CREATE TABLE IF NOT EXISTS attachments (
  reference  TEXT NOT NULL REFERENCES submissions (reference),
  hash       TEXT NOT NULL,
  sealed     BLOB NOT NULL,
  PRIMARY KEY (reference, hash)
) STRICT;
)sql";

error sqlite_error(sqlite3* db, const std::string& what) { return error{"store", what + ": " + sqlite3_errmsg(db)}; }

// Finalizes a prepared statement however the function leaves.
struct statement {
    sqlite3_stmt* handle = nullptr;
    ~statement() { sqlite3_finalize(handle); }
};

// A kept statement in use: reset (which also ends any read it holds open)
// and unbound however the function leaves, ready for the next use.
struct statement_use {
    sqlite3_stmt* handle;
    ~statement_use() {
        if (handle == nullptr) return;
        sqlite3_reset(handle);
        sqlite3_clear_bindings(handle);
    }
};

void bind_text(sqlite3_stmt* st, int index, const std::string& s) {
    sqlite3_bind_text(st, index, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

void bind_blob(sqlite3_stmt* st, int index, const bytes& b) {
    sqlite3_bind_blob(st, index, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* st, int index) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    return text == nullptr ? std::string{} : std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
}

bytes column_blob(sqlite3_stmt* st, int index) {
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(st, index));
    return data == nullptr ? bytes{} : bytes(data, data + sqlite3_column_bytes(st, index));
}

constexpr const char* row_columns =
    "reference, submission_id, content_hash, envelope_hash, form_id, form_version, team, urgency, received_at, "
    "team_key_id, receipt";

stored_submission read_row(sqlite3_stmt* st) {
    stored_submission s;
    s.reference = column_text(st, 0);
    s.submission_id = column_text(st, 1);
    s.content_hash = column_text(st, 2);
    s.envelope_hash = column_text(st, 3);
    s.form_id = column_text(st, 4);
    s.form_version = column_text(st, 5);
    s.team = column_text(st, 6);
    s.urgency = column_text(st, 7);
    s.received_at = column_text(st, 8);
    s.team_key_id = column_text(st, 9);
    s.receipt_json = column_text(st, 10);
    return s;
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
    // Wait for other connections (the committer, the delivery thread, an
    // inbox reading) rather than fail with "locked", from the very first statement.
    sqlite3_busy_timeout(db, 5000);
    for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;", "PRAGMA foreign_keys=ON;", schema}) {
        if (auto ok = s->exec(sql); !ok) return ok.err();
    }
    return s;
}

store::~store() {
    for (auto& [sql, st] : statements_) sqlite3_finalize(st);
    sqlite3_close(db_);
}

status store::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot run SQL");
    return status::ok();
}

sqlite3_stmt* store::prepared(const char* sql) {
    auto it = statements_.find(std::string_view(sql));
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
        sqlite3_finalize(st);
        return nullptr;
    }
    statements_.emplace(sql, st);
    return st;
}

status store::run(const char* sql) {
    statement_use st{prepared(sql)};
    if (st.handle == nullptr || sqlite3_step(st.handle) != SQLITE_DONE) return sqlite_error(db_, "cannot run SQL");
    return status::ok();
}

result<std::optional<stored_submission>> store::find_by_submission_id(const std::string& submission_id) {
    statement st;
    const std::string sql = std::string("SELECT ") + row_columns + " FROM submissions WHERE submission_id = ?1";
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot look up");
    bind_text(st.handle, 1, submission_id);
    const int rc = sqlite3_step(st.handle);
    if (rc == SQLITE_DONE) return std::optional<stored_submission>{};
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot look up");
    return std::optional<stored_submission>(read_row(st.handle));
}

status store::insert_rows(const stored_submission& s) {
    // The caller owns the transaction and rolls back to its savepoint on error.
    auto fail = [](error e) { return status(std::move(e)); };
    {
        statement_use st{prepared(
            "INSERT INTO submissions (reference, submission_id, content_hash, envelope_hash, form_id, form_version, "
            "team, urgency, received_at, team_key_id, sealed_report, receipt) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")};
        if (st.handle == nullptr) return fail(sqlite_error(db_, "cannot store"));
        bind_text(st.handle, 1, s.reference);
        bind_text(st.handle, 2, s.submission_id);
        bind_text(st.handle, 3, s.content_hash);
        bind_text(st.handle, 4, s.envelope_hash);
        bind_text(st.handle, 5, s.form_id);
        bind_text(st.handle, 6, s.form_version);
        bind_text(st.handle, 7, s.team);
        bind_text(st.handle, 8, s.urgency);
        bind_text(st.handle, 9, s.received_at);
        bind_text(st.handle, 10, s.team_key_id);
        bind_blob(st.handle, 11, s.sealed_report);
        bind_text(st.handle, 12, s.receipt_json);
        const int rc = sqlite3_step(st.handle);
        // The reference is the primary key; any other constraint failure is not a collision.
        if (rc != SQLITE_DONE && sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY) {
            return fail(error{"reference", "reference already taken"});
        }
        if (rc != SQLITE_DONE) return fail(sqlite_error(db_, "cannot store"));
    }
    for (const auto& a : s.attachments) {
        statement_use st{prepared("INSERT INTO attachments (reference, hash, sealed) VALUES (?1, ?2, ?3)")};
        if (st.handle == nullptr) return fail(sqlite_error(db_, "cannot store"));
        bind_text(st.handle, 1, s.reference);
        bind_text(st.handle, 2, a.hash);
        bind_blob(st.handle, 3, a.sealed);
        if (sqlite3_step(st.handle) != SQLITE_DONE) return fail(sqlite_error(db_, "cannot store an attachment"));
    }
    // The deliveries are owed from the moment the report is stored: same transaction.
    for (const auto& sink : s.sinks) {
        statement_use st{prepared("INSERT INTO deliveries (reference, sink, urgent, received_at) VALUES (?1, ?2, ?3, ?4)")};
        if (st.handle == nullptr) return fail(sqlite_error(db_, "cannot store"));
        bind_text(st.handle, 1, s.reference);
        bind_text(st.handle, 2, sink);
        sqlite3_bind_int(st.handle, 3, s.urgency == "urgent" ? 1 : 0);
        bind_text(st.handle, 4, s.received_at);
        if (sqlite3_step(st.handle) != SQLITE_DONE) return fail(sqlite_error(db_, "cannot store a delivery"));
    }
    return status::ok();
}

std::vector<insert_outcome> store::insert_batch(const std::vector<stored_submission>& rows) {
    std::vector<insert_outcome> outcomes(rows.size());
    if (rows.empty()) return outcomes;
    if (!run("BEGIN IMMEDIATE")) return outcomes;  // all failed
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const stored_submission& row = rows[i];
        {
            // The same report sent twice (a retry, or two in one batch) is stored once.
            statement_use st{prepared("SELECT content_hash, reference, received_at FROM submissions WHERE submission_id = ?1")};
            if (st.handle == nullptr) continue;  // failed
            bind_text(st.handle, 1, row.submission_id);
            const int rc = sqlite3_step(st.handle);
            if (rc == SQLITE_ROW) {
                if (column_text(st.handle, 0) == row.content_hash) {
                    outcomes[i] = {insert_result::duplicate, column_text(st.handle, 1), column_text(st.handle, 2)};
                } else {
                    outcomes[i].result = insert_result::conflict;
                }
                continue;
            }
            if (rc != SQLITE_DONE) continue;  // failed
        }
        // A savepoint per row: one row that cannot be stored leaves the others.
        if (!run("SAVEPOINT one_row")) continue;
        auto stored = insert_rows(row);
        if (stored) {
            (void)run("RELEASE one_row");
            outcomes[i].result = insert_result::stored;
        } else {
            (void)run("ROLLBACK TO one_row");
            (void)run("RELEASE one_row");
            outcomes[i].result = stored.err().where == "reference" ? insert_result::reference_taken : insert_result::failed;
        }
    }
    // With synchronous=FULL, COMMIT returns only once the transaction is on disk.
    if (!run("COMMIT")) {
        (void)run("ROLLBACK");
        // Nothing of this batch is stored, and a duplicate may have matched a
        // row of this very batch: every answer but a conflict is now a failure.
        for (auto& o : outcomes) {
            if (o.result != insert_result::conflict) o = {insert_result::failed, {}, {}};
        }
    }
    return outcomes;
}

status store::insert(const stored_submission& s) {
    const auto outcome = insert_batch({s}).front();
    switch (outcome.result) {
        case insert_result::stored: return status::ok();
        case insert_result::reference_taken: return error{"reference", "reference already taken"};
        case insert_result::duplicate:
        case insert_result::conflict: return error{"store", "this submission id is stored already"};
        case insert_result::failed: break;
    }
    return error{"store", "cannot store: " + std::string(sqlite3_errmsg(db_))};
}

result<std::vector<stored_submission>> store::queue_for_team(const std::string& team) {
    statement st;
    const std::string sql = std::string("SELECT ") + row_columns +
                            ", sealed_report FROM submissions WHERE team = ?1 "
                            "ORDER BY urgency = 'urgent' DESC, received_at, reference";
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot read the queue");
    bind_text(st.handle, 1, team);
    std::vector<stored_submission> queue;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st.handle)) == SQLITE_ROW) {
        stored_submission s = read_row(st.handle);
        s.sealed_report = column_blob(st.handle, 11);
        queue.push_back(std::move(s));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the queue");
    for (auto& s : queue) {
        statement at;
        if (sqlite3_prepare_v2(db_, "SELECT hash, sealed FROM attachments WHERE reference = ?1 ORDER BY hash", -1,
                               &at.handle, nullptr) != SQLITE_OK) {
            return sqlite_error(db_, "cannot read attachments");
        }
        bind_text(at.handle, 1, s.reference);
        while ((rc = sqlite3_step(at.handle)) == SQLITE_ROW) {
            s.attachments.push_back({column_text(at.handle, 0), column_blob(at.handle, 1)});
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read attachments");
    }
    return queue;
}

result<std::int64_t> store::count() {
    statement st;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM submissions", -1, &st.handle, nullptr) != SQLITE_OK ||
        sqlite3_step(st.handle) != SQLITE_ROW) {
        return sqlite_error(db_, "cannot count");
    }
    return static_cast<std::int64_t>(sqlite3_column_int64(st.handle, 0));
}

result<std::map<std::string, std::int64_t>> store::count_groups(const char* sql) {
    statement st;
    if (sqlite3_prepare_v2(db_, sql, -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot count");
    std::map<std::string, std::int64_t> counts;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st.handle)) == SQLITE_ROW) counts[column_text(st.handle, 0)] = sqlite3_column_int64(st.handle, 1);
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot count");
    return counts;
}

result<std::map<std::string, std::int64_t>> store::count_by_team() {
    return count_groups("SELECT team, count(*) FROM submissions GROUP BY team");
}

result<std::vector<pending_delivery>> store::due_deliveries(std::int64_t now, int limit) {
    statement st;
    const char* sql =
        "SELECT reference, sink, attempts FROM deliveries WHERE delivered_at IS NULL AND next_attempt <= ?1 "
        "ORDER BY urgent DESC, received_at, reference LIMIT ?2";
    if (sqlite3_prepare_v2(db_, sql, -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot read deliveries");
    sqlite3_bind_int64(st.handle, 1, now);
    sqlite3_bind_int(st.handle, 2, limit);
    std::vector<pending_delivery> due;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st.handle)) == SQLITE_ROW) {
        due.push_back({column_text(st.handle, 0), column_text(st.handle, 1), sqlite3_column_int64(st.handle, 2)});
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read deliveries");
    return due;
}

status store::mark_delivered(const std::string& reference, const std::string& sink, const std::string& when) {
    statement st;
    if (sqlite3_prepare_v2(db_, "UPDATE deliveries SET delivered_at = ?3, last_error = NULL WHERE reference = ?1 AND sink = ?2",
                           -1, &st.handle, nullptr) != SQLITE_OK) {
        return sqlite_error(db_, "cannot record a delivery");
    }
    bind_text(st.handle, 1, reference);
    bind_text(st.handle, 2, sink);
    bind_text(st.handle, 3, when);
    if (sqlite3_step(st.handle) != SQLITE_DONE) return sqlite_error(db_, "cannot record a delivery");
    return status::ok();
}

status store::mark_failed(const std::string& reference, const std::string& sink, std::int64_t next_attempt,
                          const std::string& why) {
    statement st;
    const char* sql =
        "UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?3, last_error = ?4 "
        "WHERE reference = ?1 AND sink = ?2";
    if (sqlite3_prepare_v2(db_, sql, -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot record a failure");
    bind_text(st.handle, 1, reference);
    bind_text(st.handle, 2, sink);
    sqlite3_bind_int64(st.handle, 3, next_attempt);
    bind_text(st.handle, 4, why);
    if (sqlite3_step(st.handle) != SQLITE_DONE) return sqlite_error(db_, "cannot record a failure");
    return status::ok();
}

result<std::map<std::string, std::int64_t>> store::pending_deliveries_by_sink() {
    return count_groups("SELECT sink, count(*) FROM deliveries WHERE delivered_at IS NULL GROUP BY sink");
}

result<stored_submission> store::load(const std::string& reference) {
    stored_submission s;
    {
        statement st;
        const std::string sql = std::string("SELECT ") + row_columns + ", sealed_report FROM submissions WHERE reference = ?1";
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st.handle, nullptr) != SQLITE_OK) return sqlite_error(db_, "cannot load");
        bind_text(st.handle, 1, reference);
        if (sqlite3_step(st.handle) != SQLITE_ROW) return error{"store", "no such report"};
        s = read_row(st.handle);
        s.sealed_report = column_blob(st.handle, 11);
    }
    statement at;
    if (sqlite3_prepare_v2(db_, "SELECT hash, sealed FROM attachments WHERE reference = ?1 ORDER BY hash", -1, &at.handle,
                           nullptr) != SQLITE_OK) {
        return sqlite_error(db_, "cannot load attachments");
    }
    bind_text(at.handle, 1, reference);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(at.handle)) == SQLITE_ROW) s.attachments.push_back({column_text(at.handle, 0), column_blob(at.handle, 1)});
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot load attachments");
    return s;
}

}  // namespace frontdesk::server
