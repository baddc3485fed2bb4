// The browser's secure random source for libsodium (see random_source.cpp).
#pragma once

// True when crypto.getRandomValues works and never failed so far.
bool browser_random_ready();
// True once any request for random bytes could not be met.
bool browser_random_failed();
