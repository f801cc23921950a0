/// \file
/// `erpoll::load_instance()`: reads an instance JSON as the seed shows it and validates all of it at once.
///
/// - `element.key`, `name`, `tags`, `configuration` (credentials, `authentication.type`, `base.url`);
/// - the `event.*` keys (and ours, `erpoll.*`) at the top level or inside `configuration`;
/// - `event.poller.configuration` as an object or as an escaped JSON string, or the legacy
///   `event.poller.urls` (lines of `resource|url|xPathFilter|updatedField|format|zone|createdField|format|zone`,
///   or `name|name|...`);
/// - booleans as JSON booleans or the strings "true"/"false", numbers as JSON numbers or numeric strings;
/// - a value left as a documentation placeholder (`<INSERT_...>`, `<minutes>`) is an error naming the key;
/// - an unknown key is a warning naming it; every problem is reported at once (`instance_config_error`).
///
/// Secrets may come from the environment instead: `ERPOLL_USERNAME`, `ERPOLL_PASSWORD`,
/// `ERPOLL_SIGNATURE_KEY`, `ERPOLL_USER_SECRET`, `ERPOLL_ORGANIZATION_SECRET`, `ERPOLL_ELEMENT_TOKEN`,
/// `ERPOLL_BEARER_TOKEN` (each wins over the file's value).
#pragma once
#ifndef ERPOLL_CONFIG_LOAD_INSTANCE_HPP
#define ERPOLL_CONFIG_LOAD_INSTANCE_HPP

#include <erpoll/config/instance_config.hpp>
#include <erpoll/config/json_text.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/netsuite/catalogue.hpp>
#include <erpoll/resource/describe.hpp>
#include <erpoll/resource/dynamic_resource.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Every problem of an instance JSON (and its warnings), each naming where: a JSON Pointer such as
/// `/event.poller.configuration/customers/pageSize`.
class instance_config_error : public config_error {
 public:
  instance_config_error(std::string source, std::vector<std::string> problems, std::vector<std::string> warnings)
      : config_error(message_of(source, problems)), problems_(std::move(problems)), warnings_(std::move(warnings)) {}

  const std::vector<std::string>& problems() const noexcept { return problems_; }
  const std::vector<std::string>& warnings() const noexcept { return warnings_; }

 private:
  static std::string message_of(const std::string& source, const std::vector<std::string>& problems) {
    std::string m = "erpoll: " + source + ": " + std::to_string(problems.size()) +
                    (problems.size() == 1 ? " problem:" : " problems:");
    for (const auto& p : problems) m += "\n  - " + p;
    return m;
  }
  std::vector<std::string> problems_;
  std::vector<std::string> warnings_;
};

/// How `load_instance` reads.
struct load_options {
  /// The name of the text in messages (a file name).
  std::string source = "instance";
  /// Looks up an environment variable (nothing when unset); `std::getenv` by default.
  std::function<std::optional<std::string>(const std::string&)> environment = [](const std::string& name) {
    const char* v = std::getenv(name.c_str());
    return v ? std::optional<std::string>(v) : std::nullopt;
  };
};

/// True for a documentation placeholder: `<INSERT_TAGS>`, `<minutes>`, `<INSERT_NETSUITE_PASSWORD` (sic).
inline bool is_placeholder(std::string_view s) {
  if (s.size() < 2 || s.front() != '<') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '>') return i + 1 == s.size();
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' || c == '-' || c == '.')) return false;
  }
  return true;
}

namespace detail {

inline std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The reader of one instance: every problem and warning is collected, never thrown one by one.
class instance_reader {
 public:
  using json = nlohmann::json;

  instance_reader(const load_options& options, std::vector<std::string>& warnings)
      : options_(options), warnings_(warnings) {}

  std::vector<std::string> problems;

  void problem(const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); }
  void warning(const std::string& where, const std::string& what) {
    warnings_.push_back(options_.source + ": " + where + ": " + what);
  }

