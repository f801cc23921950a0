// The CEQL where builder: rendering, quoting, precedence, compile-time use in URL templates.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <chrono>

namespace ceql = erpoll::ceql;
using namespace std::chrono_literals;

namespace {
constexpr auto netsuite_filter =
    ceql::field<"lastModifiedDate"> >= ceql::poll_date<"yyyy-MM-dd'T'HH:mm:ss'Z'"> && ceql::field<"isInactive"> == false;
}

TEST_CASE("comparisons, values and field names", "[resource][ceql]") {
  STATIC_REQUIRE((ceql::field<"status"> != "closed").view() == "status!='closed'");
  STATIC_REQUIRE((ceql::field<"name"> == "O'Reilly").view() == "name='O''Reilly'");
  STATIC_REQUIRE((ceql::field<"amount"> > -42).view() == "amount>-42");
  STATIC_REQUIRE((ceql::field<"amount"> <= 1000000).view() == "amount<=1000000");
  STATIC_REQUIRE((ceql::field<"amount"> < 0).view() == "amount<0");
  STATIC_REQUIRE((ceql::field<"active"> == true).view() == "active=true");
  STATIC_REQUIRE((ceql::field<"metaData.lastUpdateTime"> >= ceql::raw<"'${epoch}'">).view() ==
                 "`metaData.lastUpdateTime`>='${epoch}'");
  STATIC_REQUIRE((ceql::field<"lastModifiedDate"> >= ceql::poll_date<"yyyy-MM-dd'T'HH:mm:ss'Z'">).view() ==
                 "lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'");
  STATIC_REQUIRE(ceql::like(ceql::field<"companyName">, "Acme%").view() == "companyName LIKE 'Acme%'");
  STATIC_REQUIRE(ceql::in(ceql::field<"status">, "open", "it's", 3).view() == "status IN ('open','it''s',3)");
  STATIC_REQUIRE(ceql::is_null(ceql::field<"parent">).view() == "parent IS NULL");
  STATIC_REQUIRE(ceql::is_not_null(ceql::field<"custom-field">).view() == "`custom-field` IS NOT NULL");
  CHECK(ceql::quoted("O'Reilly") == "'O''Reilly'");
}

TEST_CASE("AND, OR and parentheses", "[resource][ceql]") {
  constexpr auto a = ceql::field<"a"> == 1;
  constexpr auto b = ceql::field<"b"> == 2;
  constexpr auto c = ceql::field<"c"> == 3;
  STATIC_REQUIRE((a && b).view() == "a=1 AND b=2");
  STATIC_REQUIRE((a || b).view() == "a=1 OR b=2");
  STATIC_REQUIRE(((a || b) && c).view() == "(a=1 OR b=2) AND c=3");
  STATIC_REQUIRE((a && (b || c)).view() == "a=1 AND (b=2 OR c=3)");
  STATIC_REQUIRE((a && b || c).view() == "a=1 AND b=2 OR c=3");
  STATIC_REQUIRE((a && b && c).view() == "a=1 AND b=2 AND c=3");
  STATIC_REQUIRE(ceql::group(a && b).view() == "(a=1 AND b=2)");
  CHECK((a && b).str() == "a=1 AND b=2");
}

TEST_CASE("a descriptor's date filter in a compile-time URL template", "[resource][ceql]") {
  STATIC_REQUIRE(netsuite_filter.view() ==
                 "lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}' AND isInactive=false");
  using url = erpoll::url_template<ceql::with_where<"/hubs/erp/customers", netsuite_filter>()>;
  STATIC_REQUIRE(url::text() ==
                 "/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}' AND isInactive=false");
  const erpoll::instant t{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + 17h};
  CHECK(url::expand(t) ==
        "/hubs/erp/customers?where=lastModifiedDate%3E%3D%272026-12-03T17:00:00Z%27%20AND%20isInactive%3Dfalse");
}
