/// \file
/// Reading a text through a compiled pattern: per-token readers and the resolution of the fields read into an
/// instant. Shared by `date_format<P>` and `runtime_date_format`; allocates nothing.
#pragma once
#ifndef ERPOLL_TIME_PARSING_HPP
#define ERPOLL_TIME_PARSING_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/time/civil.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/java_zone_ids.hpp>
#include <erpoll/time/names.hpp>
#include <erpoll/time/parse_error.hpp>
#include <erpoll/time/pattern.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::size_t field_count = static_cast<std::size_t>(field::epoch_micros) + 1;

constexpr std::size_t slot(field f) noexcept { return static_cast<std::size_t>(f); }

// value[] and position[] are left uninitialised on purpose: zeroing them costs more than the whole parse of
// an ISO date, and they are read only where `seen` has the bit. GCC cannot see that under -fsanitize.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

/// The fields read, one slot per field kind (`value[slot(field::month)]`); `seen` has a bit per slot the
/// pattern fills (`pattern_needs::fields`), set before parsing starts.
/// Text fields store numbers too: month names as 1-12, day names as ISO day numbers (in the `u` slot), era
/// 0 = BC / 1 = AD, AM/PM 0/1. Turning them into an instant, with Java's defaults for what is missing
/// (1970-01-01T00:00:00), is `resolve`'s job.
struct parsed_fields {
  std::int64_t value[field_count];      // meaningful only where `seen` has the bit
  std::size_t position[field_count];    // where each field started, for errors (read only where seen)
  std::uint32_t seen = 0;
  bool has_offset = false;
  bool is_epoch = false;
  std::int32_t offset_seconds = 0;
  std::int64_t epoch_micros = 0;

  constexpr bool has(field f) const noexcept { return (seen >> slot(f) & 1u) != 0; }
  constexpr void set(field f, std::int64_t v, std::size_t at) noexcept {
    value[slot(f)] = v;
    position[slot(f)] = at;
  }
  constexpr std::int64_t get(field f, std::int64_t fallback) const noexcept {
    return has(f) ? value[slot(f)] : fallback;
  }
};

/// The range of each numeric field and what to say when the text breaks it.
struct numeric_rule {
  std::int64_t min = 0;
  std::int64_t max = 0;
  const char* expected_digits = "expected digits";
  const char* out_of_range = "number out of range";
};

inline constexpr auto numeric_rules = [] {
  std::array<numeric_rule, field_count> r{};
  r[slot(field::year)] = {1, 292277, "expected digits for the year (y)", "the year must be 1 to 292277"};
  r[slot(field::month)] = {1, 12, "expected digits for the month (M)", "the month must be 1 to 12"};
  r[slot(field::day)] = {1, 31, "expected digits for the day of month (d)", "the day must be 1 to 31"};
  r[slot(field::day_of_year)] = {1, 366, "expected digits for the day of year (D)",
                                 "the day of year must be 1 to 366"};
  r[slot(field::day_number)] = {1, 7, "expected a digit for the day number of week (u)",
                                "the day number of week must be 1 to 7"};
  r[slot(field::hour_0_23)] = {0, 23, "expected digits for the hour (H)", "the hour (H) must be 0 to 23"};
  r[slot(field::hour_1_24)] = {1, 24, "expected digits for the hour (k)", "the hour (k) must be 1 to 24"};
  r[slot(field::hour_0_11)] = {0, 11, "expected digits for the hour (K)", "the hour (K) must be 0 to 11"};
  r[slot(field::hour_1_12)] = {1, 12, "expected digits for the hour (h)", "the hour (h) must be 1 to 12"};
  r[slot(field::minute)] = {0, 59, "expected digits for the minute (m)", "the minute must be 0 to 59"};
  r[slot(field::second)] = {0, 59, "expected digits for the second (s)", "the second must be 0 to 59"};
  return r;
}();

/// Reads exactly `N` digits followed by a non-digit (so a greedy read would stop there too).
template <std::size_t N>
[[gnu::always_inline]] inline bool read_exact_digits(const char* begin, std::size_t available,
                                                     std::int64_t& value) noexcept {
  if (available <= N) return false;
  unsigned bad = static_cast<unsigned>(begin[N] - '0') <= 9 ? 1u : 0u;
  std::int64_t v = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const auto digit = static_cast<unsigned>(begin[i] - '0');
    bad |= digit > 9 ? 1u : 0u;
    v = v * 10 + digit;
  }
  value = v;
  return bad == 0;
}

