/// \file
/// `erpoll::sink`: where notifications go. `sink::webhook` POSTs them to the callback URL, signed;
/// `sink::function` hands them to a function in the same process. Either way a notification leaves the outbox
/// only after the sink said it was delivered: at least once.
#pragma once
#ifndef ERPOLL_POLL_SINK_HPP
#define ERPOLL_POLL_SINK_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/net/http_client.hpp>
#include <erpoll/net/secret.hpp>
#include <erpoll/net/url.hpp>

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

ERPOLL_BEGIN_NAMESPACE

/// The outcome of one delivery attempt.
struct delivery_result {
  bool delivered = false;
  std::string error;  ///< why not (never a secret)
  std::optional<std::chrono::microseconds> retry_after;  ///< the receiver's wish, when it said one

  static delivery_result ok() { return {true, {}, std::nullopt}; }
};

/// A destination for notifications (cheap to copy: copies share the destination).
class sink {
 public:
  using deliver_function = std::function<boost::asio::awaitable<delivery_result>(const notification&)>;

  explicit sink(deliver_function f) : deliver_(std::move(f)) {}

  /// POSTs each notification's body to `callback` with its headers (`elements-webhook-id`, and the
  /// signature when `signature_key` is set). Delivered = a 2xx within the client's timeouts; a
  /// `Retry-After` of the receiver is passed on. `client` must outlive the sink.
  static sink webhook(http_client& client, http_url callback, secret signature_key = {}) {
    return sink([&client, callback = std::move(callback),
                 key = std::move(signature_key)](const notification& n) -> boost::asio::awaitable<delivery_result> {
      http_request request;
      request.method = "POST";
      request.url = callback;
      request.headers = n.headers(key.reveal());
      request.body = n.body;
      auto r = co_await client.send(std::move(request));
      if (r) co_return delivery_result::ok();
      co_return delivery_result{false, r.error().message, r.error().retry_after};
    });
  }

  /// Calls `f(notification)` in the poller's thread. Returning normally is delivery; throwing is a failed
  /// attempt, retried on the schedule (the exception's message is logged).
  static sink function(std::function<void(const notification&)> f) {
    return sink([f = std::move(f)](const notification& n) -> boost::asio::awaitable<delivery_result> {
      try {
        f(n);
      } catch (const std::exception& e) {
        co_return delivery_result{false, e.what(), std::nullopt};
      } catch (...) {
        co_return delivery_result{false, "the sink function threw", std::nullopt};
      }
      co_return delivery_result::ok();
    });
  }

  /// One attempt.
  boost::asio::awaitable<delivery_result> deliver(const notification& n) const { return deliver_(n); }

 private:
  deliver_function deliver_;
};

ERPOLL_END_NAMESPACE

#endif