  static std::string shown(const json& v) {
    std::string s = v.dump();
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
  }

  // A string; a placeholder or another type is a problem.
  std::optional<std::string> string_at(const json& v, const std::string& where, bool allow_empty = true) {
    if (!v.is_string()) {
      problem(where, "must be a string, not " + shown(v));
      return std::nullopt;
    }
    const auto& s = v.get_ref<const std::string&>();
    if (is_placeholder(s)) {
      problem(where, shown(v) + " is a placeholder from the documentation: put the real value in");
      return std::nullopt;
    }
    if (!allow_empty && s.empty()) {
      problem(where, "must not be empty");
      return std::nullopt;
    }
    return s;
  }

  // A JSON boolean or the string "true"/"false".
  std::optional<bool> bool_at(const json& v, const std::string& where) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_string()) {
      const auto s = lower(v.get_ref<const std::string&>());
      if (s == "true") return true;
      if (s == "false") return false;
    }
    problem(where, "must be true or false (a JSON boolean or the string \"true\"/\"false\"), not " + shown(v));
    return std::nullopt;
  }

  // A JSON number or a numeric string, at least `minimum`; `integer` refuses fractions.
  std::optional<double> number_at(const json& v, const std::string& where, double minimum, bool integer,
                                  const std::string& unit) {
    std::optional<double> n;
    if (v.is_number()) {
      n = v.get<double>();
    } else if (v.is_string() && !v.get_ref<const std::string&>().empty()) {
      const auto& s = v.get_ref<const std::string&>();
      char* end = nullptr;
      const double d = std::strtod(s.c_str(), &end);
      if (end == s.c_str() + s.size() && std::isfinite(d)) n = d;
    }
    const std::string kind = integer ? "a whole number" : "a number";
    if (!n) {
      const bool placeholder = v.is_string() && is_placeholder(v.get_ref<const std::string&>());
      problem(where, (placeholder ? shown(v) + " is a placeholder from the documentation: put in " + kind + " of "
                                  : "must be " + kind + " of ") +
                         unit + (placeholder ? "" : ", not " + shown(v)));
      return std::nullopt;
    }
    if (integer && std::floor(*n) != *n) {
      problem(where, "must be a whole number of " + unit + ", not " + shown(v));
      return std::nullopt;
    }
    if (*n < minimum || (minimum > 0 && *n <= 0)) {
      problem(where, "must be " + std::string(minimum > 0 ? "more than 0" : "at least 0") + " " + unit + ", not " +
                         shown(v));
      return std::nullopt;
    }
    return n;
  }

  // An environment variable overriding (or supplying) a secret.
  std::optional<std::string> env(const std::string& name) { return options_.environment(name); }

  const load_options& options() const { return options_; }

 private:
  const load_options& options_;
  std::vector<std::string>& warnings_;
};

// The `event.*` and `erpoll.*` keys, wherever the instance puts them (top level or `configuration`).
class instance_keys {
 public:
  using json = nlohmann::json;

  instance_keys(const json& root, instance_reader& reader) : root_(root), reader_(reader) {
    if (auto c = root.find("configuration"); c != root.end() && c->is_object()) configuration_ = &*c;
  }

  // The value of `key` and where it is; a different value at both places is a problem.
  std::optional<std::pair<const json*, std::string>> find(const std::string& key) {
    const json* top = nullptr;
    const json* inner = nullptr;
    if (auto it = root_.find(key); it != root_.end() && !it->is_null()) top = &*it;
    if (configuration_) {
      if (auto it = configuration_->find(key); it != configuration_->end() && !it->is_null()) inner = &*it;
    }
    if (top && inner && *top != *inner) {
      reader_.problem("/" + pointer_token(key), "given at the top level and in /configuration with different values");
      return std::nullopt;
    }
    if (top) return std::pair{top, "/" + pointer_token(key)};
    if (inner) return std::pair{inner, "/configuration/" + pointer_token(key)};
    return std::nullopt;
  }

  const json* configuration() const { return configuration_; }

