/// \file
/// Turning an expanded URL template into a correct HTTP request target: percent-encoding of the query (and
/// of what a path may not hold), and adding or replacing query parameters (`pageSize`, `nextPage`, `page`).
#pragma once
#ifndef ERPOLL_RESOURCE_REQUEST_TARGET_HPP
#define ERPOLL_RESOURCE_REQUEST_TARGET_HPP

#include <erpoll/core/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

constexpr bool is_hex_digit(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

constexpr bool is_unreserved(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

inline void append_percent_encoded(std::string& out, char c) {
  constexpr char hex[] = "0123456789ABCDEF";
  const auto byte = static_cast<unsigned char>(c);  // non-ASCII text goes byte by byte: its UTF-8
  out += '%';
  out += hex[byte >> 4];
  out += hex[byte & 15];
}

/// Is there an escape `%XX` at `i`? Such text was encoded already and is kept as it is.
constexpr bool is_escape_at(std::string_view s, std::size_t i) noexcept {
  return s[i] == '%' && i + 2 < s.size() && is_hex_digit(s[i + 1]) && is_hex_digit(s[i + 2]);
}

}  // namespace detail

/// `%XX` escapes decoded and `+` read as a space (form encoding): a query value as the server sees it.
inline std::string percent_decode(std::string_view s) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

/// Builds a request target piece by piece, percent-encoding as it goes.
///
/// Text of the template (`append_template_text`) keeps its structure: the path keeps `/`, the query keeps
/// its `?`, the `&` between parameters and the first `=` of each, and escapes already present (`%3E`) are
/// not encoded again. Everything else that a query may not carry raw is encoded: spaces, quotes, `<`, `>`,
/// `#`, `+`, a second `=`, and `&` inside a quoted CEQL value (`name = 'A&B'`); non-ASCII as its UTF-8 bytes.
/// Substituted values (`append_value`) are encoded whole: a `+05:30` offset arrives as `%2B05:30`.
/// Kept raw in a query: letters, digits, `-._~` and `:/@,`.
class request_target_builder {
 public:
  /// Appends text of the URL template.
  void append_template_text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (detail::is_escape_at(text, i)) {
        target_.append(text.substr(i, 3));
        i += 2;
        continue;
      }
      if (!in_query_) {
        if (c == '?') {
          in_query_ = true;
          target_ += c;
        } else if (detail::is_unreserved(c) || path_keeps(c)) {
          target_ += c;
        } else {
          detail::append_percent_encoded(target_, c);
        }
        continue;
      }
      if (c == '\'') in_quotes_ = !in_quotes_;
      if (c == '&' && !in_quotes_) {
        parameter_has_value_ = false;
        target_ += c;
      } else if (c == '=' && !in_quotes_ && !parameter_has_value_) {
        parameter_has_value_ = true;
        target_ += c;
      } else {
        append_query_char(c);
      }
    }
  }

  /// Appends a substituted value (a formatted date, an epoch number): always encoded.
  void append_value(std::string_view value) {
    for (char c : value) {
      if (in_query_) {
        append_query_char(c);
      } else if (detail::is_unreserved(c) || c == ':' || c == '@') {
        target_ += c;
      } else {
        detail::append_percent_encoded(target_, c);
      }
    }
  }

  /// The target built so far.
  const std::string& str() const& noexcept { return target_; }
  std::string str() && noexcept { return std::move(target_); }

 private:
  static constexpr bool path_keeps(char c) noexcept {
    switch (c) {
      case '/': case ':': case '@': case '!': case '$': case '&': case '\'': case '(': case ')':
      case '*': case '+': case ',': case ';': case '=': return true;
      default: return false;
    }
  }

  void append_query_char(char c) {
    if (detail::is_unreserved(c) || c == ':' || c == '/' || c == '@' || c == ',') {
      target_ += c;
    } else {
      detail::append_percent_encoded(target_, c);
    }
  }

  std::string target_;
  bool in_query_ = false;
  bool in_quotes_ = false;
  bool parameter_has_value_ = false;
};

namespace detail {

/// Rewrites the query of `target` without parameter `name`, putting `name=*replacement` where it first stood
/// (or at the end) when `replacement` is given. `&` inside quoted CEQL values does not separate parameters.
inline void rewrite_query_parameter(std::string& target, std::string_view name, const std::string* replacement) {
  const std::size_t query = target.find('?');
  std::string result = target.substr(0, query);
  char separator = '?';
  auto append = [&](std::string_view parameter) {
    result += separator;
    result.append(parameter);
    separator = '&';
  };
  bool placed = false;
  auto place = [&] {
    if (replacement == nullptr || placed) return;
    append(std::string(name) + "=" + *replacement);
    placed = true;
  };
  if (query != std::string::npos) {
    bool quoted = false;
    std::size_t start = query + 1;
    for (std::size_t i = start; i <= target.size(); ++i) {
      if (i < target.size() && target[i] == '\'') quoted = !quoted;
      if (i < target.size() && (target[i] != '&' || quoted)) continue;
      const std::string_view parameter = std::string_view(target).substr(start, i - start);
      if (parameter.substr(0, parameter.find('=')) == name) {
        place();
      } else if (!parameter.empty()) {
        append(parameter);
      }
      start = i + 1;
    }
  }
  place();
  target = std::move(result);
}

}  // namespace detail

/// Sets query parameter `name` of `target` to `value` (percent-encoded): where the parameter exists its first
/// occurrence gets the value and later ones go; otherwise it is appended.
inline void set_query_parameter(std::string& target, std::string_view name, std::string_view value) {
  request_target_builder encoded;
  encoded.append_template_text("?");
  encoded.append_value(value);
  const std::string new_value = encoded.str().substr(1);
  detail::rewrite_query_parameter(target, name, &new_value);
}

/// Removes every query parameter `name` from `target`.
inline void remove_query_parameter(std::string& target, std::string_view name) {
  detail::rewrite_query_parameter(target, name, nullptr);
}

ERPOLL_END_NAMESPACE

#endif
