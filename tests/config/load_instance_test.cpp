// The instance JSON loader: the seed's examples, placeholders, every per-resource key, the legacy urls, the
// environment, and the examples the JSON Schema is checked against (tests/data/instances/).
#include <erpoll/config/load_instance.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>

namespace {

namespace fs = std::filesystem;
const fs::path data = fs::path(ERPOLL_TEST_DATA_DIR) / "instances";
const fs::path examples = fs::path(ERPOLL_EXAMPLES_DIR) / "instances";

erpoll::load_options no_environment(std::map<std::string, std::string> env = {}) {
  erpoll::load_options o;
  o.environment = [env](const std::string& name) -> std::optional<std::string> {
    if (auto it = env.find(name); it != env.end()) return it->second;
    return std::nullopt;
  };
  return o;
}

erpoll::instance_config load(std::string_view text, std::map<std::string, std::string> env = {}) {
  return erpoll::load_instance(text, no_environment(std::move(env)));
}

std::vector<std::string> problems_of(std::string_view text, std::map<std::string, std::string> env = {}) {
  try {
    (void)load(text, std::move(env));
  } catch (const erpoll::instance_config_error& e) {
    return e.problems();
  }
  return {};
}

bool any_contains(const std::vector<std::string>& lines, std::string_view a, std::string_view b = "") {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(a) != std::string::npos && l.find(b) != std::string::npos;
  });
}

// A minimal valid instance, with `extra` spliced into the top level and `resource` as customers' entry.
std::string instance(std::string extra = "", std::string resource = "{}") {
  return R"({"element": {"key": "netsuiteerpv2"}, "event.notification.enabled": true,
             "event.notification.callback.url": "http://127.0.0.1:9/events",
             "event.poller.configuration": {"customers": )" +
         resource + "}" + (extra.empty() ? "" : ", " + extra) + "}";
}

}  // namespace

TEST_CASE("instance: the seed's examples with their placeholders filled in load unchanged", "[config]") {
  for (const char* file : {"seed-example-1.json", "seed-example-2.json"}) {
    INFO(file);
    const auto c = erpoll::load_instance_file(examples / file, no_environment());
    CHECK(c.element_key == "netsuiteerpv2");
    CHECK(c.name == "NetSuite from the seed");
    CHECK(c.tags == std::vector<std::string>{"erpoll demo"});
    CHECK(c.callback_url == "http://mycoolapp.com");
    CHECK(c.refresh_interval.count() == 15.0);
    const auto* basic = std::get_if<erpoll::basic_auth>(&c.auth.scheme);
    REQUIRE(basic);
    CHECK(basic->username == "demo");
    CHECK(basic->password.reveal() == "demo-password");
    REQUIRE(c.resources.size() == 1);
    const auto& r = c.resources[0];
    CHECK(r.name == "customers");
    CHECK_FALSE(r.catalogue_index);  // its own URL and fields: the run-time engine
    CHECK(r.description.id_path == "id");
    CHECK(r.description.updated_path == "updated_at");
    CHECK(r.description.created_path == "created_at");
    CHECK(r.hub_key == "finance");
    CHECK(c.element_settings.size() == 4);  // netsuite.accountId, .sandbox, .sso.roleId, .appId: no warnings
    const bool trailing_comma = std::string(file) == "seed-example-2.json";
    CHECK(any_contains(c.warnings, "a comma before '}'") == trailing_comma);
    CHECK(c.warnings.size() == (trailing_comma ? 1u : 0u));
  }
}

TEST_CASE("instance: the seed's examples as printed name every placeholder, all at once", "[config]") {
  for (const char* file : {"seed-verbatim-1.json", "seed-verbatim-2.json"}) {
    INFO(file);
    try {
      (void)erpoll::load_instance_file(data / file, no_environment());
      FAIL("loaded");
    } catch (const erpoll::instance_config_error& e) {
      const auto& p = e.problems();
      CHECK(any_contains(p, "/configuration/user.username", "\"<INSERT_NETSUITE_USERNAME>\" is a placeholder"));
      CHECK(any_contains(p, "/configuration/user.password", "\"<INSERT_NETSUITE_PASSWORD\""));
      CHECK(any_contains(p, "/configuration/netsuite.accountId", "placeholder"));
      CHECK(any_contains(p, "/configuration/netsuite.appId", "placeholder"));
      CHECK(any_contains(p, "/event.poller.refresh_interval", "\"<minutes>\" is a placeholder"));
      CHECK(any_contains(p, "/name", "\"<INSERT_INSTANCE_NAME>\""));
      CHECK(any_contains(p, "/tags/0", "\"<INSERT_TAGS>\""));
      CHECK(p.size() == 7);
      CHECK_THAT(e.what(), Catch::StartsWith("erpoll: ") && Catch::Contains("7 problems"));
    }
  }
}