 private:
  const json& root_;
  const json* configuration_ = nullptr;
  instance_reader& reader_;
};

// The keys this loader knows.
inline const std::set<std::string, std::less<>>& instance_level_keys() {
  static const std::set<std::string, std::less<>> keys{
      "event.notification.enabled", "event.notification.callback.url", "event.notification.signature.key",
      "event.poller.refresh_interval", "event.poller.configuration", "event.poller.urls", "event.vendor.type",
      "erpoll.instance.id", "erpoll.notification.max.events", "erpoll.delivery.max.attempts",
      "erpoll.delivery.max.age.hours", "erpoll.tls.ca.file", "erpoll.user.secret", "erpoll.organization.secret",
      "erpoll.element.token", "erpoll.bearer.token", "erpoll.hub.headers"};
  return keys;
}
inline const std::set<std::string, std::less<>>& top_level_keys() {
  static const std::set<std::string, std::less<>> keys{"element", "configuration", "name", "tags"};
  return keys;
}
inline const std::set<std::string, std::less<>>& configuration_keys() {
  static const std::set<std::string, std::less<>> keys{"user.username", "user.password", "authentication.type",
                                                       "base.url"};
  return keys;
}
inline const std::set<std::string, std::less<>>& resource_keys() {
  static const std::set<std::string, std::less<>> keys{
      "url", "idField", "pageSize", "pollDelay", "createdCheckTolerance", "filterByUpdatedDate",
      "filterByCurrentDate", "datesConfiguration", "enabled", "pagination", "maxPages", "firstPage", "keyset",
      "itemsKey"};
  return keys;
}
inline const std::set<std::string, std::less<>>& dates_keys() {
  static const std::set<std::string, std::less<>> keys{"updatedDateField",  "updatedDateFormat",
                                                       "updatedDateTimezone", "createdDateField",
                                                       "createdDateFormat", "createdDateTimezone"};
  return keys;
}

inline std::string hub_key_of(std::string_view url) {
  constexpr std::string_view prefix = "/hubs/";
  const auto at = url.find(prefix);
  if (at == std::string_view::npos) return "erp";
  const auto begin = at + prefix.size();
  const auto end = url.find_first_of("/?", begin);
  const auto key = url.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  return key.empty() ? std::string("erp") : std::string(key);
}

// The legacy `event.poller.urls`: one resource a line, `resource|url|xPathFilter|updatedField|format|zone|
// createdField|format|zone`; a line whose second field is not a URL path lists resource names.
inline nlohmann::json legacy_urls_to_configuration(const std::string& text) {
  nlohmann::json out = nlohmann::json::object();
  std::string normalised;  // a literal backslash-n (as some instance dumps show it) separates lines too
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
      normalised += '\n';
      ++i;
    } else {
      normalised += text[i];
    }
  }
  std::istringstream lines(normalised);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::vector<std::string> fields;
    std::size_t begin = 0;
    for (;;) {
      const auto bar = line.find('|', begin);
      fields.push_back(line.substr(begin, bar == std::string::npos ? std::string::npos : bar - begin));
      if (bar == std::string::npos) break;
      begin = bar + 1;
    }
    if (fields.size() < 2 || fields[1].empty() || fields[1].front() != '/') {
      for (const auto& name : fields) {
        if (!name.empty()) out[name] = nlohmann::json::object();
      }
      continue;
    }
    nlohmann::json r = {{"url", fields[1]}};
    nlohmann::json dates = nlohmann::json::object();
    const char* names[] = {"updatedDateField", "updatedDateFormat", "updatedDateTimezone",
                           "createdDateField", "createdDateFormat", "createdDateTimezone"};
    for (std::size_t i = 3; i < fields.size() && i < 9; ++i) {
      if (!fields[i].empty()) dates[names[i - 3]] = fields[i];
    }
    if (!dates.empty()) r["datesConfiguration"] = std::move(dates);
    out[fields[0]] = std::move(r);
  }
  return out;
}

