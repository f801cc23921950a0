/// \file
/// `erpoll::backoff`: capped exponential backoff with jitter, for retrying requests to the hub.
#pragma once
#ifndef ERPOLL_NET_BACKOFF_HPP
#define ERPOLL_NET_BACKOFF_HPP

#include <erpoll/core/config.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

ERPOLL_BEGIN_NAMESPACE

/// Retries of one request: 429, 5xx and connection errors are retried up to `max_attempts` in all, waiting
/// `initial * multiplier^(n-1)` before retry n, capped at `max_delay`, each wait drawn uniformly from
/// [(1 - jitter) d, d]. A `Retry-After` from the server replaces the computed wait, capped at
/// `max_retry_after`.
struct backoff {
  std::uint32_t max_attempts = 5;
  std::chrono::milliseconds initial{500};
  double multiplier = 2.0;
  std::chrono::milliseconds max_delay{30'000};
  double jitter = 0.5;
  std::chrono::milliseconds max_retry_after{300'000};

  /// The wait before retry `retry` (1 for the first retry), with jitter from `random`.
  template <class Random>
  std::chrono::milliseconds delay(std::uint32_t retry, Random& random) const {
    double d = static_cast<double>(initial.count());
    for (std::uint32_t i = 1; i < retry && d < static_cast<double>(max_delay.count()); ++i) d *= multiplier;
    d = std::min(d, static_cast<double>(max_delay.count()));
    const double low = d * (1.0 - std::clamp(jitter, 0.0, 1.0));
    std::uniform_real_distribution<double> pick(low, d);
    return std::chrono::milliseconds(static_cast<std::int64_t>(low == d ? d : pick(random)));
  }

  /// The wait before retry `retry`: the server's `Retry-After` (capped) when it sent one, else `delay`.
  template <class Random>
  std::chrono::milliseconds delay(std::uint32_t retry, std::optional<std::chrono::microseconds> retry_after,
                                  Random& random) const {
    if (retry_after) {
      return std::min(std::chrono::ceil<std::chrono::milliseconds>(*retry_after), max_retry_after);
    }
    return delay(retry, random);
  }
};

ERPOLL_END_NAMESPACE

#endif