TEST_CASE("instance: invalid JSON is reported with line and column", "[config]") {
  try {
    (void)load("{\n  \"element\": {\"key\": \"x\"},\n  \"name\" \"oops\"\n}");
    FAIL("loaded");
  } catch (const erpoll::config_error& e) {
    CHECK_THAT(e.what(), Catch::StartsWith("instance:3:10: invalid JSON: "));
  }
  const auto p = problems_of(R"({"element": {"key": "netsuiteerpv2"}, "event.notification.enabled": "true",
      "event.notification.callback.url": "http://127.0.0.1:9/e", "event.poller.configuration": "{\"customers\": {]"})");
  REQUIRE(p.size() == 1);  // ...and inside an escaped string, the position is the string's own
  CHECK_THAT(p[0], Catch::Contains("(a JSON string):1:16: invalid JSON"));
}

TEST_CASE("instance: booleans and numbers as strings, event keys inside configuration, the escaped form",
          "[config]") {
  const auto c = load(R"({"element": {"key": "netsuiteerpv2"},
      "configuration": {"event.notification.enabled": "true", "event.notification.callback.url": "https://h.example/cb",
                        "event.poller.refresh_interval": "0.5", "base.url": "http://127.0.0.1:8080/elements/api-v2",
        "event.poller.configuration": "{\"invoices\": {\"pageSize\": \"25\", \"pollDelay\": \"30\", \"filterByCurrentDate\": \"true\"}}"}})");
  CHECK(c.refresh_interval.count() == 0.5);
  CHECK(c.base_url == "http://127.0.0.1:8080/elements/api-v2");
  REQUIRE(c.resources.size() == 1);
  const auto& r = c.resources[0];
  CHECK(r.name == "invoices");
  CHECK(r.pagination.page_size == 25);
  CHECK(r.change.poll_delay == std::chrono::seconds(30));
  CHECK(r.change.filter_by_current_date);
  CHECK(r.catalogue_index);  // nothing of its description changed: the compile-time engine
  CHECK(r.catalogue_type == "erpoll::netsuite::Invoices");
  CHECK(std::holds_alternative<erpoll::no_auth>(c.auth.scheme));
}

TEST_CASE("instance: every per-resource key, and catalogue defaults", "[config]") {
  const auto c = load(instance("", R"({"url": "/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ssXXX}'",
      "idField": "fields.internalId", "pageSize": 10, "pollDelay": 5, "createdCheckTolerance": 2,
      "filterByUpdatedDate": false, "filterByCurrentDate": true, "pagination": "page", "maxPages": 7, "firstPage": 0,
      "keyset": true, "itemsKey": "items",
      "datesConfiguration": {"updatedDateField": "modified", "updatedDateFormat": "milliseconds",
                             "updatedDateTimezone": "America/New_York", "createdDateField": "created"}})"));
  REQUIRE(c.resources.size() == 1);
  const auto& r = c.resources[0];
  CHECK_FALSE(r.catalogue_index);
  CHECK(r.description.id_path == "fields.internalId");
  CHECK(r.description.updated_format == "milliseconds");
  CHECK(r.description.updated_zone == "America/New_York");
  CHECK(r.description.created_path == "created");
  CHECK(r.description.created_format.empty());  // defaults to the updated one's
  CHECK(r.pagination.page_size == 10);
  CHECK(r.pagination.mode == erpoll::pagination_mode::page_number);
  CHECK(r.pagination.max_pages == 7);
  CHECK(r.pagination.first_page == 0);
  CHECK(r.change.poll_delay == std::chrono::seconds(5));
  CHECK(r.change.created_check_tolerance == std::chrono::seconds(2));
  CHECK_FALSE(r.change.filter_by_updated_date);
  CHECK(r.change.filter_by_current_date);
  CHECK(r.keyset);
  CHECK(r.items_key == "items");
  const auto o = c.poller_options_for(r, erpoll::http_url::parse("http://127.0.0.1:1/x"));
  CHECK(o.page.items_key == "items");
  CHECK(o.pagination.max_pages == 7);
  CHECK(o.instance_id == "netsuiteerpv2");  // the name, which defaults to the element key

  const auto plain = load(instance());  // "customers": {} is the catalogue's Customers
  REQUIRE(plain.resources.size() == 1);
  CHECK(plain.resources[0].catalogue_index == 0u);
  CHECK(plain.resources[0].description.updated_path == "lastModifiedDate");
  CHECK(plain.resources[0].pagination.page_size == 200);
  CHECK(plain.refresh_interval.count() == 15.0);
}

