// The pure parts of the network layer: URLs, auth headers, secrets, Retry-After, backoff, pagination,
// the delivery retry schedule, metrics as Prometheus text.
#include <erpoll/change/cursor.hpp>
#include <erpoll/event/retry_schedule.hpp>
#include <erpoll/net/auth.hpp>
#include <erpoll/net/backoff.hpp>
#include <erpoll/net/pagination.hpp>
#include <erpoll/net/retry_after.hpp>
#include <erpoll/net/secret.hpp>
#include <erpoll/net/url.hpp>
#include <erpoll/poll/metrics.hpp>

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace std::chrono_literals;
using erpoll::instant;

TEST_CASE("http_url: schemes, ports, prefixes, and clear errors", "[net]") {
  const auto u = erpoll::http_url::parse("https://api.cloud-elements.com/elements/api-v2");
  CHECK(u.tls);
  CHECK(u.host == "api.cloud-elements.com");
  CHECK(u.port == 443);
  CHECK(u.target == "/elements/api-v2");
  CHECK(u.host_header() == "api.cloud-elements.com");
  const auto joined = erpoll::join_url(u, "/hubs/erp/customers?pageSize=5");
  CHECK(joined.text() == "https://api.cloud-elements.com/elements/api-v2/hubs/erp/customers?pageSize=5");

  const auto local = erpoll::http_url::parse("http://127.0.0.1:8080");
  CHECK_FALSE(local.tls);
  CHECK(local.port == 8080);
  CHECK(local.target == "/");
  CHECK(local.host_header() == "127.0.0.1:8080");
  CHECK(erpoll::join_url(local, "/x").text() == "http://127.0.0.1:8080/x");
  CHECK(erpoll::http_url::parse("http://[::1]:9/a?b").host == "::1");
  CHECK(erpoll::http_url::parse("http://h?q=1").target == "/?q=1");

  CHECK_THROWS_WITH(erpoll::http_url::parse("ftp://x"), Catch::Contains("\"ftp://x\" must start with http://"));
  CHECK_THROWS_WITH(erpoll::http_url::parse("http://:80/"), Catch::Contains("has no host"));
  CHECK_THROWS_WITH(erpoll::http_url::parse("http://h:99999/"), Catch::Contains("invalid port"));
  CHECK_THROWS_WITH(erpoll::http_url::parse("http://user:pw@h/"), Catch::Contains("must not carry credentials"));
}

TEST_CASE("auth: Basic, Cloud Elements, Bearer, secrets never print", "[net]") {
  erpoll::auth_options a;
  CHECK(erpoll::authorization_value(a).empty());
  a.scheme = erpoll::basic_auth{"Aladdin", erpoll::secret("open sesame")};
  CHECK(erpoll::authorization_value(a) == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");  // RFC 7617's example
  CHECK(erpoll::auth_scheme_name(a) == "Basic");
  a.scheme = erpoll::cloud_elements_auth{erpoll::secret("u1"), erpoll::secret("o2"), erpoll::secret("e3")};
  CHECK(erpoll::authorization_value(a) == "User u1, Organization o2, Element e3");
  a.scheme = erpoll::bearer_auth{erpoll::secret("tok")};
  CHECK(erpoll::authorization_value(a) == "Bearer tok");

  std::ostringstream os;
  os << erpoll::secret("hunter2");
  CHECK(os.str() == "***");
  CHECK(erpoll::secret().masked().empty());
}

TEST_CASE("Retry-After: seconds, HTTP-dates in three forms, junk", "[net]") {
  const instant now = *erpoll::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(erpoll::parse_retry_after("120", now) == std::chrono::microseconds(120s));
  CHECK(erpoll::parse_retry_after(" 0 ", now) == std::chrono::microseconds(0));
  CHECK(erpoll::parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now) == std::chrono::microseconds(60s));
  CHECK(erpoll::parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now) == std::chrono::microseconds(10s));
  CHECK(erpoll::parse_retry_after("Sun Nov  6 08:49:38 1994", now) == std::chrono::microseconds(1s));
  CHECK(erpoll::parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now) == std::chrono::microseconds(0));  // past
  CHECK_FALSE(erpoll::parse_retry_after("soon", now));
  CHECK_FALSE(erpoll::parse_retry_after("12abc", now));
  CHECK_FALSE(erpoll::parse_retry_after("", now));
}

TEST_CASE("backoff: exponential, capped, jittered, Retry-After wins but is capped", "[net]") {
  erpoll::backoff b;
  b.initial = 100ms;
  b.max_delay = 1000ms;
  b.jitter = 0;
  std::minstd_rand r(1);
  CHECK(b.delay(1, r) == 100ms);
  CHECK(b.delay(2, r) == 200ms);
  CHECK(b.delay(4, r) == 800ms);
  CHECK(b.delay(5, r) == 1000ms);
  CHECK(b.delay(60, r) == 1000ms);
  b.jitter = 0.5;
  for (int i = 0; i < 100; ++i) {
    const auto d = b.delay(3, r);
    CHECK(d >= 200ms);
    CHECK(d <= 400ms);
  }
  CHECK(b.delay(1, std::chrono::microseconds(7s), r) == 7000ms);
  CHECK(b.delay(1, std::chrono::microseconds(std::chrono::hours(10)), r) == b.max_retry_after);
}

