/// \file
/// Zones without rules: `erpoll::utc` and `erpoll::gmt` (compile-time, no lookup), the zone concept every
/// date function takes, and the offset text helpers (`+05:30`, `GMT-08:00`) shared by zones and patterns.
#pragma once
#ifndef ERPOLL_TIME_FIXED_ZONE_HPP
#define ERPOLL_TIME_FIXED_ZONE_HPP

#include <erpoll/core/config.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

ERPOLL_BEGIN_NAMESPACE

/// A zone's short name at one instant, as `z` formats it ("PDT", "CET", "GMT-08:00"). Held by value so that
/// no lookup result has to outlive the call.
struct zone_abbreviation {
  char text[16]{};
  std::uint8_t size = 0;

  constexpr zone_abbreviation() = default;
  constexpr zone_abbreviation(std::string_view s) noexcept {  // NOLINT: implicit on purpose
    size = static_cast<std::uint8_t>(s.size() < sizeof text ? s.size() : sizeof text);
    for (std::size_t i = 0; i < size; ++i) text[i] = s[i];
  }
  constexpr std::string_view view() const noexcept { return {text, size < sizeof text ? size : sizeof text}; }
};

/// Coordinated Universal Time as a compile-time zone: offset zero, `z` formats "UTC".
struct utc_zone {
  static constexpr std::string_view name() noexcept { return "UTC"; }
  static constexpr std::chrono::seconds offset_at(std::chrono::sys_seconds) noexcept { return {}; }
  static constexpr zone_abbreviation abbreviation_at(std::chrono::sys_seconds) noexcept { return {"UTC"}; }
  static constexpr std::chrono::sys_seconds to_sys(std::chrono::local_seconds t) noexcept {
    return std::chrono::sys_seconds{t.time_since_epoch()};
  }
};

/// Greenwich Mean Time as a compile-time zone: the same instants as UTC, but `z` formats "GMT" (Java's
/// default zone for Cloud Elements date placeholders).
struct gmt_zone : utc_zone {
  static constexpr std::string_view name() noexcept { return "GMT"; }
  static constexpr zone_abbreviation abbreviation_at(std::chrono::sys_seconds) noexcept { return {"GMT"}; }
};

/// The UTC zone: no lookup, no allocation.
inline constexpr utc_zone utc{};
/// The GMT zone: no lookup, no allocation.
inline constexpr gmt_zone gmt{};

/// What every date function accepts as a zone: `erpoll::utc`, `erpoll::gmt`, `erpoll::time_zone`, or a type
/// of yours with the same three members.
template <class Z>
concept zone = requires(const Z& z, std::chrono::sys_seconds t, std::chrono::local_seconds l) {
  { z.offset_at(t) } -> std::same_as<std::chrono::seconds>;
  { z.abbreviation_at(t) } -> std::same_as<zone_abbreviation>;
  { z.to_sys(l) } -> std::same_as<std::chrono::sys_seconds>;
};

namespace detail {

template <class Z>
constexpr void check_zone_argument() {
  static_assert(zone<std::remove_cvref_t<Z>>,
                "erpoll: the zone argument must be erpoll::utc, erpoll::gmt or an erpoll::time_zone "
                "(erpoll::time_zone::named(\"America/New_York\")), or a type with offset_at, "
                "abbreviation_at and to_sys");
}

constexpr char* write_two_digits(char* out, unsigned v) noexcept {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
  return out + 2;
}

/// Writes a UTC offset as `+hh`, `+hhmm` or `+hh:mm` (seconds of the offset are dropped, as Java does).
constexpr char* write_offset(char* out, std::int32_t offset_seconds, bool minutes, bool colon) noexcept {
  *out++ = offset_seconds < 0 ? '-' : '+';
  const auto total_minutes = static_cast<unsigned>((offset_seconds < 0 ? -offset_seconds : offset_seconds) / 60);
  out = write_two_digits(out, total_minutes / 60);
  if (minutes) {
    if (colon) *out++ = ':';
    out = write_two_digits(out, total_minutes % 60);
  }
  return out;
}

/// "GMT+05:30", the name Java gives a fixed-offset zone.
constexpr zone_abbreviation gmt_offset_name(std::int32_t offset_seconds) noexcept {
  zone_abbreviation a{"GMT"};
  char* end = write_offset(a.text + 3, offset_seconds, true, true);
  a.size = static_cast<std::uint8_t>(end - a.text);
  return a;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads `[+-]h[h][[:]mm]` at `pos` (the general form Java's custom zone ids and `z` accept). On success
/// advances `pos` and sets `offset_seconds`; hours at most 23, minutes at most 59.
constexpr bool read_signed_offset(std::string_view s, std::size_t& pos, std::int32_t& offset_seconds) noexcept {
  std::size_t p = pos;
  if (p >= s.size() || (s[p] != '+' && s[p] != '-')) return false;
  const bool negative = s[p++] == '-';
  std::size_t digits = 0;
  int hours = 0;
  while (p < s.size() && is_digit(s[p]) && digits < 2) {
    hours = hours * 10 + (s[p++] - '0');
    ++digits;
  }
  if (digits == 0 || hours > 23) return false;
  int minutes = 0;
  const bool colon = p < s.size() && s[p] == ':';
  if (colon || (digits == 2 && p + 1 < s.size() && is_digit(s[p]) && is_digit(s[p + 1]))) {
    const std::size_t m = colon ? p + 1 : p;
    if (m + 1 >= s.size() || !is_digit(s[m]) || !is_digit(s[m + 1])) return false;
    minutes = (s[m] - '0') * 10 + (s[m + 1] - '0');
    if (minutes > 59) return false;
    p = m + 2;
  }
  offset_seconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
  pos = p;
  return true;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
