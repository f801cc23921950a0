/// \file
/// Page extraction for a `dynamic_resource`: the same scanner and rules as for descriptors, with the field
/// paths, date formats and member types read from configuration.
#pragma once
#ifndef ERPOLL_PAGE_EXTRACT_DYNAMIC_HPP
#define ERPOLL_PAGE_EXTRACT_DYNAMIC_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/page/extract.hpp>
#include <erpoll/page/find_fields.hpp>
#include <erpoll/page/json_scanner.hpp>
#include <erpoll/resource/dynamic_resource.hpp>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A further member's value: absent or null, or the configured type.
using dynamic_value = std::variant<std::monostate, std::string, bool, std::int64_t, double>;

/// One extracted record of a `dynamic_resource`.
struct dynamic_record {
  std::size_t index = 0;
  std::string_view raw;  ///< the record's exact bytes in the page
  std::string id;
  instant updated{};
  std::optional<instant> created;
  std::vector<dynamic_value> members;  ///< in the order of `dynamic_resource::members()`
};

namespace detail {

inline const char* convert_dynamic_member(const json_span& v, dynamic_value_type type, dynamic_value& out) {
  if (v.kind == json_kind::none || v.kind == json_kind::null) {
    out = std::monostate{};
    return nullptr;
  }
  switch (type) {
    case dynamic_value_type::string:
      if (v.kind != json_kind::string) return "expected a string";
      out = unescape(v);
      return nullptr;
    case dynamic_value_type::boolean:
      if (v.kind != json_kind::boolean) return "expected true or false";
      out = v.text == "true";
      return nullptr;
    case dynamic_value_type::integer: {
      if (v.kind != json_kind::number) return "expected a number";
      std::int64_t i = 0;
      const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), i);
      if (ec == std::errc::result_out_of_range) return "the number is out of range";
      if (ec != std::errc{} || end != v.text.data() + v.text.size()) return "expected a whole number";
      out = i;
      return nullptr;
    }
    case dynamic_value_type::number: {
      if (v.kind != json_kind::number) return "expected a number";
      double d = 0;
      const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
      if (ec != std::errc{} || end != v.text.data() + v.text.size()) return "the number is out of range";
      out = d;
      return nullptr;
    }
  }
  return "unknown member type";
}

}  // namespace detail

/// Extracts the records of `page` for `resource`; as `extract_page<R>` (callbacks in page order, a
/// `page_error` for malformed JSON).
template <class OnRecord, class OnError>
expected<page_summary, page_error> extract_page(const dynamic_resource& resource, std::string_view page,
                                                OnRecord&& on_record, OnError&& on_error,
                                                const page_options& options = {}) {
  // paths: id, updated, [created], members...
  std::vector<std::string_view> paths{resource.id_path(), resource.updated().json_path};
  const bool has_created = resource.created().has_value();
  if (has_created) paths.push_back(resource.created()->json_path);
  const std::size_t first_member = paths.size();
  for (const auto& m : resource.members()) paths.push_back(m.json_path);
  if (paths.size() > 64) return unexpected{page_error{0, "a dynamic resource reads at most 64 fields"}};
  std::vector<detail::json_span> found(paths.size());
  const detail::field_lookup lookup{paths.data(), found.data(), paths.size()};
  return detail::walk_records(page, options, lookup, on_error, [&](std::size_t index, std::string_view raw) {
    dynamic_record r;
    r.index = index;
    r.raw = raw;
    auto failed = [&](std::size_t i, const char* reason) { return std::pair{reason, std::string(paths[i])}; };
    if (found[0].kind == detail::json_kind::none) return failed(0, "missing");
    if (const char* reason = detail::convert_id(found[0], r.id)) return failed(0, reason);
    const auto& updated = resource.updated();
    if (found[1].kind == detail::json_kind::none) return failed(1, "missing");
    if (const char* reason = detail::convert_date_with(found[1], updated.format, updated.zone, r.updated)) {
      return failed(1, reason);
    }
    if (has_created && found[2].kind != detail::json_kind::none && found[2].kind != detail::json_kind::null) {
      const auto& created = *resource.created();
      if (const char* reason = detail::convert_date_with(found[2], created.format, created.zone, r.created.emplace())) {
        return failed(2, reason);
      }
    }
    r.members.resize(resource.members().size());
    for (std::size_t m = 0; m < resource.members().size(); ++m) {
      if (const char* reason =
              detail::convert_dynamic_member(found[first_member + m], resource.members()[m].type, r.members[m])) {
        return failed(first_member + m, reason);
      }
    }
    on_record(std::move(r));
    return std::pair{static_cast<const char*>(nullptr), std::string()};
  });
}

ERPOLL_END_NAMESPACE

#endif
