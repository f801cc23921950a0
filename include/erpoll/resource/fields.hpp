/// \file
/// The member kinds of a resource descriptor: `id_field`, `updated_field`, `created_field`, and `json_at` for
/// a typed member whose JSON key is not its C++ name.
#pragma once
#ifndef ERPOLL_RESOURCE_FIELDS_HPP
#define ERPOLL_RESOURCE_FIELDS_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>

#include <optional>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// The record's id. A JSON string is kept as it is; a JSON number as its JSON text. `Path` names the JSON
/// key when it differs from the member's name (`"fields.internalId"` for a nested one).
template <fixed_string Path = "">
struct id_field {
  static constexpr std::string_view json_path = Path.view();
  std::string value;
};

/// The date the record last changed, in Java pattern `Format` (or `milliseconds` / `seconds`), read in `Zone`
/// when the text has no offset of its own (`erpoll::gmt`, `erpoll::utc`, `erpoll::zone_named<"...">`).
template <fixed_string Format, auto Zone = gmt, fixed_string Path = "">
struct updated_field {
  using format = date_format<Format>;
  static constexpr std::string_view pattern = Format.view();
  static constexpr auto zone = Zone;
  static constexpr std::string_view json_path = Path.view();
  instant value{};
};

/// The date the record was created; as `updated_field`, but a record may lack it (absent or null).
template <fixed_string Format, auto Zone = gmt, fixed_string Path = "">
struct created_field {
  using format = date_format<Format>;
  static constexpr std::string_view pattern = Format.view();
  static constexpr auto zone = Zone;
  static constexpr std::string_view json_path = Path.view();
  std::optional<instant> value;
};

/// A typed member whose JSON key is not its C++ name: `(erpoll::json_at<"custom-field", std::string>, custom)`
/// or a nested path `json_at<"fields.total", double>`.
template <fixed_string Path, class T>
struct json_at {
  static constexpr std::string_view json_path = Path.view();
  T value{};
};

ERPOLL_END_NAMESPACE

#endif
