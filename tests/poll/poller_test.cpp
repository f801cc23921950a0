// Poller<R> end to end on 127.0.0.1: a scripted hub, a receiver that fails on command, the memory store and
// the SQLite store. Each scenario of issue 4: steady state, a boundary timestamp shared across pages, a late
// commit inside pollDelay, the callback down then up, hub faults, dead letters, keyset paging under change,
// the in-process sink, dynamic resources, and stop.
#include "../support/run.hpp"
#include "../support/test_hub.hpp"
#include "../support/test_receiver.hpp"
#include "../support/test_server.hpp"

#include <erpoll/netsuite/erp.hpp>
#include <erpoll/poll/poller.hpp>
#include <erpoll/store/memory_store.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

using namespace std::chrono_literals;
using erpoll::instant;
using erpoll::netsuite::Customers;
using erpoll_test::test_reply;

namespace {

const instant t0 = std::chrono::time_point_cast<std::chrono::microseconds>(
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + std::chrono::hours(9));

struct delivered_event {
  std::string id;
  std::string type;
  std::string object_id;
  std::string date;
};

struct world {
  boost::asio::io_context io;
  erpoll_test::test_hub hub;
  erpoll_test::test_receiver receiver{"s3cret-key"};
  erpoll_test::test_server hub_server{io, [this](const erpoll_test::test_request& r) { return hub.handle(r); }};
  erpoll_test::test_server receiver_server{io,
                                           [this](const erpoll_test::test_request& r) { return receiver.handle(r); }};
  erpoll::http_client client{io.get_executor(), quiet_client()};
  erpoll::memory_store store;
  std::vector<std::string> logs;

  static erpoll::http_client_options quiet_client() {
    erpoll::http_client_options o;
    o.log = nullptr;
    o.request_timeout = 2s;
    o.body_timeout = 2s;
    return o;
  }

  erpoll::poller_options options() {
    erpoll::poller_options o;
    o.hub = erpoll::http_url::parse(hub_server.url());
    o.start_from = t0;
    o.instance_id = "test-instance";
    o.context.instance_name = "Local netsuite";
    o.pagination.page_size = 10;
    o.hub_retry.initial = 1ms;
    o.hub_retry.max_delay = 2ms;
    o.delivery_retry.delays = {20ms};
    o.delivery_retry.jitter = 0;
    o.refresh_interval = erpoll::minutes_interval(1.0 / 600);  // 100 ms
    o.log = [this](erpoll::log_level, std::string_view m) { logs.emplace_back(m); };
    return o;
  }

  erpoll::sink webhook() {
    return erpoll::sink::webhook(client, erpoll::http_url::parse(receiver_server.url() + "/events"),
                                 erpoll::secret("s3cret-key"));
  }

  template <class R = Customers, class Store = erpoll::memory_store>
  erpoll::poll_report poll(erpoll::Poller<R, Store>& p) {
    return erpoll_test::run(io, p.poll_now());
  }
  template <class R = Customers, class Store = erpoll::memory_store>
  bool deliver(erpoll::Poller<R, Store>& p) {
    return erpoll_test::run(io, p.deliver_pending());
  }

  // Every event the receiver accepted, in arrival order; each notification's signature checked.
  std::vector<delivered_event> delivered() {
    std::vector<delivered_event> out;
    for (const auto& n : receiver.received()) {
      CHECK(n.signature_ok);
      const auto body = nlohmann::json::parse(n.body);
      CHECK(body["id"] == n.webhook_id);
      const auto& events = body["message"]["events"];
      CHECK(body["message"]["raw"]["customers"].size() == events.size());
      for (const auto& e : events) {
        out.push_back({e["eventId"], e["eventType"], e["objectId"], e["date"]});
      }
    }
    return out;
  }
};

std::string id(int i) { return std::to_string(1000 + i); }

}  // namespace

