/// \file
/// `erpoll::poller_options`: everything one resource's poller is told, with the defaults of the seed's
/// system (15-minute interval, GMT, 10 events per notification).
#pragma once
#ifndef ERPOLL_POLL_POLLER_OPTIONS_HPP
#define ERPOLL_POLL_POLLER_OPTIONS_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/core/log.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/event/retry_schedule.hpp>
#include <erpoll/net/auth.hpp>
#include <erpoll/net/backoff.hpp>
#include <erpoll/net/pagination.hpp>
#include <erpoll/net/url.hpp>
#include <erpoll/page/extract.hpp>
#include <erpoll/time/instant.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <ratio>
#include <string>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Minutes, fractions allowed (`event.poller.refresh_interval`).
using minutes_interval = std::chrono::duration<double, std::ratio<60>>;

/// The options of one resource's poller.
struct poller_options {
  /// The hub's base URL ("https://api.example.com/elements/api-v2"); resource URLs are appended to it.
  http_url hub;
  /// How hub requests authenticate.
  auth_options auth;
  /// Minutes between polls; polls run at fixed times from the start (a slow poll skips the times it missed).
  minutes_interval refresh_interval{15.0};
  /// Change detection: pollDelay, createdCheckTolerance, filterByUpdatedDate, filterByCurrentDate.
  change_options change;
  /// How the hub pages (and `keyset`, below).
  pagination_options pagination;
  /// Keyset paging: each further page re-queries from the last updated date read (the URL template's date
  /// placeholder), so that records changing during the scan cannot shift others past a page boundary. The
  /// hub must return records in updated-date order (a poll that sees otherwise fails). Within a run of
  /// records sharing one date longer than a page, the hub's own paging continues.
  bool keyset = false;
  /// Where the records are in a page (the page itself is the array by default).
  page_options page;
  /// Retries of hub requests (429, 5xx, connection errors).
  backoff hub_retry;
  /// Retries of deliveries, then dead letters.
  retry_schedule delivery_retry;
  /// The instance: its name in event ids (never change it once events were delivered) and notifications.
  std::string instance_id = "erpoll";
  /// elementKey, hubKey, instanceName, instanceTags of the notifications (objectType is the resource name).
  notification_context context;
  /// Events per notification (Cloud Elements: 10).
  std::size_t max_events_per_notification = 10;
  /// Where the first poll starts when the store has no cursor (nothing: the time of the first poll).
  std::optional<instant> start_from;
  /// Poll once at start, rather than one interval after it.
  bool poll_at_start = true;
  /// Where log lines go.
  log_function log = stderr_log();

  /// \throws config_error naming each problem.
  void validate() const {
    std::string problems;
    if (!(refresh_interval.count() > 0)) problems += "\n  - refresh interval: must be more than 0 minutes";
    if (max_events_per_notification == 0) problems += "\n  - events per notification: must be at least 1";
    if (pagination.page_size == 0) problems += "\n  - pageSize: must be at least 1";
    if (pagination.max_pages == 0) problems += "\n  - pages per poll: must be at least 1";
    if (hub.host.empty()) problems += "\n  - hub: no base URL";
    if (!problems.empty()) throw config_error("erpoll: invalid poller options:" + problems);
  }
};

ERPOLL_END_NAMESPACE

#endif
