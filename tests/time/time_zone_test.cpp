// time_zone::named: every accepted spelling, Java's three-letter ids, DST rules, and the errors.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <chrono>

using namespace std::chrono;
using namespace std::chrono_literals;

namespace {
seconds offset_on(const erpoll::time_zone& z, year_month_day d) { return z.offset_at(sys_days{d} + 12h); }
}  // namespace

TEST_CASE("UTC, GMT and Z", "[time][zone]") {
  for (const char* name : {"UTC", "GMT", "Z", "UT"}) {
    const auto z = erpoll::time_zone::named(name);
    CHECK(z.offset_at(sys_seconds{}) == 0s);
    CHECK_FALSE(z.has_rules());
  }
  CHECK(erpoll::time_zone::named("Z").name() == "UTC");
  CHECK(erpoll::time_zone(erpoll::gmt).name() == "GMT");
  STATIC_REQUIRE(erpoll::utc.offset_at(sys_seconds{}) == 0s);
  STATIC_REQUIRE(erpoll::gmt.abbreviation_at(sys_seconds{}).view() == "GMT");
  STATIC_REQUIRE(erpoll::zone<erpoll::utc_zone> && erpoll::zone<erpoll::gmt_zone> && erpoll::zone<erpoll::time_zone>);
}

TEST_CASE("fixed offsets in every spelling", "[time][zone]") {
  struct {
    const char* name;
    seconds offset;
    const char* canonical;
  } cases[] = {
      {"+05:30", 5h + 30min, "GMT+05:30"}, {"-0800", -8h, "GMT-08:00"},   {"-8:00", -8h, "GMT-08:00"},
      {"GMT+5", 5h, "GMT+05:00"},          {"GMT-08:00", -8h, "GMT-08:00"}, {"UTC+01:00", 1h, "GMT+01:00"},
      {"+00:00", 0s, "GMT+00:00"},         {"GMT+0530", 5h + 30min, "GMT+05:30"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const auto z = erpoll::time_zone::named(c.name);
    CHECK(z.offset_at(sys_seconds{}) == c.offset);
    CHECK(z.name() == c.canonical);
    CHECK(z.abbreviation_at(sys_seconds{}).view() == c.canonical);
  }
}

TEST_CASE("IANA zones carry their DST rules", "[time][zone]") {
  const auto la = erpoll::time_zone::named("America/Los_Angeles");
  CHECK(la.has_rules());
  CHECK(la.name() == "America/Los_Angeles");
  CHECK(offset_on(la, 2026y / 1 / 15) == -8h);
  CHECK(offset_on(la, 2026y / 7 / 15) == -7h);
  CHECK(la.abbreviation_at(sys_days{2026y / 7 / 15}).view() == "PDT");
  const auto sydney = erpoll::time_zone::named("Australia/Sydney");
  CHECK(offset_on(sydney, 2026y / 1 / 15) == 11h);
  CHECK(offset_on(sydney, 2026y / 7 / 15) == 10h);
}

TEST_CASE("rules keep applying after 2037, the end of tzdata's listed transitions", "[time][zone]") {
  const auto ny = erpoll::time_zone::named("America/New_York");
  for (auto y : {2038y, 2040y, 2099y, 2100y, 2400y, 9999y}) {
    INFO(static_cast<int>(y));
    CHECK(offset_on(ny, y / 7 / 1) == -4h);
    CHECK(offset_on(ny, y / 1 / 15) == -5h);
  }
  // 2040: DST starts on the second Sunday of March, 2040-03-11, at 02:00 local
  CHECK(ny.offset_at(sys_days{2040y / 3 / 11} + 6h + 59min) == -5h);
  CHECK(ny.offset_at(sys_days{2040y / 3 / 11} + 7h) == -4h);
  CHECK(ny.to_sys(local_days{2040y / 3 / 11} + 2h + 30min) == sys_days{2040y / 3 / 11} + 7h + 30min);
  CHECK(ny.to_sys(local_days{2040y / 11 / 4} + 1h + 30min) == sys_days{2040y / 11 / 4} + 5h + 30min);
}

TEST_CASE("Java's three-letter ids resolve as TimeZone.getTimeZone does", "[time][zone]") {
  const auto pst = erpoll::time_zone::named("PST");
  CHECK(pst.has_rules());
  CHECK(pst.name() == "PST");
  CHECK(offset_on(pst, 2026y / 1 / 15) == -8h);
  CHECK(offset_on(pst, 2026y / 7 / 15) == -7h);
  const auto est = erpoll::time_zone::named("EST");
  CHECK_FALSE(est.has_rules());
  CHECK(offset_on(est, 2026y / 7 / 15) == -5h);
  CHECK(offset_on(erpoll::time_zone::named("MST"), 2026y / 7 / 15) == -7h);
  CHECK(offset_on(erpoll::time_zone::named("HST"), 2026y / 7 / 15) == -10h);
  CHECK(offset_on(erpoll::time_zone::named("IST"), 2026y / 7 / 15) == 5h + 30min);
  CHECK(offset_on(erpoll::time_zone::named("CST"), 2026y / 7 / 15) == -5h);
  CHECK(offset_on(erpoll::time_zone::named("JST"), 2026y / 7 / 15) == 9h);
  CHECK(offset_on(erpoll::time_zone::named("ECT"), 2026y / 7 / 15) == 2h);
  CHECK(offset_on(erpoll::time_zone::named("CET"), 2026y / 7 / 15) == 2h);  // tzdata's own CET
}

TEST_CASE("unknown zones are errors quoting the name", "[time][zone]") {
  for (const char* name : {"Mars/Olympus", "utc", "GMT+", "+25:00", "PSTX", "", "GMT+05:60"}) {
    INFO(name);
    CHECK_THROWS_AS(erpoll::time_zone::named(name), erpoll::config_error);
  }
  CHECK_THROWS_WITH(erpoll::time_zone::named("Mars/Olympus"),
                    Catch::StartsWith("erpoll: unknown time zone \"Mars/Olympus\""));
  CHECK_THROWS_AS(erpoll::time_zone::fixed(24h), erpoll::config_error);
}
