// The date contract of issue 2: the documented semantics, the strictness of parsing and the errors.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

erpoll::instant utc_instant(year_month_day d, microseconds time_of_day = 0us) {
  return erpoll::instant{sys_days{d}} + time_of_day;
}

// Parses with both forms, requires them to agree, and returns the result.
template <erpoll::fixed_string P, class Zone = erpoll::utc_zone>
erpoll::expected<erpoll::instant, erpoll::parse_error> parse_both(std::string_view text, const Zone& zone = {}) {
  const auto compiled = erpoll::date_format<P>::parse(text, zone);
  const auto runtime = erpoll::runtime_date_format{P.view()}.parse(text, zone);
  REQUIRE(compiled.has_value() == runtime.has_value());
  if (compiled) {
    REQUIRE(*compiled == *runtime);
  } else {
    REQUIRE(compiled.error().position == runtime.error().position);
    REQUIRE(std::string(compiled.error().reason) == runtime.error().reason);
  }
  return compiled;
}

template <erpoll::fixed_string P, class Zone = erpoll::utc_zone>
std::string format_both(erpoll::instant t, const Zone& zone = {}) {
  const std::string compiled = erpoll::date_format<P>::format(t, zone);
  REQUIRE(erpoll::runtime_date_format{P.view()}.format(t, zone) == compiled);
  return compiled;
}

}  // namespace

TEST_CASE("the contract's calls work as written", "[time]") {
  const erpoll::time_zone z = erpoll::time_zone::named("America/New_York");
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss.SSSXXX"};
  const auto tp = sys_days{2026y / 12 / 3} + 17h + 47min + 52s + 123ms;
  const std::string s = f.format(tp, z);
  CHECK(s == "2026-12-03T12:47:52.123-05:00");
  const auto r = f.parse(s, z);
  REQUIRE(r.has_value());
  CHECK(*r == tp);
  const std::string s2 = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::format(tp, z);
  CHECK(s2 == "2026-12-03T12:47:52Z");
  const auto r2 = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::parse(s2, z);
  REQUIRE(r2);
  CHECK(*r2 == floor<seconds>(tp));  // 'Z' is a literal: the text is read in z, as Java does
}

TEST_CASE("any sys_time duration formats, finer than microseconds truncates", "[time]") {
  const auto day = sys_days{2026y / 1 / 2};
  CHECK(format_both<"yyyy-MM-dd HH:mm:ss.SSSSSS">(erpoll::instant{day}) == "2026-01-02 00:00:00.000000");
  using F = erpoll::date_format<"yyyy-MM-dd HH:mm:ss.SSSSSSSSS">;
  CHECK(F::format(day) == "2026-01-02 00:00:00.000000000");
  CHECK(F::format(sys_time<nanoseconds>{day + 1s + 123456789ns}) == "2026-01-02 00:00:01.123456000");
  CHECK(F::format(sys_seconds{day + 5s}) == "2026-01-02 00:00:05.000000000");
}

TEST_CASE("a run of S is the fraction of a second, not a count of milliseconds", "[time]") {
  const auto t = utc_instant(2026y / 6 / 1, 10h + 123456us);
  CHECK(format_both<"HH:mm:ss.SSS">(t) == "10:00:00.123");
  CHECK(format_both<"HH:mm:ss.SSSSSS">(t) == "10:00:00.123456");
  CHECK(format_both<"HH:mm:ss.S">(t) == "10:00:00.1");
  const auto r = parse_both<"yyyy-MM-dd HH:mm:ss.SSSSSS">("2026-06-01 10:00:00.123456");
  REQUIRE(r);
  CHECK(*r == t);  // SimpleDateFormat would read 123456 ms: two minutes later
  const auto nine = parse_both<"yyyy-MM-dd HH:mm:ss.SSSSSSSSS">("2026-06-01 10:00:00.123456789");
  REQUIRE(nine);
  CHECK(*nine == t);  // digits past the microsecond are truncated
  const auto few = parse_both<"yyyy-MM-dd HH:mm:ss.SSS">("2026-06-01 10:00:00.12");
  REQUIRE_FALSE(few);
  CHECK(few.error().position == 20);
}

