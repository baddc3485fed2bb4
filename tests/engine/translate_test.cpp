#include "engine/translate.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "engine/draft.hpp"
#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/lint.hpp"
#include "engine/session.hpp"
#include "engine/validate.hpp"
#include "tests/support/forms.hpp"

using namespace frontdesk;

TEST_CASE("a form in two languages loads with the default language's texts in place") {
    const form f = testing::lost_property_form();
    CHECK(f.languages == std::vector<std::string>{"en", "pl"});
    CHECK(f.language == "en");
    CHECK(f.translation_status.at("pl") == "awaiting professional review");
    CHECK(f.title == "Report lost property");
    CHECK(f.pages[0].body[0] == "We will contact you if someone hands it in.");
    CHECK(f.pages[0].questions[0].choices[1].label == "A wallet or purse");
    CHECK(f.translations.at("/title").at("pl") == "Zgłoś zgubioną rzecz");
    CHECK(f.translations.at("/pages/0/questions/0/options/1/label").at("pl") == "Portfel");
}

TEST_CASE("localize_form puts every text of one language in place") {
    const form f = testing::lost_property_form();
    const auto pl = localize_form(f, "pl");
    REQUIRE(pl);
    CHECK(pl->language == "pl");
    CHECK(pl->version == f.version);
    CHECK(pl->translations.empty());
    CHECK(pl->title == "Zgłoś zgubioną rzecz");
    CHECK(pl->description == "Formularz w dwóch językach, do testów tłumaczeń.");
    const page& what = pl->pages[0];
    CHECK(what.title == "Co zostało zgubione?");
    CHECK(what.body[0] == "Skontaktujemy się z Tobą, jeśli ktoś ją odda.");
    CHECK(what.questions[0].label == "Co zostało zgubione?");
    CHECK(what.questions[0].choices[0].label == "Telefon");
    CHECK(what.questions[0].choices[0].value == "phone");  // values are never translated
    CHECK(what.questions[0].required_message == "Wybierz, co zostało zgubione");
    CHECK(what.questions[1].hint == "Na przykład 27 3 2026");
    CHECK(what.questions[1].name == "data zgubienia");
    // The engine's own past check, in Polish, naming the question in Polish.
    CHECK(what.questions[1].checks[0].message == "Data zgubienia: podaj dzisiejszą lub wcześniejszą datę");
    CHECK(pl->pages[1].questions[1].max_length_message == "Marka i model: najwyżej 40 znaków");
    CHECK(pl->pages[2].questions[0].checks[0].message == "Podaj wartość większą niż 0 £");
    // The default language gives back the default texts.
    const auto en = localize_form(f, "en");
    REQUIRE(en);
    CHECK(en->title == f.title);
    CHECK(en->pages[0].questions[1].checks[0].message == "The date you lost it must be today or in the past");
}

TEST_CASE("a language the form does not have is an error, not the default") {
    const auto de = localize_form(testing::lost_property_form(), "de");
    REQUIRE(!de);
    CHECK(de.err().message.find("'de'") != std::string::npos);
    CHECK(has_language(testing::lost_property_form(), "pl"));
    CHECK(!has_language(testing::lost_property_form(), ""));
}

TEST_CASE("a text without a translation keeps the default language's") {
    const form f = testing::load_form(R"json({
      "id": "t", "languages": ["en", "cy"], "title": {"en": "Title", "cy": "Teitl"},
      "pages": [{"id": "p", "title": "Page", "questions": [{"id": "q", "type": "text", "label": {"en": "Label"}}],
                 "next": "check-answers"}],
      "routing": {"default": {"team": "x"}}})json");
    const auto cy = localize_form(f, "cy");
    REQUIRE(cy);
    CHECK(cy->title == "Teitl");
    CHECK(cy->pages[0].title == "Page");
    CHECK(cy->pages[0].questions[0].label == "Label");
}

TEST_CASE("the image of a localized form carries that language only") {
    const form f = testing::lost_property_form();
    const auto pl = localize_form(f, "pl");
    REQUIRE(pl);
    const std::string image = encode_form_image(*pl);
    CHECK(image.find("Zgłoś zgubioną rzecz") != std::string::npos);
    CHECK(image.find("Report lost property") == std::string::npos);
    CHECK(image.find("A wallet or purse") == std::string::npos);
    auto decoded = decode_form_image(image);
    REQUIRE(decoded);
    CHECK(decoded->language == "pl");
    CHECK(decoded->languages == f.languages);
    CHECK(decoded->translation_status.at("pl") == "awaiting professional review");
    // The engine's own Polish words travel with the Polish image only.
    CHECK(decoded->engine_texts == pl->engine_texts);
    CHECK(decoded->engine_texts.size() == engine_text_count);
    CHECK(decoded->version == f.version);
    CHECK(encode_form_image(*decoded) == image);
    // The English image has no note: its texts are the originals.
    auto english = decode_form_image(encode_form_image(f));
    REQUIRE(english);
    CHECK(english->language == "en");
    CHECK(english->translation_status.empty());
    CHECK(english->engine_texts.empty());
}

TEST_CASE("a session on the Polish image gives the engine's messages in Polish") {
    const auto pl = localize_form(testing::lost_property_form(), "pl");
    REQUIRE(pl);
    const question& worth = pl->pages[2].questions[0];
    CHECK(check_answer(worth, "lots", pl->engine_texts) == "Wartość: wpisz kwotę, np. 12.50");
    CHECK(check_answer(worth, "250000", pl->engine_texts) == "Wartość: najwyżej \xc2\xa3" "100000");
    const question& lost_on = pl->pages[0].questions[1];
    CHECK(check_answer(lost_on, "31/2/2026", pl->engine_texts) == "Data zgubienia: podaj istniejącą datę");
}

