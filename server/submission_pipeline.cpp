#include "server/submission_pipeline.hpp"

#include <boost/asio/post.hpp>
#include <algorithm>
#include <iostream>

namespace frontdesk::server {

namespace {
// Rows per commit at most: bounds the time a transaction holds the write lock.
constexpr std::size_t largest_batch = 512;
}  // namespace

submission_pipeline::submission_pipeline(boost::asio::io_context& io, const submission_context& ctx, unsigned workers,
                                         std::size_t max_bytes_in_flight)
    : io_(io), ctx_(ctx), workers_(std::max(1U, workers)), max_bytes_in_flight_(max_bytes_in_flight) {}

submission_pipeline::~submission_pipeline() { stop(); }

status submission_pipeline::start(const std::string& db_path) {
    auto opened = store::open(db_path);
    if (!opened) return opened.err();
    db_ = std::move(*opened);
    committer_ = std::thread([this] { commit_loop(); });
    return status::ok();
}

void submission_pipeline::submit(std::string envelope, callback done) {
    const std::size_t size = envelope.size();
    if (bytes_in_flight_.fetch_add(size) + size > max_bytes_in_flight_) {
        bytes_in_flight_ -= size;
        done(problem(503, "server-busy", "The service is busy. Try again in a minute."));
        return;
    }
    // The bytes count until the answer is on its way back.
    done = [this, size, done = std::move(done)](http_answer answer) {
        bytes_in_flight_ -= size;
        done(std::move(answer));
    };
    boost::asio::post(workers_, [this, envelope = std::move(envelope), done = std::move(done)]() mutable {
        verification verified = problem(503, "server-busy", "The report could not be checked now. Try again.");
        // An exception escaping a pool thread would end the process (Boost
        // calls std::terminate): a report that cannot be checked is refused.
        try {
            verified = verify_submission(ctx_, envelope);
        } catch (const std::exception& e) {
            std::cerr << "frontdesk: verification failed: " << e.what() << "\n";
        }
        if (auto* answer = std::get_if<http_answer>(&verified)) {
            boost::asio::post(io_, [done = std::move(done), answer = std::move(*answer)] { done(answer); });
            return;
        }
        {
            std::lock_guard guard(lock_);
            queue_.push_back({std::move(std::get<stored_submission>(verified)), std::move(done)});
        }
        wake_.notify_one();
    });
}

void submission_pipeline::commit_loop() {
    for (;;) {
        std::vector<job> batch;
        {
            std::unique_lock guard(lock_);
            wake_.wait(guard, [this] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) return;  // stopping, and nothing left
            const std::size_t take = std::min(queue_.size(), largest_batch);
            batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.begin() + take));
            queue_.erase(queue_.begin(), queue_.begin() + take);
        }
        std::vector<stored_submission> rows;
        rows.reserve(batch.size());
        for (auto& j : batch) rows.push_back(std::move(j.row));
        std::vector<http_answer> answers;
        try {
            answers = store_submissions(*db_, ctx_.keys, rows);
        } catch (const std::exception& e) {
            std::cerr << "frontdesk: storing failed: " << e.what() << "\n";
            answers.assign(rows.size(), problem(503, "store-unavailable", "The report could not be stored. Try again."));
        }
        ++commits_;
        committed_rows_ += rows.size();
        const bool any_stored = std::any_of(answers.begin(), answers.end(), [](const http_answer& a) { return a.status == 201; });
        // The whole batch goes back to the network thread as one handler: one
        // hand-over (and at most one wake-up) per commit, not one per report.
        boost::asio::post(io_, [this, batch = std::move(batch), answers = std::move(answers), any_stored]() mutable {
            for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(answers[i]));
            if (any_stored && ctx_.on_stored) ctx_.on_stored();
        });
    }
}

void submission_pipeline::stop() {
    if (stopped_) return;
    stopped_ = true;
    workers_.join();  // every verification finishes and queues its row
    {
        std::lock_guard guard(lock_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (committer_.joinable()) committer_.join();
}

}  // namespace frontdesk::server
