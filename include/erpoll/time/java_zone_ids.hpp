/// \file
/// Java's three-letter zone ids, resolved as `java.util.TimeZone.getTimeZone` resolves them (OpenJDK 17).
#pragma once
#ifndef ERPOLL_TIME_JAVA_ZONE_IDS_HPP
#define ERPOLL_TIME_JAVA_ZONE_IDS_HPP

#include <erpoll/core/config.hpp>

#include <array>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// One legacy id: either an IANA zone whose rules it takes (`rules` non-empty), or a fixed offset.
struct java_zone_id {
  std::string_view id;
  std::string_view rules;
  std::int32_t fixed_offset_seconds;
};

/// `ZoneId.SHORT_IDS`; EST, MST and HST are fixed offsets in Java (not the tzdata zones of the same name).
/// Ids that tzdata itself has (CET, EET, MET, WET, PRC, ROK, UCT, ...) are looked up there.
inline constexpr std::array<java_zone_id, 28> java_short_zone_ids{{
    {"ACT", "Australia/Darwin", 0},
    {"AET", "Australia/Sydney", 0},
    {"AGT", "America/Argentina/Buenos_Aires", 0},
    {"ART", "Africa/Cairo", 0},
    {"AST", "America/Anchorage", 0},
    {"BET", "America/Sao_Paulo", 0},
    {"BST", "Asia/Dhaka", 0},
    {"CAT", "Africa/Harare", 0},
    {"CNT", "America/St_Johns", 0},
    {"CST", "America/Chicago", 0},
    {"CTT", "Asia/Shanghai", 0},
    {"EAT", "Africa/Addis_Ababa", 0},
    {"ECT", "Europe/Paris", 0},
    {"IET", "America/Indiana/Indianapolis", 0},
    {"IST", "Asia/Kolkata", 0},
    {"JST", "Asia/Tokyo", 0},
    {"MIT", "Pacific/Apia", 0},
    {"NET", "Asia/Yerevan", 0},
    {"NST", "Pacific/Auckland", 0},
    {"PLT", "Asia/Karachi", 0},
    {"PNT", "America/Phoenix", 0},
    {"PRT", "America/Puerto_Rico", 0},
    {"PST", "America/Los_Angeles", 0},
    {"SST", "Pacific/Guadalcanal", 0},
    {"VST", "Asia/Ho_Chi_Minh", 0},
    {"EST", "", -5 * 3600},
    {"MST", "", -7 * 3600},
    {"HST", "", -10 * 3600},
}};

constexpr const java_zone_id* find_java_short_zone_id(std::string_view id) noexcept {
  for (const auto& z : java_short_zone_ids) {
    if (z.id == id) return &z;
  }
  return nullptr;
}

/// Zone abbreviations that `z` reads back as fixed offsets (Locale.US names, as SimpleDateFormat parses them).
struct zone_abbreviation_offset {
  std::string_view abbreviation;
  std::int32_t offset_seconds;
};

inline constexpr std::array<zone_abbreviation_offset, 24> parsable_zone_abbreviations{{
    {"UTC", 0},           {"GMT", 0},           {"UT", 0},
    {"EST", -5 * 3600},   {"EDT", -4 * 3600},   {"CST", -6 * 3600},   {"CDT", -5 * 3600},
    {"MST", -7 * 3600},   {"MDT", -6 * 3600},   {"PST", -8 * 3600},   {"PDT", -7 * 3600},
    {"AKST", -9 * 3600},  {"AKDT", -8 * 3600},  {"HST", -10 * 3600},  {"CET", 3600},
    {"CEST", 2 * 3600},   {"EET", 2 * 3600},    {"EEST", 3 * 3600},   {"WET", 0},
    {"WEST", 3600},       {"IST", 19800},       {"JST", 9 * 3600},    {"AEST", 10 * 3600},
    {"AEDT", 11 * 3600},
}};

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