TEST_CASE("poller: steady state emits each change exactly once, signed, in the Cloud Elements format", "[poll]") {
  world w;
  for (int i = 0; i < 25; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), w.options());

  auto r = w.poll(p);
  REQUIRE(r.ok);
  CHECK_FALSE(r.partial);
  CHECK(r.pages == 3);  // 10 + 10 + 5 (short page: done, although the hub sent a token)
  CHECK(r.records == 25);
  CHECK(r.created == 25);
  CHECK(r.updated == 0);
  CHECK(r.notifications == 3);  // 10 + 10 + 5 events
  CHECK(w.store.outbox_depth("customers") == 3);
  CHECK(w.deliver(p));
  CHECK(w.store.outbox_depth("customers") == 0);
  auto events = w.delivered();
  REQUIRE(events.size() == 25);
  for (int i = 0; i < 25; ++i) {
    CHECK(events[i].object_id == id(i));
    CHECK(events[i].type == "CREATED");
    CHECK(events[i].id == erpoll::event_id("test-instance", "customers", id(i), t0 + std::chrono::seconds(i)));
  }

  // Nothing changed: the `>=` query returns the last record again; the boundary set skips it.
  r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.records == 1);
  CHECK(r.created + r.updated == 0);

  w.hub.update("customers", id(3), t0 + 100s);
  w.hub.create("customers", id(99), t0 + 100s);
  r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.updated == 1);
  CHECK(r.created == 1);
  CHECK(w.deliver(p));
  events = w.delivered();
  REQUIRE(events.size() == 27);
  CHECK(events[25].object_id == id(3));
  CHECK(events[25].type == "UPDATED");
  CHECK(events[25].date == "2026-11-30T09:01:40Z");
  CHECK(events[26].object_id == id(99));
  CHECK(events[26].type == "CREATED");

  r = w.poll(p);
  CHECK(r.created + r.updated == 0);
  const auto m = p.metrics();
  CHECK(m.polls == 4);
  CHECK(m.events_created == 26);
  CHECK(m.events_updated == 1);
  CHECK(m.notifications_delivered == 4);  // 10 + 10 + 5, then both changes in one
  CHECK(m.events_delivered == 27);
  CHECK(m.watermark == t0 + 100s);
  CHECK(m.boundary_size == 2);
  CHECK(m.outbox_depth == 0);
  // One line per poll; nothing in the logs shows the signature key.
  CHECK(std::count_if(w.logs.begin(), w.logs.end(), [](auto& l) { return l.find("poll ok") != std::string::npos; }) == 4);
  for (const auto& l : w.logs) CHECK(l.find("s3cret") == std::string::npos);
}

TEST_CASE("poller: many records on the boundary timestamp, across pages and polls", "[poll]") {
  world w;
  for (int i = 0; i < 25; ++i) w.hub.create("customers", id(i), t0 + 5s);  // one timestamp, three pages
  for (bool keyset : {false, true}) {
    DYNAMIC_SECTION("keyset paging: " << keyset) {
      auto o = w.options();
      o.keyset = keyset;
      erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
      auto r = w.poll(p);
      REQUIRE(r.ok);
      CHECK(r.created == 25);
      // Records committed late with the same timestamp: only they are new.
      for (int i = 25; i < 30; ++i) w.hub.create("customers", id(i), t0 + 5s);
      r = w.poll(p);
      REQUIRE(r.ok);
      CHECK(r.records == 30);
      CHECK(r.created == 5);
      r = w.poll(p);
      CHECK(r.created + r.updated == 0);
      CHECK(w.deliver(p));
      std::set<std::string> ids;
      for (const auto& e : w.delivered()) CHECK(ids.insert(e.object_id).second);
      CHECK(ids.size() == 30);
    }
  }
}

