// The HTTP client against a local server: keep-alive, status errors, retries with Retry-After, resets,
// truncated and slow responses, size limits, redirects.
#include "../support/run.hpp"
#include "../support/test_server.hpp"

#include <erpoll/net/http_client.hpp>

#include <catch2/catch.hpp>

#include <deque>

using namespace std::chrono_literals;
using erpoll::http_client;
using erpoll::http_error_kind;
using erpoll_test::fault;
using erpoll_test::test_reply;
using erpoll_test::test_request;

namespace {

struct fixture {
  boost::asio::io_context io;
  std::deque<test_reply> script;  // replies in order; then 200 "ok"
  std::vector<test_request> seen;
  erpoll_test::test_server server{io, [this](const test_request& r) {
                                    seen.push_back(r);
                                    if (script.empty()) return test_reply{200, {}, R"(["ok"])"};
                                    auto reply = script.front();
                                    script.pop_front();
                                    return reply;
                                  }};
  erpoll::http_client_options options = quiet();

  static erpoll::http_client_options quiet() {
    erpoll::http_client_options o;
    o.log = nullptr;
    return o;
  }

  erpoll::http_request get(std::string target = "/x") {
    erpoll::http_request r;
    r.url = erpoll::http_url::parse(server.url() + target);
    return r;
  }

  http_client::result send(http_client& client, erpoll::http_request r) { return erpoll_test::run(io, client.send(std::move(r))); }
};

}  // namespace

TEST_CASE("http client: GET, headers, and keep-alive reuse", "[net]") {
  fixture f;
  http_client client(f.io.get_executor(), f.options);
  auto r = f.get("/hubs/erp/customers?pageSize=2");
  r.headers.emplace_back("Authorization", "Basic dXNlcjpwdw==");
  for (int i = 0; i < 3; ++i) {
    auto res = f.send(client, r);
    REQUIRE(res.has_value());
    CHECK(res->status == 200);
    CHECK(res->body == R"(["ok"])");
    CHECK(res->header("content-type") == std::optional<std::string_view>("application/json"));
  }
  CHECK(f.server.connections_accepted() == 1);
  CHECK(client.idle_connections() == 1);
  REQUIRE(f.seen.size() == 3);
  CHECK(f.seen[0].target == "/hubs/erp/customers?pageSize=2");
  CHECK(f.seen[0].header("Authorization") == "Basic dXNlcjpwdw==");
  CHECK(f.seen[0].header("Host") == "127.0.0.1:" + std::to_string(f.server.port()));
}

TEST_CASE("http client: a 4xx is a status error, not retried, naming the URL", "[net]") {
  fixture f;
  http_client client(f.io.get_executor(), f.options);
  f.script.push_back(test_reply{404, {}, R"({"message":"no such resource"})"});
  int retries = 0;
  auto res = erpoll_test::run(f.io, client.send_with_retries(f.get("/a?secret=no"), erpoll::backoff{},
                                                              [&](auto, auto&, auto) { ++retries; }));
  REQUIRE_FALSE(res.has_value());
  CHECK(res.error().kind == http_error_kind::status);
  CHECK(res.error().status == 404);
  CHECK_FALSE(res.error().retryable());
  CHECK(retries == 0);
  CHECK_THAT(res.error().message, Catch::Contains("GET http://127.0.0.1:") && Catch::Contains("/a: HTTP 404") &&
                                      Catch::Contains("no such resource") && !Catch::Contains("secret"));
}

