#include "engine/validate.hpp"

#include <doctest/doctest.h>

using namespace frontdesk;

TEST_CASE("postcodes in every outward shape are accepted, others refused") {
    for (const char* good : {"SW1A 2JR", "sw1a2jr", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB"}) {
        CHECK_MESSAGE(is_uk_postcode(good), good);
    }
    for (const char* bad : {"", "SW1A", "12345", "SW1A 2J", "SW1A 22R", "1W1A 2JR", "SW1A2JRX", "SW!A 2JR"}) {
        CHECK_MESSAGE(!is_uk_postcode(bad), bad);
    }
}

TEST_CASE("email addresses need one @, a dotted domain and no spaces") {
    CHECK(is_email_address("sam@example.com"));
    CHECK(is_email_address("sam.smith+police@mail.example.co.uk"));
    for (const char* bad : {"", "sam", "@example.com", "sam@", "sam@example", "sam@@example.com", "sam smith@example.com",
                            "sam@example.com.", "sam@example..com", "sam@.com"}) {
        CHECK_MESSAGE(!is_email_address(bad), bad);
    }
}

TEST_CASE("answers are trimmed and lengths count characters, not bytes") {
    CHECK(normalise_answer("  Raleigh \n") == "Raleigh");
    CHECK(normalise_answer(" \t ") == "");
    CHECK(count_characters("Łódź") == 4);
}

TEST_CASE("check_answer gives the author's message for the first broken rule") {
    question q;
    q.required = true;
    q.required_message = "Enter the make";
    q.max_length = 5;
    q.max_length_message = "Too long";
    q.format = answer_format::uk_postcode;
    q.format_message = "Enter a real postcode";
    CHECK(check_answer(q, "") == "Enter the make");
    CHECK(check_answer(q, "SW1A 2JR") == "Too long");
    CHECK(check_answer(q, "ABCDE") == "Enter a real postcode");
    CHECK(!check_answer(q, "M11AE").has_value());

    question optional;
    CHECK(!check_answer(optional, "").has_value());
}

TEST_CASE("a radios answer must be one of its options") {
    question q;
    q.type = question_type::radios;
    q.choices = {{"yes", "Yes"}, {"no", "No"}};
    q.required_message = "Select yes or no";
    CHECK(!check_answer(q, "yes").has_value());
    CHECK(check_answer(q, "maybe") == "Select yes or no");
}