TEST_CASE("a draft saved in one language restores in another: answers do not depend on it") {
    const form f = testing::lost_property_form();
    session english(f, 20'000);
    REQUIRE(english.set_answer("item", "wallet"));
    REQUIRE(english.set_answer("lost_on", "3/9/2024"));  // day 20,000 is 4 October 2024
    english.next();
    REQUIRE(english.current_page() != nullptr);
    CHECK(english.current_page()->id == "value");
    const auto pl = localize_form(f, "pl");
    REQUIRE(pl);
    session polish(*pl, 20'000);
    const auto restored = restore_draft(polish, save_draft(english));
    REQUIRE(restored);
    CHECK(restored->same_version);
    REQUIRE(polish.current_page() != nullptr);
    CHECK(polish.current_page()->id == "value");
    CHECK(polish.current_page()->title == "Ile była warta?");
    CHECK(polish.answer("item") == "wallet");
}

TEST_CASE("a repeat's texts are translatable too") {
    const form f = testing::load_form(R"json({
      "id": "t", "languages": ["en", "pl"], "title": {"en": "Lost", "pl": "Zgubione"},
      "pages": [{"id": "items", "title": {"en": "Items", "pl": "Rzeczy"},
                 "repeat": {"id": "lost_items", "item": {"en": "item", "pl": "rzecz"},
                            "summary_title": {"en": "Items you lost", "pl": "Zgubione rzeczy"},
                            "add_another": "Did you lose anything else?"},
                 "questions": [{"id": "what", "type": "text", "label": {"en": "What?", "pl": "Co?"}}],
                 "next": "check-answers"}],
      "routing": {"default": {"team": "x"}}})json");
    const auto pl = localize_form(f, "pl");
    REQUIRE(pl);
    REQUIRE(pl->pages[0].repeat);
    CHECK(pl->pages[0].repeat->item == "rzecz");
    CHECK(pl->pages[0].repeat->summary_title == "Zgubione rzeczy");
    CHECK(pl->pages[0].repeat->add_another == "Did you lose anything else?");
    const auto found = lint_form(f);
    CHECK(std::any_of(found.begin(), found.end(), [](const lint_finding& x) {
        return x.where == "/pages/0/repeat/add_another" && x.message == "missing \"pl\" translation";
    }));
}

TEST_CASE("next_steps paragraphs are translatable, and lint misses a paragraph without its translation") {
    const form f = testing::load_form(R"json({
      "id": "t", "languages": ["en", "pl"], "title": {"en": "Lost", "pl": "Zgubione"},
      "next_steps": [{"en": "We will call you within 5 days.", "pl": "Zadzwonimy do Ciebie w ciągu 5 dni."},
                     "Keep your reference."],
      "pages": [{"id": "p", "title": {"en": "Page", "pl": "Strona"},
                 "questions": [{"id": "q", "type": "text", "label": {"en": "Label", "pl": "Etykieta"}}],
                 "next": "check-answers"}],
      "routing": {"default": {"team": "x"}}})json");
    // Loaded: the default language's text in place, the others kept.
    CHECK(f.next_steps == std::vector<std::string>{"We will call you within 5 days.", "Keep your reference."});
    CHECK(f.translations.at("/next_steps/0").at("pl") == "Zadzwonimy do Ciebie w ciągu 5 dni.");
    const auto pl = localize_form(f, "pl");
    REQUIRE(pl);
    CHECK(pl->next_steps == std::vector<std::string>{"Zadzwonimy do Ciebie w ciągu 5 dni.", "Keep your reference."});
    const auto en = localize_form(f, "en");
    REQUIRE(en);
    CHECK(en->next_steps == f.next_steps);
    const auto found = lint_form(f);
    CHECK(std::any_of(found.begin(), found.end(), [](const lint_finding& x) {
        return x.where == "/next_steps/1" && x.message == "missing \"pl\" translation";
    }));
    CHECK(std::none_of(found.begin(), found.end(), [](const lint_finding& x) { return x.where == "/next_steps/0"; }));
}

TEST_CASE("a next_steps map must give the default language, and only the form's languages") {
    const auto load = [](const std::string& steps) {
        return load_form_json(R"json({"id": "t", "languages": ["en", "pl"], "title": "T", "next_steps": )json" + steps +
                              R"json(, "pages": [{"id": "p", "title": "P",
                 "questions": [{"id": "q", "type": "text", "label": "L"}], "next": "check-answers"}],
                 "routing": {"default": {"team": "x"}}})json");
    };
    const auto no_default = load(R"json([{"pl": "Tylko po polsku"}])json");
    CHECK(!no_default.loaded);
    CHECK(std::any_of(no_default.errors.begin(), no_default.errors.end(),
                      [](const auto& e) { return e.where == "/next_steps/0"; }));
    const auto other_language = load(R"json([{"en": "Soon", "de": "Bald"}])json");
    CHECK(!other_language.loaded);
    CHECK(std::any_of(other_language.errors.begin(), other_language.errors.end(),
                      [](const auto& e) { return e.where == "/next_steps/0/de"; }));
    const auto not_text = load(R"json([5])json");
    CHECK(!not_text.loaded);
}
