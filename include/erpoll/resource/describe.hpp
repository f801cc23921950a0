/// \file
/// `erpoll::describe<R>()`: what compile-time descriptor `R` states, as the run-time description a
/// `dynamic_resource` is made from (name, URL template, id path, date fields with their patterns and zones).
/// Configuration uses it to fill defaults from a catalogue descriptor and to tell whether a configured
/// resource is exactly that descriptor.
#pragma once
#ifndef ERPOLL_RESOURCE_DESCRIBE_HPP
#define ERPOLL_RESOURCE_DESCRIBE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/resource/descriptor.hpp>
#include <erpoll/resource/dynamic_resource.hpp>

#include <string>

ERPOLL_BEGIN_NAMESPACE

/// The description of descriptor `R`'s id and date fields (further typed members are not listed).
template <class R>
dynamic_resource_options describe() {
  using traits = resource_traits<R>;
  dynamic_resource_options o;
  o.name = std::string(traits::name);
  o.url = std::string(R::url.view());
  o.id_path = std::string(traits::json_keys[traits::id_index]);
  using updated = typename traits::template member_type<traits::updated_index>;
  o.updated_path = std::string(traits::json_keys[traits::updated_index]);
  o.updated_format = std::string(updated::pattern);
  o.updated_zone = std::string(updated::zone.name());
  if constexpr (traits::has_created) {
    using created = typename traits::template member_type<traits::created_index>;
    o.created_path = std::string(traits::json_keys[traits::created_index]);
    o.created_format = std::string(created::pattern);
    o.created_zone = std::string(created::zone.name());
  }
  return o;
}

/// True when `a` and `b` poll the same URL and read the same id and date fields the same way.
inline bool same_description(const dynamic_resource_options& a, const dynamic_resource_options& b) {
  auto created_format = [](const dynamic_resource_options& o) {
    return o.created_format.empty() ? o.updated_format : o.created_format;
  };
  auto created_zone = [](const dynamic_resource_options& o) {
    return o.created_zone.empty() ? o.updated_zone : o.created_zone;
  };
  if (a.name != b.name || a.url != b.url || a.id_path != b.id_path || a.updated_path != b.updated_path ||
      a.updated_format != b.updated_format || a.updated_zone != b.updated_zone || a.created_path != b.created_path) {
    return false;
  }
  return a.created_path.empty() || (created_format(a) == created_format(b) && created_zone(a) == created_zone(b));
}

ERPOLL_END_NAMESPACE

#endif