TEST_CASE("poller: a record committed late, inside pollDelay, is delivered once", "[poll]") {
  world w;
  auto o = w.options();
  o.change.poll_delay = 60s;
  w.hub.create("customers", id(1), t0 + 100s);
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  auto r = w.poll(p);
  CHECK(r.created == 1);
  w.hub.create("customers", id(2), t0 + 70s);  // older than the watermark, but inside pollDelay
  w.hub.create("customers", id(3), t0 + 10s);  // older than pollDelay reaches: the documented limit
  r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.created == 1);
  r = w.poll(p);
  CHECK(r.created + r.updated == 0);
  CHECK(w.deliver(p));
  const auto events = w.delivered();
  REQUIRE(events.size() == 2);
  CHECK(events[1].object_id == id(2));
  // The query started pollDelay before the watermark.
  CHECK_THAT(w.hub.targets().back(), Catch::Contains("2026-11-30T09%3A00%3A40Z") ||
                                         Catch::Contains("2026-11-30T09:00:40Z"));
}

TEST_CASE("poller: the callback down for a while, then up: everything delivered, in order", "[poll]") {
  world w;
  w.receiver.set_down(true);
  auto o = w.options();
  o.max_events_per_notification = 3;
  o.delivery_retry.max_attempts = 1000;
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  p.start();
  for (int i = 0; i < 8; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  erpoll_test::run_for(w.io, 400ms);
  for (int i = 0; i < 8; ++i) w.hub.update("customers", id(i), t0 + std::chrono::seconds(100 + i));
  erpoll_test::run_for(w.io, 400ms);
  CHECK(w.receiver.received().empty());
  CHECK(w.receiver.attempts() >= 3);
  CHECK(p.metrics().outbox_depth >= 4);
  CHECK(p.metrics().delivery_failures >= 3);
  w.receiver.set_down(false);
  for (int i = 0; i < 40 && w.store.outbox_depth("customers") > 0; ++i) erpoll_test::run_for(w.io, 50ms);
  p.stop();
  erpoll_test::run_for(w.io, 50ms);
  const auto events = w.delivered();
  REQUIRE(events.size() == 16);
  for (int i = 0; i < 8; ++i) {  // every CREATED before every UPDATED, each in record order
    CHECK(events[i].object_id == id(i));
    CHECK(events[i].type == "CREATED");
    CHECK(events[8 + i].object_id == id(i));
    CHECK(events[8 + i].type == "UPDATED");
  }
  CHECK(p.metrics().dead_lettered == 0);
}

TEST_CASE("poller: hub faults are retried, a 4xx or a malformed page fails the poll and the cursor stays", "[poll]") {
  world w;
  for (int i = 0; i < 12; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), w.options());

  w.hub.fail_next(test_reply{500, {}, "oops"});
  w.hub.fail_next(test_reply{429, {{"Retry-After", "0"}}, "slow down"});
  w.hub.fail_next(test_reply{200, {}, "[{\"internalId\":\"1\"}]", erpoll_test::fault::truncate});
  auto r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.created == 12);
  CHECK(p.metrics().hub_retries == 3);

  w.hub.update("customers", id(0), t0 + 50s);
  const auto before = w.store.load_cursor("customers");
  w.hub.fail_next(test_reply{403, {}, R"({"message":"forbidden"})"});
  r = w.poll(p);
  CHECK_FALSE(r.ok);
  CHECK(r.error_kind == "status");
  CHECK_THAT(r.error, Catch::Contains("HTTP 403") && Catch::Contains("/hubs/erp/customers"));
  CHECK(w.store.load_cursor("customers") == before);

  w.hub.malformed_next();
  r = w.poll(p);
  CHECK_FALSE(r.ok);
  CHECK(r.error_kind == "page");
  CHECK_THAT(r.error, Catch::Contains("page 1 of customers"));
  CHECK(w.store.load_cursor("customers") == before);

  // The second page fails after the first was read: nothing of the first is committed either.
  auto o = w.options();
  o.pagination.page_size = 1;
  o.hub_retry.max_attempts = 2;
  erpoll::memory_store other;
  erpoll::Poller<Customers, erpoll::memory_store> q(w.io.get_executor(), w.client, other, w.webhook(), o);
  w.hub.before_request(w.hub.requests() + 2, [&] { w.hub.fail_next(test_reply{503, {}, "down"}, 2); });
  r = w.poll(q);
  CHECK_FALSE(r.ok);
  CHECK(r.pages == 1);
  CHECK_FALSE(other.load_cursor("customers").has_value());
  CHECK(other.outbox_depth("customers") == 0);

  r = w.poll(p);  // and afterwards the change is still there to be found
  REQUIRE(r.ok);
  CHECK(r.updated == 1);
  CHECK(p.metrics().polls_failed == 2);
  CHECK(p.metrics().errors.at("status") == 1);
  CHECK(p.metrics().errors.at("page") == 1);
}

