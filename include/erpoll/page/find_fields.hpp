/// \file
/// Finding the values of a few JSON paths (`internalId`, `fields.lastModifiedDate`) in one record, in a
/// single pass over its bytes; everything else is skipped (but still validated).
#pragma once
#ifndef ERPOLL_PAGE_FIND_FIELDS_HPP
#define ERPOLL_PAGE_FIND_FIELDS_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/page/json_scanner.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// The paths to look for (dot-separated keys) and where their values go (`kind == none`: absent).
/// At most 64 paths. When a key appears twice in an object, the last one wins (as in JavaScript and
/// nlohmann/json).
struct field_lookup {
  const std::string_view* paths;
  json_span* found;
  std::size_t count;
};

namespace find_fields_detail {

// Reads the object at the scanner (after its '{' was seen by the caller: `s` is at '{'). `active` marks the
// paths whose leading keys matched the enclosing objects; `consumed[i]` is how much of path i they matched.
inline bool scan_object(json_scanner& s, const field_lookup& lookup, std::uint64_t active, std::size_t* consumed,
                        int depth) {
  if (!s.consume('{')) return s.fail("expected an object");
  if (s.consume('}')) return true;
  std::string unescaped_key;
  while (true) {
    json_span key_span;
    if (!s.read_string(key_span)) return false;
    std::string_view key = key_span.string_contents();
    if (key_span.escaped) {
      unescaped_key = unescape(key_span);
      key = unescaped_key;
    }
    if (!s.consume(':')) return s.fail("expected ':' after an object key");
    std::uint64_t leaves = 0;
    std::uint64_t nested = 0;
    for (std::size_t i = 0; i < lookup.count; ++i) {
      if ((active >> i & 1u) == 0) continue;
      const std::string_view rest = lookup.paths[i].substr(consumed[i]);
      if (rest == key) {
        leaves |= std::uint64_t{1} << i;
      } else if (rest.size() > key.size() && rest[key.size()] == '.' && rest.starts_with(key)) {
        nested |= std::uint64_t{1} << i;
      }
    }
    json_span value;
    if (nested != 0 && s.peek() == '{') {
      const char* start = s.position();
      for (std::size_t i = 0; i < lookup.count; ++i) {
        if (nested >> i & 1u) consumed[i] += key.size() + 1;
      }
      if (!scan_object(s, lookup, nested, consumed, depth + 1)) return false;
      for (std::size_t i = 0; i < lookup.count; ++i) {
        if (nested >> i & 1u) consumed[i] -= key.size() + 1;
      }
      value = {json_kind::object, s.span_from(start), false};
    } else if (!s.read_value(value, depth + 1)) {
      return false;
    }
    for (std::size_t i = 0; i < lookup.count; ++i) {
      if (leaves >> i & 1u) lookup.found[i] = value;
    }
    if (s.consume(',')) continue;
    if (s.consume('}')) return true;
    return s.fail("expected ',' or '}' in an object");
  }
}

}  // namespace find_fields_detail

/// Reads the record object at `s`, filling `lookup.found`. Returns false on malformed JSON (`s.error`).
inline bool find_fields(json_scanner& s, const field_lookup& lookup) {
  std::size_t consumed[64] = {};
  for (std::size_t i = 0; i < lookup.count; ++i) lookup.found[i] = {};
  const std::uint64_t all = lookup.count >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << lookup.count) - 1;
  return find_fields_detail::scan_object(s, lookup, all, consumed, 1);
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
