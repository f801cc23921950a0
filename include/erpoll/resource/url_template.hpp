/// \file
/// `erpoll::url_template<"...">`: a polling URL whose placeholders and date patterns are parsed at compile time.
#pragma once
#ifndef ERPOLL_RESOURCE_URL_TEMPLATE_HPP
#define ERPOLL_RESOURCE_URL_TEMPLATE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/resource/request_target.hpp>
#include <erpoll/resource/url_expansion.hpp>
#include <erpoll/resource/url_placeholders.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/time_zone.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// Instantiated with an invalid URL template's problem; "check_url_template<problem, N>" (GCC: "[with ...
/// ErrorPosition = N]") names the position, from 0.
template <url_problem Problem, std::size_t ErrorPosition>
constexpr bool check_url_template() {
  static_assert(Problem != url_problem::too_long, "erpoll: the URL template is longer than 8000 characters");
  static_assert(Problem != url_problem::unterminated_placeholder,
                "erpoll: a placeholder ${ in the URL template is never closed with } (the position, from 0, is "
                "the number after the problem in 'check_url_template<...>' below)");
  static_assert(Problem != url_problem::unknown_placeholder,
                "erpoll: unknown placeholder in the URL template (known: ${date:FMT}, ${gmtDate:FMT}, "
                "${dateTimeZone:ZONE:FMT}, ${epoch}, ${epoch:ms}, ${epoch:s}, ${epoch:us}, ${date}); the "
                "position is the number after the problem in 'check_url_template<...>' below");
  static_assert(Problem != url_problem::missing_zone,
                "erpoll: ${dateTimeZone:ZONE:FMT} in the URL template needs a zone and a date pattern");
  static_assert(Problem != url_problem::invalid_date_pattern,
                "erpoll: invalid date pattern in a URL template placeholder (the position of the bad letter "
                "or quote is the number after the problem in 'check_url_template<...>' below)");
  return Problem == url_problem::none;
}

}  // namespace detail

/// A polling URL template known at compile time, such as
/// `"/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"`.
///
/// Placeholders take the poll time: `${date:FMT}` and `${gmtDate:FMT}` format it in GMT, `${dateTimeZone:ZONE:FMT}`
/// in ZONE (anything `time_zone::named` accepts; the zone ends at the first `:` not followed by a digit, so
/// `${dateTimeZone:-8:00:yyyy-MM-dd}` works), `${epoch}` / `${epoch:ms}` / `${epoch:s}` / `${epoch:us}` write
/// epoch numbers, and the legacy `${date}` ISO 8601 in UTC with milliseconds. A bad placeholder or date
/// pattern is a compile error starting with `erpoll: `. A ZONE is looked up in the tz database once, on the
/// first expansion (an unknown one throws `config_error` then).
template <fixed_string Url>
class url_template {
  static constexpr auto parsed_ = detail::parse_url_template<Url.size()>(Url.view());
  static_assert(detail::check_url_template<parsed_.problem, parsed_.problem_position>());

 public:
  /// The template as written.
  static constexpr std::string_view text() noexcept { return Url.view(); }

  /// The request target for a poll at `poll_time`: placeholders replaced, the query percent-encoded (see
  /// `request_target_builder`).
  static std::string expand(instant poll_time) {
    request_target_builder out;
    expand_segments(out, poll_time, std::make_index_sequence<parsed_.count>{});
    return std::move(out).str();
  }

 private:
  template <std::size_t... I>
  static void expand_segments([[maybe_unused]] request_target_builder& out, [[maybe_unused]] instant t,
                              std::index_sequence<I...>) {
    (expand_segment<I>(out, t), ...);
  }

  template <std::size_t I>
  static void expand_segment(request_target_builder& out, instant t) {
    constexpr detail::url_segment s = parsed_.segments[I];
    using kind = detail::url_segment_kind;
    if constexpr (s.kind == kind::literal) {
      out.append_template_text(Url.view().substr(s.begin, s.size));
    } else if constexpr (s.kind == kind::date || s.kind == kind::gmt_date || s.kind == kind::zoned_date) {
      using format = date_format<substring<Url, s.begin, s.size>()>;
      char buffer[format::max_size == 0 ? 1 : format::max_size];
      if constexpr (s.kind == kind::zoned_date) {
        static const time_zone zone = time_zone::named(Url.view().substr(s.zone_begin, s.zone_size));
        detail::append_date_placeholder(out, format{}, t, zone, buffer);
      } else {
        detail::append_date_placeholder(out, format{}, t, gmt, buffer);
      }
    } else {
      detail::append_fixed_placeholder(out, s.kind, t);
    }
  }
};

ERPOLL_END_NAMESPACE

#endif
