#include "engine/form_json.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "tests/support/forms.hpp"

using namespace frontdesk;

namespace {

bool has_error_at(const form_load_result& r, const std::string& where) {
    return std::any_of(r.errors.begin(), r.errors.end(), [&](const error& e) { return e.where == where; });
}

std::string minimal(const std::string& page_extra, const std::string& question_extra = "") {
    return R"({"id":"t","title":"T","pages":[{"id":"p","title":"P","questions":[{"id":"q","type":"text","label":"Q")" +
           question_extra + "}]" + page_extra + R"(}],"routing":{"default":{"team":"x"}}})";
}

}  // namespace

TEST_CASE("the shipped bike theft form loads and has a stable version") {
    const form f = testing::bike_theft_form();
    CHECK(f.id == "bike-theft");
    CHECK(f.start == "danger");
    CHECK(f.pages.size() == 5);
    CHECK(f.version.size() == 32);
    CHECK(testing::bike_theft_form().version == f.version);
}

TEST_CASE("the version ignores layout but not meaning") {
    const auto a = load_form_json(minimal(R"(,"next":"check-answers")"));
    const auto b = load_form_json("  " + minimal(R"(,  "next" : "check-answers")") + "\n");
    const auto c = load_form_json(minimal(R"(,"next":"check-answers")", R"(,"hint":"new")"));
    REQUIRE(a.loaded);
    REQUIRE(b.loaded);
    REQUIRE(c.loaded);
    CHECK(a.loaded->version == b.loaded->version);
    CHECK(a.loaded->version != c.loaded->version);
}

TEST_CASE("broken JSON is an error with a line and column, never a crash") {
    const auto r = load_form_json(R"({"id": "x", )");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message.find("line 1, column 13") != std::string::npos);
    CHECK(!load_form_json("").loaded);
    CHECK(!load_form_json("[]").loaded);
    CHECK(!load_form_json(std::string(100000, '[')).loaded);
}

TEST_CASE("problems are reported at their JSON pointer") {
    CHECK(has_error_at(load_form_json(minimal("")), "/pages/0/next"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"nowhere")")), "/pages/0/next"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"check-answers","colour":"red")")), "/pages/0/colour"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"check-answers")", R"(,"required":true)")),
                       "/pages/0/questions/0/messages"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"check-answers")", R"(,"type":"calendar")")),
                       "/pages/0/questions/0/type"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"check-answers")", R"(,"max_length":-1)")),
                       "/pages/0/questions/0/max_length"));
    CHECK(has_error_at(load_form_json(minimal(R"(,"next":"check-answers","routes":[{"if":"nope = 'x'","goto":"p"}])")),
                       "/pages/0/routes/0/if"));
}

TEST_CASE("duplicate ids and conditions that can never hold are errors") {
    auto source = testing::read_source_file("forms/bike-theft.json");
    const auto dup = source.replace(source.find("\"id\": \"colour\""), 14, "\"id\": \"make\"  ");
    CHECK(has_error_at(load_form_json(dup), "/pages/2/questions/1/id"));

    auto never = testing::read_source_file("forms/bike-theft.json");
    never.replace(never.find("in_danger = 'yes'"), 17, "in_danger = 'ye' ");
    const auto r = load_form_json(never);
    REQUIRE(has_error_at(r, "/pages/0/routes/0/if"));
    CHECK(r.errors[0].message == "1:13: 'ye' is not an option of 'in_danger', so this never holds");
}

TEST_CASE("a radios question needs options and its message") {
    const auto r = load_form_json(minimal(R"(,"next":"check-answers")", R"(,"type":"radios")"));
    CHECK(!r.loaded);
    CHECK(has_error_at(r, "/pages/0/questions/0/options"));
    CHECK(has_error_at(r, "/pages/0/questions/0/messages"));
}

TEST_CASE("an exit page asks nothing and goes nowhere") {
    const auto r = load_form_json(R"({"id":"t","title":"T","pages":[{"id":"e","type":"exit","title":"Call 999",
        "next":"e"}],"routing":{"default":{"team":"x"}}})");
    CHECK(has_error_at(r, "/pages/0/next"));
}

