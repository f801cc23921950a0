// Event notifications: the Cloud Elements format, exact raw records, batching, stable ids, signatures.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

erpoll::instant at(long long seconds) { return erpoll::instant{std::chrono::seconds{seconds}}; }

erpoll::notification_context invoices_context() {
  erpoll::notification_context ctx;
  ctx.instance_name = "Local netsuite";
  ctx.instance_tags = {"Local netsuite", "a \"quoted\" tag"};
  ctx.object_type = "invoices";
  ctx.poll_date = erpoll::instant{1534778974827ms};
  return ctx;
}

std::vector<erpoll::event> sample_events(int n) {
  std::vector<erpoll::event> events;
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(14682 + i);
    // raw bytes with spacing and escapes that a re-serialisation would change
    const std::string raw = "{ \"internalId\" : \"" + id +
                            "\", \"memo\": \"caf\\u00e9 \\\"x\\\"\", \"lastModifiedDate\": \"2018-08-20T15:29:06Z\" }";
    events.push_back({erpoll::event_id("instance", "invoices", id, at(1534778946)),
                      i % 2 ? erpoll::change_kind::updated : erpoll::change_kind::created, id, at(1534778946), raw});
  }
  return events;
}

}  // namespace

TEST_CASE("a notification in the Cloud Elements format", "[event]") {
  const auto events = sample_events(2);
  const auto notifications = erpoll::build_notifications(invoices_context(), events);
  REQUIRE(notifications.size() == 1);
  const auto& n = notifications[0];
  const auto body = nlohmann::json::parse(n.body);
  CHECK(body["id"] == n.id);
  const auto& m = body["message"];
  CHECK(m["elementKey"] == "netsuiteerpv2");
  CHECK(m["instanceName"] == "Local netsuite");
  CHECK(m["instanceTags"][1] == "a \"quoted\" tag");
  CHECK(m["raw"]["objectType"] == "invoices");
  CHECK(m["raw"]["pollDate"] == 1534778974827);
  REQUIRE(m["raw"]["invoices"].size() == 2);
  CHECK(m["raw"]["invoices"][0]["memo"] == "caf\xC3\xA9 \"x\"");
  REQUIRE(m["events"].size() == 2);
  const auto& e = m["events"][0];
  CHECK(e["eventType"] == "CREATED");
  CHECK(m["events"][1]["eventType"] == "UPDATED");
  CHECK(e["objectId"] == "14682");
  CHECK(e["objectType"] == "invoices");
  CHECK(e["elementKey"] == "netsuiteerpv2");
  CHECK(e["hubKey"] == "erp");
  CHECK(e["date"] == "2018-08-20T15:29:06Z");
  CHECK(e["pollDate"] == "2018-08-20T15:29:34.827000Z");
  CHECK(e["eventId"] == events[0].event_id);
  // the records' exact bytes are in the body, not a re-serialisation
  CHECK(n.body.find(events[0].raw) != std::string::npos);
  CHECK(n.body.find(events[1].raw) != std::string::npos);
}

TEST_CASE("batches of at most 10 events, ids stable and derived from the events", "[event]") {
  const auto events = sample_events(23);
  const auto notifications = erpoll::build_notifications(invoices_context(), events);
  REQUIRE(notifications.size() == 3);
  CHECK(notifications[0].event_ids.size() == 10);
  CHECK(notifications[1].event_ids.size() == 10);
  CHECK(notifications[2].event_ids.size() == 3);
  CHECK(notifications[2].event_ids.back() == events.back().event_id);
  const auto again = erpoll::build_notifications(invoices_context(), events);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(again[i].id == notifications[i].id);
    CHECK(again[i].body == notifications[i].body);
  }
  CHECK(notifications[0].id != notifications[1].id);
  CHECK(erpoll::build_notifications(invoices_context(), events, 5).size() == 5);
  CHECK(erpoll::build_notifications(invoices_context(), {}).empty());
  CHECK_THROWS_AS(erpoll::build_notifications(invoices_context(), events, 0), std::invalid_argument);
}

TEST_CASE("signatures match independently computed HMAC-SHA256", "[event]") {
  // Python: base64.b64encode(hmac.new(b"secret-key", b'{"hello":"world"}', hashlib.sha256).digest())
  CHECK(erpoll::webhook_signature("secret-key", R"({"hello":"world"})") ==
        "sha256=B1ptqIFF2/Al6HbPjrZRyphGuOsycPcuuuO8+wbhQgU=");
  CHECK(erpoll::webhook_signature("", "") == "sha256=thNnmggU2ex3L5XXeMNfxf8Wl8STcVZTxscSFEKSxa0=");
  const auto n = erpoll::build_notifications(invoices_context(), sample_events(1))[0];
  const auto headers = n.headers("secret-key");
  REQUIRE(headers.size() == 3);
  CHECK(headers[1] == std::pair<std::string, std::string>{"elements-webhook-id", n.id});
  CHECK(headers[2].first == "Elements-Webhook-Signature");
  CHECK(headers[2].second == erpoll::webhook_signature("secret-key", n.body));
  CHECK(n.headers("").size() == 2);  // no key, no signature
}
