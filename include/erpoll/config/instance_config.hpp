/// \file
/// `erpoll::instance_config`: an instance JSON (the seed's format) after validation: the hub, its
/// authentication, the callback, the refresh interval and each resource to poll, with every default applied.
/// `load_instance()` (config/load_instance.hpp) makes one; `poller_options_for()` turns a resource into the
/// options of its `Poller`.
#pragma once
#ifndef ERPOLL_CONFIG_INSTANCE_CONFIG_HPP
#define ERPOLL_CONFIG_INSTANCE_CONFIG_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/event/retry_schedule.hpp>
#include <erpoll/net/auth.hpp>
#include <erpoll/net/pagination.hpp>
#include <erpoll/net/secret.hpp>
#include <erpoll/net/url.hpp>
#include <erpoll/poll/poller_options.hpp>
#include <erpoll/resource/dynamic_resource.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// One resource of `event.poller.configuration`, with the defaults applied.
struct resource_config {
  /// The resource's name ("customers"): its key in `event.poller.configuration`.
  std::string name;
  /// `url`, `idField` and `datesConfiguration`.
  dynamic_resource_options description;
  /// Set when the description is exactly that of a catalogue descriptor (its index in
  /// `netsuite::catalogue`): the compile-time engine polls it. Otherwise `dynamic_resource` does.
  std::optional<std::size_t> catalogue_index;
  /// The C++ name of that descriptor ("erpoll::netsuite::Customers"), for messages.
  std::string catalogue_type;
  /// `pollDelay`, `createdCheckTolerance`, `filterByUpdatedDate`, `filterByCurrentDate`.
  change_options change;
  /// `pageSize`, and ours: `pagination`, `maxPages`, `firstPage`.
  pagination_options pagination;
  /// Ours: `itemsKey`, where the records are when a page is an object (empty: the page is the array).
  std::string items_key;
  /// Ours: `keyset` (see `poller_options::keyset`).
  bool keyset = false;
  /// The hub key of its notifications (`hubKey`): the `X` of a `/hubs/X/...` URL, else "erp".
  std::string hub_key = "erp";
};

/// A validated instance.
struct instance_config {
  std::string source;        ///< where it was read from (a file name), for messages
  std::string element_key;   ///< `element.key`
  std::string name;          ///< `name` (the element key when absent)
  std::vector<std::string> tags;
  std::string callback_url;  ///< `event.notification.callback.url`
  secret signature_key;      ///< `event.notification.signature.key`
  minutes_interval refresh_interval{15.0};  ///< `event.poller.refresh_interval`
  std::string base_url;      ///< `configuration."base.url"` (may be empty: then the program's `--hub`)
  auth_options auth;         ///< from `authentication.type` and its keys, or the environment
  std::string ca_file;       ///< ours: `erpoll.tls.ca.file`
  std::string instance_id;   ///< ours: `erpoll.instance.id` (default: the name); part of every event id
  std::size_t max_events_per_notification = 10;  ///< ours: `erpoll.notification.max.events`
  retry_schedule delivery_retry;  ///< ours: `erpoll.delivery.max.attempts`, `erpoll.delivery.max.age.hours`
  std::vector<resource_config> resources;  ///< the enabled resources, in the order given
  std::vector<std::string> warnings;       ///< unknown keys, accepted oddities; each names where
  std::vector<std::pair<std::string, std::string>> element_settings;  ///< other `configuration` keys (not used)

  /// The options of resource `r`'s poller, polling `hub`. `r` must outlive them (they view its items key).
  poller_options poller_options_for(const resource_config& r, const http_url& hub) const {
    poller_options o;
    o.hub = hub;
    o.auth = auth;
    o.refresh_interval = refresh_interval;
    o.change = r.change;
    o.pagination = r.pagination;
    o.keyset = r.keyset;
    o.page.items_key = r.items_key;
    o.delivery_retry = delivery_retry;
    o.instance_id = instance_id;
    o.context.element_key = element_key;
    o.context.hub_key = r.hub_key;
    o.context.instance_name = name;
    o.context.instance_tags = tags;
    o.max_events_per_notification = max_events_per_notification;
    return o;
  }