TEST_CASE("http client: 5xx, 429 and resets are retried, Retry-After in seconds and as an HTTP-date", "[net]") {
  fixture f;
  http_client client(f.io.get_executor(), f.options);
  erpoll::backoff policy;
  policy.initial = 1ms;
  policy.max_delay = 5ms;
  policy.max_retry_after = 1500ms;
  f.script.push_back(test_reply{500, {}, "boom"});
  f.script.push_back(test_reply{429, {{"Retry-After", "1"}}, "slow down"});
  f.script.push_back(test_reply{200, {}, "", fault::reset});
  f.script.push_back(test_reply{503, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}}, "past date"});
  f.script.push_back(test_reply{503, {{"Retry-After", "86400"}}, "capped"});
  std::vector<std::pair<http_error_kind, std::chrono::milliseconds>> retries;
  policy.max_attempts = 6;
  auto start = std::chrono::steady_clock::now();
  auto res = erpoll_test::run(f.io, client.send_with_retries(f.get(), policy, [&](auto, const erpoll::http_error& e, auto wait) {
    retries.emplace_back(e.kind, wait);
  }));
  REQUIRE(res.has_value());
  // The reset hit a reused keep-alive connection before any response byte: the client sent the request again
  // on a fresh connection at once (a server may close an idle connection at any time), not as a retry.
  REQUIRE(retries.size() == 4);
  CHECK(retries[0].first == http_error_kind::status);
  CHECK(retries[0].second <= 5ms);
  CHECK(retries[1].second == 1000ms);  // Retry-After: 1
  CHECK(retries[2].second == 0ms);     // an HTTP-date in the past
  CHECK(retries[3].second == 1500ms);  // capped
  CHECK(f.server.connections_accepted() == 2);
  CHECK(std::chrono::steady_clock::now() - start >= 2500ms);  // the waits were really waited

  SECTION("retries end after max_attempts") {
    policy.max_attempts = 2;
    f.script.assign(3, test_reply{502, {}, "bad gateway"});
    auto again = erpoll_test::run(f.io, client.send_with_retries(f.get(), policy));
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().status == 502);
    CHECK(f.script.size() == 1);
  }
}

TEST_CASE("http client: truncated bodies, slow servers and oversized bodies fail clearly", "[net]") {
  fixture f;
  f.options.request_timeout = 300ms;
  f.options.body_timeout = 300ms;
  f.options.max_response_bytes = 1000;
  http_client client(f.io.get_executor(), f.options);

  f.script.push_back(test_reply{200, {}, std::string(100, 'x'), fault::truncate});
  auto truncated = f.send(client, f.get());
  REQUIRE_FALSE(truncated.has_value());
  CHECK(truncated.error().kind == http_error_kind::connection);
  CHECK(truncated.error().retryable());

  f.script.push_back(test_reply{200, {}, "[]", fault::slow_headers, 2000ms});
  auto slow_headers = f.send(client, f.get());
  REQUIRE_FALSE(slow_headers.has_value());
  CHECK(slow_headers.error().kind == http_error_kind::timeout);
  CHECK_THAT(slow_headers.error().message, Catch::Contains("request timeout"));

  f.script.push_back(test_reply{200, {}, "[]", fault::slow_body, 2000ms});
  auto slow_body = f.send(client, f.get());
  REQUIRE_FALSE(slow_body.has_value());
  CHECK(slow_body.error().kind == http_error_kind::timeout);
  CHECK_THAT(slow_body.error().message, Catch::Contains("body timeout"));

  f.script.push_back(test_reply{200, {}, std::string(1001, 'x')});
  auto large = f.send(client, f.get());
  REQUIRE_FALSE(large.has_value());
  CHECK(large.error().kind == http_error_kind::too_large);
  CHECK_FALSE(large.error().retryable());
  CHECK_THAT(large.error().message, Catch::Contains("1001 bytes") && Catch::Contains("limit of 1000"));

  auto fine = f.send(client, f.get());  // the client is still usable
  CHECK(fine.has_value());
}

TEST_CASE("http client: redirects only when enabled", "[net]") {
  fixture f;
  f.script.push_back(test_reply{302, {{"Location", "/moved"}}, ""});
  {
    http_client client(f.io.get_executor(), f.options);
    auto res = f.send(client, f.get());
    REQUIRE_FALSE(res.has_value());
    CHECK(res.error().status == 302);
  }
  f.options.follow_redirects = true;
  http_client client(f.io.get_executor(), f.options);
  f.script.push_back(test_reply{302, {{"Location", "/moved"}}, ""});
  auto res = f.send(client, f.get());
  REQUIRE(res.has_value());
  CHECK(f.seen.back().target == "/moved");
}

TEST_CASE("http client: a reset on a fresh connection is a retryable connection error", "[net]") {
  fixture f;
  http_client client(f.io.get_executor(), f.options);
  f.script.push_back(test_reply{200, {}, "", fault::reset});
  auto res = f.send(client, f.get());
  REQUIRE_FALSE(res.has_value());
  CHECK(res.error().kind == http_error_kind::connection);
  CHECK(res.error().retryable());
}

