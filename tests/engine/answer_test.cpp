#include "engine/answer.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

namespace {
question of(question_type t) {
    question q;
    q.type = t;
    q.label = "Thing";
    return q;
}
std::string canonical(const question& q, const char* raw) {
    const auto a = parse_answer(q, raw);
    return a.problem == answer_problem::none ? a.canonical : "!";
}
}  // namespace

TEST_CASE("every canonical answer parses back to itself") {
    struct sample {
        question_type type;
        const char* raw;
        const char* canonical;
    };
    const sample samples[] = {
        {question_type::money, "£1,250.5", "1250.50"},      {question_type::money, "0.99", "0.99"},
        {question_type::money, "12", "12.00"},             {question_type::number, "1,000", "1000"},
        {question_type::decimal, "2.50", "2.5"},           {question_type::date, "3/11/2026", "2026-11-03"},
        {question_type::date, "03/Nov/2026", "2026-11-03"}, {question_type::date, "3/november/2026", "2026-11-03"},
        {question_type::time, "2:30pm", "14:30"},           {question_type::time, "12am", "00:00"},
        {question_type::time, "09.05", "09:05"},            {question_type::phone, "+44 (0)7700-900982", "07700900982"},
        {question_type::phone, "020 7946 0000", "02079460000"},
        {question_type::postcode, "sw1a2jr", "SW1A 2JR"},   {question_type::registration, "ab12 cde", "AB12CDE"},
        {question_type::email, "sam@example.com", "sam@example.com"},
        {question_type::yes_no, "yes", "yes"},              {question_type::text, "  hi  ", "hi"},
    };
    for (const auto& s : samples) {
        const question q = of(s.type);
        INFO(std::string(s.raw));
        CHECK(canonical(q, s.raw) == s.canonical);
        CHECK(canonical(q, s.canonical) == s.canonical);
    }
}

TEST_CASE("wrong answers have a problem, never a value") {
    CHECK(canonical(of(question_type::money), "12.345") == "!");
    CHECK(canonical(of(question_type::number), "2.5") == "!");
    CHECK(canonical(of(question_type::date), "31/2/2026") == "!");
    CHECK(canonical(of(question_type::date), "1/1/26") == "!");
    CHECK(parse_answer(of(question_type::date), "/1/2026").problem == answer_problem::incomplete);
    CHECK(canonical(of(question_type::time), "24:00") == "!");
    CHECK(canonical(of(question_type::time), "13pm") == "!");
    CHECK(canonical(of(question_type::phone), "0770") == "!");
    CHECK(canonical(of(question_type::phone), "+1 202 555 0100") == "!");
    CHECK(canonical(of(question_type::registration), "ABCDEFGH") == "!");
    CHECK(canonical(of(question_type::yes_no), "maybe") == "!");
    CHECK(parse_answer(of(question_type::text), "   ").problem == answer_problem::missing);
}

TEST_CASE("an approximate date may leave out the day") {
    question q = of(question_type::date);
    q.approximate = true;
    CHECK(canonical(q, "/11/2026") == "2026-11");
    CHECK(canonical(q, "2026-11") == "2026-11");
    CHECK(display_answer(q, parse_answer(q, "2026-11")) == "November 2026");
}

TEST_CASE("checkboxes and addresses are parts joined by line breaks") {
    question q = of(question_type::checkboxes);
    q.choices = {{"a", "Apple"}, {"b", "Banana"}, {"c", "Cherry"}};
    const auto a = parse_answer(q, "c\na\nc");
    REQUIRE(a.problem == answer_problem::none);
    CHECK(a.canonical == "a\nc");
    CHECK(a.typed == value::list({value::text("a"), value::text("c")}));
    CHECK(display_answer(q, a) == "Apple, Cherry");
    CHECK(parse_answer(q, "a\nz").problem == answer_problem::not_option);

    question address = of(question_type::address);
    const auto home = parse_answer(address, "1 High St\n\nLondon\nsw1a2jr");
    REQUIRE(home.problem == answer_problem::none);
    CHECK(home.canonical == "1 High St\n\nLondon\nSW1A 2JR");
    CHECK(display_answer(address, home) == "1 High St, London, SW1A 2JR");
    CHECK(parse_answer(address, "1 High St\n\n\n").problem == answer_problem::incomplete);
}

TEST_CASE("answers have the types expressions see") {
    CHECK(answer_type(of(question_type::money)) == value_type::number);
    CHECK(answer_type(of(question_type::checkboxes)) == value_type::text_list);
    CHECK(answer_type(of(question_type::yes_no)) == value_type::boolean);
    CHECK(answer_type(of(question_type::date)) == value_type::date);
    CHECK(answer_type(of(question_type::select)) == value_type::text);
    CHECK(parse_answer(of(question_type::money), "12.50").typed == value::number(125000));
    CHECK(display_answer(of(question_type::money), parse_answer(of(question_type::money), "12.5")) == "\xc2\xa3" "12.50");
    CHECK(display_answer(of(question_type::money), parse_answer(of(question_type::money), "1234567")) == "\xc2\xa3" "1,234,567.00");
    CHECK(display_answer(of(question_type::money), parse_answer(of(question_type::money), "-1000.5")) == "-\xc2\xa3" "1,000.50");
    CHECK(long_date(*parse_iso_date("2026-11-03")) == "3 November 2026");
}

TEST_CASE("a file answer is its hash, size and name, and check your answers shows the name") {
    const question q = of(question_type::file);
    const std::string hash(64, 'a');
    const auto a = parse_answer(q, hash + "\n2048\nbike photo.JPG ");
    REQUIRE(a.problem == answer_problem::none);
    CHECK(a.canonical == hash + "\n2048\nbike photo.JPG");
    CHECK(canonical(q, a.canonical.c_str()) == a.canonical);
    CHECK(display_answer(q, a) == "bike photo.JPG");
    const auto f = parse_file_reference(a.canonical);
    REQUIRE(f);
    CHECK(f->size == 2048);
    CHECK(file_reference_text(*f) == a.canonical);
    // Not a file answer: a name alone, a hash in capitals, a short hash, a size with a leading
    // zero or letters, no name, a name with a control character or too long.
    for (const std::string& bad : {std::string("bike.jpg"), std::string(64, 'A') + "\n1\nx.jpg", hash.substr(1) + "\n1\nx.jpg", hash + "\n01\nx.jpg",
                                  hash + "\n1k\nx.jpg", hash + "\n1\n", hash + "\n1\nx\ty.jpg", hash + "\n1\nx.jpg\nmore",
                                  hash + "\n1\n" + std::string(256, 'x'), hash + "\n1234567890123456\nx.jpg"}) {
        INFO(bad);
        CHECK(parse_answer(q, bad).problem == answer_problem::format);
    }
    CHECK(parse_answer(q, hash + "\n1\n" + std::string(255, 'x')).problem == answer_problem::none);
}
