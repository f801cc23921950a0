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

#include <chrono>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// The fields read so far. Defaults are Java's: 1970-01-01T00:00:00.
struct parsed_fields {
  std::int64_t year = 1970;
  int era = -1;  // -1 none, 0 BC, 1 AD
  unsigned month = 1;
  unsigned day = 1;
  unsigned day_of_year = 0;  // 0: not given
  unsigned weekday = 0;      // 0: not given, else ISO 1..7
  int hour = -1;             // from H or k
  int hour12 = -1;           // from h or K, 0..11
  int am_pm = -1;
  unsigned minute = 0;
  unsigned second = 0;
  std::int64_t micro = 0;
  std::int32_t offset_seconds = 0;
  bool has_offset = false;
  bool has_month = false;
  bool has_day = false;
  bool is_epoch = false;
  std::int64_t epoch_micros = 0;
  std::size_t date_position = 0;
  std::size_t weekday_position = 0;
};

struct field_words {
  const char* expected_digits;
  const char* out_of_range;
  std::int64_t min;
  std::int64_t max;
};

constexpr field_words words_for(field f) noexcept {
  switch (f) {
    case field::year: return {"expected digits for the year (y)", "the year must be 1 to 292277", 1, 292277};
    case field::month: return {"expected digits for the month (M)", "the month must be 1 to 12", 1, 12};
    case field::day: return {"expected digits for the day of month (d)", "the day must be 1 to 31", 1, 31};
    case field::day_of_year:
      return {"expected digits for the day of year (D)", "the day of year must be 1 to 366", 1, 366};
    case field::day_number:
      return {"expected a digit for the day number of week (u)", "the day number of week must be 1 to 7", 1, 7};
    case field::hour_0_23: return {"expected digits for the hour (H)", "the hour (H) must be 0 to 23", 0, 23};
    case field::hour_1_24: return {"expected digits for the hour (k)", "the hour (k) must be 1 to 24", 1, 24};
    case field::hour_0_11: return {"expected digits for the hour (K)", "the hour (K) must be 0 to 11", 0, 11};
    case field::hour_1_12: return {"expected digits for the hour (h)", "the hour (h) must be 1 to 12", 1, 12};
    case field::minute: return {"expected digits for the minute (m)", "the minute must be 0 to 59", 0, 59};
    case field::second: return {"expected digits for the second (s)", "the second must be 0 to 59", 0, 59};
    default: return {"expected digits", "number out of range", 0, 0};
  }
}

/// Reads the digits of a numeric field: exactly `count` when the field abuts another numeric field, else
/// one to nine (greedy), as SimpleDateFormat does.
[[gnu::always_inline]] inline bool read_digits(std::string_view s, std::size_t& pos, const token& t,
                                               std::int64_t& value, std::size_t& length) noexcept {
  const std::size_t max = t.fixed_width ? t.count : 9;
  std::size_t p = pos;
  std::int64_t v = 0;
  while (p < s.size() && p - pos < max && is_digit(s[p])) v = v * 10 + (s[p++] - '0');
  length = p - pos;
  if (length == 0 || (t.fixed_width && length != t.count)) return false;
  value = v;
  pos = p;
  return true;
}

