/// \file
/// `erpoll::time_zone`: a zone named at run time: UTC/GMT, a fixed offset, an IANA zone with its DST rules
/// (from the system tz database, through Howard Hinnant's date-tz), or one of Java's three-letter ids.
#pragma once
#ifndef ERPOLL_TIME_TIME_ZONE_HPP
#define ERPOLL_TIME_TIME_ZONE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/time/civil.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/java_zone_ids.hpp>

// date-tz must be compiled against the way its library was built: Debian's libdate-tz reads the system tz
// database. The CMake target and pkg-config file say so too; this covers a bare `-ldate-tz` build.
#ifndef USE_OS_TZDB
#define USE_OS_TZDB 1
#endif
#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// A time zone chosen at run time (configuration). Cheap to copy; lookups happen once, in `named`.
///
/// Naive local times (text without an offset) resolve as java.time's `ZonedDateTime.ofLocal` does:
/// - in an overlap (clocks turned back) the earlier offset wins, giving the earlier instant, so a cursor
///   never skips records: 2026-11-01 01:30 in America/New_York is 05:30Z;
/// - in a gap (clocks turned forward) the time moves later by the gap's length: 2026-03-08 02:30 in
///   America/New_York is 07:30Z (03:30 EDT).
///
/// Rules are those of the installed tzdata. Its files list transitions up to 2037 and state the rule in force
/// after that in a footer that date-tz does not read; so an instant after 2037 is looked up in the year of
/// 2010-2037 with the same calendar (leap year, weekday of January 1), which the same rule governs, as Java
/// applies the last rule forever.
class time_zone {
 public:
  /// Resolves a zone name:
  /// - `UTC`, `GMT`, `Z`, `UT`;
  /// - fixed offsets `+05:30`, `-0800`, `-8:00`, `GMT+5`, `GMT-08:00`, `UTC+01:00`;
  /// - Java's three-letter ids as `java.util.TimeZone.getTimeZone` resolves them (`PST` has
  ///   America/Los_Angeles rules, `EST` is fixed -05:00, `IST` is Asia/Kolkata, ...);
  /// - IANA names from the system tz database (`America/Los_Angeles`), with their DST rules.
  /// \throws config_error quoting the name when it is none of these (Java silently falls back to GMT).
  static time_zone named(std::string_view name) {
    if (name == "UTC" || name == "Z") return time_zone(utc_zone{});
    if (name == "GMT" || name == "UT") return time_zone(gmt_zone{});
    if (auto offset = parse_custom_offset(name); offset.valid) return fixed(std::chrono::seconds{offset.seconds});
    if (const auto* java = detail::find_java_short_zone_id(name)) {
      if (java->rules.empty()) {
        time_zone z = fixed(std::chrono::seconds{java->fixed_offset_seconds});
        z.name_ = std::string(java->id);
        z.fixed_abbreviation_ = zone_abbreviation{java->id};
        return z;
      }
      time_zone z = from_database(java->rules, name);
      z.name_ = std::string(java->id);
      return z;
    }
    return from_database(name, name);
  }

  /// A zone at a constant offset from UTC, named as Java names it ("GMT+05:30").
  static time_zone fixed(std::chrono::seconds offset) {
    if (offset <= -std::chrono::hours{24} || offset >= std::chrono::hours{24}) {
      throw config_error("erpoll: a fixed zone offset must be less than 24 hours, got " +
                         std::to_string(offset.count()) + " seconds");
    }
    time_zone z;
    z.offset_ = offset;
    z.fixed_abbreviation_ = detail::gmt_offset_name(static_cast<std::int32_t>(offset.count()));
    z.name_ = std::string(z.fixed_abbreviation_.view());
    return z;
  }

  /// Implicit, so every API that takes a `time_zone` also takes `erpoll::utc`.
  time_zone(utc_zone) : name_("UTC"), fixed_abbreviation_("UTC") {}  // NOLINT
  /// Implicit, so every API that takes a `time_zone` also takes `erpoll::gmt`.
  time_zone(gmt_zone) : name_("GMT"), fixed_abbreviation_("GMT") {}  // NOLINT

  /// The name: the IANA name, the Java id as given, "UTC", "GMT", or "GMT+05:30" for a fixed offset.
  std::string_view name() const noexcept { return name_; }

  /// True for a zone with DST or historical rules, false for a constant offset.
  bool has_rules() const noexcept { return rules_ != nullptr; }

