#include "engine/validate.hpp"

#include <doctest/doctest.h>

#include "engine/answer.hpp"
#include "engine/translate.hpp"
#include "tests/support/forms.hpp"

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

TEST_CASE("a file must not be empty, must be smaller than the limit and of a type accepted") {
    const std::string source = R"json({"id": "f", "title": "F", "languages": ["en", "pl"], "pages": [
        {"id": "p", "title": "P", "questions": [
          {"id": "photo", "type": "file", "label": {"en": "A photo", "pl": "Zdjęcie"},
           "accept": [".jpg", ".png", ".pdf"], "max_megabytes": 2},
          {"id": "scan", "type": "file", "label": {"en": "A scan", "pl": "Skan"}, "accept": [".pdf"],
           "messages": {"max": {"en": "The scan must be smaller than 4MB", "pl": "Skan: najwyżej 4 MB"},
                        "format": {"en": "The scan must be a PDF", "pl": "Skan: tylko PDF"}}}]
         , "next": "check-answers"}],
      "routing": {"default": {"team": "t"}}})json";
    const form f = testing::load_form(source);
    const question& q = f.pages[0].questions[0];
    const std::string hash(64, '1');
    auto file = [&](std::uint64_t size, const std::string& name) { return file_reference_text({hash, size, name}); };
    CHECK(!check_answer(q, file(1, "Bike.JPG")).has_value());
    CHECK(!check_answer(q, file(2 * megabyte - 1, "receipt.pdf")).has_value());
    CHECK(check_answer(q, file(0, "bike.jpg")) == "The selected file is empty");
    CHECK(check_answer(q, file(2 * megabyte, "bike.jpg")) == "The selected file must be smaller than 2MB");
    CHECK(check_answer(q, file(10, "bike.gif")) == "The selected file must be a JPG, PNG or PDF");
    CHECK(check_answer(q, file(10, ".jpg")) == "The selected file must be a JPG, PNG or PDF");  // an ending, no name
    // Not a reference at all (a broken client): the type's message.
    CHECK(check_answer(q, "bike.jpg") == "The selected file must be a JPG, PNG or PDF");
    CHECK(check_answer(f.pages[0].questions[1], "a.pdf") == "The scan must be a PDF");
    // The author's words, where given: max for the size, format for the type.
    const question& scan = f.pages[0].questions[1];
    CHECK(check_answer(scan, file(4 * megabyte, "a.pdf")) == "The scan must be smaller than 4MB");
    CHECK(check_answer(scan, file(3, "a.png")) == "The scan must be a PDF");
    // In Polish: the engine's own words, and the author's.
    auto localized = localize_form(f, "pl");
    REQUIRE(localized);
    const form& pl = *localized;
    CHECK(check_answer(pl.pages[0].questions[0], file(10, "bike.gif"), pl.engine_texts) == "Wybrany plik musi mieć format JPG, PNG lub PDF");
    CHECK(check_answer(pl.pages[0].questions[0], file(3 * megabyte, "bike.jpg"), pl.engine_texts) == "Wybrany plik musi być mniejszy niż 2MB");
    CHECK(check_answer(pl.pages[0].questions[0], file(0, "bike.jpg"), pl.engine_texts) == "Wybrany plik jest pusty");
    CHECK(check_answer(pl.pages[0].questions[1], file(3, "a.png"), pl.engine_texts) == "Skan: tylko PDF");
    // Any type when the question accepts any.
    question any = q;
    any.accept.clear();
    CHECK(!check_answer(any, file(3, "bike.gif")).has_value());
}
