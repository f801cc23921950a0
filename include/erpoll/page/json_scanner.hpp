/// \file
/// A validating JSON scanner over bytes in memory: it finds where values begin and end (so records keep their
/// exact raw bytes) and skips what nobody asked for, without building a DOM or allocating.
/// nlohmann/json's SAX interface reports no byte positions, which the raw bytes of a record need.
#pragma once
#ifndef ERPOLL_PAGE_JSON_SCANNER_HPP
#define ERPOLL_PAGE_JSON_SCANNER_HPP

#include <erpoll/core/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// The kind of a JSON value.
enum class json_kind : std::uint8_t { none, string, number, object, array, boolean, null };

/// A scanned value: its kind and its exact text (a string's text includes the quotes).
struct json_span {
  json_kind kind = json_kind::none;
  std::string_view text;
  bool escaped = false;  // a string with backslash escapes (its contents need unescaping)

  /// A string's contents without the quotes (still escaped when `escaped`).
  constexpr std::string_view string_contents() const noexcept { return text.substr(1, text.size() - 2); }
};

/// Where and why the JSON is malformed.
struct json_syntax_error {
  std::size_t offset = 0;
  const char* reason = nullptr;
};

/// Walks a buffer of JSON. Every `read_*` returns false on malformed input and leaves `error` set.
class json_scanner {
 public:
  explicit constexpr json_scanner(std::string_view text) noexcept
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

  constexpr std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  constexpr const char* position() const noexcept { return p_; }
  constexpr bool at_end() const noexcept { return p_ == end_; }
  json_syntax_error error{};

  constexpr void skip_whitespace() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  /// Skips whitespace and, when the next character is `c`, consumes it.
  constexpr bool consume(char c) noexcept {
    skip_whitespace();
    if (p_ != end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  /// The next non-space character, or '\0' at the end.
  constexpr char peek() noexcept {
    skip_whitespace();
    return p_ == end_ ? '\0' : *p_;
  }

  /// Reads one complete value of any kind (validating it, nested values included).
  constexpr bool read_value(json_span& out, int depth = 0) noexcept {
    skip_whitespace();
    if (p_ == end_) return fail("unexpected end of the JSON");
    const char* start = p_;
    switch (*p_) {
      case '"': return read_string(out);
      case '{':
      case '[': {
        if (!skip_container(depth)) return false;
        out = {*start == '{' ? json_kind::object : json_kind::array, span_from(start), false};
        return true;
      }
      case 't': return read_literal("true", json_kind::boolean, out);
      case 'f': return read_literal("false", json_kind::boolean, out);
      case 'n': return read_literal("null", json_kind::null, out);
      default: return read_number(out);
    }
  }

  /// Reads a string (at the next non-space character).
  constexpr bool read_string(json_span& out) noexcept {
    skip_whitespace();
    if (p_ == end_ || *p_ != '"') return fail("expected a string");
    const char* start = p_++;
    bool escaped = false;
    while (true) {
      if (p_ == end_) return fail_at(start, "a string is not closed");
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c < 0x20) return fail("a control character inside a string");
      if (c == '\\') {
        escaped = true;
        if (++p_ == end_) return fail_at(start, "a string is not closed");
        switch (*p_) {
          case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': break;
          case 'u':
            for (int i = 0; i < 4; ++i) {
              if (++p_ == end_ || !is_hex(*p_)) return fail("a \\u escape needs four hex digits");
            }
            break;
          default: return fail("an invalid escape in a string");
        }
      }
      ++p_;
    }
    ++p_;
    out = {json_kind::string, span_from(start), escaped};
    return true;
  }

  /// Fails with `reason` at the current position (for callers that find the JSON well-formed but wrong).
  constexpr bool fail(const char* reason) noexcept { return fail_at(p_, reason); }

  constexpr std::string_view span_from(const char* start) const noexcept {
    return {start, static_cast<std::size_t>(p_ - start)};
  }

 private:
  static constexpr int max_depth = 512;

  static constexpr bool is_hex(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  static constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

  constexpr bool fail_at(const char* where, const char* reason) noexcept {
    if (error.reason == nullptr) error = {static_cast<std::size_t>(where - begin_), reason};
    return false;
  }

  constexpr bool read_literal(std::string_view word, json_kind kind, json_span& out) noexcept {
    const char* start = p_;
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) {
      return fail("an invalid literal (expected true, false or null)");
    }
    p_ += word.size();
    out = {kind, span_from(start), false};
    return true;
  }

  // JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  constexpr bool read_number(json_span& out) noexcept {
    const char* start = p_;
    if (p_ != end_ && *p_ == '-') ++p_;
    if (p_ == end_ || !is_digit(*p_)) return fail_at(start, "expected a value");
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return fail("a number needs digits after the decimal point");
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return fail("a number needs digits in its exponent");
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    out = {json_kind::number, span_from(start), false};
    return true;
  }

  constexpr bool skip_container(int depth) noexcept {
    if (depth >= max_depth) return fail("the JSON nests deeper than 512 levels");
    const bool object = *p_ == '{';
    const char close = object ? '}' : ']';
    ++p_;
    if (consume(close)) return true;
    json_span ignored;
    while (true) {
      if (object) {
        if (!read_string(ignored)) return false;
        if (!consume(':')) return fail("expected ':' after an object key");
      }
      if (!read_value(ignored, depth + 1)) return false;
      if (consume(',')) continue;
      if (consume(close)) return true;
      return fail(object ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
    }
  }

  const char* begin_;
  const char* p_;
  const char* end_;
};

/// Appends the UTF-8 of code point `cp`.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// The contents of a scanned string with its escapes resolved (`\u` surrogate pairs joined; a lone
/// surrogate becomes U+FFFD).
inline std::string unescape(const json_span& s) {
  const std::string_view in = s.string_contents();
  if (!s.escaped) return std::string(in);
  std::string out;
  out.reserve(in.size());
  auto hex4 = [&in](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      const char c = in[i];
      v = v * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out += in[i];
      continue;
    }
    const char e = in[++i];
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        std::uint32_t cp = hex4(i + 1);
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < in.size() && in[i + 1] == '\\' && in[i + 2] == 'u') {
          const std::uint32_t low = hex4(i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
        append_utf8(out, cp);
        break;
      }
      default: out += e; break;  // " \ /
    }
  }
  return out;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
