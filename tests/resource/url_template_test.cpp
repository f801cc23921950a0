// URL templates: every placeholder, percent-encoding of the request target, page parameters, and errors.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

// 2026-12-03T17:47:52.123456Z
const erpoll::instant poll_time{sys_days{2026y / 12 / 3} + 17h + 47min + 52s + 123456us};

// Expands with both forms, requires them to agree, and returns the target.
template <erpoll::fixed_string U>
std::string expand_both(erpoll::instant t = poll_time) {
  const std::string compiled = erpoll::url_template<U>::expand(t);
  CHECK(erpoll::runtime_url_template{U.view()}.expand(t) == compiled);
  return compiled;
}

}  // namespace

TEST_CASE("the documented NetSuite example expands to an encoded request target", "[resource][url]") {
  CHECK(expand_both<"/hubs/finance/customers?where=lastModifiedDate>'${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'">() ==
        "/hubs/finance/customers?where=lastModifiedDate%3E%272026-12-03T17:47:52Z%27");
}

TEST_CASE("every placeholder", "[resource][url]") {
  CHECK(expand_both<"/x?d=${date:yyyy-MM-dd HH:mm:ss z}">() == "/x?d=2026-12-03%2017:47:52%20GMT");
  CHECK(expand_both<"/x?d=${gmtDate:yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}">() == "/x?d=2026-12-03T17:47:52.123Z");
  CHECK(expand_both<"/x?d=${dateTimeZone:PST:yyyy-MM-dd'T'HH:mm:ssXXX}">() == "/x?d=2026-12-03T09:47:52-08:00");
  CHECK(expand_both<"/x?d=${dateTimeZone:-8:00:yyyy-MM-dd'T'HH:mm:ss}">() == "/x?d=2026-12-03T09:47:52");
  CHECK(expand_both<"/x?d=${dateTimeZone:GMT+05:30:HH:mm XXX}">() == "/x?d=23:17%20%2B05:30");
  CHECK(expand_both<"/x?d=${dateTimeZone:America/New_York:yyyy-MM-dd HH:mm z}">() ==
        "/x?d=2026-12-03%2012:47%20EST");
  CHECK(expand_both<"/x?d=${date}">() == "/x?d=2026-12-03T17:47:52.123Z");
  CHECK(expand_both<"/x?a=${epoch}&b=${epoch:ms}&c=${epoch:s}&d=${epoch:us}">() ==
        "/x?a=1796320072123&b=1796320072123&c=1796320072&d=1796320072123456");
  CHECK(expand_both<"/x?${epoch}${epoch:s}">() == "/x?17963200721231796320072");
  CHECK(expand_both<"/no/placeholders">() == "/no/placeholders");
  CHECK(expand_both<"">().empty());
  // a '}' inside a quoted literal of the pattern does not close the placeholder
  CHECK(expand_both<"/x?d=${gmtDate:'{'yyyy'}'}">() == "/x?d=%7B2026%7D");
}

TEST_CASE("the query is percent-encoded, the structure kept", "[resource][url]") {
  // spaces, quotes, comparison operators, parentheses; the first '=' of a parameter and '&' between kept
  CHECK(expand_both<"/hubs/erp/invoices?where=a >= 'x' AND b IN ('1','2')&pageSize=5">() ==
        "/hubs/erp/invoices?where=a%20%3E%3D%20%27x%27%20AND%20b%20IN%20%28%271%27,%272%27%29&pageSize=5");
  // '&' and '#' inside a quoted CEQL value are data, not a separator or a fragment
  CHECK(expand_both<"/x?where=name='A&B #1'&q=1">() == "/x?where=name%3D%27A%26B%20%231%27&q=1");
  // non-ASCII goes as its UTF-8 bytes
  CHECK(expand_both<"/x?where=city='Zürich'">() == "/x?where=city%3D%27Z%C3%BCrich%27");
  // an already-encoded URL is not encoded twice
  CHECK(expand_both<"/x?where=a%3E%3D%27${epoch}%27">() == "/x?where=a%3E%3D%271796320072123%27");
  // a '+' is a plus sign, not a space: encoded in values and in template text
  CHECK(expand_both<"/x?o=${dateTimeZone:+05:30:XXX}&p=1+1">() == "/x?o=%2B05:30&p=1%2B1");
  // the path is kept; a space in it is encoded
  CHECK(expand_both<"/hubs/erp/journal-entries/a b?x=1">() == "/hubs/erp/journal-entries/a%20b?x=1");
  // absolute URLs keep scheme and host
  CHECK(expand_both<"https://api.example.com/elements/api-v2/hubs/erp/vendors?where=x='${epoch:s}'">() ==
        "https://api.example.com/elements/api-v2/hubs/erp/vendors?where=x%3D%271796320072%27");
}

