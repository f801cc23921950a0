/// \file
/// `erpoll::http_error`: why an HTTP exchange failed, and whether retrying can help.
#pragma once
#ifndef ERPOLL_NET_HTTP_ERROR_HPP
#define ERPOLL_NET_HTTP_ERROR_HPP

#include <erpoll/core/config.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// The kinds of failure, as metrics count them.
enum class http_error_kind { resolve, connect, tls, timeout, connection, too_large, protocol, status, redirect, cancelled };

constexpr std::string_view to_string(http_error_kind k) noexcept {
  constexpr std::string_view names[] = {"resolve", "connect",  "tls",    "timeout",  "connection",
                                        "too_large", "protocol", "status", "redirect", "cancelled"};
  return names[static_cast<int>(k)];
}

/// One failed exchange. `message` names the URL (without credentials) and the reason.
struct http_error {
  http_error_kind kind = http_error_kind::connection;
  unsigned status = 0;  ///< for `status`: the HTTP status
  std::string message;
  std::optional<std::chrono::microseconds> retry_after;  ///< the server's Retry-After, when it sent one

  /// 429, 5xx, and failures to connect or to read a whole response are worth retrying; other 4xx, TLS
  /// verification failures, oversized responses and cancellation are not.
  bool retryable() const noexcept {
    switch (kind) {
      case http_error_kind::resolve:
      case http_error_kind::connect:
      case http_error_kind::timeout:
      case http_error_kind::connection: return true;
      case http_error_kind::status: return status == 429 || status >= 500;
      default: return false;
    }
  }
};

ERPOLL_END_NAMESPACE

#endif
