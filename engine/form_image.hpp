// A compact binary image of a loaded form. The server compiles each form's
// JSON once and serves the image; the browser's engine decodes it, so the
// WebAssembly build needs no JSON parser. Layout in docs/protocol.md.
#pragma once

#include <string>
#include <string_view>

#include "engine/form.hpp"
#include "engine/result.hpp"

namespace frontdesk {

inline constexpr std::size_t largest_form_image = 4 * 1024 * 1024;

std::string encode_form_image(const form& f);
// Checks every length and every cross-reference: a damaged image is an
// error, never a crash.
result<form> decode_form_image(std::string_view image);

}  // namespace frontdesk
