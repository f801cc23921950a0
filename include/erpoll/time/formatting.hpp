/// \file
/// Writing one instant through a compiled pattern: shared by `date_format<P>` (tokens are constants, so the
/// dispatch folds away) and `runtime_date_format` (a loop over tokens).
#pragma once
#ifndef ERPOLL_TIME_FORMATTING_HPP
#define ERPOLL_TIME_FORMATTING_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/civil.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/names.hpp>
#include <erpoll/time/pattern.hpp>

#include <chrono>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// The calendar facts of one instant in one zone.
struct local_fields {
  std::int64_t epoch_micros = 0;
  std::int64_t year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  unsigned micro = 0;  // 0..999999
  unsigned weekday = 4;  // ISO, 1 = Monday
  unsigned day_of_year = 1;
  std::int32_t offset_seconds = 0;
  zone_abbreviation abbreviation{};
};

template <class Zone>
[[gnu::always_inline]] inline local_fields break_down(instant t, const Zone& zone, const pattern_needs& needs) {
  local_fields f;
  f.epoch_micros = t.time_since_epoch().count();
  if (needs.epoch) return f;
  const std::int64_t utc_seconds = floor_div(f.epoch_micros, 1'000'000);
  f.micro = static_cast<unsigned>(f.epoch_micros - utc_seconds * 1'000'000);
  const std::chrono::sys_seconds utc{std::chrono::seconds{utc_seconds}};
  f.offset_seconds = static_cast<std::int32_t>(zone.offset_at(utc).count());
  if (needs.zone_abbreviation) f.abbreviation = zone.abbreviation_at(utc);
  const std::int64_t local = utc_seconds + f.offset_seconds;
  const std::int64_t days = floor_div(local, 86400);
  const auto seconds_of_day = static_cast<unsigned>(local - days * 86400);
  f.hour = seconds_of_day / 3600;
  f.minute = seconds_of_day / 60 % 60;
  f.second = seconds_of_day % 60;
  const civil_date date = civil_from_days(days);
  f.year = date.year;
  f.month = date.month;
  f.day = date.day;
  if (needs.day_name) f.weekday = iso_weekday(days);
  if (needs.day_of_year) f.day_of_year = static_cast<unsigned>(days - days_from_civil(date.year, 1, 1) + 1);
  return f;
}

/// Writes `v` with at least `width` digits (zero-padded).
[[gnu::always_inline]] inline char* write_number(char* out, std::uint64_t v, unsigned width) noexcept {
  if (width == 2 && v < 100) return write_two_digits(out, static_cast<unsigned>(v));
  if (width == 4 && v < 10000) {
    out = write_two_digits(out, static_cast<unsigned>(v / 100));
    return write_two_digits(out, static_cast<unsigned>(v % 100));
  }
  char digits[20];
  unsigned n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (unsigned i = n; i < width; ++i) *out++ = '0';
  while (n != 0) *out++ = digits[--n];
  return out;
}

inline char* write_text(char* out, std::string_view s) noexcept {
  for (char c : s) *out++ = c;
  return out;
}

inline char* write_signed(char* out, std::int64_t v) noexcept {
  if (v < 0) {
    *out++ = '-';
    return write_number(out, static_cast<std::uint64_t>(-(v + 1)) + 1, 1);
  }
  return write_number(out, static_cast<std::uint64_t>(v), 1);
}

/// The number each numeric field writes, by field slot (what `format_token` computes per token), for the
/// runtime form's table-driven loop.
template <std::size_t N>
inline void numeric_values(const local_fields& f, std::uint64_t (&v)[N]) noexcept {
  v[static_cast<std::size_t>(field::year)] = static_cast<std::uint64_t>(f.year > 0 ? f.year : 1 - f.year);
  v[static_cast<std::size_t>(field::month)] = f.month;
  v[static_cast<std::size_t>(field::day)] = f.day;
  v[static_cast<std::size_t>(field::day_of_year)] = f.day_of_year;
  v[static_cast<std::size_t>(field::day_number)] = f.weekday;
  v[static_cast<std::size_t>(field::hour_0_23)] = f.hour;
  v[static_cast<std::size_t>(field::hour_1_24)] = f.hour == 0 ? 24 : f.hour;
  v[static_cast<std::size_t>(field::hour_0_11)] = f.hour % 12;
  v[static_cast<std::size_t>(field::hour_1_12)] = f.hour % 12 == 0 ? 12 : f.hour % 12;
  v[static_cast<std::size_t>(field::minute)] = f.minute;
  v[static_cast<std::size_t>(field::second)] = f.second;
}

/// Writes one token. `literal` is the token's text when it is a literal.
[[gnu::always_inline]] inline char* format_token(char* out, const token& t, std::string_view literal,
                                                 const local_fields& f) noexcept {
  const unsigned n = t.count;
  switch (t.kind) {
    case field::literal: return write_text(out, literal);
    case field::era: return write_text(out, era_names[f.year > 0 ? 1 : 0]);
    case field::year: {
      const auto year_of_era = static_cast<std::uint64_t>(f.year > 0 ? f.year : 1 - f.year);
      return n == 2 ? write_number(out, year_of_era % 100, 2) : write_number(out, year_of_era, n);
    }
    case field::month:
      if (n >= 4) return write_text(out, month_names[f.month - 1]);
      if (n == 3) return write_text(out, month_short_names[f.month - 1]);
      return write_number(out, f.month, n);
    case field::day: return write_number(out, f.day, n);
    case field::day_of_year: return write_number(out, f.day_of_year, n);
    case field::day_name:
      return write_text(out, n >= 4 ? day_names[f.weekday - 1] : day_short_names[f.weekday - 1]);
    case field::day_number: return write_number(out, f.weekday, n);
    case field::am_pm: return write_text(out, am_pm_names[f.hour >= 12 ? 1 : 0]);
    case field::hour_0_23: return write_number(out, f.hour, n);
    case field::hour_1_24: return write_number(out, f.hour == 0 ? 24 : f.hour, n);
    case field::hour_0_11: return write_number(out, f.hour % 12, n);
    case field::hour_1_12: return write_number(out, f.hour % 12 == 0 ? 12 : f.hour % 12, n);
    case field::minute: return write_number(out, f.minute, n);
    case field::second: return write_number(out, f.second, n);
    case field::fraction:
      // A run of S is the fraction of a second, truncated to its length (java.time).
      return n <= 6 ? write_number(out, f.micro / static_cast<unsigned>(powers_of_ten[6 - n]), n)
                    : write_number(out, std::uint64_t{f.micro} * static_cast<std::uint64_t>(powers_of_ten[n - 6]), n);
    case field::zone_name: return write_text(out, f.abbreviation.view());
    case field::zone_rfc822: return write_offset(out, f.offset_seconds, true, false);
    case field::zone_iso:
      if (f.offset_seconds == 0) {
        *out++ = 'Z';
        return out;
      }
      return write_offset(out, f.offset_seconds, n >= 2, n == 3);
    case field::epoch_seconds: return write_signed(out, floor_div(f.epoch_micros, 1'000'000));
    case field::epoch_millis: return write_signed(out, floor_div(f.epoch_micros, 1'000));
    case field::epoch_micros: return write_signed(out, f.epoch_micros);
  }
  return out;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