  /// The offset from UTC in force at instant `t`.
  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const {
    if (rules_ == nullptr) return offset_;
    return rules_->get_info(t + fold_shift(t.time_since_epoch())).offset;
  }

  /// The abbreviation in force at `t` ("PST" / "PDT"); tzdata's numeric ones ("+03") become "GMT+03:00".
  zone_abbreviation abbreviation_at(std::chrono::sys_seconds t) const {
    if (rules_ == nullptr) return fixed_abbreviation_;
    const date::sys_info info = rules_->get_info(t + fold_shift(t.time_since_epoch()));
    if (!info.abbrev.empty() && (info.abbrev[0] == '+' || info.abbrev[0] == '-')) {
      return detail::gmt_offset_name(static_cast<std::int32_t>(info.offset.count()));
    }
    return zone_abbreviation{info.abbrev};
  }

  /// The instant of a local time in this zone (gaps and overlaps as described on the class).
  std::chrono::sys_seconds to_sys(std::chrono::local_seconds local) const {
    if (rules_ == nullptr) return std::chrono::sys_seconds{local.time_since_epoch() - offset_};
    const auto shift = fold_shift(local.time_since_epoch());
    const date::local_info info = rules_->get_info(date::local_seconds{local.time_since_epoch() + shift});
    // unique: the only offset; ambiguous: `first` is the earlier (pre-transition) offset; nonexistent: `first`
    // is the offset before the gap, which moves the time later by the gap's length.
    return std::chrono::sys_seconds{local.time_since_epoch() - info.first.offset};
  }

 private:
  time_zone() = default;

  struct custom_offset {
    bool valid = false;
    std::int32_t seconds = 0;
  };

  // "+05:30", "-0800", "-8:00", "GMT+5", "GMT-08:00", "UTC+01:00"
  static custom_offset parse_custom_offset(std::string_view name) noexcept {
    std::size_t pos = 0;
    if (name.starts_with("GMT") || name.starts_with("UTC")) pos = 3;
    custom_offset result;
    if (detail::read_signed_offset(name, pos, result.seconds) && pos == name.size()) result.valid = true;
    return result;
  }

  // How far to move an instant after 2037 to land in the calendar-equivalent year of 2010-2037 (zero before).
  static std::chrono::seconds fold_shift(std::chrono::seconds since_epoch) noexcept {
    constexpr std::int64_t first_unlisted_year_start = 2145916800;  // 2038-01-01T00:00:00Z
    if (since_epoch.count() < first_unlisted_year_start) return {};
    const std::int64_t days = detail::floor_div(since_epoch.count(), 86400);
    const detail::civil_date date = detail::civil_from_days(days);
    std::int64_t year = 2000 + (date.year - 2000) % 400;  // the Gregorian calendar repeats every 400 years
    if (year > 2037) {
      const bool leap = detail::is_leap_year(year);
      const unsigned weekday = detail::iso_weekday(detail::days_from_civil(year, 1, 1));
      for (std::int64_t candidate = 2010; candidate <= 2037; ++candidate) {
        if (detail::is_leap_year(candidate) == leap &&
            detail::iso_weekday(detail::days_from_civil(candidate, 1, 1)) == weekday) {
          year = candidate;
          break;
        }
      }
    }
    const std::int64_t shifted = detail::days_from_civil(year, 1, 1) - detail::days_from_civil(date.year, 1, 1);
    return std::chrono::seconds{shifted * 86400};
  }

  static time_zone from_database(std::string_view rules_name, std::string_view asked) {
    time_zone z;
    try {
      z.rules_ = date::locate_zone(rules_name);
    } catch (const std::exception&) {
      throw config_error("erpoll: unknown time zone \"" + std::string(asked) +
                         "\": expected UTC, GMT, an offset such as +05:30 or GMT-08:00, a Java id such as PST, "
                         "or an IANA name such as America/New_York");
    }
    z.name_ = std::string(z.rules_->name());
    (void)z.rules_->get_info(std::chrono::sys_seconds{});  // date-tz loads a zone's rules on first use: now, once
    return z;
  }

  const date::time_zone* rules_ = nullptr;
  std::chrono::seconds offset_{0};
  std::string name_;
  zone_abbreviation fixed_abbreviation_;
};

ERPOLL_END_NAMESPACE

#endif
