// Page extraction: records with their exact raw bytes, typed members, per-record errors, malformed pages.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Address {
  BOOST_HANA_DEFINE_STRUCT(Address, (std::string, city), (std::optional<std::string>, zip));
};

struct Tickets {
  static constexpr erpoll::fixed_string name = "tickets";
  static constexpr erpoll::fixed_string url = "/api/tickets?since=${epoch:s}";
  BOOST_HANA_DEFINE_STRUCT(Tickets,
      (erpoll::id_field<"ticket-id">, id),
      (erpoll::updated_field<"seconds", erpoll::utc, "meta.updated">, updated),
      (erpoll::created_field<"yyyy-MM-dd HH:mm", erpoll::zone_named<"America/New_York">, "meta.created">, created),
      (erpoll::json_at<"custom-priority", int>, priority),
      (std::optional<bool>, open),
      (std::optional<double>, cost),
      (std::vector<std::string>, tags),
      (std::optional<Address>, address));
};

using Invoices = erpoll::netsuite::Invoices;

erpoll::instant at_seconds(long long s) { return erpoll::instant{std::chrono::seconds{s}}; }

}  // namespace

TEST_CASE("a NetSuite page: ids, dates, members and the exact raw bytes", "[page]") {
  const std::string first = R"({"internalId": "14682", "tranId": "INV10000925", "createdDate": "2018-08-20T15:29:06Z",
    "lastModifiedDate": "2018-08-20T15:29:06Z", "total": 12.5, "custom": {"a": [1, 2, {"b": null}], "c": "x\"y"}})";
  const std::string second = R"({"internalId":42,"createdDate":null,"lastModifiedDate":"2018-08-20T15:30:00Z"})";
  const std::string page = "[\n  " + first + ",\n  " + second + "\n]\n";
  const auto result = erpoll::extract_page<Invoices>(page);
  REQUIRE(result);
  REQUIRE(result->records.size() == 2);
  CHECK(result->errors.empty());
  const auto& a = result->records[0];
  CHECK(a.index == 0);
  CHECK(a.raw == first);  // the exact bytes, whitespace and escapes included
  CHECK(a.value.internalId.value == "14682");
  CHECK(a.value.tranId == "INV10000925");
  CHECK(a.value.total == 12.5);
  CHECK(a.value.lastModifiedDate.value == at_seconds(1534778946));
  CHECK(a.value.createdDate.value == at_seconds(1534778946));
  const auto& b = result->records[1];
  CHECK(b.raw == second);
  CHECK(b.value.internalId.value == "42");  // a numeric id as its JSON text
  CHECK_FALSE(b.value.createdDate.value.has_value());
  CHECK_FALSE(b.value.tranId.has_value());
}

TEST_CASE("typed members: nested paths, keys that are no identifiers, optionals, vectors, structs", "[page]") {
  const std::string page = R"({"total": 2, "items": [
    {"ticket-id": "T-1", "meta": {"updated": 1700000000, "created": "2026-11-01 01:30"}, "custom-priority": 3,
     "open": true, "cost": 1e2, "tags": ["a", "b\u00e9"], "address": {"city": "Z\u00fcrich", "zip": null}},
    {"ticket-id": "T-2", "meta": {"updated": "1700000001.5"}, "custom-priority": -1, "tags": []}
  ], "next": null})";
  const auto result = erpoll::extract_page<Tickets>(page, {.items_key = "items"});
  REQUIRE(result);
  for (const auto& e : result->errors) FAIL_CHECK(e.message());
  REQUIRE(result->records.size() == 2);
  const Tickets& t = result->records[0].value;
  CHECK(t.id.value == "T-1");
  CHECK(t.updated.value == at_seconds(1700000000));
  // naive local time in New York's overlap: the earlier offset (EDT)
  CHECK(t.created.value == erpoll::instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}} + 5h + 30min);
  CHECK(t.priority.value == 3);
  CHECK(t.open == true);
  CHECK(t.cost == 100.0);
  CHECK(t.tags == std::vector<std::string>{"a", "b\xC3\xA9"});
  REQUIRE(t.address.has_value());
  CHECK(t.address->city == "Z\xC3\xBCrich");
  CHECK_FALSE(t.address->zip.has_value());
  const Tickets& u = result->records[1].value;
  CHECK(u.updated.value == at_seconds(1700000001) + 500ms);
  CHECK_FALSE(u.created.value.has_value());
  CHECK_FALSE(u.open.has_value());
  CHECK(u.tags.empty());
}

