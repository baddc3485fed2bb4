#include "server/form_catalog.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/report.hpp"
#include "server/submission_client.hpp"
#include "server/submissions.hpp"
#include "tests/support/forms.hpp"
#include "tests/support/server_fixture.hpp"

using namespace frontdesk;
namespace fs = std::filesystem;

namespace {

// A forms folder holding the bike theft form, optionally with its first hint changed.
void write_forms(const fs::path& dir, bool changed) {
    fs::create_directories(dir);
    std::string source = testing::read_source_file("forms/bike-theft.json");
    if (changed) source.replace(source.find("For example, someone is hurt"), 28, "For example, a person is hurt");
    std::ofstream(dir / "bike-theft.json") << source;
}

}  // namespace

TEST_CASE("every version ever served is kept, and the listing shows only the current one") {
    testing::temp_dir dir;
    const fs::path forms = dir.path() / "forms";
    const std::string archive = dir.str() + "/form-versions";
    write_forms(forms, false);
    auto first = server::form_catalog::load(forms.string(), archive);
    REQUIRE(first);
    const std::string old_version = first->find("bike-theft")->definition.version;
    CHECK(fs::exists(archive + "/bike-theft/" + old_version + ".json"));

    write_forms(forms, true);
    auto second = server::form_catalog::load(forms.string(), archive);
    REQUIRE(second);
    const std::string new_version = second->find("bike-theft")->definition.version;
    CHECK(new_version != old_version);
    CHECK(second->version_count() == 2);
    REQUIRE(second->find_version("bike-theft", old_version) != nullptr);
    CHECK(second->find_version("bike-theft", std::string(32, '0')) == nullptr);
    const auto listing = nlohmann::json::parse(second->listing_json());
    REQUIRE(listing.size() == 1);
    CHECK(listing[0].at("version") == new_version);
}

TEST_CASE("a damaged archived version is skipped, not fatal") {
    testing::temp_dir dir;
    const fs::path forms = dir.path() / "forms";
    const std::string archive = dir.str() + "/form-versions";
    write_forms(forms, false);
    REQUIRE(server::form_catalog::load(forms.string(), archive));
    std::ofstream(archive + "/bike-theft/0123456789abcdef0123456789abcdef.json") << "{ not json";
    auto loaded = server::form_catalog::load(forms.string(), archive);
    REQUIRE(loaded);
    CHECK(loaded->version_count() == 1);
}

TEST_CASE("a report sealed before the form changed is still accepted, checked against its own version") {
    testing::server_fixture fx;
    const fs::path forms = fx.dir.path() / "forms";
    const std::string archive = fx.dir.str() + "/form-versions";
    write_forms(forms, false);
    auto before = server::form_catalog::load(forms.string(), archive);
    REQUIRE(before);
    const form old_form = before->find("bike-theft")->definition;
    auto sealed = server::seal_answers(old_form, testing::complete_bike_answers(), server::new_submission_id(),
                                       fx.keys.current_sealing().public_key);
    REQUIRE(sealed);

    write_forms(forms, true);
    auto after = server::form_catalog::load(forms.string(), archive);
    REQUIRE(after);
    server::submission_context ctx{*after, fx.keys, *fx.db, [] { return std::string("2026-11-28T09:15:02Z"); }};
    CHECK(server::accept_submission(ctx, sealed->json).status == 201);
}