/// Reads a zone offset for `z`, `Z` or `X`.
inline const char* read_zone(std::string_view s, std::size_t& pos, const token& t, parsed_fields& f) noexcept {
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

/// Reads one token at `pos`; returns nullptr or the reason it did not match (`pos` then marks where).
[[gnu::always_inline]] inline const char* parse_token(std::string_view s, std::size_t& pos, const token& t,
                                                      std::string_view literal, parsed_fields& f) noexcept {
  std::int64_t v = 0;
  std::size_t length = 0;
  switch (t.kind) {
    case field::literal:
      if (s.substr(pos, literal.size()) != literal) return "the text does not match the pattern's literal text";
      pos += literal.size();
      return nullptr;
    case field::era: {
      const int i = match_name(s.substr(pos), era_names, era_names, length);
      if (i < 0) return "expected AD or BC (G)";
      f.era = i;
      pos += length;
      return nullptr;
    }
    case field::month:
      if (t.count >= 3) {
        f.date_position = pos;
        const int i = match_name(s.substr(pos), month_names, month_short_names, length);
        if (i < 0) return "expected an English month name (MMM)";
        f.month = static_cast<unsigned>(i) + 1;
        f.has_month = true;
        pos += length;
        return nullptr;
      }
      break;
    case field::day_name: {
      f.weekday_position = pos;
      const int i = match_name(s.substr(pos), day_names, day_short_names, length);
      if (i < 0) return "expected an English day name (E)";
      f.weekday = static_cast<unsigned>(i) + 1;
      pos += length;
      return nullptr;
    }
    case field::am_pm: {
      const int i = match_name(s.substr(pos), am_pm_names, am_pm_names, length);
      if (i < 0) return "expected AM or PM (a)";
      f.am_pm = i;
      pos += length;
      return nullptr;
    }
    case field::fraction: {
      if (!read_digits(s, pos, token{t.kind, t.count, true, 0, 0}, v, length)) {
        return "expected as many fraction digits as the pattern has S letters";
      }
      f.micro = t.count <= 6 ? v * powers_of_ten[6 - t.count] : v / powers_of_ten[t.count - 6];
      return nullptr;
    }
    case field::zone_name:
    case field::zone_rfc822:
    case field::zone_iso: return read_zone(s, pos, t, f);
    case field::epoch_seconds:
    case field::epoch_millis:
    case field::epoch_micros: return read_epoch(s, pos, t.kind, f);
    default: break;
  }
  // Numeric fields.
  const std::size_t start = pos;
  const field_words w = words_for(t.kind);
  if (!read_digits(s, pos, t, v, length)) return w.expected_digits;
  const bool two_digit_year = t.kind == field::year && t.count <= 2 && length == 2;
  if (!two_digit_year && (v < w.min || v > w.max)) {
    pos = start;
    return w.out_of_range;
  }
  const auto u = static_cast<unsigned>(v);
  switch (t.kind) {
    case field::year:
      // Two digits for y or yy: 2000-2099, as java.time reads them (SimpleDateFormat's window moves with
      // the clock; a cursor must not).
      f.year = two_digit_year ? 2000 + v : v;
      f.date_position = start;
      break;
    case field::month:
      f.month = u;
      f.has_month = true;
      f.date_position = start;
      break;
    case field::day:
      f.day = u;
      f.has_day = true;
      f.date_position = start;
      break;
    case field::day_of_year: f.day_of_year = u; break;
    case field::day_number:
      f.weekday = u;
      f.weekday_position = start;
      break;
    case field::hour_0_23: f.hour = static_cast<int>(u); break;
    case field::hour_1_24: f.hour = static_cast<int>(u % 24); break;
    case field::hour_0_11: f.hour12 = static_cast<int>(u); break;
    case field::hour_1_12: f.hour12 = static_cast<int>(u % 12); break;
    case field::minute: f.minute = u; break;
    case field::second: f.second = u; break;
    default: break;
  }
  return nullptr;
}

/// Turns the fields read into an instant, reading a text without its own offset in `zone`.
template <class Zone>
[[gnu::always_inline]] inline expected<instant, parse_error> resolve(const parsed_fields& f, const Zone& zone) {
  using std::chrono::microseconds;
  if (f.is_epoch) return instant{microseconds{f.epoch_micros}};
  const std::int64_t year = f.era == 0 ? 1 - f.year : f.year;
  std::int64_t days = 0;
  if (f.day_of_year != 0 && !f.has_month && !f.has_day) {
    if (f.day_of_year > (is_leap_year(year) ? 366u : 365u)) {
      return unexpected{parse_error{f.date_position, "the day of year does not exist in that year"}};
    }
    days = days_from_civil(year, 1, 1) + f.day_of_year - 1;
  } else {
    if (f.day > days_in_month(year, f.month)) {
      return unexpected{parse_error{f.date_position, "the day does not exist in that month"}};
    }
    days = days_from_civil(year, f.month, f.day);
    if (f.day_of_year != 0 && days - days_from_civil(year, 1, 1) + 1 != f.day_of_year) {
      return unexpected{parse_error{f.date_position, "the day of year does not match the date"}};
    }
  }
  if (f.weekday != 0 && iso_weekday(days) != f.weekday) {
    return unexpected{parse_error{f.weekday_position, "the day of week does not match the date"}};
  }
  int hour = f.hour;
  if (hour < 0) hour = (f.hour12 < 0 ? 0 : f.hour12) + (f.am_pm == 1 ? 12 : 0);
  const std::int64_t local = days * 86400 + hour * 3600 + f.minute * 60 + f.second;
  std::int64_t utc = 0;
  if (f.has_offset) {
    utc = local - f.offset_seconds;
  } else {
    utc = zone.to_sys(std::chrono::local_seconds{std::chrono::seconds{local}}).time_since_epoch().count();
  }
  return instant{microseconds{utc * 1'000'000 + f.micro}};
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
