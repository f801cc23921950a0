/// \file
/// `erpoll::date_format<"pattern">`: a Java date pattern parsed at compile time into straight-line code.
#pragma once
#ifndef ERPOLL_TIME_DATE_FORMAT_HPP
#define ERPOLL_TIME_DATE_FORMAT_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/formatting.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/parse_error.hpp>
#include <erpoll/time/parsing.hpp>
#include <erpoll/time/pattern.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// Instantiated with an invalid pattern's problem; the compiler's "in instantiation of
/// check_date_pattern<problem, N>" line (GCC: "[with ... ErrorPosition = N]") names the position, from 0.
template <pattern_problem Problem, std::size_t ErrorPosition>
constexpr bool check_date_pattern() {
  static_assert(Problem != pattern_problem::empty, "erpoll: the date pattern is empty");
  static_assert(Problem != pattern_problem::unknown_letter,
                "erpoll: unknown letter in the date pattern at ErrorPosition (see 'with ErrorPosition = N' "
                "below); letters are G y M L d D E u a H k K h m s S z Z X, quote literal text as in 'T'");
  static_assert(Problem != pattern_problem::unterminated_quote,
                "erpoll: the date pattern opens a quote (') at ErrorPosition (see 'with ErrorPosition = N' "
                "below) that is never closed; write '' for a quote character");
  static_assert(Problem != pattern_problem::too_many_letters,
                "erpoll: too many repetitions of the letter at ErrorPosition (see 'with ErrorPosition = N' "
                "below) in the date pattern: S at most 9, z at most 3, Z at most 1, X at most 3");
  static_assert(Problem != pattern_problem::too_long, "erpoll: the date pattern is longer than 4000 characters");
  return Problem == pattern_problem::none;
}

}  // namespace detail

/// A date format whose Java `SimpleDateFormat` pattern is compiled at compile time: an invalid pattern is a
/// compile error starting with `erpoll: `, and `format` / `parse` are straight-line code for the pattern.
///
/// Semantics are Java's (Locale.US names, strict parsing of the whole text), except that a run of `S` is the
/// fraction of a second (java.time), two-digit years read as 2000-2099 (java.time), and naive local times in
/// gaps and overlaps resolve as java.time's `ZonedDateTime.ofLocal` (see `time_zone`). The whole patterns
/// `seconds`, `milliseconds` and `microseconds` read and write epoch numbers.
/// \code
/// using iso = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
/// std::string s = iso::format(tp, erpoll::gmt);        // "2026-12-03T17:47:52Z"
/// auto r = iso::parse(s, erpoll::gmt);                 // r.has_value(), *r, r.error().message()
/// \endcode
template <fixed_string Pattern>
class date_format {
  static constexpr auto compiled_ = detail::compile_pattern<Pattern.size()>(Pattern.view());
  static_assert(detail::check_date_pattern<compiled_.problem, compiled_.problem_position>());
  static constexpr auto indexes_ = std::make_index_sequence<compiled_.token_count>{};

 public:
  /// The pattern as written.
  static constexpr std::string_view pattern() noexcept { return Pattern.view(); }

  /// The largest number of characters `format_to` writes.
  static constexpr std::size_t max_size = compiled_.max_size;

  /// Writes `t` as seen in `zone` to `out`, which must have room for `max_size` characters; returns the end.
  /// Allocates nothing. Durations finer than microseconds are truncated.
  template <class Duration, class Zone = utc_zone>
  static char* format_to(char* out, std::chrono::sys_time<Duration> t, const Zone& zone = Zone{}) {
    detail::check_zone_argument<Zone>();
    const auto fields =
        detail::break_down(std::chrono::floor<std::chrono::microseconds>(t), zone, compiled_.needs);
    return format_tokens(out, fields, indexes_);
  }

  /// `t` as seen in `zone`, as a string.
  template <class Duration, class Zone = utc_zone>
  static std::string format(std::chrono::sys_time<Duration> t, const Zone& zone = Zone{}) {
    char buffer[max_size == 0 ? 1 : max_size];
    return std::string(buffer, format_to(buffer, t, zone));
  }

  /// Reads `text`, which must match the pattern entirely. A text without its own offset (`z`, `Z`, `X`) is
  /// read in `zone`. Allocates nothing; the error gives the position and the reason.
  template <class Zone = utc_zone>
  static expected<instant, parse_error> parse(std::string_view text, const Zone& zone = Zone{}) {
    detail::check_zone_argument<Zone>();
    detail::parsed_fields fields;
    fields.seen = compiled_.needs.fields;
    std::size_t pos = 0;
    const char* reason = nullptr;
    if (!parse_tokens(text, pos, fields, reason, indexes_)) return unexpected{parse_error{pos, reason}};
    if (pos != text.size()) return unexpected{parse_error{pos, "unexpected text after the date"}};
    return detail::resolve(fields, zone);
  }

 private:
  template <std::size_t... I>
  [[gnu::always_inline]] static char* format_tokens(char* out, const detail::local_fields& f,
                                                    std::index_sequence<I...>) {
    ((out = detail::format_token(out, compiled_.tokens[I], compiled_.literal(compiled_.tokens[I]), f)), ...);
    return out;
  }

  template <std::size_t... I>
  [[gnu::always_inline]] static bool parse_tokens(std::string_view s, std::size_t& pos, detail::parsed_fields& f,
                                                  const char*& reason, std::index_sequence<I...>) {
    return ((reason = detail::parse_token(s, pos, compiled_.tokens[I], compiled_.literal(compiled_.tokens[I]), f),
             reason == nullptr) &&
            ...);
  }
};

ERPOLL_END_NAMESPACE

#endif
