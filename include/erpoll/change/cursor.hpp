/// \file
/// The change-detection state of one resource (`cursor`), its options, and the decision for each record:
/// CREATED, UPDATED, or ignored. Pure: the next cursor follows from the records, never from the clock alone.
///
/// The rule, which emits each (id, updated date) once in steady state:
/// - the hub is asked for records updated at or after `query_from(cursor)` = watermark - pollDelay (`>=`);
/// - a record is ignored when its updated date is before that, or when (id, updated date) is in the cursor's
///   boundary set: the changes already emitted whose updated date lies within pollDelay of the watermark
///   (with pollDelay 0: the ids emitted at exactly the watermark);
/// - with filterByCurrentDate, a record updated after the poll began is deferred to the next poll;
/// - otherwise it is CREATED when its created date is within createdCheckTolerance of its updated date (or
///   when filterByUpdatedDate is false: the one date is the creation date), else UPDATED.
/// The next watermark is the greatest updated date emitted (or the old one); the boundary set keeps what
/// was emitted within pollDelay of it. A record committed late with an older timestamp, but inside pollDelay,
/// is therefore still delivered once.
#pragma once
#ifndef ERPOLL_CHANGE_CURSOR_HPP
#define ERPOLL_CHANGE_CURSOR_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/instant.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// One change already emitted: the record's id and its updated date.
struct emitted_change {
  std::string id;
  instant updated;

  friend bool operator==(const emitted_change&, const emitted_change&) = default;
  friend auto operator<=>(const emitted_change& a, const emitted_change& b) {
    if (auto c = a.updated <=> b.updated; c != 0) return c;
    return a.id.compare(b.id) <=> 0;
  }
};

/// Where a resource's polling stands.
struct cursor {
  /// The greatest updated date emitted (or the starting point given for the first poll).
  instant watermark{};
  /// Changes emitted within pollDelay of the watermark, sorted: how `>=` queries avoid re-emitting them.
  std::vector<emitted_change> boundary;

  friend bool operator==(const cursor&, const cursor&) = default;
};

/// The per-resource options of Cloud Elements' `event.poller.configuration` that change detection uses.
struct change_options {
  /// `pollDelay`: how far before the watermark each query starts (records that become searchable late).
  std::chrono::seconds poll_delay{0};
  /// `createdCheckTolerance`: created within this of updated is CREATED.
  std::chrono::seconds created_check_tolerance{10};
  /// `filterByUpdatedDate`: false when the resource's one date is its creation date (every event CREATED).
  bool filter_by_updated_date = true;
  /// `filterByCurrentDate`: records updated after the poll began wait for the next poll.
  bool filter_by_current_date = false;
};

/// What becomes of one record.
enum class change_kind : std::uint8_t { created, updated, ignored_seen, ignored_before_window, deferred };

/// "CREATED", "UPDATED", or the reason a record was ignored.
constexpr std::string_view to_string(change_kind k) noexcept {
  switch (k) {
    case change_kind::created: return "CREATED";
    case change_kind::updated: return "UPDATED";
    case change_kind::ignored_seen: return "ignored: already emitted";
    case change_kind::ignored_before_window: return "ignored: before the query window";
    case change_kind::deferred: return "deferred: changed after the poll began";
  }
  return "?";
}

constexpr bool is_event(change_kind k) noexcept { return k == change_kind::created || k == change_kind::updated; }

/// The lower bound of the next query (`>=`): the watermark less pollDelay.
inline instant query_from(const cursor& c, const change_options& o) { return c.watermark - o.poll_delay; }

/// Decides one record against the cursor as it was when the poll began.
inline change_kind decide(const cursor& c, const change_options& o, instant poll_began, std::string_view id,
                          instant updated, std::optional<instant> created) {
  if (updated < query_from(c, o)) return change_kind::ignored_before_window;
  if (o.filter_by_current_date && updated > poll_began) return change_kind::deferred;
  const emitted_change key{std::string(id), updated};
  if (std::binary_search(c.boundary.begin(), c.boundary.end(), key)) return change_kind::ignored_seen;
  if (!o.filter_by_updated_date) return change_kind::created;
  if (created) {
    const auto gap = updated > *created ? updated - *created : *created - updated;
    if (gap <= o.created_check_tolerance) return change_kind::created;
  }
  return change_kind::updated;
}

/// The cursor after a poll that emitted `emitted` (every record decided CREATED or UPDATED, all pages).
inline cursor next_cursor(const cursor& c, const change_options& o, std::vector<emitted_change> emitted) {
  cursor next;
  next.watermark = c.watermark;
  for (const auto& e : emitted) next.watermark = std::max(next.watermark, e.updated);
  const instant keep_from = next.watermark - o.poll_delay;
  emitted.insert(emitted.end(), c.boundary.begin(), c.boundary.end());
  std::erase_if(emitted, [keep_from](const emitted_change& e) { return e.updated < keep_from; });
  std::sort(emitted.begin(), emitted.end());
  emitted.erase(std::unique(emitted.begin(), emitted.end()), emitted.end());
  next.boundary = std::move(emitted);
  return next;
}

/// The cursor after a poll that ended before its last page (the pages bound, a repeated page token).
/// When the records read came in non-decreasing updated order, what was not read is at or after the last
/// date read, so `next_cursor` is safe. Otherwise the watermark stays and the boundary set grows by what was
/// emitted: the next poll reads the same window again and emits only what is new.
inline cursor next_cursor_after_partial_poll(const cursor& c, const change_options& o,
                                             std::vector<emitted_change> emitted, bool read_in_updated_order) {
  if (read_in_updated_order) return next_cursor(c, o, std::move(emitted));
  cursor next;
  next.watermark = c.watermark;
  emitted.insert(emitted.end(), c.boundary.begin(), c.boundary.end());
  std::sort(emitted.begin(), emitted.end());
  emitted.erase(std::unique(emitted.begin(), emitted.end()), emitted.end());
  next.boundary = std::move(emitted);
  return next;
}

ERPOLL_END_NAMESPACE

#endif
