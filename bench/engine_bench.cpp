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
    // given; time giving the page's first answer and going on.
    std::vector<double> step_samples;
    const int rounds = runs_for(questions, 10);
    for (int round = 0; round < rounds; ++round) {
        session s(f, today);
        while (s.state() == session_state::question) {
            const page& here = *s.current_page();
            std::vector<std::string> ids;
            for (const auto& q : here.questions)
                if (answers.count(q.id)) ids.push_back(q.id);
            for (std::size_t k = 1; k < ids.size(); ++k) (void)s.set_answer(ids[k], answers.at(ids[k]));
            const auto start = clock_type::now();
            if (!ids.empty()) (void)s.set_answer(ids[0], answers.at(ids[0]));
            s.next();
            step_samples.push_back(micros_since(start));
            if (!s.errors().empty()) die("unexpected error on " + here.id + ": " + s.errors()[0].message);
        }
    }
    const stats step = summarise(step_samples);

    // Full validation: replaying every answer through every page, as the server does.
    replay_outcome outcome;
    const stats validation = measure(runs_for(questions, 21), [&] { outcome = replay(f, answers, today); });
    if (outcome.result != replay_result::submitted) die("the answers do not complete the form");

    session at_check(f, today);
    while (at_check.state() == session_state::question) {
        for (const auto& q : at_check.current_page()->questions)
            if (answers.count(q.id)) (void)at_check.set_answer(q.id, answers.at(q.id));
        at_check.next();
    }
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
            "\"draft_bytes\":%zu,\"visited\":%zu,\"median_us\":{\"load\":%.2f,\"decode\":%.2f,\"step\":%.3f,\"validate\":%.2f,"
            "\"save\":%.2f,\"restore\":%.2f}}\n",
            f.pages.size(), questions, conditions, f.calculations.size(), source.size(), image.size(), draft.size(),
            outcome.pages.size(), compile.median, decode.median, step.median, validation.median, save.median, restore.median);
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
