/// \file
/// Reading the `Retry-After` header in both of its forms (RFC 9110): a number of seconds, or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, and the obsolete RFC 850 and asctime forms).
#pragma once
#ifndef ERPOLL_NET_RETRY_AFTER_HPP
#define ERPOLL_NET_RETRY_AFTER_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// Parses an HTTP-date; nothing when `text` is not one. A two-digit year (RFC 850) that would lie more than
/// 50 years after `now` is read in the century before (RFC 9110).
inline std::optional<instant> parse_http_date(std::string_view text, instant now = std::chrono::time_point_cast<
                                                                         std::chrono::microseconds>(std::chrono::system_clock::now())) {
  if (auto t = date_format<"EEE, dd MMM yyyy HH:mm:ss 'GMT'">::parse(text, gmt)) return *t;
  // RFC 850: the weekday is skipped, as it belongs to the century the two-digit year does not say.
  const auto comma = text.find(", ");
  if (auto t = date_format<"dd-MMM-yy HH:mm:ss 'GMT'">::parse(
          comma == std::string_view::npos ? text : text.substr(comma + 2), gmt)) {
    if (*t <= now + std::chrono::years(50)) return *t;
    const auto day = std::chrono::floor<std::chrono::days>(*t);
    const std::chrono::year_month_day ymd{day};
    const auto earlier = std::chrono::year_month_day{ymd.year() - std::chrono::years(100), ymd.month(), ymd.day()};
    return instant{std::chrono::sys_days{earlier}.time_since_epoch() + (*t - day)};
  }
  if (auto t = date_format<"EEE MMM d HH:mm:ss yyyy">::parse(text, gmt)) return *t;
  if (text.size() > 8 && text[8] == ' ') {  // asctime pads a one-digit day with a space: "Sun Nov  6 ..."
    std::string squeezed(text);
    squeezed.erase(8, 1);
    if (auto t = date_format<"EEE MMM d HH:mm:ss yyyy">::parse(squeezed, gmt)) return *t;
  }
  return std::nullopt;
}

/// How long `Retry-After: <value>` asks to wait when received at `now` (a date in the past: zero); nothing
/// when the value is neither form. Not capped here: the caller caps it.
inline std::optional<std::chrono::microseconds> parse_retry_after(std::string_view value, instant now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    std::uint64_t seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (end != value.data() + value.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range || seconds > 100ull * 365 * 86400) return std::chrono::hours(24 * 365 * 100);
    if (ec != std::errc{}) return std::nullopt;
    return std::chrono::seconds(seconds);
  }
  const auto when = parse_http_date(value, now);
  if (!when) return std::nullopt;
  return *when > now ? std::chrono::duration_cast<std::chrono::microseconds>(*when - now) : std::chrono::microseconds{0};
}

ERPOLL_END_NAMESPACE

#endif
