// The engine benchmark (issue 3): a generated form of 1,000 questions and
// 1,000 conditions (bench/generated_form.hpp). Load and compile, one answer
// and advance, full validation, draft save and restore. Built natively
// (build/native-release/bench/frontdesk-bench) and for Node
// (build/wasm-release/bench/frontdesk-bench.js). Prints medians; never part
// of the tests, which make no timed assertions.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/generated_form.hpp"
#include "engine/draft.hpp"
#include "engine/form_image.hpp"
#include "engine/form_json.hpp"
#include "engine/report.hpp"

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

void row(const char* what, stats s) { std::printf("| %-44s | %12.1f | %12.1f |\n", what, s.median, s.p95); }

}  // namespace

int main() {
    using namespace frontdesk;
    constexpr int pages = 100;
    const std::int64_t today = 20785;
    const std::string source = bench::generated_form_json(pages);
    const auto answers = bench::generated_answers(pages);

    std::optional<form> loaded;
    const stats compile = measure(7, [&] {
        auto r = load_form_json(source);
        if (!r.loaded) {
            std::printf("the generated form does not load: %s: %s\n", r.errors[0].where.c_str(), r.errors[0].message.c_str());
            std::exit(1);
        }
        loaded = std::move(r.loaded);
    });
    const form& f = *loaded;
    std::size_t conditions = f.team_rules.size();
    for (const auto& p : f.pages) {
        conditions += p.routes.size();
        for (const auto& q : p.questions) conditions += q.show_if.empty() ? 0 : 1;
    }
    const std::string image = encode_form_image(f);
    std::optional<form> decoded_form;
    const stats decode = measure(21, [&] { decoded_form = std::move(decode_form_image(image).value()); });

    // One answer and advance: on each page the other answers are already
    // given; time setting the last one and going on.
    std::vector<double> step_samples;
    for (int round = 0; round < 10; ++round) {
        session s(f, today);
        while (s.state() == session_state::question) {
            const page& here = *s.current_page();
            for (std::size_t k = 1; k < here.questions.size(); ++k) (void)s.set_answer(here.questions[k].id, answers.at(here.questions[k].id));
            const auto start = clock_type::now();
            (void)s.set_answer(here.questions[0].id, answers.at(here.questions[0].id));
            s.next();
            step_samples.push_back(micros_since(start));
            if (!s.errors().empty()) {
                std::printf("unexpected error on %s: %s\n", here.id.c_str(), s.errors()[0].message.c_str());
                return 1;
            }
        }
    }
    const stats step = summarise(step_samples);

    // Full validation: replaying every answer through every page, as the server does.
    replay_outcome outcome;
    const stats validation = measure(21, [&] { outcome = replay(f, answers, today); });
    if (outcome.result != replay_result::submitted) {
        std::printf("the generated answers do not complete the form\n");
        return 1;
    }

    session at_check(f, today);
    for (int i = 0; i < pages && at_check.state() == session_state::question; ++i) {
        for (const auto& q : at_check.current_page()->questions) (void)at_check.set_answer(q.id, answers.at(q.id));
        at_check.next();
    }
    std::string draft;
    const stats save = measure(51, [&] { draft = save_draft(at_check); });
    const stats restore = measure(21, [&] {
        session s(f, today);
        if (!restore_draft(s, draft) || s.state() != session_state::check) std::exit(1);
    });

    std::printf("form: %zu pages, %zu questions, %zu conditions, %zu calculations; JSON %zu bytes, image %zu bytes, draft %zu bytes\n\n",
                f.pages.size(), f.slots.size(), conditions, f.calculations.size(), source.size(), image.size(), draft.size());
    std::printf("| %-44s | %12s | %12s |\n", "operation", "median µs", "p95 µs");
    std::printf("|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(14, '-').c_str(), std::string(14, '-').c_str());
    row("load and compile the JSON (parse, check)", compile);
    row("decode the form image (the browser's load)", decode);
    row("one answer and advance (set_answer + next)", step);
    row("full validation (replay all 100 pages)", validation);
    row("draft save (at check your answers)", save);
    row("draft restore (walks and re-validates all)", restore);
    return 0;
}
