// Starts the real `frontdesk serve` on a free loopback port and stops it.
#pragma once

#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdint>
#include <string>
#include <vector>

namespace frontdesk::testing {

class server_process {
public:
    server_process(const std::string& data_dir, const std::string& web_dir,
                   const std::vector<std::string>& extra_args = {}) {
        std::fflush(nullptr);  // so the child does not repeat our buffered output
        int out[2];
        REQUIRE(pipe(out) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            close(out[1]);
            const std::string forms = std::string(FRONTDESK_SOURCE_DIR) + "/forms";
            std::vector<const char*> argv = {FRONTDESK_BIN, "serve", "--port", "0", "--data", data_dir.c_str(),
                                             "--web", web_dir.c_str(), "--forms", forms.c_str()};
            for (const auto& a : extra_args) argv.push_back(a.c_str());
            argv.push_back(nullptr);
            execv(FRONTDESK_BIN, const_cast<char* const*>(argv.data()));
            _exit(127);
        }
        close(out[1]);
        stdout_ = out[0];
        port_ = read_port();
    }

    ~server_process() {
        if (pid_ > 0) (void)stop();
        close(stdout_);
    }

    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }

    // SIGKILL: no chance to finish anything, as in a power cut.
    void kill_hard() {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = 0;
    }

    // SIGTERM, then the exit status (or -1 if it had to be killed).
    int stop() {
        if (pid_ == 0) return -1;
        kill(pid_, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = 0;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            usleep(50 * 1000);
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = 0;
        return -1;
    }

private:
    // Waits (at most 20 s) for "frontdesk: listening on http://127.0.0.1:PORT".
    std::uint16_t read_port() {
        std::string text;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{stdout_, POLLIN, 0};
            if (poll(&p, 1, 200) <= 0) continue;
            char buf[256];
            const auto n = read(stdout_, buf, sizeof buf);
            if (n <= 0) break;
            text.append(buf, static_cast<std::size_t>(n));
            const auto marker = text.find("127.0.0.1:");
            if (marker != std::string::npos && text.find(' ', marker) != std::string::npos) {
                return static_cast<std::uint16_t>(std::stoi(text.substr(marker + 10)));
            }
        }
        FAIL("the server did not say it was listening; it printed: " << text);
        return 0;
    }

    pid_t pid_ = 0;
    int stdout_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace frontdesk::testing
