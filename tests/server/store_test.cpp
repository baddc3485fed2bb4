#include "server/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "tests/support/server_fixture.hpp"

using namespace frontdesk;

namespace {

server::stored_submission row(const std::string& reference, const std::string& submission_id) {
    server::stored_submission s;
    s.reference = reference;
    s.submission_id = submission_id;
    s.content_hash = "c";
    s.envelope_hash = "e";
    s.form_id = "bike-theft";
    s.form_version = "v";
    s.team = "t";
    s.urgency = "standard";
    s.received_at = "2026-11-28T09:15:02Z";
    s.team_key_id = "k";
    s.sealed_report = {1, 2, 3};
    s.receipt_json = "{}";
    return s;
}

std::string pragma(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::string value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

}  // namespace

TEST_CASE("rows are stored, found by submission id, and survive reopening") {
    testing::temp_dir dir;
    const std::string path = dir.str() + "/s.sqlite3";
    {
        auto db = server::store::open(path);
        REQUIRE(db);
        REQUIRE((*db)->insert(row("FD-AAAA-AAAA", "id1")));
        auto found = (*db)->find_by_submission_id("id1");
        REQUIRE(found);
        REQUIRE(found->has_value());
        CHECK((**found).reference == "FD-AAAA-AAAA");
        CHECK(!(*db)->find_by_submission_id("id2")->has_value());
    }
    auto reopened = server::store::open(path);
    REQUIRE(reopened);
    CHECK(*(*reopened)->count() == 1);
    CHECK(pragma(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("a taken reference or submission id is refused and tells which") {
    testing::temp_dir dir;
    auto db = server::store::open(dir.str() + "/s.sqlite3");
    REQUIRE(db);
    REQUIRE((*db)->insert(row("FD-AAAA-AAAA", "id1")));
    auto same_reference = (*db)->insert(row("FD-AAAA-AAAA", "id2"));
    REQUIRE(!same_reference);
    CHECK(same_reference.err().where == "reference");
    auto same_id = (*db)->insert(row("FD-BBBB-BBBB", "id1"));
    REQUIRE(!same_id);
    CHECK(same_id.err().where == "store");
}

TEST_CASE("a store that cannot be opened is an error, not a crash") {
    CHECK(!server::store::open("/nonexistent-dir/x/y.sqlite3"));
}

TEST_CASE("a team's queue lists urgent reports first, then oldest first, with their attachments") {
    testing::temp_dir dir;
    auto db = server::store::open(dir.str() + "/s.sqlite3");
    REQUIRE(db);
    auto old_standard = row("FD-0000-0001", "id1");
    old_standard.received_at = "2026-11-01T00:00:00Z";
    auto new_urgent = row("FD-0000-0002", "id2");
    new_urgent.urgency = "urgent";
    new_urgent.attachments = {{"bb", {4, 5}}, {"aa", {6}}};
    auto other_team = row("FD-0000-0003", "id3");
    other_team.team = "elsewhere";
    for (const auto* r : {&old_standard, &new_urgent, &other_team}) REQUIRE((*db)->insert(*r));

    auto queue = (*db)->queue_for_team("t");
    REQUIRE(queue);
    REQUIRE(queue->size() == 2);
    CHECK((*queue)[0].reference == "FD-0000-0002");
    CHECK((*queue)[1].reference == "FD-0000-0001");
    CHECK((*queue)[0].sealed_report == bytes{1, 2, 3});
    REQUIRE((*queue)[0].attachments.size() == 2);
    CHECK((*queue)[0].attachments[0].hash == "aa");
    CHECK((*queue)[0].attachments[1].sealed == bytes{4, 5});
}

TEST_CASE("a failed insert leaves nothing behind, attachments included") {
    testing::temp_dir dir;
    auto db = server::store::open(dir.str() + "/s.sqlite3");
    REQUIRE(db);
    REQUIRE((*db)->insert(row("FD-0000-0001", "id1")));
    auto clash = row("FD-0000-0002", "id1");  // same submission id
    clash.attachments = {{"aa", {1}}};
    CHECK(!(*db)->insert(clash));
    CHECK(*(*db)->count() == 1);
    auto queue = (*db)->queue_for_team("t");
    REQUIRE(queue);
    CHECK((*queue)[0].attachments.empty());
    // The store is still usable after the rollback.
    CHECK((*db)->insert(row("FD-0000-0003", "id3")));
}

TEST_CASE("the statements a store keeps hold nothing open between batches") {
    testing::temp_dir dir;
    const std::string path = dir.str() + "/s.sqlite3";
    auto a = server::store::open(path);
    auto b = server::store::open(path);
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE((*a)->insert_batch({row("FD-0000-0001", "id1")}).front().result == server::insert_result::stored);
    // A row another connection stores after that batch is seen by the next one:
    // no kept lookup still reads an older snapshot.
    REQUIRE((*b)->insert(row("FD-0000-0002", "id2")));
    const auto again = (*a)->insert_batch({row("FD-0000-0003", "id2"), row("FD-0000-0002", "id4")});
    CHECK(again[0].result == server::insert_result::duplicate);
    CHECK(again[0].existing_reference == "FD-0000-0002");
    CHECK(again[1].result == server::insert_result::reference_taken);
    // And no reader is left behind: a checkpoint can copy the whole log back.
    CHECK(pragma(path, "PRAGMA wal_checkpoint(TRUNCATE)") == "0");
    CHECK(*(*a)->count() == 2);
}

TEST_CASE("deliveries are owed from the insert, urgent first, and wait out their backoff") {
    testing::temp_dir dir;
    auto db = server::store::open(dir.str() + "/s.sqlite3");
    REQUIRE(db);
    auto older = row("FD-0000-0001", "id1");
    older.received_at = "2026-11-01T00:00:00Z";
    older.sinks = {"spool:a", "webhook:b"};
    auto urgent = row("FD-0000-0002", "id2");
    urgent.urgency = "urgent";
    urgent.sinks = {"spool:a"};
    REQUIRE((*db)->insert(older));
    REQUIRE((*db)->insert(urgent));

    auto due = (*db)->due_deliveries(1000, 10);
    REQUIRE(due);
    REQUIRE(due->size() == 3);
    CHECK((*due)[0].reference == "FD-0000-0002");
    CHECK((*due)[1].reference == "FD-0000-0001");

    REQUIRE((*db)->mark_delivered("FD-0000-0002", "spool:a", "2026-11-28T10:00:00Z"));
    REQUIRE((*db)->mark_failed("FD-0000-0001", "webhook:b", 2000, "status 503"));
    due = (*db)->due_deliveries(1000, 10);
    REQUIRE(due->size() == 1);
    CHECK((*due)[0].sink == "spool:a");
    due = (*db)->due_deliveries(2000, 10);
    REQUIRE(due->size() == 2);
    CHECK((*due)[1].attempts == 1);
    auto pending = (*db)->pending_deliveries_by_sink();
    REQUIRE(pending);
    CHECK((*pending)["spool:a"] == 1);
    CHECK((*pending)["webhook:b"] == 1);
    auto loaded = (*db)->load("FD-0000-0001");
    REQUIRE(loaded);
    CHECK(loaded->sealed_report == bytes{1, 2, 3});
}