TEST_CASE("a bad record is reported and the rest still extract", "[page]") {
  const std::string page = R"([
    {"internalId": "1", "lastModifiedDate": "2018-08-20T15:29:06Z"},
    {"lastModifiedDate": "2018-08-20T15:29:06Z"},
    {"internalId": "3", "lastModifiedDate": "yesterday at noon, give or take a few hours, in some zone or other, who knows really"},
    {"internalId": true, "lastModifiedDate": "2018-08-20T15:29:06Z"},
    {"internalId": "5", "lastModifiedDate": "2018-08-20T15:29:06Z", "total": "12"},
    [1, 2],
    {"internalId": "7", "lastModifiedDate": "2018-08-20T15:29:06Z"}
  ])";
  std::vector<erpoll::record_error> errors;
  std::vector<std::string> ids;
  const auto summary = erpoll::extract_page<Invoices>(
      page, [&](erpoll::record<Invoices>&& r) { ids.push_back(r.value.internalId.value); },
      [&](erpoll::record_error&& e) { errors.push_back(std::move(e)); });
  REQUIRE(summary);
  CHECK(summary->records == 7);
  CHECK(summary->extracted == 2);
  CHECK(ids == std::vector<std::string>{"1", "7"});
  REQUIRE(errors.size() == 5);  // nothing dropped silently: 2 + 5 == 7
  CHECK(errors[0].index == 1);
  CHECK(errors[0].field == "internalId");
  CHECK(errors[0].reason == "missing");
  CHECK(errors[1].index == 2);
  CHECK(errors[1].field == "lastModifiedDate");
  CHECK(errors[1].reason == "expected digits for the year (y)");
  CHECK(errors[1].text.size() == 80);  // clipped
  CHECK(errors[1].text.ends_with("..."));
  CHECK(errors[2].field == "internalId");
  CHECK(errors[2].reason == "the id must be a string or a number");
  CHECK(errors[2].text == "true");
  CHECK(errors[3].field == "total");
  CHECK(errors[3].reason == "expected a number");
  CHECK(errors[4].index == 5);
  CHECK(errors[4].reason == "a record must be a JSON object");
  CHECK(page.substr(errors[4].offset, 6) == "[1, 2]");
  CHECK_THAT(errors[0].message(), Catch::StartsWith("record 1 (byte "));
}

TEST_CASE("duplicate keys: the last one wins", "[page]") {
  const auto result = erpoll::extract_page<Invoices>(
      R"([{"internalId": "old", "lastModifiedDate": "2018-08-20T15:29:06Z", "internalId": "new"}])");
  REQUIRE(result);
  REQUIRE(result->records.size() == 1);
  CHECK(result->records[0].value.internalId.value == "new");
}

