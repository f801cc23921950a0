/// \file
/// `erpoll::http_client`: HTTP/1.1 and HTTPS on Boost.Beast for C++20 coroutines. Keep-alive connections are
/// reused per host; connect, TLS handshake, request and body each have a timeout; a response larger than
/// `max_response_bytes` is an error (never an out-of-memory); redirects are followed only when enabled.
/// Certificate and host name verification are on unless `insecure_skip_verify` (tests only) is set.
#pragma once
#ifndef ERPOLL_NET_HTTP_CLIENT_HPP
#define ERPOLL_NET_HTTP_CLIENT_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/core/log.hpp>
#include <erpoll/net/backoff.hpp>
#include <erpoll/net/http_error.hpp>
#include <erpoll/net/retry_after.hpp>
#include <erpoll/net/url.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Settings of an `http_client`.
struct http_client_options {
  std::chrono::milliseconds connect_timeout{10'000};  ///< name resolution and TCP connect
  std::chrono::milliseconds tls_timeout{10'000};      ///< the TLS handshake
  std::chrono::milliseconds request_timeout{30'000};  ///< sending the request and receiving the status line
                                                      ///< and headers
  std::chrono::milliseconds body_timeout{60'000};     ///< receiving the body
  std::size_t max_response_bytes = 64u << 20;         ///< a larger body is a `too_large` error
  bool follow_redirects = false;                      ///< 3xx with Location: followed (up to `max_redirects`)
  unsigned max_redirects = 5;
  std::string ca_file;                                ///< PEM file of trusted CAs; empty: the system's
  bool insecure_skip_verify = false;                  ///< tests only: no certificate checks (logged as a warning)
  std::size_t max_idle_per_host = 4;                  ///< idle keep-alive connections kept per host
  std::size_t max_concurrent_requests = 32;           ///< more wait their turn (thousands of pollers, one hub)
  std::string user_agent = "erpoll/0.1";
  log_function log = stderr_log();
};

/// A request: method, URL, headers (their values are never logged) and body.
struct http_request {
  std::string method = "GET";
  http_url url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// A response with a status the caller accepts (2xx, or a 3xx when redirects are off).
struct http_response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The first header `name` (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
            return (a | 0x20) == (b | 0x20);
          })) {
        return std::string_view(v);
      }
    }
    return std::nullopt;
  }
};

/// Called before each retry with the retry number, the error that caused it and the wait.
using retry_observer = std::function<void(std::uint32_t, const http_error&, std::chrono::milliseconds)>;

/// An HTTP(S) client for one `io_context` thread. Requests may run concurrently; each uses its own
/// connection, taken from the idle pool of its host when there is one.
class http_client {
 public:
  using executor_type = boost::asio::any_io_executor;
  using result = expected<http_response, http_error>;