TEST_CASE("naive local times in DST gaps and overlaps resolve as java.time's ofLocal", "[time]") {
  const auto ny = erpoll::time_zone::named("America/New_York");
  // overlap: the earlier offset (EDT), the earlier instant
  auto r = parse_both<"yyyy-MM-dd HH:mm">("2026-11-01 01:30", ny);
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 11 / 1, 5h + 30min));
  // gap: later by the gap's length
  r = parse_both<"yyyy-MM-dd HH:mm">("2026-03-08 02:30", ny);
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 3 / 8, 7h + 30min));
  // a text with its own offset is read in that offset, whatever the zone
  r = parse_both<"yyyy-MM-dd HH:mmXXX">("2026-11-01 01:30-05:00", ny);
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 11 / 1, 6h + 30min));
  r = parse_both<"yyyy-MM-dd HH:mm z">("2026-11-01 01:30 EST", ny);
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 11 / 1, 6h + 30min));
}

TEST_CASE("parsing is strict and says where and why", "[time]") {
  using F = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
  CHECK(F::parse("2026-12-03T17:47:52Z"));
  auto e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("2026-12-03T17:47:52Z trailing");
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 20);
  CHECK(std::string(e.error().reason) == "unexpected text after the date");
  e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("2026-13-03T17:47:52Z");
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 5);
  CHECK(e.error().message() == "at position 5: the month must be 1 to 12");
  e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("2026-02-29T00:00:00Z");
  REQUIRE_FALSE(e);
  CHECK(std::string(e.error().reason) == "the day does not exist in that month");
  e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("2026-12-03 17:47:52Z");
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 10);
  e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("2026-12-03T17:47");
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 16);
  e = parse_both<"yyyy-MM-dd'T'HH:mm:ss'Z'">("");
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 0);
  e = parse_both<"EEE, d MMM yyyy">("Mon, 3 Dec 2026");  // 2026-12-03 is a Thursday
  REQUIRE_FALSE(e);
  CHECK(e.error().position == 0);
  CHECK(std::string(e.error().reason) == "the day of week does not match the date");
  CHECK_THROWS_WITH(e.value(), "at position 0: the day of week does not match the date");
}

TEST_CASE("names, hours and eras follow Java's Locale.US rules", "[time]") {
  // Text fields parse case-insensitively, full or short names whatever the letter count.
  auto r = parse_both<"d MMM yyyy">("3 DECEMBER 2026");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 12 / 3));
  r = parse_both<"EEEE d MMMM yyyy">("thu 3 dec 2026");
  REQUIRE(r);
  // k is 1-24: 24 is midnight; h and K with a
  CHECK(format_both<"kk:mm">(utc_instant(2026y / 1 / 1)) == "24:00");
  CHECK(format_both<"hh:mm a K">(utc_instant(2026y / 1 / 1, 12h)) == "12:00 PM 0");
  r = parse_both<"yyyy-MM-dd kk:mm">("2026-01-01 24:00");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 1 / 1));
  r = parse_both<"yyyy-MM-dd hh:mm a">("2026-01-01 12:15 AM");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 1 / 1, 15min));
  r = parse_both<"yyyy-MM-dd hh:mm a">("2026-01-01 12:15 pm");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 1 / 1, 12h + 15min));
  CHECK_FALSE(parse_both<"yyyy-MM-dd hh:mm a">("2026-01-01 13:15 PM"));
  // eras: year 0 is 1 BC
  CHECK(format_both<"G yyyy">(utc_instant(0y / 6 / 1)) == "BC 0001");
  r = parse_both<"G yyyy-MM-dd">("BC 0001-06-01");
  REQUIRE(r);
  CHECK(*r == utc_instant(0y / 6 / 1));
  // day of year, day number of week
  CHECK(format_both<"yyyy-DDD u">(utc_instant(2024y / 12 / 31)) == "2024-366 2");
  r = parse_both<"yyyy-DDD">("2024-366");
  REQUIRE(r);
  CHECK(*r == utc_instant(2024y / 12 / 31));
  CHECK_FALSE(parse_both<"yyyy-DDD">("2026-366"));
  // quotes
  CHECK(format_both<"h 'o''clock' a, ''yy">(utc_instant(2026y / 1 / 1, 15h)) == "3 o'clock PM, '26");
}