class instance_loader {
 public:
  using json = nlohmann::json;

  instance_loader(const load_options& options, instance_config& out) : out_(out), reader_(options, out.warnings) {}

  void load(const json& root) {
    if (!root.is_object()) {
      reader_.problem("/", "an instance must be a JSON object, not " + instance_reader::shown(root));
      return finish();
    }
    instance_keys keys(root, reader_);
    check_unknown_keys(root, keys);
    read_identity(root);
    read_events(keys);
    read_authentication(keys);
    read_own_options(keys);
    read_resources(keys);
    finish();
  }

 private:
  void finish() {
    if (!reader_.problems.empty()) {
      throw instance_config_error(out_.source, std::move(reader_.problems), out_.warnings);
    }
  }

  void check_unknown_keys(const json& root, const instance_keys& keys) {
    for (const auto& [key, value] : root.items()) {
      if (top_level_keys().count(key) || instance_level_keys().count(key)) continue;
      reader_.warning("/" + pointer_token(key), "unknown key (not used by erpoll)");
    }
    if (const json* c = keys.configuration()) {
      for (const auto& [key, value] : c->items()) {
        if (configuration_keys().count(key) || instance_level_keys().count(key)) continue;
        if (key.rfind("event.", 0) == 0 || key.rfind("erpoll.", 0) == 0) {
          reader_.warning("/configuration/" + pointer_token(key), "unknown key (not used by erpoll)");
        } else {
          out_.element_settings.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
          if (value.is_string() && is_placeholder(value.get_ref<const std::string&>())) {
            reader_.problem("/configuration/" + pointer_token(key),
                            instance_reader::shown(value) + " is a placeholder from the documentation: put the "
                                                            "real value in");
          }
        }
      }
    } else if (root.contains("configuration")) {
      reader_.problem("/configuration", "must be a JSON object, not " + instance_reader::shown(root["configuration"]));
    }
  }

  void read_identity(const json& root) {
    if (auto e = root.find("element"); e == root.end()) {
      reader_.problem("/element", "missing: give {\"key\": \"netsuiteerpv2\"} (the element key)");
    } else if (!e->is_object() || !e->contains("key")) {
      reader_.problem("/element", "must be an object with a \"key\", such as {\"key\": \"netsuiteerpv2\"}");
    } else if (auto k = reader_.string_at((*e)["key"], "/element/key", false)) {
      out_.element_key = *k;
    }
    if (auto n = root.find("name"); n != root.end()) {
      if (auto s = reader_.string_at(*n, "/name", false)) out_.name = *s;
    }
    if (out_.name.empty()) out_.name = out_.element_key;
    if (auto t = root.find("tags"); t != root.end()) {
      if (!t->is_array()) {
        reader_.problem("/tags", "must be an array of strings, not " + instance_reader::shown(*t));
      } else {
        for (std::size_t i = 0; i < t->size(); ++i) {
          if (auto s = reader_.string_at((*t)[i], "/tags/" + std::to_string(i))) out_.tags.push_back(*s);
        }
      }
    }
  }

  void read_events(instance_keys& keys) {
    bool enabled = false;
    if (auto v = keys.find("event.notification.enabled")) {
      enabled = reader_.bool_at(*v->first, v->second).value_or(true);  // a bad value is already a problem
    }
    if (!enabled) {
      reader_.problem("/event.notification.enabled",
                      "events are off (the default is false): set \"event.notification.enabled\": true");
    }
    if (auto v = keys.find("event.vendor.type")) {
      if (auto s = reader_.string_at(*v->first, v->second); s && lower(*s) != "polling") {
        reader_.problem(v->second, "erpoll polls: the vendor type must be \"polling\", not \"" + *s + "\"");
      }
    }
    if (auto v = keys.find("event.notification.callback.url")) {
      if (auto s = reader_.string_at(*v->first, v->second, false)) {
        try {
          (void)http_url::parse(*s);
          out_.callback_url = *s;
        } catch (const std::exception& e) {
          reader_.problem(v->second, e.what());
        }
      }
    } else {
      reader_.problem("/event.notification.callback.url", "missing: where should events be POSTed?");
    }
    if (auto key = reader_.env("ERPOLL_SIGNATURE_KEY"); key && !key->empty()) {
      out_.signature_key = secret(*key);
    } else if (auto v = keys.find("event.notification.signature.key")) {
      if (auto s = reader_.string_at(*v->first, v->second)) out_.signature_key = secret(*s);
    }
    if (auto v = keys.find("event.poller.refresh_interval")) {
      if (auto n = reader_.number_at(*v->first, v->second, 0.000001, false, "minutes")) {
        out_.refresh_interval = minutes_interval(*n);
      }
    }
  }

