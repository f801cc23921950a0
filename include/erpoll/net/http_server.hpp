/// \file
/// `erpoll::http_server`: a small HTTP/1.1 server on Beast for erpoll's own endpoints (`erpoll-run
/// --metrics-port`, the sandbox hub). Plain HTTP on 127.0.0.1 by default, keep-alive, bounded request size,
/// one coroutine per connection; the handler runs on the server's executor.
#pragma once
#ifndef ERPOLL_NET_HTTP_SERVER_HPP
#define ERPOLL_NET_HTTP_SERVER_HPP

#include <erpoll/core/config.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A request as the handler sees it.
struct server_request {
  std::string method;
  std::string target;  ///< path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The value of header `name` (any case), or empty.
  std::string header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (boost::beast::iequals(k, name)) return v;
    }
    return {};
  }
  /// The path: the target up to `?`.
  std::string_view path() const { return std::string_view(target).substr(0, target.find('?')); }
};

/// The handler's answer.
struct server_response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// A handler: one response per request.
using server_handler = std::function<server_response(const server_request&)>;

/// Serves `handler` on `address:port` (port 0: any free one; `port()` says which).
class http_server {
 public:
  /// Requests larger than this (head and body) are refused with 413.
  static constexpr std::size_t max_request_bytes = 8u << 20;

  /// \throws boost::system::system_error when the address cannot be bound.
  http_server(boost::asio::any_io_executor executor, server_handler handler, std::uint16_t port = 0,
              std::string_view address = "127.0.0.1")
      : state_(std::make_shared<state>(executor, std::move(handler))) {
    namespace ip = boost::asio::ip;
    const ip::tcp::endpoint endpoint(ip::make_address(address), port);
    state_->acceptor.open(endpoint.protocol());
    state_->acceptor.set_option(ip::tcp::acceptor::reuse_address(true));
    state_->acceptor.bind(endpoint);
    state_->acceptor.listen();
    boost::asio::co_spawn(executor, accept_loop(state_), boost::asio::detached);
  }
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;
  ~http_server() { stop(); }

  /// The port listened on.
  std::uint16_t port() const { return state_->port(); }

  /// Stops accepting and closes open connections. Call it on the executor's thread.
  void stop() {
    boost::system::error_code ignored;
    state_->acceptor.close(ignored);
    for (auto& weak : state_->sockets) {
      if (auto s = weak.lock()) s->close(ignored);
    }
    state_->sockets.clear();
  }

 private:
  using socket_ptr = std::shared_ptr<boost::asio::ip::tcp::socket>;
  struct state {
    state(boost::asio::any_io_executor ex, server_handler h) : acceptor(ex), handler(std::move(h)) {}
    std::uint16_t port() const {
      boost::system::error_code ec;
      return acceptor.local_endpoint(ec).port();
    }
    boost::asio::ip::tcp::acceptor acceptor;
    server_handler handler;
    std::vector<std::weak_ptr<boost::asio::ip::tcp::socket>> sockets;
  };

  static boost::asio::awaitable<void> accept_loop(std::shared_ptr<state> s) {
    namespace asio = boost::asio;
    for (;;) {
      auto [ec, socket] = co_await s->acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      auto shared = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
      std::erase_if(s->sockets, [](const auto& w) { return w.expired(); });
      s->sockets.push_back(shared);
      asio::co_spawn(s->acceptor.get_executor(), serve(s, shared), asio::detached);
    }
  }

  static boost::asio::awaitable<void> serve(std::shared_ptr<state> s, socket_ptr socket) {
    namespace asio = boost::asio;
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(max_request_bytes);
      parser.header_limit(64 * 1024);
      auto [ec, n] = co_await http::async_read(*socket, buffer, parser, asio::as_tuple(asio::use_awaitable));
      server_response reply;
      bool keep_alive = false;
      if (ec == http::error::body_limit || ec == http::error::header_limit) {
        reply = server_response{413, "text/plain; charset=utf-8", {}, "request too large\n"};
      } else if (ec) {
        co_return;
      } else {
        auto& req = parser.get();
        server_request r{std::string(req.method_string()), std::string(req.target()), {}, std::move(req.body())};
        for (const auto& f : req) r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
        keep_alive = req.keep_alive();
        try {
          reply = s->handler(r);
        } catch (const std::exception& e) {
          reply = server_response{500, "text/plain; charset=utf-8", {}, std::string("internal error: ") + e.what() + "\n"};
        }
      }
      http::response<http::string_body> res{static_cast<http::status>(reply.status), 11};
      res.set(http::field::server, "erpoll");
      res.set(http::field::content_type, reply.content_type);
      for (const auto& [k, v] : reply.headers) res.set(k, v);
      res.body() = std::move(reply.body);
      res.keep_alive(keep_alive);
      res.prepare_payload();
      auto [wec, w] = co_await http::async_write(*socket, res, asio::as_tuple(asio::use_awaitable));
      if (wec || !keep_alive) {
        boost::system::error_code ignored;
        socket->shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        co_return;
      }
    }
  }

  std::shared_ptr<state> state_;
};

ERPOLL_END_NAMESPACE

#endif
