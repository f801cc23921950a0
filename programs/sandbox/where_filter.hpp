// The sandbox hub's reading of a CEQL `where` parameter: conditions joined by AND (NetSuite has no OR),
// `field op value` with op one of = != < <= > >=, values in single quotes ('' for a quote) or bare,
// dotted fields in backticks. The Cloud Elements `attributes='a,b'` clause asks for extra attributes.
// A value whose closing quote is missing runs to the end (the seed's own example URL has one).
#pragma once

#include <erpoll/resource/request_target.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace erpoll_sandbox {

struct condition {
  std::string field;
  std::string op;
  std::string value;
};

struct where_clause {
  std::vector<condition> conditions;
  std::vector<std::string> attributes;  // from attributes='a,b'
};

using erpoll::percent_decode;

/// The decoded value of query parameter `name` of `target`, if present.
inline std::optional<std::string> query_parameter(std::string_view target, std::string_view name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

namespace detail {
inline std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

inline bool keyword_at(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  return true;
}

// Splits at " and " outside quotes; an " or " there is an error.
inline std::optional<std::vector<std::string>> split_conjunction(std::string_view s, std::string& error) {
  std::vector<std::string> parts;
  bool quoted = false;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'') quoted = !quoted;
    if (quoted) continue;
    if (s[i] == ' ' && keyword_at(s, i, " and ")) {
      parts.push_back(std::string(s.substr(begin, i - begin)));
      begin = i + 5;
      i += 4;
    } else if (s[i] == ' ' && keyword_at(s, i, " or ")) {
      error = "OR is not supported (NetSuite)";
      return std::nullopt;
    }
  }
  parts.push_back(std::string(s.substr(begin)));
  return parts;
}
}  // namespace detail

/// Parses a where clause; on a problem returns nothing and says why in `error`.
inline std::optional<where_clause> parse_where(std::string_view text, std::string& error) {
  where_clause out;
  auto parts = detail::split_conjunction(text, error);
  if (!parts) return std::nullopt;
  for (const auto& raw : *parts) {
    const std::string part = detail::trim(raw);
    if (part.empty()) {
      error = "an empty condition";
      return std::nullopt;
    }
    if (part.front() == '(') {
      error = "parentheses are not supported by the sandbox";
      return std::nullopt;
    }
    std::size_t at = std::string::npos, length = 0;
    for (std::size_t i = 0; i < part.size() && at == std::string::npos; ++i) {
      if (part[i] == '\'') break;
      for (std::string_view op : {">=", "<=", "!=", "=", ">", "<"}) {
        if (part.compare(i, op.size(), op) == 0) {
          at = i;
          length = op.size();
          break;
        }
      }
    }
    if (at == std::string::npos) {
      error = "no comparison in \"" + part + "\"";
      return std::nullopt;
    }
    condition c;
    c.field = detail::trim(std::string_view(part).substr(0, at));
    c.field.erase(std::remove(c.field.begin(), c.field.end(), '`'), c.field.end());
    c.op = part.substr(at, length);
    std::string value = detail::trim(std::string_view(part).substr(at + length));
    if (!value.empty() && value.front() == '\'') {
      std::string unquoted;
      std::size_t i = 1;
      for (; i < value.size(); ++i) {
        if (value[i] == '\'') {
          if (i + 1 < value.size() && value[i + 1] == '\'') {
            unquoted += '\'';
            ++i;
            continue;
          }
          break;
        }
        unquoted += value[i];
      }
      if (i + 1 < value.size()) {
        error = "text after the quoted value in \"" + part + "\"";
        return std::nullopt;
      }
      value = unquoted;
    }
    if (c.field.empty()) {
      error = "no field in \"" + part + "\"";
      return std::nullopt;
    }
    if (c.field == "attributes") {
      for (std::size_t b = 0; b <= value.size();) {
        auto e = value.find(',', b);
        if (e == std::string::npos) e = value.size();
        if (auto a = detail::trim(std::string_view(value).substr(b, e - b)); !a.empty()) out.attributes.push_back(a);
        b = e + 1;
      }
      continue;
    }
    c.value = std::move(value);
    out.conditions.push_back(std::move(c));
  }
  return out;
}

/// Whether `left op right` holds, for values that compare (dates as instants, numbers, text).
template <class T>
bool compare(const T& left, const std::string& op, const T& right) {
  if (op == "=") return left == right;
  if (op == "!=") return !(left == right);
  if (op == "<") return left < right;
  if (op == "<=") return !(right < left);
  if (op == ">") return right < left;
  return !(left < right);  // >=
}

}  // namespace erpoll_sandbox