  // A secret from the environment, else from the key (which may then be missing only if `required` is false).
  std::optional<secret> secret_from(instance_keys& keys, const json* configuration, const std::string& key,
                                    const std::string& variable, bool required) {
    if (auto e = reader_.env(variable); e && !e->empty()) return secret(*e);
    const json* v = nullptr;
    std::string where;
    if (configuration && configuration->contains(key)) {
      v = &(*configuration)[key];
      where = "/configuration/" + pointer_token(key);
    } else if (auto found = keys.find(key)) {
      v = found->first;
      where = found->second;
    }
    if (!v) {
      if (required) {
        reader_.problem("/configuration/" + pointer_token(key), "missing (or set the environment variable " +
                                                                    variable + ")");
      }
      return std::nullopt;
    }
    if (auto s = reader_.string_at(*v, where, !required)) return secret(*s);
    return std::nullopt;
  }

  void read_authentication(instance_keys& keys) {
    const json* c = keys.configuration();
    std::string type;
    if (c && c->contains("authentication.type")) {
      if (auto s = reader_.string_at((*c)["authentication.type"], "/configuration/authentication.type")) type = *s;
    } else if ((c && c->contains("user.username")) || reader_.env("ERPOLL_USERNAME")) {
      type = "basic";
    }
    const std::string t = lower(type);
    if (t.empty() || t == "none") {
      out_.auth.scheme = no_auth{};
    } else if (t == "basic") {
      std::string username;
      if (auto e = reader_.env("ERPOLL_USERNAME"); e && !e->empty()) {
        username = *e;
      } else if (c && c->contains("user.username")) {
        username = reader_.string_at((*c)["user.username"], "/configuration/user.username", false).value_or("");
      } else {
        reader_.problem("/configuration/user.username", "missing for Basic authentication (or set ERPOLL_USERNAME)");
      }
      auto password = secret_from(keys, c, "user.password", "ERPOLL_PASSWORD", true);
      out_.auth.scheme = basic_auth{username, password.value_or(secret())};
    } else if (t == "elements") {
      auto user = secret_from(keys, c, "erpoll.user.secret", "ERPOLL_USER_SECRET", true);
      auto organization = secret_from(keys, c, "erpoll.organization.secret", "ERPOLL_ORGANIZATION_SECRET", true);
      auto element = secret_from(keys, c, "erpoll.element.token", "ERPOLL_ELEMENT_TOKEN", true);
      out_.auth.scheme = cloud_elements_auth{user.value_or(secret()), organization.value_or(secret()),
                                             element.value_or(secret())};
    } else if (t == "bearer") {
      out_.auth.scheme = bearer_auth{secret_from(keys, c, "erpoll.bearer.token", "ERPOLL_BEARER_TOKEN", true)
                                         .value_or(secret())};
    } else {
      reader_.problem("/configuration/authentication.type",
                      "\"" + type + "\" is not one erpoll knows: Basic, elements, bearer or none");
    }
    if (auto v = keys.find("erpoll.hub.headers")) {
      if (!v->first->is_object()) {
        reader_.problem(v->second, "must be an object of header names and values");
      } else {
        for (const auto& [name, value] : v->first->items()) {
          if (auto s = reader_.string_at(value, v->second + "/" + pointer_token(name))) {
            out_.auth.extra_headers.emplace_back(name, secret(*s));
          }
        }
      }
    }
    if (c && c->contains("base.url")) {
      if (auto s = reader_.string_at((*c)["base.url"], "/configuration/base.url", false)) {
        try {
          (void)http_url::parse(*s);
          out_.base_url = *s;
        } catch (const std::exception& e) {
          reader_.problem("/configuration/base.url", e.what());
        }
      }
    }
  }