TEST_CASE("http client: nobody listening is a retryable connect error", "[net]") {
  boost::asio::io_context io;
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }
  auto o = fixture::quiet();
  http_client client(io.get_executor(), o);
  erpoll::http_request r;
  r.url = erpoll::http_url::parse("http://127.0.0.1:" + std::to_string(port) + "/");
  auto res = erpoll_test::run(io, client.send(r));
  REQUIRE_FALSE(res.has_value());
  CHECK(res.error().kind == http_error_kind::connect);
  CHECK(res.error().retryable());
}

namespace {

boost::asio::ssl::context server_tls(const std::string& name) {
  boost::asio::ssl::context tls(boost::asio::ssl::context::tls_server);
  const std::string dir = std::string(ERPOLL_TEST_DATA_DIR) + "/tls/";
  tls.use_certificate_chain_file(dir + name + ".pem");
  tls.use_private_key_file(dir + name + ".key", boost::asio::ssl::context::pem);
  return tls;
}

}  // namespace

TEST_CASE("https: verified against a test CA, a wrong host name or an unknown CA fails", "[net][tls]") {
  boost::asio::io_context io;
  auto good_tls = server_tls("server");
  auto wrong_tls = server_tls("wrong");
  auto handler = [](const test_request&) { return test_reply{200, {}, R"(["secure"])"}; };
  erpoll_test::test_server good(io, handler, &good_tls);
  erpoll_test::test_server wrong(io, handler, &wrong_tls);
  auto options = fixture::quiet();
  options.ca_file = std::string(ERPOLL_TEST_DATA_DIR) + "/tls/ca.pem";
  auto get = [&](http_client& client, const std::string& url) {
    erpoll::http_request r;
    r.url = erpoll::http_url::parse(url);
    return erpoll_test::run(io, client.send(r));
  };

  http_client client(io.get_executor(), options);
  auto ok = get(client, good.url() + "/x");
  REQUIRE(ok.has_value());
  CHECK(ok->body == R"(["secure"])");
  auto by_name = get(client, "https://localhost:" + std::to_string(good.port()) + "/x");
  CHECK(by_name.has_value());

  auto mismatch = get(client, wrong.url() + "/x");  // its certificate names wrong.example only
  REQUIRE_FALSE(mismatch.has_value());
  CHECK(mismatch.error().kind == http_error_kind::tls);
  CHECK_FALSE(mismatch.error().retryable());
  CHECK_THAT(mismatch.error().message, Catch::Contains("TLS handshake failed"));

  http_client system_cas(io.get_executor(), fixture::quiet());  // the test CA is not among the system's
  auto unknown = get(system_cas, good.url() + "/x");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().kind == http_error_kind::tls);

  std::vector<std::string> warnings;
  auto insecure_options = fixture::quiet();
  insecure_options.insecure_skip_verify = true;
  insecure_options.log = [&](erpoll::log_level, std::string_view m) { warnings.emplace_back(m); };
  http_client insecure(io.get_executor(), insecure_options);
  CHECK(get(insecure, wrong.url() + "/x").has_value());
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::Contains("verification is OFF"));

  auto missing_ca = fixture::quiet();
  missing_ca.ca_file = "/nonexistent/ca.pem";
  CHECK_THROWS_WITH(http_client(io.get_executor(), missing_ca), Catch::Contains("cannot load the CA file \"/nonexistent/ca.pem\""));
}

TEST_CASE("http client: at most max_concurrent_requests at once, the rest wait their turn", "[net]") {
  fixture f;
  f.options.max_concurrent_requests = 2;
  http_client client(f.io.get_executor(), f.options);
  for (int i = 0; i < 6; ++i) f.script.push_back(test_reply{200, {}, "[]", fault::slow_headers, 50ms});
  int done = 0;
  for (int i = 0; i < 6; ++i) {
    boost::asio::co_spawn(
        f.io,
        [&]() -> boost::asio::awaitable<void> {
          auto r = co_await client.send(f.get());
          CHECK(r.has_value());
          ++done;
        },
        boost::asio::detached);
  }
  for (int i = 0; i < 500 && done < 6; ++i) erpoll_test::run_for(f.io, 10ms);
  CHECK(done == 6);
  CHECK(f.server.connections_accepted() == 2);  // two at a time, each connection reused by the next in line
}