TEST_CASE("instance: all 11 catalogue resources of the demo run on the compile-time engine", "[config]") {
  const auto c = erpoll::load_instance_file(examples / "demo.json", no_environment());
  REQUIRE(c.resources.size() == 11);
  for (const auto& r : c.resources) {
    INFO(r.name);
    CHECK(r.catalogue_index);
    CHECK(r.keyset);
  }
  CHECK(c.warnings.empty());
}

TEST_CASE("instance: problems of resources are all reported, each naming its key", "[config]") {
  const auto p = problems_of(R"({"element": {"key": "netsuiteerpv2"}, "event.notification.enabled": true,
      "event.notification.callback.url": "ftp://nope", "event.poller.refresh_interval": 0,
      "event.poller.configuration": {
        "customers": {"pageSize": 0, "pollDelay": -1, "filterByUpdatedDate": "yes"},
        "widgets": {"idField": "id"},
        "invoices": {"datesConfiguration": {"updatedDateFormat": "yyyy-QQ", "updatedDateTimezone": "Mars/Olympus"}},
        "vendors": {"url": "/hubs/erp/vendors?where=x>'${date:yyyy'"}}})");
  CHECK(any_contains(p, "/event.notification.callback.url", "ftp://nope"));
  CHECK(any_contains(p, "/event.poller.refresh_interval", "more than 0 minutes"));
  CHECK(any_contains(p, "/event.poller.configuration/customers/pageSize", "more than 0"));
  CHECK(any_contains(p, "/event.poller.configuration/customers/pollDelay", "at least 0 seconds"));
  CHECK(any_contains(p, "/event.poller.configuration/customers/filterByUpdatedDate", "true or false"));
  CHECK(any_contains(p, "/event.poller.configuration/widgets/url", "not a catalogue resource"));
  CHECK(any_contains(p, "/event.poller.configuration/widgets/datesConfiguration/updatedDateField", "missing"));
  CHECK(any_contains(p, "/event.poller.configuration/invoices: updatedDateFormat"));
  CHECK(any_contains(p, "/event.poller.configuration/invoices: updatedDateTimezone", "Mars/Olympus"));
  CHECK(any_contains(p, "/event.poller.configuration/vendors: url"));
  CHECK(p.size() == 10);
}

TEST_CASE("instance: unknown keys are warnings naming them", "[config]") {
  const auto c = load(instance(R"("event.poller.refresh_intervall": 5, "configuration": {"event.notification.enabeld": true})",
                               R"({"pagesize": 5, "datesConfiguration": {"updatedDateFeld": "x"}})"));
  CHECK(any_contains(c.warnings, "/event.poller.refresh_intervall", "unknown key"));
  CHECK(any_contains(c.warnings, "/configuration/event.notification.enabeld", "unknown key"));
  CHECK(any_contains(c.warnings, "/event.poller.configuration/customers/pagesize", "unknown key"));
  CHECK(any_contains(c.warnings, "/event.poller.configuration/customers/datesConfiguration/updatedDateFeld"));
  CHECK(c.warnings.size() == 4);
}