TEST_CASE("a number too large for any type is an error with its place, not an exception") {
    const auto r = load_form_json(R"({"id": 44444444444444444444444444444444444444444444444444444444444E444444})");
    REQUIRE(r.errors.size() == 1);
    CHECK(!r.loaded);
    CHECK(r.errors[0].message.find("number overflow") != std::string::npos);
}

TEST_CASE("next_steps: the paragraphs that say what happens next, each a string") {
    const std::string page = R"([{"id":"p","title":"P","questions":[{"id":"q","type":"text","label":"Q"}],"next":"check-answers"}])";
    const auto ok = load_form_json(R"({"id":"t","title":"T","next_steps":["We will call you within 5 days.","Keep your reference."],"pages":)" +
                                   page + R"(,"routing":{"default":{"team":"x"}}})");
    REQUIRE(ok.loaded);
    CHECK(ok.loaded->next_steps == std::vector<std::string>{"We will call you within 5 days.", "Keep your reference."});
    const auto without = load_form_json(R"({"id":"t","title":"T","pages":)" + page + R"(,"routing":{"default":{"team":"x"}}})");
    REQUIRE(without.loaded);
    CHECK(without.loaded->next_steps.empty());
    const auto bad = load_form_json(R"({"id":"t","title":"T","next_steps":["fine", 5],"pages":)" + page +
                                    R"(,"routing":{"default":{"team":"x"}}})");
    CHECK_FALSE(bad.loaded);
    CHECK(has_error_at(bad, "/next_steps/1"));
    const auto not_a_list = load_form_json(R"({"id":"t","title":"T","next_steps":"soon","pages":)" + page +
                                           R"(,"routing":{"default":{"team":"x"}}})");
    CHECK_FALSE(not_a_list.loaded);
    CHECK(has_error_at(not_a_list, "/next_steps"));
}

namespace {

// A one-page form in the languages given, with `title` as its title's JSON.
std::string in_languages(const std::string& languages, const std::string& title, const std::string& extra = "") {
    return R"({"id":"t",)" + languages + R"("title":)" + title + extra +
           R"(,"pages":[{"id":"p","title":"P","questions":[{"id":"q","type":"text","label":"Q"}],"next":"check-answers"}],)"
           R"("routing":{"default":{"team":"x"}}})";
}

}  // namespace

TEST_CASE("every text may be a string or an object of language codes to strings") {
    const auto r = load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"en":"Lost","pl":"Zgubione"})"));
    REQUIRE(r.loaded);
    CHECK(r.loaded->title == "Lost");
    CHECK(r.loaded->translations.at("/title").at("pl") == "Zgubione");
    // Without "languages" the form is in English only, and a map may still say so.
    const auto en = load_form_json(in_languages("", R"({"en":"Lost"})"));
    REQUIRE(en.loaded);
    CHECK(en.loaded->languages == std::vector<std::string>{"en"});
    CHECK(en.loaded->title == "Lost");
    // Neither a string nor an object.
    CHECK(has_error_at(load_form_json(in_languages("", "42")), "/title"));
    CHECK(has_error_at(load_form_json(in_languages("", R"(["Lost"])")), "/title"));
}

TEST_CASE("a map must give the default language and only the form's languages") {
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"pl":"Zgubione"})")), "/title"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"en":"Lost","de":"Verloren"})")),
                       "/title/de"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"en":"Lost","pl":7})")), "/title/pl"));
    // The first language is the default, whichever it is.
    const auto cy = load_form_json(in_languages(R"("languages":["cy","en"],)", R"({"cy":"Ar goll","en":"Lost"})"));
    REQUIRE(cy.loaded);
    CHECK(cy.loaded->title == "Ar goll");
    CHECK(cy.loaded->language == "cy");
}

TEST_CASE("a malformed list of languages or translation status is an error") {
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":"en",)", R"("Lost")")), "/languages"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":[],)", R"("Lost")")), "/languages"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","Polish"],)", R"("Lost")")), "/languages/1"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","en"],)", R"("Lost")")), "/languages/1"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","pl"],)", R"("Lost")", R"(,"translation_status":{"de":"draft"})")),
                       "/translation_status/de"));
    CHECK(has_error_at(load_form_json(in_languages(R"("languages":["en","pl"],)", R"("Lost")", R"(,"translation_status":["pl"])")),
                       "/translation_status"));
    CHECK(load_form_json(in_languages(R"("languages":["en","pt-br"],)", R"("Lost")", R"(,"translation_status":{"pt-br":"draft"})")).loaded);
}

