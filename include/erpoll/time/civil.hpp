/// \file
/// Proleptic Gregorian calendar arithmetic on 64-bit day counts (Howard Hinnant's public-domain algorithms,
/// written out here so that no year range limit of `std::chrono::year` applies).
#pragma once
#ifndef ERPOLL_TIME_CIVIL_HPP
#define ERPOLL_TIME_CIVIL_HPP

#include <erpoll/core/config.hpp>

#include <cstdint>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

struct civil_date {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

constexpr bool is_leap_year(std::int64_t y) noexcept { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

constexpr unsigned days_in_month(std::int64_t y, unsigned m) noexcept {
  constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29u : lengths[m - 1];
}

/// Days since 1970-01-01 of a valid date.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The date of a count of days since 1970-01-01.
constexpr civil_date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

/// ISO day number of a day count: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
constexpr unsigned iso_weekday(std::int64_t days) noexcept {
  const std::int64_t w = (days % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<unsigned>(w) + 1;
}

inline constexpr std::int64_t powers_of_ten[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                                 1000000000};

/// Floor division for the negative side of the epoch.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
