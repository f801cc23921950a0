// A small HTTP/1.1 server for tests, on 127.0.0.1 and an ephemeral port, with fault injection: connection
// resets, truncated bodies, slow headers and bodies. Optional TLS. Runs on the io_context it is given.
#pragma once

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace erpoll_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

struct test_request {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (beast::iequals(k, name)) return v;
    }
    return {};
  }
};

enum class fault { none, reset, truncate, slow_headers, slow_body };

struct test_reply {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  fault kind = fault::none;
  std::chrono::milliseconds delay{0};  // for slow_headers and slow_body
};

using test_handler = std::function<test_reply(const test_request&)>;

inline std::string reason_phrase(unsigned status) {
  return std::string(http::obsolete_reason(static_cast<http::status>(status)));
}

class test_server {
 public:
  /// Listens on 127.0.0.1 (port 0: any free one). With `tls`, speaks HTTPS with that context.
  test_server(asio::io_context& io, test_handler handler, asio::ssl::context* tls = nullptr, unsigned short port = 0)
      : io_(io), acceptor_(io, {asio::ip::make_address("127.0.0.1"), port}), handler_(std::move(handler)), tls_(tls) {
    asio::co_spawn(io_, accept_loop(), asio::detached);
  }
  ~test_server() { stop(); }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::string url() const { return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port()); }
  std::size_t connections_accepted() const { return accepted_; }

  void stop() {
    boost::system::error_code ec;
    acceptor_.close(ec);
    for (auto& weak : sockets_) {
      if (auto s = weak.lock()) s->close(ec);
    }
    sockets_.clear();
  }

 private:
  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      ++accepted_;
      auto shared = std::make_shared<asio::ip::tcp::socket>(std::move(socket));
      sockets_.push_back(shared);
      asio::co_spawn(io_, serve(shared), asio::detached);
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<asio::ip::tcp::socket> socket) {
    if (tls_) {
      asio::ssl::stream<asio::ip::tcp::socket&> stream(*socket, *tls_);
      auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      co_await serve_stream(stream, *socket);
    } else {
      co_await serve_stream(*socket, *socket);
    }
  }

  template <class Stream>
  asio::awaitable<void> serve_stream(Stream& stream, asio::ip::tcp::socket& socket) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> req;
      auto [ec, n] = co_await http::async_read(stream, buffer, req, asio::as_tuple(asio::use_awaitable));
      if (ec) co_return;
      test_request r{std::string(req.method_string()), std::string(req.target()), {}, req.body()};
      for (const auto& f : req) r.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      test_reply reply = handler_(r);
      if (reply.kind == fault::reset) {
        boost::system::error_code ignored;
        socket.set_option(asio::socket_base::linger(true, 0), ignored);
        socket.close(ignored);
        co_return;
      }
      if (reply.kind == fault::slow_headers) co_await sleep(reply.delay);
      std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason_phrase(reply.status) + "\r\n";
      bool has_type = false;
      for (const auto& [k, v] : reply.headers) {
        head += k + ": " + v + "\r\n";
        has_type = has_type || beast::iequals(k, "Content-Type");
      }
      if (!has_type) head += "Content-Type: application/json\r\n";
      head += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
      if (reply.kind == fault::truncate) {
        head += reply.body.substr(0, reply.body.size() / 2);
        co_await asio::async_write(stream, asio::buffer(head), asio::as_tuple(asio::use_awaitable));
        boost::system::error_code ignored;
        socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        co_return;
      }
      if (reply.kind == fault::slow_body) {
        auto [wec, w] = co_await asio::async_write(stream, asio::buffer(head), asio::as_tuple(asio::use_awaitable));
        if (wec) co_return;
        co_await sleep(reply.delay);
        auto [bec, b] = co_await asio::async_write(stream, asio::buffer(reply.body), asio::as_tuple(asio::use_awaitable));
        if (bec) co_return;
      } else {
        head += reply.body;
        auto [wec, w] = co_await asio::async_write(stream, asio::buffer(head), asio::as_tuple(asio::use_awaitable));
        if (wec) co_return;
      }
      if (!req.keep_alive()) co_return;
    }
  }

  asio::awaitable<void> sleep(std::chrono::milliseconds d) {
    asio::steady_timer t(io_, d);
    co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
  }

  asio::io_context& io_;
  asio::ip::tcp::acceptor acceptor_;
  test_handler handler_;
  asio::ssl::context* tls_;
  std::size_t accepted_ = 0;
  std::vector<std::weak_ptr<asio::ip::tcp::socket>> sockets_;
};

}  // namespace erpoll_test