TEST_CASE("malformed pages give the byte offset", "[page]") {
  struct bad_page {
    std::string text;
    std::size_t offset;
    std::string reason;
  } cases[] = {
      {R"([{"internalId": "1", ]})", 21, "expected a string"},
      {R"([{"internalId": "1"})", 20, "expected ',' or ']' between records"},
      {R"([{"internalId": "1}])", 16, "a string is not closed"},
      {R"([{"internalId": 01}])", 17, "expected ',' or '}' in an object"},
      {R"([{"a": tru}])", 7, "an invalid literal (expected true, false or null)"},
      {"[{\"a\": \"x\ty\"}]", 9, "a control character inside a string"},
      {"[] trailing", 3, "unexpected text after the page"},
      {R"("just a string")", 0, "a page must be a JSON array of records, or an object holding one"},
      {R"({"items": []})", 0, "the page is an object: configure the key that holds its records"},
      {"", 0, "a page must be a JSON array of records, or an object holding one"},
      {std::string(600, '[') + std::string(600, ']'), 513, "the JSON nests deeper than 512 levels"},
  };
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 40));
    const auto r = erpoll::extract_page<Invoices>(c.text);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == c.reason);
    CHECK(r.error().offset == c.offset);
  }
  const auto missing = erpoll::extract_page<Invoices>(R"({"data": []})", {.items_key = "items"});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().reason == "the page has no key \"items\"");
  const auto empty = erpoll::extract_page<Invoices>(" [ ] ");
  REQUIRE(empty);
  CHECK(empty->records.empty());
}

TEST_CASE("the JSON scanner unescapes strings", "[page]") {
  erpoll::detail::json_scanner s(R"("a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x")");
  erpoll::detail::json_span v;
  REQUIRE(s.read_string(v));
  CHECK(v.escaped);
  CHECK(erpoll::detail::unescape(v) == "a\"b\\c/d\n\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBDx");
}

TEST_CASE("a dynamic resource extracts the same way", "[page][dynamic]") {
  erpoll::dynamic_resource_options o;
  o.name = "invoices";
  o.url = "/hubs/erp/invoices?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
  o.id_path = "internalId";
  o.updated_path = "lastModifiedDate";
  o.updated_format = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  o.created_path = "createdDate";
  o.members = {{"tranId", "tranId", erpoll::dynamic_value_type::string},
               {"total", "total", erpoll::dynamic_value_type::number},
               {"lines", "summary.lines", erpoll::dynamic_value_type::integer},
               {"paid", "paid", erpoll::dynamic_value_type::boolean}};
  const erpoll::dynamic_resource resource{o};
  const std::string first = R"({"internalId": "14682", "tranId": "INV1", "createdDate": "2018-08-20T15:29:06Z",
    "lastModifiedDate": "2018-08-20T15:29:06Z", "total": 12.5, "summary": {"lines": 3}, "paid": false})";
  const std::string page = "[" + first + R"(, {"internalId": 9, "lastModifiedDate": "2018-08-20T15:30:00Z"},
    {"internalId": "x", "lastModifiedDate": "2018-08-20T15:30:00Z", "summary": {"lines": 1.5}}])";
  std::vector<erpoll::dynamic_record> records;
  std::vector<erpoll::record_error> errors;
  const auto summary = erpoll::extract_page(
      resource, page, [&](erpoll::dynamic_record&& r) { records.push_back(std::move(r)); },
      [&](erpoll::record_error&& e) { errors.push_back(std::move(e)); });
  REQUIRE(summary);
  CHECK(summary->records == 3);
  REQUIRE(records.size() == 2);
  CHECK(records[0].raw == first);
  CHECK(records[0].id == "14682");
  CHECK(records[0].updated == at_seconds(1534778946));
  CHECK(records[0].created == at_seconds(1534778946));
  CHECK(std::get<std::string>(records[0].members[0]) == "INV1");
  CHECK(std::get<double>(records[0].members[1]) == 12.5);
  CHECK(std::get<std::int64_t>(records[0].members[2]) == 3);
  CHECK(std::get<bool>(records[0].members[3]) == false);
  CHECK(records[1].id == "9");
  CHECK_FALSE(records[1].created.has_value());
  CHECK(std::holds_alternative<std::monostate>(records[1].members[0]));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].index == 2);
  CHECK(errors[0].field == "summary.lines");
  CHECK(errors[0].reason == "expected a whole number");
  CHECK(errors[0].text == "1.5");
}
