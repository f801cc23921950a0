/// \file
/// What a store keeps besides cursors: a notification waiting for delivery (`outbox_entry`), and one given up
/// on (`dead_letter`).
#pragma once
#ifndef ERPOLL_STORE_OUTBOX_ENTRY_HPP
#define ERPOLL_STORE_OUTBOX_ENTRY_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/time/instant.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

ERPOLL_BEGIN_NAMESPACE

/// A notification in the outbox: committed with the cursor of the poll that produced it, removed when
/// delivered. `seq` orders the outbox: per resource, delivery follows it.
struct outbox_entry {
  std::int64_t seq = 0;
  std::string resource;
  notification note;
  std::uint32_t attempts = 0;  ///< failed delivery attempts so far
  instant created{};           ///< when the poll committed it
  instant next_attempt{};      ///< not before this
  std::string last_error;      ///< why the last attempt failed (never a secret)
};

/// A notification whose delivery was given up: kept, counted and redeliverable.
struct dead_letter {
  outbox_entry entry;
  instant dead_at{};
};

/// A store could not read or write its state. The poll or delivery that hit it fails; nothing moves.
class store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

ERPOLL_END_NAMESPACE

#endif
