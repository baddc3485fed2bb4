#include "preview/report_view.hpp"

#include <doctest/doctest.h>

#include "engine/envelope.hpp"
#include "engine/report.hpp"
#include "preview/playthrough.hpp"
#include "tests/preview/support.hpp"

using namespace frontdesk;
using namespace frontdesk::preview;

TEST_CASE("on check your answers the report is ready, formatted, with its padded size") {
    auto p = start_playthrough(std::make_shared<const form>(testing::bike_theft_form()));
    REQUIRE(walk_to(p, testing::complete_bike_answers(), ""));
    const auto r = preview_report(*p.journey, "en");
    CHECK(r.status == report_status::ready);
    const auto canonical = report_json(make_report(*p.journey, preview_submission_id, "en"));
    CHECK(r.size == canonical.size());
    CHECK(r.padded_size == bucket_size(canonical.size()));
    CHECK(r.padded_size == 1024);
    CHECK(r.json.find("\n  \"answers\": {") != std::string::npos);
    CHECK(r.json.find("\"make\": \"Raleigh\"") != std::string::npos);
    CHECK(r.json.find("\"team\": \"borough-property-crime\"") != std::string::npos);
}

TEST_CASE("mid-journey the report is a draft, on an exit page there is none") {
    auto p = start_playthrough(std::make_shared<const form>(testing::bike_theft_form()));
    const auto draft = preview_report(*p.journey, "en");
    CHECK(draft.status == report_status::draft);
    CHECK(draft.padded_size == 1024);

    REQUIRE(take_step(p, {step_kind::answer, "in_danger", "yes"}));
    REQUIRE(take_step(p, {step_kind::next, "", ""}));
    const auto none = preview_report(*p.journey, "en");
    CHECK(none.status == report_status::none);
    CHECK(none.json.empty());
}

TEST_CASE("a long answer moves the report into a bigger bucket") {
    auto p = start_playthrough(std::make_shared<const form>(testing::bike_theft_form()));
    auto answers = testing::complete_bike_answers();
    answers["details"] = std::string(900, 'x');
    REQUIRE(walk_to(p, answers, ""));
    const auto r = preview_report(*p.journey, "en");
    CHECK(r.size > 1024);
    CHECK(r.padded_size == 2048);
}
