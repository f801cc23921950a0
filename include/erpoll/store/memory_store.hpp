/// \file
/// `erpoll::memory_store`: cursors and outbox in memory. For tests and for programs that accept losing state
/// when they exit; it models `store_type` exactly as `sqlite_store` does.
#pragma once
#ifndef ERPOLL_STORE_MEMORY_STORE_HPP
#define ERPOLL_STORE_MEMORY_STORE_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/store/outbox_entry.hpp>
#include <erpoll/time/instant.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Cursors and outbox in memory (see `store_type` for the contract). Not thread-safe: one `io_context`
/// thread uses it.
class memory_store {
 public:
  std::optional<cursor> load_cursor(std::string_view resource) const {
    const auto it = cursors_.find(std::string(resource));
    if (it == cursors_.end()) return std::nullopt;
    return it->second;
  }

  void commit_poll(std::string_view resource, const cursor& next, std::span<const notification> notes, instant now) {
    std::vector<outbox_entry> added;  // built first, so a throw leaves everything as it was
    added.reserve(notes.size());
    for (const auto& n : notes) {
      added.push_back(outbox_entry{next_seq_ + static_cast<std::int64_t>(added.size()), std::string(resource), n, 0,
                                   now, now, {}});
    }
    cursors_[std::string(resource)] = next;
    next_seq_ += static_cast<std::int64_t>(added.size());
    for (auto& e : added) outbox_.push_back(std::move(e));
  }

  std::optional<outbox_entry> next_pending(std::string_view resource) const {
    for (const auto& e : outbox_) {
      if (e.resource == resource) return e;
    }
    return std::nullopt;
  }

  void delivered(std::int64_t seq) { std::erase_if(outbox_, [seq](const outbox_entry& e) { return e.seq == seq; }); }

  void retry_later(std::int64_t seq, instant when, std::string_view error) {
    if (auto* e = find(seq)) {
      ++e->attempts;
      e->next_attempt = when;
      e->last_error = error;
    }
  }

  void to_dead_letters(std::int64_t seq, std::string_view error, instant now) {
    if (auto* e = find(seq)) {
      outbox_entry moved = std::move(*e);
      ++moved.attempts;
      moved.last_error = error;
      dead_.push_back(dead_letter{std::move(moved), now});
      delivered(seq);
    }
  }

  std::vector<dead_letter> dead_letters(std::string_view resource) const {
    std::vector<dead_letter> out;
    for (const auto& d : dead_) {
      if (d.entry.resource == resource) out.push_back(d);
    }
    return out;
  }

  std::size_t redeliver_dead_letters(std::string_view resource, instant now) {
    std::size_t n = 0;
    for (auto& d : dead_) {
      if (d.entry.resource != resource) continue;
      outbox_entry e = std::move(d.entry);
      e.seq = next_seq_++;
      e.attempts = 0;
      e.created = now;
      e.next_attempt = now;
      outbox_.push_back(std::move(e));
      ++n;
    }
    std::erase_if(dead_, [&](const dead_letter& d) { return d.entry.resource == resource; });
    return n;
  }

  std::size_t outbox_depth(std::string_view resource) const {
    return static_cast<std::size_t>(
        std::count_if(outbox_.begin(), outbox_.end(), [&](const outbox_entry& e) { return e.resource == resource; }));
  }

  std::size_t dead_letter_count(std::string_view resource) const {
    return static_cast<std::size_t>(
        std::count_if(dead_.begin(), dead_.end(), [&](const dead_letter& d) { return d.entry.resource == resource; }));
  }

 private:
  outbox_entry* find(std::int64_t seq) {
    for (auto& e : outbox_) {
      if (e.seq == seq) return &e;
    }
    return nullptr;
  }

  std::map<std::string, cursor, std::less<>> cursors_;
  std::vector<outbox_entry> outbox_;  // in seq order
  std::vector<dead_letter> dead_;
  std::int64_t next_seq_ = 1;
};

ERPOLL_END_NAMESPACE

#endif
