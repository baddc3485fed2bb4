#include "engine/catalog.hpp"

#include <iterator>

namespace frontdesk {
namespace {

// In the order of engine_text. Polish names do not change with the sentence
// here: "Name: what to do" keeps the author's name in the nominative,
// whatever the rule.
constexpr const char* polish[] = {
    "Wpisz: {n}",
    "Wybierz: {n}",
    "{N}: wpisz liczbę całkowitą, np. 3",
    "{N}: wpisz liczbę, np. 2.5",
    "{N}: wpisz kwotę, np. 12.50",
    "{N}: podaj dzień, miesiąc i rok",
    "{N}: podaj miesiąc i rok",
    "{N}: podaj istniejącą datę",
    "{N}: podaj poprawną godzinę, np. 14:30",
    "{N}: podaj pierwszy wiersz adresu, miejscowość i kod pocztowy",
    "Wpisz pełny brytyjski kod pocztowy, np. SW1A 2JR",
    "Wpisz adres e-mail w poprawnym formacie, np. imie@example.com",
    "Wpisz numer telefonu, np. 01632 960 001 lub 07700 900 982",
    "Wpisz numer rejestracyjny pojazdu w poprawnym formacie, np. AB12 CDE",
    "{N}: niepoprawny format",
    "{N}: podaj datę nie wcześniejszą niż {L}",
    "{N}: co najmniej {L}",
    "{N}: podaj datę nie późniejszą niż {L}",
    "{N}: najwyżej {L}",
    "{N}: podaj dzisiejszą lub wcześniejszą datę",
    "{N}: podaj dzisiejszą lub późniejszą datę",
    "Wybrany plik jest pusty",
    "Tak",
    "Nie",
    // After a day the month is in the genitive ("3 listopada 2026") …
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
    // … and alone in the nominative ("listopad 2026").
    "styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec",
    "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień",
};
static_assert(std::size(polish) == engine_text_count);

}  // namespace

file_words file_words_in(std::string_view language) {
    if (language == "pl") return {"Wybrany plik musi być mniejszy niż {L}", "Wybrany plik musi mieć format {L}", "lub"};
    return {"The selected file must be smaller than {L}", "The selected file must be a {L}", "or"};
}

bool engine_speaks(std::string_view language) { return language == "en" || language == "pl"; }

engine_words engine_words_in(std::string_view language) {
    if (language == "pl") return engine_words(std::begin(polish), std::end(polish));
    return {};
}

}  // namespace frontdesk
