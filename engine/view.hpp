// What the renderer needs to draw the session's current page, as JSON.
// The contract is documented in docs/engine-view.md.
#pragma once

#include <string>

#include "engine/session.hpp"

namespace frontdesk {

std::string view_json(const session& s);

}  // namespace frontdesk