  void read_own_options(instance_keys& keys) {
    out_.instance_id = out_.name;
    if (auto v = keys.find("erpoll.instance.id")) {
      if (auto s = reader_.string_at(*v->first, v->second, false)) out_.instance_id = *s;
    }
    if (auto v = keys.find("erpoll.notification.max.events")) {
      if (auto n = reader_.number_at(*v->first, v->second, 1, true, "events")) {
        out_.max_events_per_notification = static_cast<std::size_t>(*n);
      }
    }
    if (auto v = keys.find("erpoll.delivery.max.attempts")) {
      if (auto n = reader_.number_at(*v->first, v->second, 1, true, "attempts")) {
        out_.delivery_retry.max_attempts = static_cast<std::uint32_t>(*n);
      }
    }
    if (auto v = keys.find("erpoll.delivery.max.age.hours")) {
      if (auto n = reader_.number_at(*v->first, v->second, 1, true, "hours")) {
        out_.delivery_retry.max_age = std::chrono::hours(static_cast<long>(*n));
      }
    }
    if (auto v = keys.find("erpoll.tls.ca.file")) {
      if (auto s = reader_.string_at(*v->first, v->second, false)) out_.ca_file = *s;
    }
  }

  void read_resources(instance_keys& keys) {
    json resources;
    std::string where;
    if (auto v = keys.find("event.poller.configuration")) {
      where = v->second;
      if (v->first->is_string()) {
        const auto& text = v->first->get_ref<const std::string&>();
        if (is_placeholder(text)) {
          reader_.problem(where, instance_reader::shown(*v->first) +
                                     " is a placeholder from the documentation: put the resources' configuration in");
          return;
        }
        try {
          resources = parse_config_json(text, out_.source + " " + where + " (a JSON string)", out_.warnings);
        } catch (const config_error& e) {
          reader_.problem(where, e.what());
          return;
        }
      } else {
        resources = *v->first;
      }
      if (keys.find("event.poller.urls")) {
        reader_.warning("/event.poller.urls", "ignored: event.poller.configuration is given too");
      }
    } else if (auto u = keys.find("event.poller.urls")) {
      where = u->second;
      if (auto s = reader_.string_at(*u->first, where, false)) resources = legacy_urls_to_configuration(*s);
    } else {
      reader_.problem("/event.poller.configuration", "missing: which resources should be polled?");
      return;
    }
    if (!resources.is_object()) {
      if (!resources.is_null()) {
        reader_.problem(where, "must be an object of resource names and their configuration, not " +
                                   instance_reader::shown(resources));
      }
      return;
    }
    const auto catalogue = out_.element_key == netsuite::element_key ? netsuite::catalogue_descriptions()
                                                                      : std::vector<dynamic_resource_options>{};
    for (const auto& [name, value] : resources.items()) {
      read_resource(name, value, where + "/" + pointer_token(name), catalogue);
    }
    if (resources.empty()) reader_.problem(where, "lists no resource to poll");
  }