TEST_CASE("the version names the whole definition, every language of it") {
    const auto a = load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"en":"Lost","pl":"Zgubione"})"));
    const auto b = load_form_json(in_languages(R"("languages":["en","pl"],)", R"({"en":"Lost","pl":"Zgubiona rzecz"})"));
    REQUIRE(a.loaded);
    REQUIRE(b.loaded);
    CHECK(a.loaded->version != b.loaded->version);
}

namespace {

std::string with_repeat(const std::string& repeat, const std::string& questions = R"([{"id":"name","type":"text","label":"Name"}])",
                        const std::string& after = "") {
    return R"({"id":"t","title":"T","pages":[{"id":"p","title":"P","repeat":)" + repeat + R"(,"questions":)" + questions +
           R"(,"next":"q"},{"id":"q","title":"Q","questions":[{"id":"other","type":"text","label":"O")" + after +
           R"(}],"next":"check-answers"}],"routing":{"default":{"team":"x"}}})";
}

const char* people = R"({"id":"people","item":"person","summary_title":"People","add_another":"Another?")";

}  // namespace

TEST_CASE("a repeat page loads with its limits and defaults") {
    const auto r = load_form_json(with_repeat(std::string(people) + R"(,"min":1,"entry_label":"name"})"));
    REQUIRE(r.loaded);
    const auto& spec = *r.loaded->pages[0].repeat;
    CHECK(spec.id == "people");
    CHECK(spec.min == 1);
    CHECK(spec.max == 20);
    CHECK(!spec.entry_label.empty());
    CHECK(r.loaded->group_index("people") == 0u);
}

TEST_CASE("repeat mistakes are errors at their JSON pointer") {
    auto r = load_form_json(with_repeat(std::string(people) + R"(,"min":5,"max":2})"));
    CHECK(has_error_at(r, "/pages/0/repeat/min"));
    r = load_form_json(with_repeat(std::string(people) + R"(,"max":51})"));
    REQUIRE(has_error_at(r, "/pages/0/repeat/max"));
    CHECK(r.errors[0].message == "must be a whole number from 1 to 50");
    r = load_form_json(with_repeat(std::string(people) + "}", R"([{"id":"c","type":"content","label":"Just words"}])"));
    CHECK(has_error_at(r, "/pages/0/repeat"));
    r = load_form_json(with_repeat(std::string(people) + R"(,"entry_label":"nobody"})"));
    CHECK(has_error_at(r, "/pages/0/repeat/entry_label"));
    r = load_form_json(with_repeat(R"({"id":"people"})"));
    CHECK(has_error_at(r, "/pages/0/repeat/item"));
    // An id used by a question too.
    r = load_form_json(with_repeat(R"({"id":"other","item":"person","summary_title":"People","add_another":"Another?"})"));
    CHECK(has_error_at(r, "/pages/0/repeat/id"));
    // An exit page cannot repeat.
    r = load_form_json(R"({"id":"t","title":"T","pages":[{"id":"e","type":"exit","title":"E","repeat":)" + std::string(people) +
                       R"(}}],"routing":{"default":{"team":"x"}}})");
    CHECK(has_error_at(r, "/pages/0/repeat"));
}

TEST_CASE("a repeat's question ids are usable only on its page, outside, through count, any, all and sum") {
    auto r = load_form_json(with_repeat(std::string(people) + "}", R"([{"id":"name","type":"text","label":"Name"}])",
                                        R"(,"show_if":"name = 'Sam'")"));
    REQUIRE(has_error_at(r, "/pages/1/questions/0/show_if"));
    CHECK(r.errors[0].message.find("'name' is asked once for each entry of the repeat 'people'") == 0);
    r = load_form_json(with_repeat(std::string(people) + "}", R"([{"id":"name","type":"text","label":"Name"}])",
                                   R"(,"show_if":"any(people, name = 'Sam') and count(people) > 1")"));
    CHECK(r.loaded);
    // Inside its page, a question reads the entry's answers directly.
    r = load_form_json(with_repeat(std::string(people) + "}",
                                   R"([{"id":"name","type":"text","label":"Name"},{"id":"age","type":"number","label":"Age","show_if":"name != 'x'"}])"));
    CHECK(r.loaded);
}