TEST_CASE("numbers: abutting fields have fixed widths, others read greedily", "[time]") {
  auto r = parse_both<"yyyyMMddHHmmss">("20261203174752");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 12 / 3, 17h + 47min + 52s));
  // the last field of an abutting run reads greedily, as in Java: "5" is the second
  r = parse_both<"yyyyMMddHHmmss">("2026120317475");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 12 / 3, 17h + 47min + 5s));
  CHECK_FALSE(parse_both<"yyyyMMddHHmmss">("202612031747555"));
  r = parse_both<"y-M-d H:m:s">("2026-1-2 3:4:5");
  REQUIRE(r);
  CHECK(*r == utc_instant(2026y / 1 / 2, 3h + 4min + 5s));
  // two-digit years read as 2000-2099 (java.time), whatever today's date
  r = parse_both<"MM/dd/yy">("12/03/99");
  REQUIRE(r);
  CHECK(*r == utc_instant(2099y / 12 / 3));
  CHECK(format_both<"MM/dd/yy">(utc_instant(1999y / 12 / 3)) == "12/03/99");
}

TEST_CASE("zone letters format as Java does", "[time]") {
  const auto t = utc_instant(2026y / 7 / 1, 12h);
  const auto la = erpoll::time_zone::named("America/Los_Angeles");
  CHECK(format_both<"z Z X XX XXX">(t, la) == "PDT -0700 -07 -0700 -07:00");
  CHECK(format_both<"z Z X XX XXX">(t, erpoll::utc) == "UTC +0000 Z Z Z");
  CHECK(format_both<"z">(t, erpoll::gmt) == "GMT");
  CHECK(format_both<"z">(t, erpoll::time_zone::named("-8:00")) == "GMT-08:00");
  CHECK(format_both<"z">(t, erpoll::time_zone::named("EST")) == "EST");
  CHECK(format_both<"z">(t, erpoll::time_zone::named("Europe/Berlin")) == "CEST");
  CHECK(format_both<"z">(utc_instant(2026y / 1 / 1), erpoll::time_zone::named("Europe/Berlin")) == "CET");
  CHECK(format_both<"z">(t, erpoll::time_zone::named("PST")) == "PDT");
  CHECK(format_both<"X">(t, erpoll::time_zone::named("Asia/Kolkata")) == "+05");
  // tzdata's numeric abbreviations become GMT offsets
  CHECK(format_both<"z">(t, erpoll::time_zone::named("America/Sao_Paulo")) == "GMT-03:00");
  // parse: abbreviations, GMT offsets, RFC 822, ISO 8601
  auto r = parse_both<"HH:mm z">("12:00 PDT");
  REQUIRE(r);
  CHECK(*r == utc_instant(1970y / 1 / 1, 19h));
  r = parse_both<"HH:mm z">("12:00 GMT+05:30");
  REQUIRE(r);
  CHECK(*r == utc_instant(1970y / 1 / 1, 6h + 30min));
  r = parse_both<"HH:mm Z">("12:00 -0800");
  REQUIRE(r);
  CHECK(*r == utc_instant(1970y / 1 / 1, 20h));
  CHECK_FALSE(parse_both<"HH:mm XXX">("12:00 -0800"));
  CHECK_FALSE(parse_both<"HH:mm z">("12:00 XYZ"));
}

