#include "engine/form_image.hpp"

#include <doctest/doctest.h>

#include "engine/form_json.hpp"
#include "engine/report.hpp"
#include "tests/support/forms.hpp"

using namespace frontdesk;

TEST_CASE("a form survives the trip through its image") {
    const form f = testing::load_form(testing::routing_form_json);
    const std::string image = encode_form_image(f);
    auto decoded = decode_form_image(image);
    REQUIRE(decoded);
    CHECK(encode_form_image(*decoded) == image);
    CHECK(decoded->version == f.version);
    CHECK(decoded->team_rules.size() == 1);
    CHECK(decoded->pages[0].questions[0].choices.size() == 2);
}

TEST_CASE("the image is smaller than the JSON it came from") {
    const auto source = testing::read_source_file("forms/bike-theft.json");
    CHECK(encode_form_image(testing::load_form(source)).size() < source.size() * 3 / 4);
}

TEST_CASE("every truncation and every flipped byte of an image is an error or a valid form, never a crash") {
    const std::string image = encode_form_image(testing::bike_theft_form());
    for (std::size_t n = 0; n < image.size(); ++n) {
        CHECK_MESSAGE(!decode_form_image(image.substr(0, n)), "truncated to " << n);
    }
    for (std::size_t i = 0; i < image.size(); ++i) {
        std::string damaged = image;
        damaged[i] = static_cast<char>(damaged[i] ^ 0xA5);
        auto decoded = decode_form_image(damaged);
        if (decoded) {
            // A flip inside text can still make a well-formed form; it must be usable.
            CHECK(decoded->page_index(decoded->start).has_value());
        }
    }
    CHECK(!decode_form_image(image + "x"));
    CHECK(!decode_form_image("FDFI"));
    CHECK(!decode_form_image(""));
}

TEST_CASE("a form with every construct survives its image, and runs the same from it") {
    const form f = testing::everything_form();
    const std::string image = encode_form_image(f);
    auto decoded = decode_form_image(image);
    REQUIRE(decoded);
    CHECK(encode_form_image(*decoded) == image);
    const auto answers = testing::complete_everything_answers();
    const auto a = replay(f, answers, testing::golden_today);
    const auto b = replay(*decoded, answers, testing::golden_today);
    CHECK(a.pages == b.pages);
    CHECK(a.answers_on_path == b.answers_on_path);
    CHECK(a.route.team == b.route.team);
    // Damage anywhere is an error or a form that runs, never a crash.
    for (std::size_t i = 0; i < image.size(); i += 3) {
        std::string damaged = image;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
        auto d = decode_form_image(damaged);
        if (d) (void)replay(*d, answers, testing::golden_today);
    }
}

TEST_CASE("a form with a repeat survives its image and replays the same from it") {
    const form f = testing::repeats_form();
    const std::string image = encode_form_image(f);
    auto decoded = decode_form_image(image);
    REQUIRE(decoded);
    CHECK(encode_form_image(*decoded) == image);
    REQUIRE(decoded->pages[1].repeat);
    CHECK(decoded->pages[1].repeat->max == 3);
    // The repeat's messages travel (here the engine's English defaults).
    CHECK(decoded->pages[1].repeat->messages.too_few == "Add at least 1 item");
    CHECK(decoded->pages[1].repeat->messages.entry == "Item {n}");
    CHECK(decoded->pages[1].repeat->messages.removed == "You removed {label}.");
    const auto answers = testing::two_items_answers();
    const auto a = replay(f, answers, testing::golden_today);
    const auto b = replay(*decoded, answers, testing::golden_today);
    CHECK(a.result == replay_result::submitted);
    CHECK(a.pages == b.pages);
    CHECK(report_json(make_report(f, a, "00112233445566778899aabbccddeeff", "en")) ==
          report_json(make_report(*decoded, b, "00112233445566778899aabbccddeeff", "en")));
    for (std::size_t i = 0; i < image.size(); i += 2) {
        std::string damaged = image;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x33);
        auto d = decode_form_image(damaged);
        if (d) (void)replay(*d, answers, testing::golden_today);
    }
}