  void read_resource(const std::string& name, const json& value, const std::string& where,
                     const std::vector<dynamic_resource_options>& catalogue) {
    if (!value.is_object()) {
      reader_.problem(where, "must be an object (url, idField, datesConfiguration, ...), not " +
                                 instance_reader::shown(value));
      return;
    }
    for (const auto& [key, v] : value.items()) {
      if (!resource_keys().count(key)) reader_.warning(where + "/" + pointer_token(key), "unknown key (not used by erpoll)");
    }
    const auto known = std::find_if(catalogue.begin(), catalogue.end(), [&](const auto& d) { return d.name == name; });
    resource_config r;
    r.name = name;
    dynamic_resource_options& d = r.description;
    if (known != catalogue.end()) {
      d = *known;
    } else {
      d = dynamic_resource_options{};
      d.name = name;
      d.updated_zone = "GMT";
    }
    const std::size_t problems_before = reader_.problems.size();
    auto at = [&](const char* key) { return where + "/" + key; };
    auto text = [&](const json& obj, const char* key, const std::string& path, std::string& target) {
      if (auto it = obj.find(key); it != obj.end()) {
        if (auto s = reader_.string_at(*it, path, false)) target = *s;
      }
    };
    bool enabled = true;
    if (auto it = value.find("enabled"); it != value.end()) enabled = reader_.bool_at(*it, at("enabled")).value_or(true);
    text(value, "url", at("url"), d.url);
    text(value, "idField", at("idField"), d.id_path);
    if (auto it = value.find("datesConfiguration"); it != value.end()) {
      if (!it->is_object()) {
        reader_.problem(at("datesConfiguration"), "must be an object, not " + instance_reader::shown(*it));
      } else {
        const auto base = at("datesConfiguration");
        for (const auto& [key, v] : it->items()) {
          if (!dates_keys().count(key)) reader_.warning(base + "/" + pointer_token(key), "unknown key (not used by erpoll)");
        }
        const bool new_created_field = it->contains("createdDateField");
        text(*it, "updatedDateField", base + "/updatedDateField", d.updated_path);
        text(*it, "updatedDateFormat", base + "/updatedDateFormat", d.updated_format);
        text(*it, "updatedDateTimezone", base + "/updatedDateTimezone", d.updated_zone);
        if (new_created_field) {  // a created field of its own: its format and zone default to the updated ones
          d.created_format.clear();
          d.created_zone.clear();
        }
        text(*it, "createdDateField", base + "/createdDateField", d.created_path);
        text(*it, "createdDateFormat", base + "/createdDateFormat", d.created_format);
        text(*it, "createdDateTimezone", base + "/createdDateTimezone", d.created_zone);
      }
    }
    if (auto it = value.find("pageSize"); it != value.end()) {
      if (auto n = reader_.number_at(*it, at("pageSize"), 1, true, "records")) {
        r.pagination.page_size = static_cast<std::size_t>(*n);
      }
    }
    if (auto it = value.find("pollDelay"); it != value.end()) {
      if (auto n = reader_.number_at(*it, at("pollDelay"), 0, true, "seconds")) {
        r.change.poll_delay = std::chrono::seconds(static_cast<long>(*n));
      }
    }
    if (auto it = value.find("createdCheckTolerance"); it != value.end()) {
      if (auto n = reader_.number_at(*it, at("createdCheckTolerance"), 0, true, "seconds")) {
        r.change.created_check_tolerance = std::chrono::seconds(static_cast<long>(*n));
      }
    }
    if (auto it = value.find("filterByUpdatedDate"); it != value.end()) {
      r.change.filter_by_updated_date = reader_.bool_at(*it, at("filterByUpdatedDate")).value_or(true);
    }
    if (auto it = value.find("filterByCurrentDate"); it != value.end()) {
      r.change.filter_by_current_date = reader_.bool_at(*it, at("filterByCurrentDate")).value_or(false);
    }
    if (!r.change.filter_by_updated_date && d.updated_path.empty() && !d.created_path.empty()) {
      d.updated_path = d.created_path;  // the one date is the creation date
      if (d.updated_format.empty()) d.updated_format = d.created_format;
    }
    if (auto it = value.find("pagination"); it != value.end()) {
      if (auto s = reader_.string_at(*it, at("pagination"))) {
        if (*s == "nextPage") r.pagination.mode = pagination_mode::next_page_token;
        else if (*s == "page") r.pagination.mode = pagination_mode::page_number;
        else if (*s == "none") r.pagination.mode = pagination_mode::none;
        else reader_.problem(at("pagination"), "must be \"nextPage\", \"page\" or \"none\", not \"" + *s + "\"");
      }
    }
    if (auto it = value.find("maxPages"); it != value.end()) {
      if (auto n = reader_.number_at(*it, at("maxPages"), 1, true, "pages")) {
        r.pagination.max_pages = static_cast<std::size_t>(*n);
      }
    }
    if (auto it = value.find("firstPage"); it != value.end()) {
      if (auto n = reader_.number_at(*it, at("firstPage"), 0, true, "")) {
        r.pagination.first_page = static_cast<std::size_t>(*n);
      }
    }
    if (auto it = value.find("keyset"); it != value.end()) r.keyset = reader_.bool_at(*it, at("keyset")).value_or(false);
    text(value, "itemsKey", at("itemsKey"), r.items_key);

    if (d.url.empty() && !value.contains("url")) {
      reader_.problem(at("url"), "missing (\"" + name + "\" is not a catalogue resource of element \"" +
                                     out_.element_key + "\", so its URL must be given)");
    }
    if (d.updated_path.empty() && !(value.contains("datesConfiguration") &&
                                    value["datesConfiguration"].contains("updatedDateField"))) {
      reader_.problem(at("datesConfiguration/updatedDateField"), "missing: which field holds the updated date?");
    }
    if (d.updated_format.empty() && !d.updated_path.empty()) {
      reader_.problem(at("datesConfiguration/updatedDateFormat"),
                      "missing: a Java date pattern such as \"yyyy-MM-dd'T'HH:mm:ss'Z'\", or \"milliseconds\"");
    }
    if (reader_.problems.size() != problems_before) return;
    try {
      (void)dynamic_resource(d);  // checks the URL template, the date patterns and zones
    } catch (const config_error& e) {
      std::string message = e.what();
      if (const auto colon = message.find(":\n"); colon != std::string::npos) message = message.substr(colon + 2);
      for (std::size_t begin = 0; begin < message.size();) {
        auto end = message.find('\n', begin);
        if (end == std::string::npos) end = message.size();
        auto line = message.substr(begin, end - begin);
        line.erase(0, line.find_first_not_of(" -"));
        if (!line.empty()) reader_.problem(where, line);
        begin = end + 1;
      }
      return;
    }
    if (known != catalogue.end() && same_description(d, *known)) {
      r.catalogue_index = static_cast<std::size_t>(known - catalogue.begin());
      r.catalogue_type = "erpoll::netsuite::" + catalogue_type_name(*r.catalogue_index);
    }
    r.hub_key = hub_key_of(d.url);
    if (enabled) out_.resources.push_back(std::move(r));
  }

  static std::string catalogue_type_name(std::size_t index) {
    constexpr const char* names[] = {"Customers", "Employees", "Estimates", "Invoices", "JournalEntries", "Payments",
                                     "Products", "PurchaseOrders", "TimeActivities", "VendorPayments", "Vendors"};
    return index < std::size(names) ? names[index] : "?";
  }

  instance_config& out_;
  instance_reader reader_;
};

}  // namespace detail

/// Reads and validates instance JSON `text`. Warnings (unknown keys, accepted oddities) are in the result.
/// \throws instance_config_error listing every problem; config_error for text that is not JSON (with line
/// and column).
inline instance_config load_instance(std::string_view text, const load_options& options = {}) {
  instance_config out;
  out.source = options.source;
  const nlohmann::json root = parse_config_json(text, options.source, out.warnings);
  detail::instance_loader(options, out).load(root);
  return out;
}

/// Reads and validates the instance JSON file at `path` (named by its path in messages).
/// \throws config_error when the file cannot be read, and as `load_instance`.
inline instance_config load_instance_file(const std::filesystem::path& path, load_options options = {}) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw config_error("erpoll: cannot read the instance file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  options.source = path.string();
  return load_instance(text.str(), options);
}

ERPOLL_END_NAMESPACE

#endif
