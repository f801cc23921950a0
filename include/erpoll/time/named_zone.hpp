/// \file
/// `erpoll::zone_named<"America/New_York">`: a zone named at compile time, usable as a template argument
/// (descriptors' date fields), looked up in the tz database once, on first use.
#pragma once
#ifndef ERPOLL_TIME_NAMED_ZONE_HPP
#define ERPOLL_TIME_NAMED_ZONE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/time_zone.hpp>

#include <chrono>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// A zone whose name is a template argument. The lookup happens on first use (an unknown name throws
/// `config_error` then); after that it costs what `time_zone` costs.
template <fixed_string Name>
struct named_zone {
  static const time_zone& get() {
    static const time_zone zone = time_zone::named(Name.view());
    return zone;
  }
  static constexpr std::string_view name() noexcept { return Name.view(); }
  static std::chrono::seconds offset_at(std::chrono::sys_seconds t) { return get().offset_at(t); }
  static zone_abbreviation abbreviation_at(std::chrono::sys_seconds t) { return get().abbreviation_at(t); }
  static std::chrono::sys_seconds to_sys(std::chrono::local_seconds t) { return get().to_sys(t); }
};

/// `erpoll::zone_named<"America/New_York">`: an object to pass where a zone is a template argument.
template <fixed_string Name>
inline constexpr named_zone<Name> zone_named{};

ERPOLL_END_NAMESPACE

#endif