/// Reads the digits of a numeric field: exactly `count` when the field abuts another numeric field, else
/// one to nine (greedy), as SimpleDateFormat does.
[[gnu::always_inline]] inline bool read_digits(std::string_view s, std::size_t& pos, std::size_t count,
                                               bool fixed_width, std::int64_t& value, std::size_t& length) noexcept {
  const char* const begin = s.data() + pos;
  const std::size_t available = s.size() - pos;
  std::int64_t v = 0;
  if (fixed_width) {
    if (available < count) return false;
    for (std::size_t i = 0; i < count; ++i) {
      const auto digit = static_cast<unsigned>(begin[i] - '0');
      if (digit > 9) return false;
      v = v * 10 + digit;
    }
    length = count;
  } else {
    // Fast path for the common widths (MM, yyyy): exactly as many digits as letters, then a non-digit, in
    // straight-line code. Otherwise the greedy loop below reads one to nine digits.
    const bool fast = count == 2   ? read_exact_digits<2>(begin, available, v)
                      : count == 4 ? read_exact_digits<4>(begin, available, v)
                                   : false;
    if (fast) {
      value = v;
      length = count;
      pos += count;
      return true;
    }
    v = 0;
    const std::size_t limit = available < 9 ? available : 9;
    std::size_t n = 0;
    for (; n < limit; ++n) {
      const auto digit = static_cast<unsigned>(begin[n] - '0');
      if (digit > 9) break;
      v = v * 10 + digit;
    }
    if (n == 0) return false;
    length = n;
  }
  value = v;
  pos += length;
  return true;
}

