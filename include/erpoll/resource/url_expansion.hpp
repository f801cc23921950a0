/// \file
/// What each URL template segment writes for one poll time: shared by `url_template<U>` and
/// `runtime_url_template`, which differ only in how they hold the date formats and zones.
#pragma once
#ifndef ERPOLL_RESOURCE_URL_EXPANSION_HPP
#define ERPOLL_RESOURCE_URL_EXPANSION_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/resource/request_target.hpp>
#include <erpoll/resource/url_placeholders.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/formatting.hpp>
#include <erpoll/time/instant.hpp>

#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// The legacy `${date}`: ISO 8601 in UTC with milliseconds.
using legacy_url_date = date_format<"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'">;

/// Appends the value of a placeholder that needs no date format of its own (`${date}`, `${epoch...}`).
inline void append_fixed_placeholder(request_target_builder& out, url_segment_kind kind, instant t) {
  char buffer[legacy_url_date::max_size > 24 ? legacy_url_date::max_size : 24];
  char* end = buffer;
  const std::int64_t us = t.time_since_epoch().count();
  switch (kind) {
    case url_segment_kind::legacy_date: end = legacy_url_date::format_to(buffer, t, utc); break;
    case url_segment_kind::epoch_millis: end = write_signed(buffer, floor_div(us, 1'000)); break;
    case url_segment_kind::epoch_seconds: end = write_signed(buffer, floor_div(us, 1'000'000)); break;
    case url_segment_kind::epoch_micros: end = write_signed(buffer, us); break;
    default: break;
  }
  out.append_value(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

/// Appends a date placeholder's value: `format` (a date_format type's static or a runtime_date_format) in
/// `zone`; `${date:...}` and `${gmtDate:...}` pass `erpoll::gmt`.
template <class Format, class Zone>
void append_date_placeholder(request_target_builder& out, const Format& format, instant t, const Zone& zone,
                             char* buffer) {
  out.append_value(std::string_view(buffer, static_cast<std::size_t>(format.format_to(buffer, t, zone) - buffer)));
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