TEST_CASE("page parameters are added or replaced", "[resource][url]") {
  std::string target = erpoll::url_template<"/hubs/erp/customers?where=a='x&y'&pageSize=5">::expand(poll_time);
  erpoll::set_query_parameter(target, "pageSize", "200");
  CHECK(target == "/hubs/erp/customers?where=a%3D%27x%26y%27&pageSize=200");
  erpoll::set_query_parameter(target, "nextPage", "eyJwYWdlIjoyfQ==+/");
  CHECK(target == "/hubs/erp/customers?where=a%3D%27x%26y%27&pageSize=200&nextPage=eyJwYWdlIjoyfQ%3D%3D%2B/");
  erpoll::set_query_parameter(target, "nextPage", "second");
  CHECK(target == "/hubs/erp/customers?where=a%3D%27x%26y%27&pageSize=200&nextPage=second");
  erpoll::remove_query_parameter(target, "nextPage");
  CHECK(target == "/hubs/erp/customers?where=a%3D%27x%26y%27&pageSize=200");
  std::string bare = "/hubs/erp/vendors";
  erpoll::set_query_parameter(bare, "page", "2");
  CHECK(bare == "/hubs/erp/vendors?page=2");
  // duplicates collapse into the first place; a raw quoted '&' in a target never splits a parameter
  std::string raw = "/x?page=1&where=a='p&page=9'&page=3";
  erpoll::set_query_parameter(raw, "page", "4");
  CHECK(raw == "/x?page=4&where=a='p&page=9'");
}

TEST_CASE("runtime URL templates report bad input with its position", "[resource][url]") {
  CHECK_THROWS_WITH(erpoll::runtime_url_template{"/x?d=${gmtDate:yyyy-MM-dd"},
                    Catch::Contains("at position 5") && Catch::Contains("never closed"));
  CHECK_THROWS_WITH(erpoll::runtime_url_template{"/x?d=${lastPoll}"},
                    Catch::Contains("at position 5") && Catch::Contains("unknown placeholder"));
  CHECK_THROWS_WITH(erpoll::runtime_url_template{"/x?d=${gmtDate:yyyy-QQ}"},
                    Catch::Contains("at position 20") && Catch::Contains("date pattern"));
  CHECK_THROWS_WITH(erpoll::runtime_url_template{"/x?d=${dateTimeZone:Mars/Olympus:yyyy}"},
                    Catch::Contains("at position 20") && Catch::Contains("unknown time zone \"Mars/Olympus\""));
  CHECK_THROWS_WITH(erpoll::runtime_url_template{"/x?d=${dateTimeZone:yyyy}"}, Catch::Contains("needs a zone"));
  CHECK_THROWS_AS(erpoll::runtime_url_template{"/x?d=${epoch:ns}"}, erpoll::config_error);
  CHECK_NOTHROW(erpoll::runtime_url_template{"/x?d=$notaplaceholder&e={}"});
  CHECK(erpoll::runtime_url_template{"/x?d=$5"}.expand(poll_time) == "/x?d=%245");
}

TEST_CASE("URL templates are parsed at compile time", "[resource][url]") {
  constexpr auto p = erpoll::detail::parse_url_template<38>("/a?x='${gmtDate:yyyy}'&e=${epoch:s}&z");
  STATIC_REQUIRE(p.problem == erpoll::detail::url_problem::none);
  STATIC_REQUIRE(p.count == 5);
  STATIC_REQUIRE(p.segments[1].kind == erpoll::detail::url_segment_kind::gmt_date);
  STATIC_REQUIRE(p.segments[1].begin == 16);
  STATIC_REQUIRE(p.segments[1].size == 4);
  STATIC_REQUIRE(p.segments[3].kind == erpoll::detail::url_segment_kind::epoch_seconds);
  constexpr auto bad = erpoll::detail::parse_url_template<12>("/x?${nope}&y");
  STATIC_REQUIRE(bad.problem == erpoll::detail::url_problem::unknown_placeholder);
  STATIC_REQUIRE(bad.problem_position == 3);
  STATIC_REQUIRE(erpoll::url_template<"/a">::text() == "/a");
}

TEST_CASE("percent_decode reads a query value back", "[resource]") {
  CHECK(erpoll::percent_decode("lastModifiedDate%3E%3D%272026-12-01T00%3A00%3A00Z%27") ==
        "lastModifiedDate>='2026-12-01T00:00:00Z'");
  CHECK(erpoll::percent_decode("a+b%20c") == "a b c");
  CHECK(erpoll::percent_decode("%2B05:30") == "+05:30");
  CHECK(erpoll::percent_decode("100%") == "100%");     // not an escape: kept
  CHECK(erpoll::percent_decode("%zz%4") == "%zz%4");
}
