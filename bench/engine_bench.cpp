// The engine benchmark (issues 3 and 9): a generated form of `--pages N` pages
// of 10 questions and 10 conditions (bench/generated_form.hpp; 100 pages by
// default: 1,000 questions), or a real form with a set of answers that walks
// it (`--form FILE --answers FILE`, natively only). Load and compile, image
// decode, one answer and advance, full validation, draft save and restore.
// Built natively (build/native-release/bench/engine_bench) and for Node
// (build/wasm-release/bench/engine_bench.cjs). Prints medians as a table, or
// one JSON object with `--json` (bench/peers.mjs). `--emit PREFIX` (natively)
// also writes PREFIX.json, PREFIX.image and PREFIX.answers.json: the same
// form and answers for the wasm module and for SurveyJS. Never part of the
// tests, which make no timed assertions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/generated_form.hpp"
#include "engine/draft.hpp"
#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/report.hpp"
#ifndef __EMSCRIPTEN__
#include <nlohmann/json.hpp>
#endif

namespace {

using clock_type = std::chrono::steady_clock;

double micros_since(clock_type::time_point start) {
    return std::chrono::duration<double, std::micro>(clock_type::now() - start).count();
}

struct stats {
    double median = 0;
    double p95 = 0;
};

stats summarise(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 95 / 100]};
}

template <typename F>
stats measure(int runs, F&& f) {
    std::vector<double> samples;
    for (int i = 0; i < runs; ++i) {
        const auto start = clock_type::now();
        f();
        samples.push_back(micros_since(start));
    }
    return summarise(samples);
}

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "engine_bench: %s\n", message.c_str());
    std::exit(1);
}

#ifndef __EMSCRIPTEN__
std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out) die("cannot write " + path);
}
#endif

// Fewer runs for the bigger forms, so that a 5,000-question run stays within seconds.
int runs_for(std::size_t questions, int base) { return std::max(3, static_cast<int>(base * 1000 / std::max<std::size_t>(questions, 1000))); }

// The key of an answer on the page shown: a repeat entry's answers are
// "GROUP.N.QUESTION" (as `frontdesk paths` writes them), the others the question's id.
std::string answer_key(const frontdesk::session& s, const std::string& question_id) {
    const auto* here = s.current_page();
    if (!here || !here->repeat || s.entry() == 0) return question_id;
    return here->repeat->id + "." + std::to_string(s.entry()) + "." + question_id;
}