  /// \throws config_error when `ca_file` cannot be loaded.
  http_client(executor_type executor, http_client_options options = {})
      : executor_(std::move(executor)),
        options_(std::move(options)),
        tls_(boost::asio::ssl::context::tls_client) {
    tls_.set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                     boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                     boost::asio::ssl::context::no_tlsv1_1);
    boost::system::error_code ec;
    if (options_.insecure_skip_verify) {
      tls_.set_verify_mode(boost::asio::ssl::verify_none);
      if (options_.log) {
        options_.log(log_level::warning, "TLS certificate verification is OFF (insecure_skip_verify): for tests only");
      }
    } else {
      tls_.set_verify_mode(boost::asio::ssl::verify_peer);
      if (options_.ca_file.empty()) {
        tls_.set_default_verify_paths(ec);
      } else {
        tls_.load_verify_file(options_.ca_file, ec);
      }
      if (ec) throw config_error("erpoll: cannot load the CA file \"" + options_.ca_file + "\": " + ec.message());
    }
  }

  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  const http_client_options& options() const noexcept { return options_; }

  /// Sends `request` once (following redirects when enabled). A non-2xx status is an error of kind `status`
  /// with the server's `Retry-After`.
  boost::asio::awaitable<result> send(http_request request) {
    for (unsigned redirects = 0;; ++redirects) {
      auto r = co_await send_once(request);
      if (!r || !options_.follow_redirects || r->status < 300 || r->status >= 400) co_return r;
      const auto location = r->header("Location");
      if (!location || redirects == options_.max_redirects) {
        co_return unexpected{http_error{http_error_kind::redirect, r->status,
                                        describe(request) + ": too many redirects or no Location", std::nullopt}};
      }
      try {
        request.url = location->starts_with("/") ? join_url(http_url{request.url.tls, request.url.host,
                                                                     request.url.port, "/"}, *location)
                                                 : http_url::parse(*location);
      } catch (const config_error& e) {
        co_return unexpected{http_error{http_error_kind::redirect, r->status, e.what(), std::nullopt}};
      }
      if (request.method == "POST" && (r->status == 301 || r->status == 302 || r->status == 303)) {
        co_return unexpected{http_error{http_error_kind::redirect, r->status,
                                        describe(request) + ": a POST is not redirected", std::nullopt}};
      }
    }
  }

  /// Sends `request`, retrying retryable failures as `policy` says; `on_retry` hears of each retry.
  boost::asio::awaitable<result> send_with_retries(http_request request, const backoff& policy,
                                                   retry_observer on_retry = {}) {
    for (std::uint32_t attempt = 1;; ++attempt) {
      auto r = co_await send(request);
      if (r || !r.error().retryable() || attempt >= policy.max_attempts) co_return r;
      const auto wait = policy.delay(attempt, r.error().retry_after, random_);
      if (on_retry) on_retry(attempt, r.error(), wait);
      boost::asio::steady_timer timer(executor_, wait);
      auto [ec] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
      if (ec) co_return unexpected{http_error{http_error_kind::cancelled, 0, describe(request) + ": cancelled", {}}};
    }
  }

  /// Idle keep-alive connections held now (all hosts).
  std::size_t idle_connections() const {
    std::size_t n = 0;
    for (const auto& [key, list] : idle_) n += list.size();
    return n;
  }

 private:
  struct connection {
    std::optional<boost::beast::tcp_stream> plain;
    std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> secure;
    boost::beast::flat_buffer buffer;
    boost::beast::tcp_stream& lowest() { return plain ? *plain : secure->next_layer(); }
  };
  using connection_ptr = std::unique_ptr<connection>;

  static std::string describe(const http_request& r) {
    std::string target = r.url.target;
    if (const auto q = target.find('?'); q != std::string::npos) target.resize(q);  // queries may be long
    return r.method + " " + (r.url.tls ? "https://" : "http://") + r.url.host_header() + target;
  }

  static http_error fail(http_error_kind kind, const http_request& r, std::string_view what,
                         const boost::system::error_code& ec) {
    std::string message = describe(r) + ": " + std::string(what);
    if (ec) message += ": " + ec.message();
    return http_error{kind, 0, std::move(message), std::nullopt};
  }

  http_error too_large(const http_request& r, boost::optional<std::uint64_t> length) const {
    const std::string size = length ? " (" + std::to_string(*length) + " bytes)" : "";
    return fail(http_error_kind::too_large, r,
                "the response body" + size + " exceeds the limit of " + std::to_string(options_.max_response_bytes) +
                    " bytes",
                {});
  }

  static std::string pool_key(const http_url& u) { return (u.tls ? "https://" : "http://") + u.authority(); }

  boost::asio::awaitable<expected<connection_ptr, http_error>> connect(const http_request& r) {
    namespace asio = boost::asio;
    const auto& u = r.url;
    auto c = std::make_unique<connection>();
    asio::ip::tcp::resolver resolver(executor_);
    asio::steady_timer deadline(executor_);
    // The resolver has no timeout of its own: a timer cancels it.
    deadline.expires_after(options_.connect_timeout);
    deadline.async_wait([&resolver](boost::system::error_code ec) {
      if (!ec) resolver.cancel();
    });
    auto [rec, endpoints] =
        co_await resolver.async_resolve(u.host, std::to_string(u.port), asio::as_tuple(asio::use_awaitable));
    const bool resolve_timed_out = deadline.expiry() <= std::chrono::steady_clock::now();
    deadline.cancel();
    if (rec) {
      co_return unexpected{fail(resolve_timed_out ? http_error_kind::timeout : http_error_kind::resolve, r,
                                resolve_timed_out ? "resolving the host timed out" : "cannot resolve the host", rec)};
    }
    if (u.tls) {
      c->secure.emplace(executor_, tls_);
    } else {
      c->plain.emplace(executor_);
    }
    auto& tcp = c->lowest();
    tcp.expires_after(options_.connect_timeout);
    auto [cec, endpoint] = co_await tcp.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
    if (cec) {
      co_return unexpected{fail(cec == boost::beast::error::timeout ? http_error_kind::timeout : http_error_kind::connect,
                                r, "cannot connect", cec)};
    }
    tcp.socket().set_option(asio::ip::tcp::no_delay(true));
    if (u.tls) {
      auto& s = *c->secure;
      if (!SSL_set_tlsext_host_name(s.native_handle(), u.host.c_str())) {
        co_return unexpected{fail(http_error_kind::tls, r, "cannot set the TLS server name", {})};
      }
      if (!options_.insecure_skip_verify) s.set_verify_callback(asio::ssl::host_name_verification(u.host));
      tcp.expires_after(options_.tls_timeout);
      auto [hec] = co_await s.async_handshake(asio::ssl::stream_base::client, asio::as_tuple(asio::use_awaitable));
      if (hec) {
        co_return unexpected{fail(hec == boost::beast::error::timeout ? http_error_kind::timeout : http_error_kind::tls,
                                  r, "TLS handshake failed", hec)};
      }
    }
    co_return c;
  }

  template <class Stream>
  boost::asio::awaitable<result> exchange(Stream& stream, connection& c, const http_request& r, bool& keep_alive,
                                          bool& received_anything) {
    namespace asio = boost::asio;
    namespace http = boost::beast::http;
    http::request<http::string_body> req;
    req.method(http::string_to_verb(r.method));
    req.method_string(r.method);
    req.target(r.url.target);
    req.version(11);
    req.set(http::field::host, r.url.host_header());
    req.set(http::field::user_agent, options_.user_agent);
    for (const auto& [name, value] : r.headers) req.set(name, value);
    req.body() = r.body;
    req.prepare_payload();
    req.keep_alive(true);

    auto& tcp = c.lowest();
    tcp.expires_after(options_.request_timeout);
    auto [wec, written] = co_await http::async_write(stream, req, asio::as_tuple(asio::use_awaitable));
    if (wec) {
      co_return unexpected{fail(wec == boost::beast::error::timeout ? http_error_kind::timeout : http_error_kind::connection,
                                r, "sending the request failed", wec)};
    }
    http::response_parser<http::string_body> parser;
    parser.header_limit(64 * 1024);
    parser.body_limit(options_.max_response_bytes);
    auto [hec, header_bytes] = co_await http::async_read_header(stream, c.buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (hec == http::error::body_limit) co_return unexpected{too_large(r, parser.content_length())};
    if (hec) {
      received_anything = c.buffer.size() > 0;
      const bool timeout = hec == boost::beast::error::timeout;
      co_return unexpected{fail(timeout ? http_error_kind::timeout : http_error_kind::connection, r,
                                timeout ? "no response within the request timeout" : "reading the response failed", hec)};
    }
    received_anything = true;
    if (const auto length = parser.content_length(); length && *length > options_.max_response_bytes) {
      co_return unexpected{too_large(r, length)};
    }
    tcp.expires_after(options_.body_timeout);
    auto [bec, body_bytes] = co_await http::async_read(stream, c.buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (bec) {
      if (bec == http::error::body_limit) co_return unexpected{too_large(r, parser.content_length())};
      const bool timeout = bec == boost::beast::error::timeout;
      co_return unexpected{fail(timeout ? http_error_kind::timeout : http_error_kind::connection, r,
                                timeout ? "the body did not arrive within the body timeout" : "reading the body failed",
                                bec)};
    }
    tcp.expires_never();
    auto& res = parser.get();
    keep_alive = res.keep_alive();
    http_response out;
    out.status = res.result_int();
    for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(res.body());
    co_return out;
  }

  // A turn among at most max_concurrent_requests; released when destroyed.
  class turn {
   public:
    explicit turn(http_client* c) : c_(c) {}
    turn(turn&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
    turn& operator=(turn&&) = delete;
    ~turn() {
      if (c_) c_->release_turn();
    }

   private:
    http_client* c_;
  };

  struct waiter {
    boost::asio::steady_timer timer;
    bool granted = false;
  };

  // Waits for a turn; nothing when cancelled meanwhile.
  boost::asio::awaitable<std::optional<turn>> take_turn() {
    if (active_ < std::max<std::size_t>(1, options_.max_concurrent_requests)) {
      ++active_;
      co_return turn(this);
    }
    waiter w{boost::asio::steady_timer(executor_, std::chrono::steady_clock::time_point::max())};
    waiters_.push_back(&w);
    co_await w.timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (w.granted) co_return turn(this);  // handed over by release_turn: active_ already counts it
    std::erase(waiters_, &w);
    co_return std::nullopt;
  }

  void release_turn() {
    if (waiters_.empty()) {
      --active_;
      return;
    }
    waiter* next = waiters_.front();
    waiters_.pop_front();
    next->granted = true;
    next->timer.cancel();
  }

  boost::asio::awaitable<result> send_once(const http_request& r) {
    auto my_turn = co_await take_turn();
    if (!my_turn) co_return unexpected{fail(http_error_kind::cancelled, r, "cancelled while waiting for a turn", {})};
    const std::string key = pool_key(r.url);
    // A reused keep-alive connection may have been closed by the server meanwhile: when such a connection
    // fails before any byte of a response arrived, the request goes once more on a fresh connection.
    for (int round = 0; round < 2; ++round) {
      connection_ptr c;
      bool reused = false;
      if (auto it = idle_.find(key); it != idle_.end() && !it->second.empty()) {
        c = std::move(it->second.back());
        it->second.pop_back();
        reused = true;
      } else {
        auto made = co_await connect(r);
        if (!made) co_return unexpected{std::move(made.error())};
        c = std::move(*made);
      }
      bool keep_alive = false;
      bool received_anything = false;
      result res;  // (not a ?: over two co_awaits: GCC 12 miscompiles that)
      if (c->plain) {
        res = co_await exchange(*c->plain, *c, r, keep_alive, received_anything);
      } else {
        res = co_await exchange(*c->secure, *c, r, keep_alive, received_anything);
      }
      if (!res && reused && !received_anything && res.error().kind == http_error_kind::connection) continue;
      if (res && keep_alive && c->buffer.size() == 0) {
        auto& list = idle_[key];
        if (list.size() < options_.max_idle_per_host) list.push_back(std::move(c));
      }
      if (res && (res->status < 200 || res->status >= 300) &&
          !(options_.follow_redirects && res->status >= 300 && res->status < 400)) {
        http_error e{http_error_kind::status, res->status, describe(r) + ": HTTP " + std::to_string(res->status), {}};
        if (auto ra = res->header("Retry-After")) e.retry_after = parse_retry_after(*ra, std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()));
        if (!res->body.empty()) e.message += ": " + res->body.substr(0, 200);
        co_return unexpected{std::move(e)};
      }
      co_return res;
    }
    co_return unexpected{fail(http_error_kind::connection, r, "the connection was closed", {})};
  }

  executor_type executor_;
  http_client_options options_;
  boost::asio::ssl::context tls_;
  std::map<std::string, std::vector<connection_ptr>, std::less<>> idle_;
  std::size_t active_ = 0;
  std::deque<waiter*> waiters_;
  std::minstd_rand random_{std::random_device{}()};
};

ERPOLL_END_NAMESPACE

#endif
