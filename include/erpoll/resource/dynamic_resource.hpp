/// \file
/// `erpoll::dynamic_resource`: a resource described at run time (from configuration), with what a descriptor
/// states at compile time: name, URL template, id field, updated and created date fields (pattern and zone),
/// and further typed members. It drives the same engine through the runtime date formats.
#pragma once
#ifndef ERPOLL_RESOURCE_DYNAMIC_RESOURCE_HPP
#define ERPOLL_RESOURCE_DYNAMIC_RESOURCE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/resource/runtime_url_template.hpp>
#include <erpoll/time/runtime_date_format.hpp>
#include <erpoll/time/time_zone.hpp>

#include <exception>
#include <optional>
#include <string>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A date field read at run time: where it is, its Java pattern (or `milliseconds` / `seconds`), its zone.
struct dynamic_date_field {
  std::string json_path;
  runtime_date_format format;
  time_zone zone;
};

/// The JSON type a further member is read as.
enum class dynamic_value_type { string, boolean, integer, number };

/// A further member to extract: the name it goes by, where it is in the record, its type.
struct dynamic_member {
  std::string name;
  std::string json_path;
  dynamic_value_type type = dynamic_value_type::string;
};

/// The description of a resource, as configuration states it (Cloud Elements' `event.poller.configuration`
/// entry and its `datesConfiguration`).
struct dynamic_resource_options {
  std::string name;
  std::string url;
  std::string id_path = "id";
  std::string updated_path;
  std::string updated_format;
  std::string updated_zone = "GMT";  // the documented default
  /// Empty path: no created date. Empty format or zone: the updated field's (the documented defaults).
  std::string created_path;
  std::string created_format;
  std::string created_zone;
  std::vector<dynamic_member> members;
};

/// A resource described at run time; everything is checked once, in the constructor.
class dynamic_resource {
 public:
  /// \throws config_error listing every problem at once, each naming the resource and the key.
  explicit dynamic_resource(dynamic_resource_options o) {
    std::vector<std::string> problems;
    auto check = [&](const char* key, auto make) {
      try {
        return std::optional{make()};
      } catch (const std::exception& e) {
        problems.push_back(std::string(key) + ": " + e.what());
        return decltype(std::optional{make()}){};
      }
    };
    if (o.name.empty()) problems.emplace_back("name: must not be empty");
    if (o.id_path.empty()) problems.emplace_back("idField: must not be empty");
    if (o.updated_path.empty()) problems.emplace_back("updatedDateField: must not be empty");
    if (o.updated_format.empty()) problems.emplace_back("updatedDateFormat: must not be empty");
    url_ = check("url", [&] { return runtime_url_template(o.url); });
    auto updated_format = check("updatedDateFormat", [&] { return runtime_date_format(o.updated_format); });
    auto updated_zone = check("updatedDateTimezone", [&] { return time_zone::named(o.updated_zone); });
    std::optional<runtime_date_format> created_format;
    std::optional<time_zone> created_zone;
    if (!o.created_path.empty()) {
      created_format = check("createdDateFormat", [&] {
        return runtime_date_format(o.created_format.empty() ? o.updated_format : o.created_format);
      });
      created_zone = check("createdDateTimezone",
                           [&] { return time_zone::named(o.created_zone.empty() ? o.updated_zone : o.created_zone); });
    }
    for (const auto& m : o.members) {
      if (m.name.empty() || m.json_path.empty()) problems.emplace_back("a member needs a name and a JSON path");
    }
    if (!problems.empty()) {
      std::string message = "erpoll: resource \"" + o.name + "\" is misconfigured:";
      for (const auto& p : problems) message += "\n  - " + p;
      throw config_error(message);
    }
    name_ = std::move(o.name);
    id_path_ = std::move(o.id_path);
    updated_.emplace(dynamic_date_field{std::move(o.updated_path), std::move(*updated_format), *updated_zone});
    if (created_format) {
      created_.emplace(dynamic_date_field{std::move(o.created_path), std::move(*created_format), *created_zone});
    }
    members_ = std::move(o.members);
  }

  /// The resource's name ("customers").
  const std::string& name() const noexcept { return name_; }
  /// The polling URL template.
  const runtime_url_template& url() const noexcept { return *url_; }
  /// The JSON key or dotted path of the id.
  const std::string& id_path() const noexcept { return id_path_; }
  /// The updated date field.
  const dynamic_date_field& updated() const noexcept { return *updated_; }
  /// The created date field, when the resource has one.
  const std::optional<dynamic_date_field>& created() const noexcept { return created_; }
  /// Further members to extract.
  const std::vector<dynamic_member>& members() const noexcept { return members_; }

 private:
  std::string name_;
  std::optional<runtime_url_template> url_;
  std::string id_path_;
  std::optional<dynamic_date_field> updated_;
  std::optional<dynamic_date_field> created_;
  std::vector<dynamic_member> members_;
};

ERPOLL_END_NAMESPACE

#endif