TEST_CASE("epoch formats: seconds, milliseconds, microseconds", "[time]") {
  const auto t = erpoll::instant{1534778974827ms};
  CHECK(format_both<"milliseconds">(t) == "1534778974827");
  CHECK(format_both<"seconds">(t) == "1534778974");
  CHECK(format_both<"microseconds">(t) == "1534778974827000");
  CHECK(format_both<"milliseconds">(erpoll::instant{-1500us}) == "-2");
  auto r = parse_both<"milliseconds">("1534778974827");
  REQUIRE(r);
  CHECK(*r == t);
  r = parse_both<"seconds">("1534778974.827");  // a JSON number with a fraction
  REQUIRE(r);
  CHECK(*r == t);
  r = parse_both<"seconds">("-1.5");
  REQUIRE(r);
  CHECK(*r == erpoll::instant{-1500ms});
  CHECK_FALSE(parse_both<"milliseconds">("12a"));
  CHECK_FALSE(parse_both<"milliseconds">(""));
  CHECK_FALSE(parse_both<"seconds">("99999999999999999999"));
}

TEST_CASE("format_to writes into a caller's buffer", "[time]") {
  using F = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss.SSSXXX">;
  STATIC_REQUIRE(F::max_size >= 29);
  char buffer[F::max_size];
  char* end = F::format_to(buffer, utc_instant(2026y / 12 / 3, 1h), erpoll::gmt);
  CHECK(std::string_view(buffer, static_cast<std::size_t>(end - buffer)) == "2026-12-03T01:00:00.000Z");
  const erpoll::runtime_date_format r{"EEEE, MMMM dd, yyyy hh:mm:ss a zzz"};
  std::string big(r.max_size(), '\0');
  const auto t = utc_instant(2026y / 9 / 30, 23h);  // the longest day and month names together
  end = r.format_to(big.data(), t, erpoll::time_zone::named("America/Los_Angeles"));
  CHECK(std::string_view(big.data(), static_cast<std::size_t>(end - big.data())) ==
        "Wednesday, September 30, 2026 04:00:00 PM PDT");
}

TEST_CASE("invalid runtime patterns throw config_error naming the position", "[time]") {
  CHECK_THROWS_AS(erpoll::runtime_date_format{"yyyy-QQ"}, erpoll::config_error);
  CHECK_THROWS_WITH(erpoll::runtime_date_format{"yyyy-QQ"},
                    Catch::Contains("\"yyyy-QQ\" at position 5") && Catch::Contains("unknown pattern letter"));
  CHECK_THROWS_WITH(erpoll::runtime_date_format{"yyyy-MM-dd'T"}, Catch::Contains("at position 10"));
  CHECK_THROWS_WITH(erpoll::runtime_date_format{""}, Catch::Contains("empty"));
  CHECK_THROWS_WITH(erpoll::runtime_date_format{"HH zzzz"}, Catch::Contains("at position 3"));
  CHECK_NOTHROW(erpoll::runtime_date_format{"yyyy-MM-dd'T'HH:mm:ss'Z'"});
}

TEST_CASE("compile-time patterns are compiled at compile time", "[time]") {
  using F = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
  STATIC_REQUIRE(F::pattern() == "yyyy-MM-dd'T'HH:mm:ss'Z'");
  STATIC_REQUIRE(F::max_size == 20 + 1 + 2 + 1 + 2 + 1 + 2 + 1 + 2 + 1 + 2 + 1);
  constexpr auto p = erpoll::detail::compile_pattern<12>("yyyyMMdd'T'H");
  STATIC_REQUIRE(p.token_count == 5);
  STATIC_REQUIRE(p.tokens[0].fixed_width);
  STATIC_REQUIRE(p.tokens[1].fixed_width);
  STATIC_REQUIRE_FALSE(p.tokens[2].fixed_width);
  STATIC_REQUIRE(p.literal(p.tokens[3]) == "T");
  constexpr auto bad = erpoll::detail::compile_pattern<7>("yyyy-QQ");
  STATIC_REQUIRE(bad.problem == erpoll::detail::pattern_problem::unknown_letter);
  STATIC_REQUIRE(bad.problem_position == 5);
  constexpr auto quote = erpoll::detail::compile_pattern<6>("''a'b'");
  STATIC_REQUIRE(quote.literal(quote.tokens[0]) == "'");
}