TEST_CASE("instance: events off, a webhook vendor type, no resources", "[config]") {
  CHECK(any_contains(problems_of(R"({"element": {"key": "netsuiteerpv2"}, "event.notification.callback.url": "http://a/b",
                                     "event.poller.configuration": {"customers": {}}})"),
                     "/event.notification.enabled", "events are off"));
  CHECK(any_contains(problems_of(instance(R"("event.vendor.type": "webhook")")), "/event.vendor.type", "polling"));
  CHECK(any_contains(problems_of(R"({"element": {"key": "netsuiteerpv2"}, "event.notification.enabled": true,
                                     "event.notification.callback.url": "http://a/b"})"),
                     "/event.poller.configuration", "missing"));
  CHECK(any_contains(problems_of("[1]"), "/: an instance must be a JSON object"));
}

TEST_CASE("instance: the legacy event.poller.urls", "[config]") {
  const auto c = load(R"({"element": {"key": "netsuiteerpv2"}, "event.notification.enabled": true,
      "event.notification.callback.url": "http://127.0.0.1:9/e",
      "event.poller.urls": "vendors|employees\ncontacts|/hubs/crm/contacts?where=updated>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'||updated|yyyy-MM-dd'T'HH:mm:ss'Z'|UTC|created"})");
  REQUIRE(c.resources.size() == 3);
  CHECK(c.resources[0].name == "contacts");  // (JSON objects keep their keys sorted)
  CHECK(c.resources[0].description.updated_path == "updated");
  CHECK(c.resources[0].description.updated_zone == "UTC");
  CHECK(c.resources[0].description.created_path == "created");
  CHECK(c.resources[0].hub_key == "crm");
  CHECK(c.resources[1].name == "employees");
  CHECK(c.resources[1].catalogue_index);
  CHECK(c.resources[2].name == "vendors");
}

TEST_CASE("instance: secrets from the environment win, and are masked in the effective configuration", "[config]") {
  const std::string text = instance(R"("configuration": {"authentication.type": "Basic", "user.username": "file-user",
                                        "user.password": "<INSERT_NETSUITE_PASSWORD>"})");
  CHECK(any_contains(problems_of(text), "/configuration/user.password", "placeholder"));
  const auto c = load(text, {{"ERPOLL_PASSWORD", "from-env"}, {"ERPOLL_SIGNATURE_KEY", "sig-from-env"}});
  const auto* basic = std::get_if<erpoll::basic_auth>(&c.auth.scheme);
  REQUIRE(basic);
  CHECK(basic->username == "file-user");
  CHECK(basic->password.reveal() == "from-env");
  CHECK(c.signature_key.reveal() == "sig-from-env");
  const std::string shown = c.effective().dump();
  CHECK_THAT(shown, !Catch::Contains("from-env") && Catch::Contains("\"user.password\":\"***\""));
  CHECK_THAT(shown, Catch::Contains("compile-time descriptor erpoll::netsuite::Customers"));

  const auto ce = load(instance(R"("configuration": {"authentication.type": "elements"})"),
                       {{"ERPOLL_USER_SECRET", "u"}, {"ERPOLL_ORGANIZATION_SECRET", "o"}, {"ERPOLL_ELEMENT_TOKEN", "t"}});
  CHECK(erpoll::authorization_value(ce.auth) == "User u, Organization o, Element t");
  CHECK(any_contains(problems_of(instance(R"("configuration": {"authentication.type": "elements"})")),
                     "erpoll.element.token", "ERPOLL_ELEMENT_TOKEN"));
  CHECK(any_contains(problems_of(instance(R"("configuration": {"authentication.type": "OAuth2"})")),
                     "/configuration/authentication.type", "\"OAuth2\""));
}

TEST_CASE("instance: the examples the JSON Schema is checked against", "[config][schema]") {
  std::size_t valid = 0, invalid = 0;
  for (const auto& entry : fs::directory_iterator(data / "valid")) {
    INFO(entry.path().string());
    CHECK_NOTHROW(erpoll::load_instance_file(entry.path(), no_environment()));
    ++valid;
  }
  for (const auto& entry : fs::directory_iterator(data / "invalid")) {
    INFO(entry.path().string());
    CHECK_THROWS_AS(erpoll::load_instance_file(entry.path(), no_environment()), erpoll::instance_config_error);
    ++invalid;
  }
  for (const auto& entry : fs::directory_iterator(examples)) {
    INFO(entry.path().string());
    CHECK_NOTHROW(erpoll::load_instance_file(entry.path(), no_environment()));
    ++valid;
  }
  CHECK(valid >= 8);
  CHECK(invalid >= 8);
}
