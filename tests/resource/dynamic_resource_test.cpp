// dynamic_resource: a resource described at run time, its documented defaults and its errors.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

TEST_CASE("a dynamic resource as the reference's v2 example describes it", "[resource][dynamic]") {
  erpoll::dynamic_resource_options o;
  o.name = "customers";
  o.url = "/hubs/finance/customers?where=lastModifiedDate>'${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'";
  o.id_path = "internalId";
  o.updated_path = "lastModifiedDate";
  o.updated_format = "milliseconds";
  o.created_path = "dateCreated";
  o.members.push_back({"company", "companyName", erpoll::dynamic_value_type::string});
  const erpoll::dynamic_resource r{o};
  CHECK(r.name() == "customers");
  CHECK(r.id_path() == "internalId");
  CHECK(r.updated().json_path == "lastModifiedDate");
  CHECK(r.updated().zone.name() == "GMT");  // the documented default
  REQUIRE(r.created());
  CHECK(r.created()->format.pattern() == "milliseconds");  // created defaults to the updated format and zone
  CHECK(r.created()->zone.name() == "GMT");
  const auto t = r.updated().format.parse("1534778974827", r.updated().zone);
  REQUIRE(t);
  CHECK(r.url().expand(*t) == "/hubs/finance/customers?where=lastModifiedDate%3E%272018-08-20T15:29:34Z%27");
  CHECK(r.members().size() == 1);
}

TEST_CASE("every problem of a dynamic resource is reported at once", "[resource][dynamic]") {
  erpoll::dynamic_resource_options o;
  o.name = "invoices";
  o.url = "/x?d=${lastPoll}";
  o.updated_path = "lastModifiedDate";
  o.updated_format = "yyyy-QQ";
  o.updated_zone = "Mars/Olympus";
  o.created_path = "createdDate";
  o.created_zone = "<INSERT_ZONE>";
  try {
    erpoll::dynamic_resource r{o};
    FAIL("no error");
  } catch (const erpoll::config_error& e) {
    const std::string m = e.what();
    CHECK_THAT(m, Catch::StartsWith("erpoll: resource \"invoices\" is misconfigured:"));
    CHECK_THAT(m, Catch::Contains("url: erpoll: invalid URL template"));
    CHECK_THAT(m, Catch::Contains("updatedDateFormat: erpoll: invalid date pattern \"yyyy-QQ\""));
    CHECK_THAT(m, Catch::Contains("updatedDateTimezone: erpoll: unknown time zone \"Mars/Olympus\""));
    CHECK_THAT(m, Catch::Contains("createdDateTimezone: erpoll: unknown time zone \"<INSERT_ZONE>\""));
  }
}
