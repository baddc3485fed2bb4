// Submissions off the network thread, with group commit. Verification (open,
// replay, re-seal, sign: all CPU) runs on a pool of worker threads; verified
// rows queue for one committer thread, which stores everything that has
// queued since its last commit in one transaction, so concurrent reports
// share one sync to disk and durability does not cap throughput. Each answer
// goes back to the network thread, and only after its row is committed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "server/submissions.hpp"

namespace frontdesk::server {

class submission_pipeline {
public:
    using callback = std::function<void(http_answer)>;

    // At most `max_bytes_in_flight` of envelopes are being checked or stored at
    // once; beyond that a submission is answered 503 at once, so a flood of
    // large bodies cannot exhaust memory.
    submission_pipeline(boost::asio::io_context& io, const submission_context& ctx, unsigned workers,
                        std::size_t max_bytes_in_flight = 256 * 1024 * 1024);
    ~submission_pipeline();
    submission_pipeline(const submission_pipeline&) = delete;
    submission_pipeline& operator=(const submission_pipeline&) = delete;

    // Opens the store again for the committer (a connection per thread) and starts it.
    status start(const std::string& db_path);
    // Called on the network thread; `done` is called there too.
    void submit(std::string envelope, callback done);
    // Finishes what was submitted, then stops the threads.
    void stop();

    // Commits so far and rows in them: how much commits are shared (metrics).
    std::uint64_t commits() const { return commits_; }
    std::uint64_t committed_rows() const { return committed_rows_; }

private:
    struct job {
        stored_submission row;
        callback done;
    };
    void commit_loop();

    boost::asio::io_context& io_;
    const submission_context& ctx_;
    boost::asio::thread_pool workers_;
    std::unique_ptr<store> db_;
    std::thread committer_;
    std::mutex lock_;
    std::condition_variable wake_;
    std::vector<job> queue_;
    bool stopping_ = false;
    bool stopped_ = false;
    std::size_t max_bytes_in_flight_;
    std::atomic<std::size_t> bytes_in_flight_{0};
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::uint64_t> committed_rows_{0};
};

}  // namespace frontdesk::server