  /// The effective configuration as JSON, secrets shown as `***` (what `erpoll-run --check` prints).
  nlohmann::json effective() const {
    using nlohmann::json;
    json out = json::object();
    out["source"] = source;
    out["element.key"] = element_key;
    out["name"] = name;
    out["tags"] = tags;
    out["erpoll.instance.id"] = instance_id;
    out["event.notification.callback.url"] = callback_url;
    out["event.notification.signature.key"] = signature_key.empty() ? json(nullptr) : json(signature_key.masked());
    out["event.poller.refresh_interval"] = refresh_interval.count();
    out["base.url"] = base_url.empty() ? json(nullptr) : json(base_url);
    json a = json::object();
    a["type"] = std::string(auth_scheme_name(auth));
    if (const auto* b = std::get_if<basic_auth>(&auth.scheme)) {
      a["user.username"] = b->username;
      a["user.password"] = b->password.masked();
    } else if (const auto* c = std::get_if<cloud_elements_auth>(&auth.scheme)) {
      a["erpoll.user.secret"] = c->user.masked();
      a["erpoll.organization.secret"] = c->organization.masked();
      a["erpoll.element.token"] = c->element.masked();
    } else if (const auto* t = std::get_if<bearer_auth>(&auth.scheme)) {
      a["erpoll.bearer.token"] = t->token.masked();
    }
    for (const auto& [header, value] : auth.extra_headers) a["erpoll.hub.headers"][header] = value.masked();
    out["authentication"] = std::move(a);
    if (!ca_file.empty()) out["erpoll.tls.ca.file"] = ca_file;
    out["erpoll.notification.max.events"] = max_events_per_notification;
    out["erpoll.delivery.max.attempts"] = delivery_retry.max_attempts;
    out["erpoll.delivery.max.age.hours"] = delivery_retry.max_age.count();
    json resources_out = json::object();
    for (const auto& r : resources) {
      const auto& d = r.description;
      json e = json::object();
      e["engine"] = r.catalogue_index ? "compile-time descriptor " + r.catalogue_type
                                      : std::string("dynamic_resource (run-time)");
      e["url"] = d.url;
      e["idField"] = d.id_path;
      e["pageSize"] = r.pagination.page_size;
      e["pollDelay"] = r.change.poll_delay.count();
      e["createdCheckTolerance"] = r.change.created_check_tolerance.count();
      e["filterByUpdatedDate"] = r.change.filter_by_updated_date;
      e["filterByCurrentDate"] = r.change.filter_by_current_date;
      json dates = {{"updatedDateField", d.updated_path},
                    {"updatedDateFormat", d.updated_format},
                    {"updatedDateTimezone", d.updated_zone}};
      if (!d.created_path.empty()) {
        dates["createdDateField"] = d.created_path;
        dates["createdDateFormat"] = d.created_format.empty() ? d.updated_format : d.created_format;
        dates["createdDateTimezone"] = d.created_zone.empty() ? d.updated_zone : d.created_zone;
      }
      e["datesConfiguration"] = std::move(dates);
      constexpr const char* modes[] = {"nextPage", "page", "none"};
      e["pagination"] = modes[static_cast<int>(r.pagination.mode)];
      e["maxPages"] = r.pagination.max_pages;
      e["keyset"] = r.keyset;
      if (!r.items_key.empty()) e["itemsKey"] = r.items_key;
      e["hubKey"] = r.hub_key;
      resources_out[r.name] = std::move(e);
    }
    out["resources"] = std::move(resources_out);
    json element = json::array();
    for (const auto& [key, value] : element_settings) element.push_back(key);  // names only: values may be secret
    out["element settings (kept, not used by erpoll)"] = std::move(element);
    return out;
  }
};

ERPOLL_END_NAMESPACE

#endif