TEST_CASE("pagination: next-page tokens end on a short or empty page, repeated tokens and the bound", "[net]") {
  erpoll::pagination_options o;
  o.page_size = 2;
  o.max_pages = 3;
  erpoll::page_walker w("/hubs/erp/customers?where=a%3E1", o);
  CHECK(w.target() == "/hubs/erp/customers?where=a%3E1&pageSize=2");
  CHECK(w.advance(2, "t1") == erpoll::page_step::next);
  CHECK(w.target() == "/hubs/erp/customers?where=a%3E1&pageSize=2&nextPage=t1");
  CHECK(w.advance(2, "t2") == erpoll::page_step::next);
  CHECK(w.target() == "/hubs/erp/customers?where=a%3E1&pageSize=2&nextPage=t2");
  CHECK(w.advance(1, "t3") == erpoll::page_step::done);  // short page; the token is sent anyway

  erpoll::page_walker empty("/x", o);
  CHECK(empty.advance(0, "t1") == erpoll::page_step::done);
  erpoll::page_walker no_token("/x", o);
  CHECK(no_token.advance(2, std::nullopt) == erpoll::page_step::done);
  erpoll::page_walker repeated("/x", o);
  CHECK(repeated.advance(2, "same") == erpoll::page_step::next);
  CHECK(repeated.advance(2, "same") == erpoll::page_step::repeated_token);
  erpoll::page_walker bounded("/x", o);
  CHECK(bounded.advance(2, "a") == erpoll::page_step::next);
  CHECK(bounded.advance(2, "b") == erpoll::page_step::next);
  CHECK(bounded.advance(2, "c") == erpoll::page_step::bound_reached);
  CHECK(bounded.pages_read() == 3);

  o.mode = erpoll::pagination_mode::page_number;
  erpoll::page_walker numbered("/x?pageSize=50", o);
  CHECK(numbered.target() == "/x?pageSize=2&page=1");
  CHECK(numbered.advance(2, std::nullopt) == erpoll::page_step::next);
  CHECK(numbered.target() == "/x?pageSize=2&page=2");

  o.page_size = 0;
  CHECK_THROWS_WITH(erpoll::page_walker("/x", o), Catch::Contains("pageSize must be at least 1"));
}

TEST_CASE("retry schedule: growing waits, Retry-After, dead letter by count and by age", "[event]") {
  erpoll::retry_schedule s;
  s.jitter = 0;
  std::minstd_rand r(1);
  CHECK(s.next_delay(1, 0us, std::nullopt, r) == std::chrono::milliseconds(5s));
  CHECK(s.next_delay(2, 0us, std::nullopt, r) == std::chrono::milliseconds(30s));
  CHECK(s.next_delay(9, 0us, std::nullopt, r) == std::chrono::milliseconds(std::chrono::hours(8)));
  CHECK(s.next_delay(14, 0us, std::nullopt, r) == std::chrono::milliseconds(std::chrono::hours(8)));  // last repeats
  CHECK_FALSE(s.next_delay(15, 0us, std::nullopt, r));                                                 // count
  CHECK_FALSE(s.next_delay(2, std::chrono::hours(72), std::nullopt, r));                              // age
  CHECK(s.next_delay(1, 0us, std::chrono::microseconds(42s), r) == std::chrono::milliseconds(42s));
  CHECK(s.next_delay(1, 0us, std::chrono::microseconds(std::chrono::hours(9)), r) == s.max_retry_after);
}

TEST_CASE("a partial poll moves the cursor only as far as is safe", "[change]") {
  const instant t0 = instant{} + std::chrono::hours(1000);
  erpoll::cursor c{t0, {}};
  erpoll::change_options o;
  std::vector<erpoll::emitted_change> emitted{{"1", t0 + 5s}, {"2", t0 + 9s}};
  const auto in_order = erpoll::next_cursor_after_partial_poll(c, o, emitted, true);
  CHECK(in_order.watermark == t0 + 9s);
  const auto out_of_order = erpoll::next_cursor_after_partial_poll(c, o, emitted, false);
  CHECK(out_of_order.watermark == t0);  // the next poll reads the window again...
  CHECK(out_of_order.boundary.size() == 2);  // ...and skips what was emitted
  CHECK(erpoll::decide(out_of_order, o, t0 + 20s, "1", t0 + 5s, std::nullopt) == erpoll::change_kind::ignored_seen);
  CHECK(erpoll::decide(out_of_order, o, t0 + 20s, "3", t0 + 4s, std::nullopt) == erpoll::change_kind::updated);
}

TEST_CASE("metrics: Prometheus text, with lag and errors by kind, and no secrets", "[poll]") {
  const instant now = instant{} + std::chrono::hours(1000);
  erpoll::resource_metrics m;
  m.polls = 3;
  m.events_created = 2;
  m.events_updated = 5;
  m.errors["timeout"] = 1;
  m.outbox_depth = 4;
  m.watermark = now - 90s;
  m.last_success = now - 1s;
  const std::string text = erpoll::to_prometheus({{"invoices", m}, {"vendors", {}}}, now);
  CHECK_THAT(text, Catch::Contains("# TYPE erpoll_polls_total counter\nerpoll_polls_total{resource=\"invoices\"} 3\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_events_total{resource=\"invoices\",type=\"CREATED\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_events_total{resource=\"invoices\",type=\"UPDATED\"} 5\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_errors_total{resource=\"invoices\",kind=\"timeout\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_outbox_depth{resource=\"invoices\"} 4\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_cursor_lag_seconds{resource=\"invoices\"} 90.000000\n"));
  CHECK_THAT(text, Catch::Contains("erpoll_polls_total{resource=\"vendors\"} 0\n"));
  CHECK_THAT(text, !Catch::Contains("erpoll_cursor_lag_seconds{resource=\"vendors\"}"));
}
