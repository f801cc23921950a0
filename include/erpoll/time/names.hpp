/// \file
/// English (Locale.US) month, day, era and AM/PM names, and the case-insensitive matching Java parses with.
#pragma once
#ifndef ERPOLL_TIME_NAMES_HPP
#define ERPOLL_TIME_NAMES_HPP

#include <erpoll/core/config.hpp>

#include <array>
#include <cstddef>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

inline constexpr std::array<std::string_view, 12> month_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
inline constexpr std::array<std::string_view, 12> month_short_names{
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
/// Index 0 is Monday (ISO day number 1), as `u` counts.
inline constexpr std::array<std::string_view, 7> day_names{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                           "Friday", "Saturday", "Sunday"};
inline constexpr std::array<std::string_view, 7> day_short_names{"Mon", "Tue", "Wed", "Thu",
                                                                 "Fri", "Sat", "Sun"};
inline constexpr std::array<std::string_view, 2> era_names{"BC", "AD"};
inline constexpr std::array<std::string_view, 2> am_pm_names{"AM", "PM"};

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

/// Does `text` start with `name`, ignoring ASCII case?
constexpr bool starts_with_ignoring_case(std::string_view text, std::string_view name) noexcept {
  if (text.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (ascii_lower(text[i]) != ascii_lower(name[i])) return false;
  }
  return true;
}

/// Index of the longest name `text` starts with, or -1; its length goes to `length`. Full names are tried
/// before short ones whatever the letter count, as SimpleDateFormat does.
template <std::size_t N>
constexpr int match_name(std::string_view text, const std::array<std::string_view, N>& full,
                         const std::array<std::string_view, N>& abbreviated, std::size_t& length) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (starts_with_ignoring_case(text, full[i])) {
      length = full[i].size();
      return static_cast<int>(i);
    }
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (starts_with_ignoring_case(text, abbreviated[i])) {
      length = abbreviated[i].size();
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
