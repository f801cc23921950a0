/// \file
/// Event notifications in the Cloud Elements format: `message.events[]` (eventType, objectId, objectType,
/// elementKey, hubKey, date, pollDate, eventId) and `message.raw.<resource>` holding the records' exact raw
/// bytes, batched at most 10 events per notification (configurable). Each body is produced once, as the
/// bytes that are sent and signed.
#pragma once
#ifndef ERPOLL_EVENT_NOTIFICATION_HPP
#define ERPOLL_EVENT_NOTIFICATION_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/change/event_id.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/event/signature.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/instant.hpp>

#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// One event: a record that was CREATED or UPDATED, with its exact raw JSON.
struct event {
  std::string event_id;   ///< `event_id(instance, resource, record id, updated)`
  change_kind type = change_kind::updated;
  std::string object_id;  ///< the record's id
  instant date{};         ///< the record's updated date
  std::string raw;        ///< the record's exact JSON bytes
};

/// What every notification of one poll of one resource says about where it comes from.
struct notification_context {
  std::string element_key = "netsuiteerpv2";
  std::string hub_key = "erp";
  std::string instance_name;
  std::vector<std::string> instance_tags;
  std::string object_type;  ///< the resource name ("invoices")
  instant poll_date{};      ///< when the poll ran
};

/// A notification ready to send: its stable id, the event ids it carries, and the body bytes.
struct notification {
  std::string id;
  std::vector<std::string> event_ids;
  std::string body;

  /// The headers to send with it: content type, `elements-webhook-id`, and, when `signature_key` is not
  /// empty, `Elements-Webhook-Signature` over the body.
  std::vector<std::pair<std::string, std::string>> headers(std::string_view signature_key) const {
    std::vector<std::pair<std::string, std::string>> h{{"Content-Type", "application/json"},
                                                       {"elements-webhook-id", id}};
    if (!signature_key.empty()) h.emplace_back(std::string(signature_header), webhook_signature(signature_key, body));
    return h;
  }
};

namespace detail {

inline void append_json_string(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex[(c >> 4) & 15];
          out += hex[c & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

/// Appends `"name":"value"`, after a comma unless `comma` is false.
inline void string_field(std::string& out, std::string_view name, std::string_view value, bool comma = true) {
  if (comma) out += ',';
  out += '"';
  out += name;
  out += "\":";
  append_json_string(out, value);
}

/// ISO 8601 in UTC: whole seconds as Cloud Elements shows them, microseconds when the date has them.
inline std::string iso_date(instant t) {
  if (t.time_since_epoch().count() % 1'000'000 == 0) {
    return date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::format(t, utc);
  }
  return date_format<"yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'">::format(t, utc);
}

/// The notification id: hex of the first 16 bytes of SHA-256("erpoll.notification.v1" NUL id NUL id ...).
inline std::string notification_id(std::span<const event> events) {
  std::string input = "erpoll.notification.v1";
  for (const auto& e : events) input.append(1, '\0').append(e.event_id);
  return sha256_id(input);
}

inline notification build_one(const notification_context& ctx, std::span<const event> events) {
  notification n;
  n.id = notification_id(events);
  std::string& b = n.body;
  std::size_t raw_size = 0;
  for (const auto& e : events) raw_size += e.raw.size() + 300;
  b.reserve(raw_size + 512);
  const std::string poll_date = iso_date(ctx.poll_date);
  b += '{';
  string_field(b, "id", n.id, false);
  b += ",\"message\":{";
  string_field(b, "elementKey", ctx.element_key, false);
  string_field(b, "instanceName", ctx.instance_name);
  b += ",\"instanceTags\":[";
  for (std::size_t i = 0; i < ctx.instance_tags.size(); ++i) {
    if (i) b += ',';
    append_json_string(b, ctx.instance_tags[i]);
  }
  b += "],\"raw\":{";
  append_json_string(b, ctx.object_type);
  b += ":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i) b += ',';
    b += events[i].raw;  // the exact bytes of the record, never re-serialised
  }
  b += "],\"pollDate\":";
  b += std::to_string(floor_div(ctx.poll_date.time_since_epoch().count(), 1000));
  string_field(b, "objectType", ctx.object_type);
  b += "},\"events\":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    const event& e = events[i];
    if (i) b += ',';
    b += '{';
    string_field(b, "eventId", e.event_id, false);
    string_field(b, "eventType", to_string(e.type));
    string_field(b, "objectId", e.object_id);
    string_field(b, "objectType", ctx.object_type);
    string_field(b, "elementKey", ctx.element_key);
    string_field(b, "hubKey", ctx.hub_key);
    string_field(b, "date", iso_date(e.date));
    string_field(b, "pollDate", poll_date);
    b += '}';
    n.event_ids.push_back(e.event_id);
  }
  b += "]}}";
  return n;
}

}  // namespace detail

/// The notifications for the events of one poll of one resource, in order, at most `max_events` each.
/// \throws std::invalid_argument for `max_events` 0 or an event that is not CREATED or UPDATED.
inline std::vector<notification> build_notifications(const notification_context& ctx, std::span<const event> events,
                                                     std::size_t max_events = 10) {
  if (max_events == 0) throw std::invalid_argument("erpoll: a notification carries at least one event");
  for (const auto& e : events) {
    if (!is_event(e.type)) throw std::invalid_argument("erpoll: only CREATED and UPDATED records are events");
  }
  std::vector<notification> out;
  for (std::size_t i = 0; i < events.size(); i += max_events) {
    out.push_back(detail::build_one(ctx, events.subspan(i, std::min(max_events, events.size() - i))));
  }
  return out;
}

ERPOLL_END_NAMESPACE

#endif
