/// \file
/// Per-resource figures of a poller, as a struct and as Prometheus text. No secrets, no record data.
#pragma once
#ifndef ERPOLL_POLL_METRICS_HPP
#define ERPOLL_POLL_METRICS_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/instant.hpp>

#include <chrono>
#include <cstdio>
#include <type_traits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// What one resource's poller has done since it started (counters) and where it stands (gauges).
struct resource_metrics {
  std::uint64_t polls = 0;            ///< polls that committed
  std::uint64_t polls_failed = 0;     ///< polls that failed (the cursor did not move)
  std::uint64_t polls_partial = 0;    ///< polls that ended at the pages bound or a repeated token
  std::uint64_t pages = 0;
  std::uint64_t records = 0;          ///< records read (events, ignored and bad ones)
  std::uint64_t record_errors = 0;    ///< records that could not be read (logged with the reason)
  std::uint64_t events_created = 0;
  std::uint64_t events_updated = 0;
  std::uint64_t hub_retries = 0;      ///< requests to the hub retried
  std::uint64_t notifications_delivered = 0;
  std::uint64_t events_delivered = 0;
  std::uint64_t delivery_failures = 0;  ///< failed delivery attempts
  std::uint64_t dead_lettered = 0;      ///< notifications moved to the dead letters
  std::map<std::string, std::uint64_t, std::less<>> errors;  ///< by kind ("timeout", "status", "page", ...)
  std::size_t outbox_depth = 0;       ///< notifications waiting
  std::size_t dead_letters = 0;       ///< notifications in the dead letters now
  std::size_t boundary_size = 0;      ///< ids in the cursor's boundary set
  std::optional<instant> watermark;   ///< the cursor's watermark
  std::optional<instant> last_success;  ///< when the last poll committed
  std::chrono::microseconds timer_lateness_max{0};  ///< the most a poll started after its scheduled time

  /// Now minus the watermark: how far behind the hub the cursor is (nothing before the first poll).
  std::optional<double> lag_seconds(instant now) const {
    if (!watermark) return std::nullopt;
    return std::chrono::duration<double>(now - *watermark).count();
  }
};

namespace detail {
inline void prometheus_escape(std::string& out, std::string_view s) {
  for (char c : s) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
}
}  // namespace detail

/// The Prometheus text exposition (version 0.0.4) of `resources` (name, figures), read at `now`.
inline std::string to_prometheus(const std::vector<std::pair<std::string, resource_metrics>>& resources, instant now) {
  std::string out;
  auto family = [&](std::string_view name, std::string_view type, std::string_view help, auto value_of) {
    out += "# HELP erpoll_";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE erpoll_";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
    for (const auto& [resource, m] : resources) value_of(resource, m);
  };
  auto sample = [&](std::string_view name, std::string_view resource, std::string_view extra_label,
                    std::string_view extra_value, auto value) {
    out += "erpoll_";
    out += name;
    out += "{resource=\"";
    detail::prometheus_escape(out, resource);
    out += '"';
    if (!extra_label.empty()) {
      out += ',';
      out += extra_label;
      out += "=\"";
      detail::prometheus_escape(out, extra_value);
      out += '"';
    }
    out += "} ";
    if constexpr (std::is_floating_point_v<decltype(value)>) {
      char buffer[64];
      const int n = std::snprintf(buffer, sizeof buffer, "%.6f", value);
      out.append(buffer, static_cast<std::size_t>(n));
    } else {
      out += std::to_string(value);
    }
    out += '\n';
  };
  auto counter = [&](std::string_view name, std::string_view help, std::uint64_t resource_metrics::*field) {
    family(name, "counter", help, [&](const std::string& r, const resource_metrics& m) { sample(name, r, "", "", m.*field); });
  };
  counter("polls_total", "Polls that committed.", &resource_metrics::polls);
  counter("polls_failed_total", "Polls that failed; the cursor did not move.", &resource_metrics::polls_failed);
  counter("polls_partial_total", "Polls that ended at the pages bound or a repeated page token.",
          &resource_metrics::polls_partial);
  counter("pages_total", "Pages read.", &resource_metrics::pages);
  counter("records_total", "Records read.", &resource_metrics::records);
  counter("record_errors_total", "Records that could not be read.", &resource_metrics::record_errors);
  family("events_total", "counter", "Events committed to the outbox, by type.",
         [&](const std::string& r, const resource_metrics& m) {
           sample("events_total", r, "type", "CREATED", m.events_created);
           sample("events_total", r, "type", "UPDATED", m.events_updated);
         });
  counter("hub_retries_total", "Requests to the hub that were retried.", &resource_metrics::hub_retries);
  counter("notifications_delivered_total", "Notifications delivered.", &resource_metrics::notifications_delivered);
  counter("events_delivered_total", "Events delivered.", &resource_metrics::events_delivered);
  counter("delivery_failures_total", "Failed delivery attempts.", &resource_metrics::delivery_failures);
  counter("dead_lettered_total", "Notifications moved to the dead letters.", &resource_metrics::dead_lettered);
  family("errors_total", "counter", "Errors by kind.", [&](const std::string& r, const resource_metrics& m) {
    for (const auto& [kind, n] : m.errors) sample("errors_total", r, "kind", kind, n);
  });
  family("outbox_depth", "gauge", "Notifications waiting for delivery.",
         [&](const std::string& r, const resource_metrics& m) { sample("outbox_depth", r, "", "", m.outbox_depth); });
  family("dead_letters", "gauge", "Notifications in the dead letters.",
         [&](const std::string& r, const resource_metrics& m) { sample("dead_letters", r, "", "", m.dead_letters); });
  family("boundary_ids", "gauge", "Ids in the cursor's boundary set.",
         [&](const std::string& r, const resource_metrics& m) { sample("boundary_ids", r, "", "", m.boundary_size); });
  family("cursor_lag_seconds", "gauge", "Now minus the cursor's watermark.",
         [&](const std::string& r, const resource_metrics& m) {
           if (auto lag = m.lag_seconds(now)) sample("cursor_lag_seconds", r, "", "", *lag);
         });
  family("timer_lateness_max_seconds", "gauge", "The most a poll started after its scheduled time.",
         [&](const std::string& r, const resource_metrics& m) {
           sample("timer_lateness_max_seconds", r, "", "",
                  std::chrono::duration<double>(m.timer_lateness_max).count());
         });
  family("last_success_timestamp_seconds", "gauge", "When the last poll committed (Unix time).",
         [&](const std::string& r, const resource_metrics& m) {
           if (m.last_success) {
             sample("last_success_timestamp_seconds", r, "", "",
                    std::chrono::duration<double>(m.last_success->time_since_epoch()).count());
           }
         });
  return out;
}

ERPOLL_END_NAMESPACE

#endif