// On a repeat's summary: whether the answers have another entry (so: add another?).
bool has_entry(const std::map<std::string, std::string>& answers, const std::string& group, std::uint32_t entry) {
    const std::string prefix = group + "." + std::to_string(entry) + ".";
    const auto it = answers.lower_bound(prefix);
    return it != answers.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

// Walks one step as a person would: on a page of questions, the page's other
// answers, then (timed, when `timed`) its first answer and Next; on a repeat's
// summary, (timed) "add another?" and Next. Returns the step's microseconds.
double step_once(frontdesk::session& s, const std::map<std::string, std::string>& answers) {
    using frontdesk::session_state;
    const auto& here = *s.current_page();
    if (s.state() == session_state::summary) {
        const auto& r = *here.repeat;
        const auto start = clock_type::now();
        // At the repeat's max the question is not asked: continue goes on.
        if (s.entries(r.group) < r.max) (void)s.set_answer(r.id, has_entry(answers, r.id, s.entries(r.group) + 1) ? "yes" : "no");
        s.next();
        return micros_since(start);
    }
    std::vector<std::string> ids;
    for (const auto& q : here.questions)
        if (answers.count(answer_key(s, q.id))) ids.push_back(q.id);
    for (std::size_t k = 1; k < ids.size(); ++k) (void)s.set_answer(ids[k], answers.at(answer_key(s, ids[k])));
    const auto start = clock_type::now();
    if (!ids.empty()) (void)s.set_answer(ids[0], answers.at(answer_key(s, ids[0])));
    s.next();
    return micros_since(start);
}

bool walking(const frontdesk::session& s) {
    return s.state() == frontdesk::session_state::question || s.state() == frontdesk::session_state::summary;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace frontdesk;
    int pages = 100;
    bool as_json = false;
    std::string form_path, answers_path, emit;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--pages" && has_value) pages = std::atoi(argv[++i]);
        else if (arg == "--json") as_json = true;
        else if (arg == "--form" && has_value) form_path = argv[++i];
        else if (arg == "--answers" && has_value) answers_path = argv[++i];
        else if (arg == "--emit" && has_value) emit = argv[++i];
        else die("usage: engine_bench [--pages N | --form FORM.json --answers ANSWERS.json] [--emit PREFIX] [--json]");
    }
    if (pages < 1 || pages > 1000) die("--pages is from 1 to 1000");
    const std::int64_t today = 20785;  // 2026-11-28

    std::string source;
    std::map<std::string, std::string> answers;
    data_reader read_data;
    if (form_path.empty()) {
        source = bench::generated_form_json(pages);
        answers = bench::generated_answers(pages);
    } else {
#ifdef __EMSCRIPTEN__
        die("--form is for the native build");
#else
        source = read_file(form_path);
        const auto slash = form_path.find_last_of('/');
        const std::string folder = slash == std::string::npos ? "" : form_path.substr(0, slash + 1);
        read_data = [folder](const std::string& relative) -> std::optional<std::string> {
            std::ifstream in(folder + relative, std::ios::binary);
            if (!in) return std::nullopt;
            std::ostringstream text;
            text << in.rdbuf();
            return text.str();
        };
        const auto parsed = nlohmann::json::parse(read_file(answers_path), nullptr, false);
        if (!parsed.is_object()) die(answers_path + " is not a JSON object of answers");
        for (auto it = parsed.begin(); it != parsed.end(); ++it) {
            if (!it.value().is_string()) die(answers_path + ": the answer to " + it.key() + " is not a text");
            answers[it.key()] = it.value().get<std::string>();
        }
#endif
    }

    std::optional<form> loaded;
    auto load = [&] {
        auto r = load_form_json(source, read_data);
        if (!r.loaded) die("the form does not load: " + r.errors[0].where + ": " + r.errors[0].message);
        loaded = std::move(r.loaded);
    };
    load();
    const std::size_t questions = loaded->slots.size();
    const stats compile = measure(runs_for(questions, 7), load);
    const form& f = *loaded;
    std::size_t conditions = f.team_rules.size();
    for (const auto& p : f.pages) {
        conditions += p.routes.size();
        for (const auto& q : p.questions) conditions += q.show_if.empty() ? 0 : 1;
    }
    const std::string image = encode_form_image(f);
    std::optional<form> decoded_form;
    const stats decode = measure(runs_for(questions, 21), [&] { decoded_form = std::move(decode_form_image(image).value()); });

    // One answer and advance: on each page the other answers are already
    // given; time giving the page's first answer and going on. A repeat page
    // is one step per entry and one per summary ("add another?" + continue).
    std::vector<double> step_samples;
    const int rounds = runs_for(questions, 10);
    std::size_t steps_walked = 0;
    for (int round = 0; round < rounds; ++round) {
        session s(f, today);
        steps_walked = 0;
        while (walking(s)) {
            const std::string here = s.current_page()->id;
            step_samples.push_back(step_once(s, answers));
            ++steps_walked;
            if (!s.errors().empty()) die("unexpected error on " + here + ": " + s.errors()[0].message);
        }
        if (s.state() != session_state::check) die("the walk does not reach check your answers");
    }
    const stats step = summarise(step_samples);

    // Full validation: replaying every answer through every page, as the server does.
    replay_outcome outcome;
    const stats validation = measure(runs_for(questions, 21), [&] { outcome = replay(f, answers, today); });
    if (outcome.result != replay_result::submitted) die("the answers do not complete the form");

    session at_check(f, today);
    while (walking(at_check)) (void)step_once(at_check, answers);
    if (at_check.state() != session_state::check) die("the walk does not reach check your answers");
    std::string draft;
    const stats save = measure(51, [&] { draft = save_draft(at_check); });
    const stats restore = measure(runs_for(questions, 21), [&] {
        session s(f, today);
        if (!restore_draft(s, draft) || s.state() != session_state::check) die("the draft does not restore");
    });

#ifndef __EMSCRIPTEN__
    if (!emit.empty()) {
        write_file(emit + ".json", source);
        write_file(emit + ".image", image);
        nlohmann::json a = answers;
        write_file(emit + ".answers.json", a.dump());
    }
#endif

    if (as_json) {
        std::printf(
            "{\"pages\":%zu,\"questions\":%zu,\"conditions\":%zu,\"calculations\":%zu,\"json_bytes\":%zu,\"image_bytes\":%zu,"
            "\"draft_bytes\":%zu,\"visited\":%zu,\"steps\":%zu,\"median_us\":{\"load\":%.2f,\"decode\":%.2f,\"step\":%.3f,\"validate\":%.2f,"
            "\"save\":%.2f,\"restore\":%.2f}}\n",
            f.pages.size(), questions, conditions, f.calculations.size(), source.size(), image.size(), draft.size(),
            outcome.pages.size(), steps_walked, compile.median, decode.median, step.median, validation.median, save.median, restore.median);
        return 0;
    }
    auto row = [](const char* what, stats s) { std::printf("| %-44s | %12.1f | %12.1f |\n", what, s.median, s.p95); };
    std::printf("form: %zu pages, %zu questions, %zu conditions, %zu calculations; JSON %zu bytes, image %zu bytes, draft %zu bytes\n\n",
                f.pages.size(), questions, conditions, f.calculations.size(), source.size(), image.size(), draft.size());
    std::printf("| %-44s | %12s | %12s |\n", "operation", "median µs", "p95 µs");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(14, '-').c_str(), std::string(14, '-').c_str());
    row("load and compile the JSON (parse, check)", compile);
    row("decode the form image (the browser's load)", decode);
    row("one answer and advance (set_answer + next)", step);
    row("full validation (replay every visited page)", validation);
    row("draft save (at check your answers)", save);
    row("draft restore (walks and re-validates all)", restore);
    return 0;
}
