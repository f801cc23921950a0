/// \file
/// `erpoll::store_type`: what the poller needs of durable state. Two stores ship: `sqlite_store` (the default,
/// one database file) and `memory_store` (tests). Another store (PostgreSQL, say) only has to model this.
#pragma once
#ifndef ERPOLL_STORE_STORE_CONCEPT_HPP
#define ERPOLL_STORE_STORE_CONCEPT_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/store/outbox_entry.hpp>
#include <erpoll/time/instant.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A durable home for cursors and the outbox. The contract:
/// - `load_cursor(resource)`: the last committed cursor, or nothing before the first commit;
/// - `commit_poll(resource, cursor, notifications, now)`: the cursor and the notifications (appended to the
///   outbox in order) become durable together, or neither does (it throws `store_error`);
/// - `next_pending(resource)`: the oldest outbox entry of the resource (delivery goes in `seq` order);
/// - `delivered(seq)`, `retry_later(seq, when, error)`, `to_dead_letters(seq, error, now)`: the outcome of an
///   attempt;
/// - `dead_letters(resource)`, `redeliver_dead_letters(resource, now)`: dead letters back into the outbox, at
///   its end, with their attempts and age reset (`created` = `now`), due at once;
/// - `outbox_depth(resource)`, `dead_letter_count(resource)`.
template <class S>
concept store_type = requires(S& s, std::string_view resource, std::string_view error, const cursor& c,
                              std::span<const notification> notes, instant now, std::int64_t seq) {
  { s.load_cursor(resource) } -> std::same_as<std::optional<cursor>>;
  s.commit_poll(resource, c, notes, now);
  { s.next_pending(resource) } -> std::same_as<std::optional<outbox_entry>>;
  s.delivered(seq);
  s.retry_later(seq, now, error);
  s.to_dead_letters(seq, error, now);
  { s.dead_letters(resource) } -> std::same_as<std::vector<dead_letter>>;
  { s.redeliver_dead_letters(resource, now) } -> std::same_as<std::size_t>;
  { s.outbox_depth(resource) } -> std::same_as<std::size_t>;
  { s.dead_letter_count(resource) } -> std::same_as<std::size_t>;
};

ERPOLL_END_NAMESPACE

#endif