/// Reads a zone offset for `z`, `Z` or `X`.
[[gnu::always_inline]] inline const char* read_zone(std::string_view s, std::size_t& pos, const token& t, parsed_fields& f) noexcept {
  std::int32_t offset = 0;
  std::size_t p = pos;
  const std::string_view rest = s.substr(p);
  if (t.kind == field::zone_iso) {
    if (!rest.empty() && rest[0] == 'Z') {
      offset = 0;
      ++p;
    } else {
      // X: +hh; XX: +hhmm; XXX: +hh:mm
      const std::size_t want = t.count == 1 ? 3 : t.count == 2 ? 5 : 6;
      if (rest.size() < want || (rest[0] != '+' && rest[0] != '-')) return "expected Z or a UTC offset (X)";
      const bool colon = t.count == 3;
      if (!is_digit(rest[1]) || !is_digit(rest[2])) return "expected Z or a UTC offset (X)";
      int hours = (rest[1] - '0') * 10 + (rest[2] - '0');
      int minutes = 0;
      if (t.count >= 2) {
        const std::size_t m = colon ? 4 : 3;
        if (colon && rest[3] != ':') return "expected ':' in the UTC offset (XXX)";
        if (!is_digit(rest[m]) || !is_digit(rest[m + 1])) return "expected minutes in the UTC offset (X)";
        minutes = (rest[m] - '0') * 10 + (rest[m + 1] - '0');
      }
      if (hours > 23 || minutes > 59) return "the UTC offset is out of range";
      offset = (rest[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      p += want;
    }
  } else {
    // z and Z: "GMT", "UTC", "GMT-08:00", "-0800", "-08:00", or (z) a Locale.US abbreviation.
    bool matched = false;
    if (rest.starts_with("GMT") || rest.starts_with("UTC")) {
      p += 3;
      if (!read_signed_offset(s, p, offset)) offset = 0;
      matched = true;
    } else if (read_signed_offset(s, p, offset)) {
      matched = true;
    } else if (t.kind == field::zone_name) {
      std::size_t best = 0;
      for (const auto& a : parsable_zone_abbreviations) {
        if (a.abbreviation.size() > best && rest.starts_with(a.abbreviation)) {
          best = a.abbreviation.size();
          offset = a.offset_seconds;
        }
      }
      p += best;
      matched = best != 0;
    }
    if (!matched) return t.kind == field::zone_name ? "expected a zone (z) such as PST, GMT or GMT-08:00"
                                                    : "expected a UTC offset (Z) such as -0800";
  }
  f.offset_seconds = offset;
  f.has_offset = true;
  pos = p;
  return nullptr;
}

/// Reads an epoch number ("1534778974827", "-5", "1534778974.827" for seconds).
inline const char* read_epoch(std::string_view s, std::size_t& pos, field kind, parsed_fields& f) noexcept {
  std::size_t p = pos;
  const bool negative = p < s.size() && s[p] == '-';
  if (negative) ++p;
  const std::int64_t scale = kind == field::epoch_seconds ? 1'000'000 : kind == field::epoch_millis ? 1'000 : 1;
  const std::size_t max_digits = kind == field::epoch_seconds ? 12 : kind == field::epoch_millis ? 15 : 18;
  const std::size_t start = p;
  std::int64_t whole = 0;
  while (p < s.size() && is_digit(s[p])) {
    if (p - start == max_digits) return "the epoch number is out of range";
    whole = whole * 10 + (s[p++] - '0');
  }
  if (p == start) return "expected an epoch number";
  std::int64_t fraction = 0;  // in micro units
  if (p < s.size() && s[p] == '.' && scale > 1) {
    ++p;
    std::int64_t unit = scale;
    const std::size_t fraction_start = p;
    while (p < s.size() && is_digit(s[p])) {
      unit /= 10;
      fraction += (s[p++] - '0') * unit;  // digits beyond a microsecond add 0: truncated
    }
    if (p == fraction_start) return "expected digits after the decimal point";
  }
  const std::int64_t micros = whole * scale + fraction;
  f.epoch_micros = negative ? -micros : micros;
  f.is_epoch = true;
  pos = p;
  return nullptr;
}

/// Does `s` hold `literal` at `pos` (`pos` <= `s.size()`)? A plain loop: the compiler unrolls it for the
/// short literals of a compile-time pattern, where string_view::compare would call memcmp.
[[gnu::always_inline]] inline bool matches_literal(std::string_view s, std::size_t pos,
                                                   std::string_view literal) noexcept {
  if (literal.size() == 1) return pos < s.size() && s[pos] == literal[0];  // most literals: '-', ':', 'T'
  if (s.size() - pos < literal.size()) return false;
  for (std::size_t i = 0; i < literal.size(); ++i) {
    if (s[pos + i] != literal[i]) return false;
  }
  return true;
}

inline constexpr const char* literal_mismatch = "the text does not match the pattern's literal text";

/// Reads a literal token.
[[gnu::always_inline]] inline const char* parse_literal(std::string_view s, std::size_t& pos,
                                                        std::string_view literal) noexcept {
  if (!matches_literal(s, pos, literal)) return literal_mismatch;
  pos += literal.size();
  return nullptr;
}

/// Reads a numeric token (`is_numeric(t)`): the digits, the range check, the field's slot.
[[gnu::always_inline]] inline const char* parse_number(std::string_view s, std::size_t& pos, const token& t,
                                                       parsed_fields& f) noexcept {
  const std::size_t start = pos;
  const numeric_rule& rule = numeric_rules[slot(t.kind)];
  std::int64_t v = 0;
  std::size_t length = 0;
  if (!read_digits(s, pos, t.count, t.fixed_width, v, length)) return rule.expected_digits;
  // Two digits for y or yy: 2000-2099, as java.time reads them (SimpleDateFormat's window moves with the
  // clock; a cursor must not).
  if (t.two_digit_year && length == 2) {
    v += 2000;
  } else if (v < rule.min || v > rule.max) {
    pos = start;
    return rule.out_of_range;
  }
  f.set(t.kind, v, start);
  return nullptr;
}

/// Reads a run of S: exactly as many digits, the fraction of a second (digits past microseconds truncate).
[[gnu::always_inline]] inline const char* parse_fraction(std::string_view s, std::size_t& pos, const token& t,
                                                         parsed_fields& f) noexcept {
  const std::size_t start = pos;
  std::int64_t v = 0;
  std::size_t length = 0;
  if (!read_digits(s, pos, t.count, true, v, length)) {
    return "expected as many fraction digits as the pattern has S letters";
  }
  f.set(field::fraction, t.count <= 6 ? v * powers_of_ten[6 - t.count] : v / powers_of_ten[t.count - 6], start);
  return nullptr;
}

/// Reads one token at `pos`; returns nullptr or the reason it did not match (`pos` then marks where).
[[gnu::always_inline]] inline const char* parse_token(std::string_view s, std::size_t& pos, const token& t,
                                                      std::string_view literal, parsed_fields& f) noexcept {
  std::size_t length = 0;
  const std::size_t start = pos;
  switch (t.kind) {
    case field::literal: return parse_literal(s, pos, literal);
    case field::era: {
      const int i = match_name(s.substr(pos), era_names, era_names, length);
      if (i < 0) return "expected AD or BC (G)";
      f.set(field::era, i, start);
      pos += length;
      return nullptr;
    }
    case field::day_name: {
      const int i = match_name(s.substr(pos), day_names, day_short_names, length);
      if (i < 0) return "expected an English day name (E)";
      f.set(field::day_number, i + 1, start);
      pos += length;
      return nullptr;
    }
    case field::am_pm: {
      const int i = match_name(s.substr(pos), am_pm_names, am_pm_names, length);
      if (i < 0) return "expected AM or PM (a)";
      f.set(field::am_pm, i, start);
      pos += length;
      return nullptr;
    }
    case field::fraction: return parse_fraction(s, pos, t, f);
    case field::zone_name:
    case field::zone_rfc822:
    case field::zone_iso: return read_zone(s, pos, t, f);
    case field::epoch_seconds:
    case field::epoch_millis:
    case field::epoch_micros: return read_epoch(s, pos, t.kind, f);
    case field::month:
      if (t.count >= 3) {
        const int i = match_name(s.substr(pos), month_names, month_short_names, length);
        if (i < 0) return "expected an English month name (MMM)";
        f.set(field::month, i + 1, start);
        pos += length;
        return nullptr;
      }
      break;
    default: break;
  }
  return parse_number(s, pos, t, f);
}

/// Turns the fields read into an instant, reading a text without its own offset in `zone`.
template <class Zone>
[[gnu::always_inline]] inline expected<instant, parse_error> resolve(const parsed_fields& f, const Zone& zone) {
  using std::chrono::microseconds;
  if (f.is_epoch) return instant{microseconds{f.epoch_micros}};
  const std::int64_t year_of_era = f.get(field::year, 1970);
  const std::int64_t year = f.get(field::era, 1) == 0 ? 1 - year_of_era : year_of_era;
  const auto month = static_cast<unsigned>(f.get(field::month, 1));
  const auto day = static_cast<unsigned>(f.get(field::day, 1));
  const std::size_t date_position = f.has(field::day)     ? f.position[slot(field::day)]
                                    : f.has(field::month) ? f.position[slot(field::month)]
                                                          : f.get(field::year, 0) ? f.position[slot(field::year)] : 0;
  std::int64_t days = 0;
  if (f.has(field::day_of_year) && !f.has(field::month) && !f.has(field::day)) {
    const std::int64_t day_of_year = f.value[slot(field::day_of_year)];
    if (day_of_year > (is_leap_year(year) ? 366 : 365)) {
      return unexpected{parse_error{f.position[slot(field::day_of_year)], "the day of year does not exist in that year"}};
    }
    days = days_from_civil(year, 1, 1) + day_of_year - 1;
  } else {
    if (day > days_in_month(year, month)) {
      return unexpected{parse_error{date_position, "the day does not exist in that month"}};
    }
    days = days_from_civil(year, month, day);
    if (f.has(field::day_of_year) && days - days_from_civil(year, 1, 1) + 1 != f.value[slot(field::day_of_year)]) {
      return unexpected{parse_error{f.position[slot(field::day_of_year)], "the day of year does not match the date"}};
    }
  }
  if (f.has(field::day_number) && iso_weekday(days) != f.value[slot(field::day_number)]) {
    return unexpected{parse_error{f.position[slot(field::day_number)], "the day of week does not match the date"}};
  }
  std::int64_t hour = 0;
  if (f.has(field::hour_0_23)) {
    hour = f.value[slot(field::hour_0_23)];
  } else if (f.has(field::hour_1_24)) {
    hour = f.value[slot(field::hour_1_24)] % 24;
  } else {
    hour = f.has(field::hour_1_12) ? f.value[slot(field::hour_1_12)] % 12 : f.get(field::hour_0_11, 0);
    if (f.get(field::am_pm, 0) == 1) hour += 12;
  }
  const std::int64_t local = days * 86400 + hour * 3600 + f.get(field::minute, 0) * 60 + f.get(field::second, 0);
  std::int64_t utc = 0;
  if (f.has_offset) {
    utc = local - f.offset_seconds;
  } else {
    utc = zone.to_sys(std::chrono::local_seconds{std::chrono::seconds{local}}).time_since_epoch().count();
  }
  return instant{microseconds{utc * 1'000'000 + f.get(field::fraction, 0)}};
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#endif