TEST_CASE("poller: the pages bound and a repeated token end the poll, the cursor moves only as far as read", "[poll]") {
  world w;
  for (int i = 0; i < 35; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  auto o = w.options();
  o.pagination.max_pages = 2;
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  auto r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.partial);
  CHECK(r.created == 20);
  CHECK(w.store.load_cursor("customers")->watermark == t0 + 19s);
  r = w.poll(p);  // from the last date read: records 19 (already emitted) to 34, two pages
  CHECK_FALSE(r.partial);
  CHECK(r.created == 15);
  r = w.poll(p);
  CHECK(r.created == 0);

  for (int i = 35; i < 60; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  w.hub.repeat_tokens(true);  // page 3 carries page 2's token again
  o.pagination.max_pages = 100;
  erpoll::Poller<Customers, erpoll::memory_store> q(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  r = w.poll(q);
  REQUIRE(r.ok);
  CHECK(r.partial);
  CHECK(std::any_of(w.logs.begin(), w.logs.end(), [](auto& l) { return l.find("repeated a page token") != std::string::npos; }));
  w.hub.repeat_tokens(false);
  r = w.poll(q);
  REQUIRE(r.ok);
  CHECK(w.deliver(q));
  std::set<std::string> ids;
  for (const auto& e : w.delivered()) CHECK(ids.insert(e.object_id).second);
  CHECK(ids.size() == 60);
}

TEST_CASE("poller: keyset paging loses nothing when records change during the scan", "[poll]") {
  world w;
  for (int i = 1; i <= 30; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  auto o = w.options();
  o.keyset = true;
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  // Before page 2, record 3 (on page 1) changes and moves to the end: with offset pages, page 2 would start
  // one record later and record 11 would be skipped.
  w.hub.before_request(2, [&] { w.hub.update("customers", id(3), t0 + 100s); });
  auto r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(w.deliver(p));
  std::multiset<std::string> ids;
  for (const auto& e : w.delivered()) ids.insert(e.object_id);
  for (int i = 1; i <= 30; ++i) CHECK(ids.count(id(i)) >= 1);
  CHECK(ids.count(id(3)) == 2);  // created, then updated
  CHECK_THAT(w.hub.targets()[1], !Catch::Contains("nextPage"));  // page 2 re-queried from the last date read
}

TEST_CASE("poller: delivery gives up after the schedule, dead letters are redeliverable", "[poll]") {
  world w;
  w.hub.create("customers", id(1), t0 + 1s);
  auto o = w.options();
  o.delivery_retry.max_attempts = 2;
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  w.receiver.fail_next(2, 400);
  p.start();
  for (int i = 0; i < 40 && w.store.dead_letter_count("customers") == 0; ++i) erpoll_test::run_for(w.io, 25ms);
  CHECK(w.store.dead_letter_count("customers") == 1);
  CHECK(p.metrics().dead_lettered == 1);
  CHECK(std::any_of(w.logs.begin(), w.logs.end(), [](auto& l) { return l.find("dead letters") != std::string::npos; }));
  const auto dead = p.dead_letters();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].entry.attempts == 2);
  CHECK_THAT(dead[0].entry.last_error, Catch::Contains("400"));
  CHECK(p.redeliver_dead_letters() == 1);  // wakes the sleeping delivery loop: no poll needed
  for (int i = 0; i < 40 && w.delivered().empty(); ++i) erpoll_test::run_for(w.io, 25ms);
  CHECK(w.store.dead_letter_count("customers") == 0);
  CHECK(w.store.outbox_depth("customers") == 0);
  w.hub.create("customers", id(2), t0 + 2s);
  for (int i = 0; i < 40 && w.delivered().size() < 2; ++i) erpoll_test::run_for(w.io, 25ms);
  p.stop();
  erpoll_test::run_for(w.io, 20ms);
  const auto events = w.delivered();
  REQUIRE(events.size() == 2);
  CHECK(events[0].object_id == id(1));
  CHECK(events[1].object_id == id(2));
}

TEST_CASE("poller: the in-process sink, with a failure retried", "[poll]") {
  world w;
  for (int i = 0; i < 3; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  std::vector<std::string> bodies;
  int calls = 0;
  auto s = erpoll::sink::function([&](const erpoll::notification& n) {
    if (++calls == 1) throw std::runtime_error("not now");
    bodies.push_back(n.body);
  });
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, s, w.options());
  p.start();
  for (int i = 0; i < 40 && bodies.empty(); ++i) erpoll_test::run_for(w.io, 25ms);
  p.stop();
  erpoll_test::run_for(w.io, 20ms);
  REQUIRE(bodies.size() == 1);
  CHECK(calls == 2);
  CHECK(nlohmann::json::parse(bodies[0])["message"]["events"].size() == 3);
  CHECK(std::any_of(w.logs.begin(), w.logs.end(), [](auto& l) { return l.find("not now") != std::string::npos; }));
}

TEST_CASE("poller: a dynamic_resource polls like its descriptor twin, through the SQLite store", "[poll]") {
  world w;
  w.hub.basic_auth = std::pair<std::string, std::string>{"erp-user", "pa55"};
  for (int i = 0; i < 12; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  erpoll::dynamic_resource_options d;
  d.name = "customers";
  d.url = "/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
  d.id_path = "internalId";
  d.updated_path = "lastModifiedDate";
  d.updated_format = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  d.created_path = "dateCreated";
  auto o = w.options();
  o.auth.scheme = erpoll::basic_auth{"erp-user", erpoll::secret("pa55")};
  const auto dir = std::filesystem::temp_directory_path() / ("erpoll-poller-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    auto store = erpoll::sqlite_store::open_directory(dir);
    erpoll::Poller<erpoll::dynamic_resource> p(w.io.get_executor(), w.client, store, w.webhook(), o,
                                               erpoll::dynamic_resource(d));
    auto r = erpoll_test::run(w.io, p.poll_now());
    REQUIRE(r.ok);
    CHECK(r.created == 12);
  }
  {  // a restart resumes from the file: nothing new
    auto store = erpoll::sqlite_store::open_directory(dir);
    erpoll::Poller<erpoll::dynamic_resource> p(w.io.get_executor(), w.client, store, w.webhook(), o,
                                               erpoll::dynamic_resource(d));
    auto r = erpoll_test::run(w.io, p.poll_now());
    REQUIRE(r.ok);
    CHECK(r.created + r.updated == 0);
    CHECK(erpoll_test::run(w.io, p.deliver_pending()));
  }
  CHECK(w.delivered().size() == 12);
  o.auth.scheme = erpoll::basic_auth{"erp-user", erpoll::secret("wrong")};
  erpoll::memory_store m;
  erpoll::Poller<erpoll::dynamic_resource, erpoll::memory_store> bad(w.io.get_executor(), w.client, m, w.webhook(), o,
                                                                     erpoll::dynamic_resource(d));
  auto r = erpoll_test::run(w.io, bad.poll_now());
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.error, Catch::Contains("HTTP 401") && !Catch::Contains("wrong"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("poller: stop abandons an in-flight poll without moving the cursor, and returns promptly", "[poll]") {
  world w;
  for (int i = 0; i < 3; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  w.hub.fail_next(test_reply{200, {}, "[]", erpoll_test::fault::slow_headers, 1500ms});
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), w.options());
  p.start();
  erpoll_test::run_for(w.io, 100ms);  // the first poll waits for its slow page
  const auto began = std::chrono::steady_clock::now();
  p.stop();
  const auto abandoned = [&] {
    return std::any_of(w.logs.begin(), w.logs.end(), [](auto& l) { return l.find("abandoned") != std::string::npos; });
  };
  while (!abandoned() && std::chrono::steady_clock::now() - began < 3s) erpoll_test::run_for(w.io, 10ms);
  CHECK(abandoned());
  CHECK(std::chrono::steady_clock::now() - began < 500ms);  // not the 1.5 s the page would have taken
  CHECK_FALSE(w.store.load_cursor("customers").has_value());
  w.hub_server.stop();
  w.receiver_server.stop();
  w.io.restart();
  w.io.run_for(5s);  // returns once the servers' own timers are done: the poller left no work behind
}

TEST_CASE("poller: a resource whose hub hangs does not stall the others on the same io_context", "[poll]") {
  world w;
  erpoll_test::test_server hanging(w.io, [](const erpoll_test::test_request&) {
    return test_reply{200, {}, "[]", erpoll_test::fault::slow_headers, 10'000ms};
  });
  for (int i = 0; i < 3; ++i) w.hub.create("vendors", id(i), t0 + std::chrono::seconds(i));
  auto stuck_options = w.options();
  stuck_options.hub = erpoll::http_url::parse(hanging.url());
  erpoll::Poller<Customers, erpoll::memory_store> stuck(w.io.get_executor(), w.client, w.store, w.webhook(),
                                                        stuck_options);
  erpoll::Poller<erpoll::netsuite::Vendors, erpoll::memory_store> fine(w.io.get_executor(), w.client, w.store,
                                                                       w.webhook(), w.options());
  stuck.start();
  fine.start();
  for (int i = 0; i < 100 && w.receiver.received().empty(); ++i) erpoll_test::run_for(w.io, 10ms);
  CHECK(w.receiver.received().size() == 1);
  CHECK(fine.metrics().polls >= 1);
  CHECK(stuck.metrics().polls == 0);
  stuck.stop();
  fine.stop();
  hanging.stop();
  erpoll_test::run_for(w.io, 20ms);
}

TEST_CASE("poller: the receiver's Retry-After sets the next delivery attempt", "[poll]") {
  world w;
  w.hub.create("customers", id(1), t0 + 1s);
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), w.options());
  w.receiver.fail_next(1, 429, "120");
  REQUIRE(w.poll(p).ok);
  CHECK_FALSE(w.deliver(p));
  const auto head = w.store.next_pending("customers");
  REQUIRE(head.has_value());
  CHECK(head->attempts == 1);
  CHECK_THAT(head->last_error, Catch::Contains("HTTP 429"));
  const auto wait = head->next_attempt - erpoll::detail::system_now();
  CHECK(wait > 110s);  // not the schedule's 20 ms
  CHECK(wait <= 120s);
}

TEST_CASE("poller: page=K pagination, and extra headers sent to the hub", "[poll]") {
  world w;
  w.hub.page_numbers = true;
  for (int i = 0; i < 23; ++i) w.hub.create("customers", id(i), t0 + std::chrono::seconds(i));
  auto o = w.options();
  o.pagination.mode = erpoll::pagination_mode::page_number;
  o.auth.extra_headers = {{"X-Tenant", erpoll::secret("tenant-7")}};
  erpoll::Poller<Customers, erpoll::memory_store> p(w.io.get_executor(), w.client, w.store, w.webhook(), o);
  const auto r = w.poll(p);
  REQUIRE(r.ok);
  CHECK(r.pages == 3);
  CHECK(r.created == 23);
  const auto targets = w.hub.targets();
  REQUIRE(targets.size() == 3);
  CHECK_THAT(targets[2], Catch::EndsWith("&pageSize=10&page=3"));
  CHECK(w.hub.last_header("X-Tenant") == "tenant-7");
}
