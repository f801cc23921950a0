/// \file
/// `erpoll::http_url`: an absolute http(s) URL split into what a connection and a request need.
#pragma once
#ifndef ERPOLL_NET_URL_HPP
#define ERPOLL_NET_URL_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// `http://host:port/path?query` as scheme, host, port and request target.
struct http_url {
  bool tls = false;         ///< https
  std::string host;         ///< a name or an address (IPv6 without brackets)
  std::uint16_t port = 80;  ///< the default for the scheme when the URL has none
  std::string target = "/"; ///< path and query ("/" when the URL has neither)

  /// "host:port", the key of a connection pool.
  std::string authority() const {
    std::string out = bracketed_host();
    out += ':';
    out += std::to_string(port);
    return out;
  }
  /// The value of the Host header (the port only when it is not the scheme's default).
  std::string host_header() const { return port == (tls ? 443 : 80) ? bracketed_host() : authority(); }
  /// The URL written back ("https://host:8443/x").
  std::string text() const {
    std::string out = tls ? "https://" : "http://";
    out += host_header();
    out += target;
    return out;
  }
  /// The host, in brackets when it is an IPv6 address.
  std::string bracketed_host() const {
    if (host.find(':') == std::string::npos) return host;
    std::string out = "[";
    out += host;
    out += ']';
    return out;
  }

  /// Parses `url`. \throws config_error naming the URL and the reason.
  static http_url parse(std::string_view url) {
    auto fail = [url](const char* why) -> http_url {
      throw config_error("erpoll: the URL \"" + std::string(url) + "\" " + why);
    };
    http_url u;
    std::string_view rest = url;
    if (rest.starts_with("https://")) {
      u.tls = true;
      u.port = 443;
      rest.remove_prefix(8);
    } else if (rest.starts_with("http://")) {
      rest.remove_prefix(7);
    } else {
      return fail("must start with http:// or https://");
    }
    const std::size_t slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
      u.target.clear();  // built with +=: GCC 12 at -O3 false-alarms (-Wrestrict) on insert and "lit" + string
      if (rest[slash] == '?') u.target += '/';
      u.target += rest.substr(slash);
    }
    if (authority.find('@') != std::string_view::npos) return fail("must not carry credentials (use the auth options)");
    std::string_view port_text;
    if (authority.starts_with("[")) {
      const std::size_t close = authority.find(']');
      if (close == std::string_view::npos) return fail("has an unterminated [IPv6] address");
      u.host = std::string(authority.substr(1, close - 1));
      const std::string_view after = authority.substr(close + 1);
      if (!after.empty()) {
        if (after.front() != ':') return fail("has text after the [IPv6] address");
        port_text = after.substr(1);
      }
    } else {
      const std::size_t colon = authority.rfind(':');
      u.host = std::string(authority.substr(0, colon));
      if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    }
    if (u.host.empty()) return fail("has no host");
    if (!port_text.empty() || authority.ends_with(":")) {
      unsigned port = 0;
      const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
      if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) {
        return fail("has an invalid port");
      }
      u.port = static_cast<std::uint16_t>(port);
    }
    return u;
  }
};

/// `base` with `target` appended: the hub's base URL may carry a path prefix ("/elements/api-v2").
inline http_url join_url(const http_url& base, std::string_view target) {
  http_url u = base;
  std::string prefix = base.target;
  if (const auto q = prefix.find('?'); q != std::string::npos) prefix.resize(q);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  u.target = prefix + (target.starts_with("/") ? "" : "/") + std::string(target);
  return u;
}

ERPOLL_END_NAMESPACE

#endif
