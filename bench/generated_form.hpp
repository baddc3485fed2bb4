// A generated form for the benchmark: `pages` pages of 10 questions each
// (numbers, texts, radios and dates), with 8 routes and 2 show_ifs a page
// (10 conditions a page) and a few calculated values. With 100 pages: 1,000
// questions and 1,000 conditions. Also the answers that walk every page.
#pragma once

#include <map>
#include <string>

namespace frontdesk::bench {

inline std::string question_id(int page, int k) { return "q" + std::to_string(page) + "_" + std::to_string(k); }

inline std::string generated_form_json(int pages) {
    std::string s = R"({"id":"bench","title":"Benchmark","calculations":[)";
    s += R"j({"id":"total","value":"coalesce(q0_0, 0) + coalesce(q1_0, 0) + coalesce(q2_0, 0)"},)j";
    s += R"({"id":"big","value":"total > 1000000"}],"pages":[)";
    for (int p = 0; p < pages; ++p) {
        if (p) s += ",";
        const std::string next = p + 1 < pages ? "p" + std::to_string(p + 1) : "check-answers";
        const std::string skip = p + 2 < pages ? "p" + std::to_string(p + 2) : next;
        s += R"({"id":"p)" + std::to_string(p) + R"(","title":"Page )" + std::to_string(p) + R"(","questions":[)";
        for (int k = 0; k < 10; ++k) {
            if (k) s += ",";
            const std::string id = question_id(p, k);
            s += R"({"id":")" + id + R"(","label":"Question )" + id + R"(")";
            switch (k % 4) {
                case 0: s += R"(,"type":"number","required":true,"min":0,"max":100000,"messages":{"required":"Enter a number"})"; break;
                case 1: s += R"(,"type":"text","max_length":100,"messages":{"max_length":"Too long"})"; break;
                case 2: s += R"(,"type":"radios","required":true,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"},{"value":"c","label":"C"}],"messages":{"required":"Select one"})"; break;
                case 3: s += R"(,"type":"date","past":true)"; break;
            }
            // Two show_ifs a page, on earlier questions of the page.
            if (k == 8) s += R"(,"show_if":")" + question_id(p, 0) + R"( >= 0")";
            if (k == 9) s += R"(,"show_if":")" + question_id(p, 2) + " != 'c' or answered(" + question_id(p, 1) + ")\"";
            s += "}";
        }
        s += R"(],"routes":[)";
        for (int r = 0; r < 8; ++r) {
            if (r) s += ",";
            // Conditions that read this page and earlier ones; none holds for the answers below.
            const std::string earlier = question_id(p > 0 ? p - 1 : 0, 4);
            s += R"({"if":")" + question_id(p, 0) + " > " + std::to_string(50000 + r) + " and (" + question_id(p, 2) +
                 " = 'c' or " + earlier + " = " + std::to_string(r + 90000) + R"j() or big","goto":")j" +
                 (r % 2 ? skip : next) + R"("})";
        }
        s += R"(],"next":")" + next + R"("})";
    }
    s += R"(],"routing":{"rules":[{"if":"big","team":"big"},{"if":"q0_2 = 'c'","team":"c_team"}],"default":{"team":"general"}}})";
    return s;
}

inline std::map<std::string, std::string> generated_answers(int pages) {
    std::map<std::string, std::string> answers;
    for (int p = 0; p < pages; ++p) {
        for (int k = 0; k < 10; ++k) {
            const std::string id = question_id(p, k);
            switch (k % 4) {
                case 0: answers[id] = std::to_string(p * 10 + k); break;
                case 1: answers[id] = "Some text for " + id; break;
                case 2: answers[id] = "a"; break;
                case 3: answers[id] = "1/2/2020"; break;
            }
        }
    }
    return answers;
}

}  // namespace frontdesk::bench
