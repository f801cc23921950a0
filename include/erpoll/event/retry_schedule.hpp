/// \file
/// `erpoll::retry_schedule`: when a notification whose delivery failed is tried again, and when it is given
/// up (moved to the dead letters). The default starts fast and grows to hours, bounded in count and age,
/// after Svix and the hosted Cloud Elements platform.
#pragma once
#ifndef ERPOLL_EVENT_RETRY_SCHEDULE_HPP
#define ERPOLL_EVENT_RETRY_SCHEDULE_HPP

#include <erpoll/core/config.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// The retry plan for deliveries.
struct retry_schedule {
  /// The wait after failed attempt n is `delays[n-1]` (the last entry repeats).
  std::vector<std::chrono::milliseconds> delays{std::chrono::seconds(5),  std::chrono::seconds(30),
                                                std::chrono::minutes(2),  std::chrono::minutes(10),
                                                std::chrono::minutes(30), std::chrono::hours(1),
                                                std::chrono::hours(2),    std::chrono::hours(4),
                                                std::chrono::hours(8)};
  /// Attempts in all, the first included; after the last failure the notification is a dead letter.
  std::uint32_t max_attempts = 15;
  /// A notification older than this when an attempt fails is a dead letter.
  std::chrono::hours max_age{72};
  /// Each wait is drawn from [(1 - jitter) d, d].
  double jitter = 0.2;
  /// The receiver's `Retry-After` replaces the wait, capped at this.
  std::chrono::milliseconds max_retry_after = std::chrono::hours(1);

  /// After failed attempt `attempts` (1 for the first) of a notification `age` old: the wait before the next
  /// attempt, or nothing when it is to become a dead letter.
  template <class Random>
  std::optional<std::chrono::milliseconds> next_delay(std::uint32_t attempts, std::chrono::microseconds age,
                                                      std::optional<std::chrono::microseconds> retry_after,
                                                      Random& random) const {
    if (attempts >= max_attempts || age >= max_age) return std::nullopt;
    if (retry_after) return std::min(std::chrono::ceil<std::chrono::milliseconds>(*retry_after), max_retry_after);
    if (delays.empty()) return std::chrono::milliseconds(0);
    const auto d = delays[std::min<std::size_t>(attempts, delays.size()) - 1];
    const double high = static_cast<double>(d.count());
    const double low = high * (1.0 - std::clamp(jitter, 0.0, 1.0));
    if (low >= high) return d;
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::uniform_real_distribution<double>(low, high)(random)));
  }
};

ERPOLL_END_NAMESPACE

#endif