TEST_CASE("a file question's accepted types and size limit") {
    const std::string page = R"(,"next":"check-answers")";
    auto loaded = load_form_json(minimal(page, R"(,"type":"file","accept":[".jpg",".png"],"max_megabytes":2)"));
    REQUIRE(loaded.loaded);
    const question& q = loaded.loaded->pages[0].questions[0];
    CHECK(q.accept == ".jpg,.png");
    CHECK(q.max_bytes == 2 * megabyte);
    auto plain = load_form_json(minimal(page, R"(,"type":"file")"));
    REQUIRE(plain.loaded);
    CHECK(plain.loaded->pages[0].questions[0].accept.empty());
    CHECK(plain.loaded->pages[0].questions[0].max_bytes == default_file_megabytes * megabyte);
    for (const char* bad : {R"(,"type":"file","accept":["jpg"])", R"(,"type":"file","accept":[".JPG"])",
                            R"(,"type":"file","accept":[".jpg",".jpg"])", R"(,"type":"file","accept":[3])"}) {
        INFO(bad);
        CHECK(has_error_at(load_form_json(minimal(page, bad)), "/pages/0/questions/0/accept/0") !=
              has_error_at(load_form_json(minimal(page, bad)), "/pages/0/questions/0/accept/1"));
    }
    CHECK(has_error_at(load_form_json(minimal(page, R"(,"type":"file","accept":[])")), "/pages/0/questions/0/accept"));
    CHECK(has_error_at(load_form_json(minimal(page, R"(,"type":"file","max_megabytes":9)")), "/pages/0/questions/0/max_megabytes"));
    CHECK(has_error_at(load_form_json(minimal(page, R"(,"type":"file","max_megabytes":0)")), "/pages/0/questions/0/max_megabytes"));
    CHECK(has_error_at(load_form_json(minimal(page, R"(,"accept":[".jpg"])")), "/pages/0/questions/0/accept"));
    CHECK(has_error_at(load_form_json(minimal(page, R"(,"max_megabytes":2)")), "/pages/0/questions/0/max_megabytes"));
}

TEST_CASE("a definition larger than 4 MiB is refused before it is parsed, one of exactly 4 MiB loads") {
    std::string source = minimal(R"(,"next":"check-answers")");
    source.append(largest_form_source - source.size(), ' ');  // layout only: the same form
    REQUIRE(source.size() == 4 * 1024 * 1024);
    const auto at_limit = load_form_json(source);
    CHECK(at_limit.loaded.has_value());
    CHECK(at_limit.errors.empty());
    source += ' ';
    const auto over = load_form_json(source);
    CHECK(!over.loaded.has_value());
    REQUIRE(over.errors.size() == 1);
    CHECK(over.errors.front().message == "the form definition is larger than 4 MiB");
}

TEST_CASE("JSON nested more than 64 deep is refused before it is parsed, brackets in strings do not count") {
    // The form's own object is one level; `x` adds `levels` arrays under it.
    const auto nested = [](std::size_t levels) {
        std::string deep = std::string(levels, '[') + std::string(levels, ']');
        std::string source = minimal(R"(,"next":"check-answers")");
        source.insert(1, R"("x":)" + deep + ",");
        return source;
    };
    const auto too_deep = load_form_json(nested(64));  // 65 deep
    CHECK(!too_deep.loaded.has_value());
    REQUIRE(too_deep.errors.size() == 1);
    CHECK(too_deep.errors.front().message == "the form definition is nested more than 64 deep");
    // 64 deep is parsed: the only complaint is the unknown key.
    const auto at_limit = load_form_json(nested(63));
    CHECK(!at_limit.errors.empty());
    for (const auto& e : at_limit.errors) CHECK(e.message != "the form definition is nested more than 64 deep");
    CHECK(std::any_of(at_limit.errors.begin(), at_limit.errors.end(),
                      [](const error& e) { return e.message.find("not a known setting") != std::string::npos; }));
    // Brackets inside a string are text, however many.
    const auto in_text = load_form_json(minimal(R"(,"next":"check-answers")", R"(,"hint":")" + std::string(100, '[') + R"(")"));
    CHECK(in_text.loaded.has_value());
}
