// The sandbox: a NetSuite 2016 ERP hub as Cloud Elements serves it (the 11 resources, CEQL where filters on
// the date fields, pageSize + nextPage with the elements-next-page-token header, or page=K; HTTP Basic),
// whose records change over time, and the callback receiver that checks what erpoll delivers: signatures,
// and which of the sandbox's own changes arrived.
#pragma once

#include "where_filter.hpp"

#include <erpoll/event/signature.hpp>
#include <erpoll/net/auth.hpp>
#include <erpoll/net/http_server.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/runtime_date_format.hpp>
#include <erpoll/time/time_zone.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace erpoll_sandbox {

using json = nlohmann::ordered_json;
using erpoll::instant;
using iso = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;

inline instant now_seconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}
inline instant now_micros() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

/// The 11 resources; entities carry `dateCreated`, transactions `createdDate`.
struct resource_kind {
  std::string_view name;
  bool entity;
};
inline constexpr std::array<resource_kind, 11> resources{{{"customers", true},
                                                          {"employees", true},
                                                          {"estimates", false},
                                                          {"invoices", false},
                                                          {"journal-entries", false},
                                                          {"payments", false},
                                                          {"products", false},
                                                          {"purchase-orders", false},
                                                          {"time-activities", false},
                                                          {"vendor-payments", false},
                                                          {"vendors", true}}};

struct record {
  std::string id;
  instant created;
  instant modified;
  json fields;  // everything else, nested as NetSuite has it
};

/// One change the sandbox made.
struct change {
  std::string resource;
  std::string id;
  instant modified;
  bool created = false;
  instant made_at;  // when (microseconds), for the delivery lag
};

/// One event the receiver got.
struct delivered_event {
  std::string type;
  instant first_at;
  std::size_t times = 0;
};

class sandbox {
 public:
  struct options {
    std::size_t records_per_resource = 25;
    std::uint32_t seed = 1;
    std::string user;       ///< HTTP Basic user (empty: no authentication)
    std::string password;
    std::string signature_key;  ///< checks Elements-Webhook-Signature (empty: unsigned)
    std::string callback_path = "/events";
    bool print_events = false;
    std::vector<std::string> only;  ///< change only these resources (empty: all)
  };

  explicit sandbox(options o) : o_(std::move(o)), random_(o_.seed) {
    const instant now = now_seconds();
    for (const auto& r : resources) {
      auto& list = records_[std::string(r.name)];
      for (std::size_t i = 0; i < o_.records_per_resource; ++i) {
        const auto created = now - std::chrono::hours(24 + uniform(0, 24 * 29));
        const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - std::chrono::hours(1) - created);
        const auto modified = created + std::chrono::seconds(uniform(0, age.count()));
        list.push_back(make_record(r, created, modified));
      }
    }
  }

  /// Every request: the hub's GETs, the receiver's POSTs, and `/sandbox/report`.
  erpoll::server_response handle(const erpoll::server_request& req) {
    const std::string path(req.path());
    if (req.method == "POST" && path == o_.callback_path) return receive(req);
    if (path == "/sandbox/report") return {200, "application/json", {}, report().dump(2) + "\n"};
    if (path == "/sandbox/refuse" && req.method == "POST") {  // ?count=N: a receiver outage of N deliveries
      refuse_next_ = std::stoul(query_parameter(req.target, "count").value_or("1000000"));
      return {200, "application/json", {}, "{\"refusing\":" + std::to_string(refuse_next_) + "}\n"};
    }
    if (const auto at = path.find("/hubs/"); at != std::string::npos && req.method == "GET") {
      const auto rest = std::string_view(path).substr(at + 6);  // "erp/customers"
      const auto slash = rest.find('/');
      if (slash != std::string_view::npos) return serve(req, std::string(rest.substr(slash + 1)));
    }
    return error(404, "no such endpoint: " + req.method + " " + path);
  }

  /// Makes one random change: a new record, or an update of one created over 15 seconds ago.
  void make_change() {
    const instant now = now_seconds();
    std::vector<const resource_kind*> candidates;
    for (const auto& r : resources) {
      if (o_.only.empty() || std::find(o_.only.begin(), o_.only.end(), r.name) != o_.only.end()) candidates.push_back(&r);
    }
    if (candidates.empty()) return;
    const auto& kind = *candidates[static_cast<std::size_t>(uniform(0, static_cast<long>(candidates.size()) - 1))];
    auto& list = records_[std::string(kind.name)];
    record* target = nullptr;
    if (uniform(0, 99) >= 40) {  // 60 % updates
      for (int tries = 0; tries < 8 && !target; ++tries) {
        auto& r = list[static_cast<std::size_t>(uniform(0, list.size() - 1))];
        if (r.created < now - std::chrono::seconds(15) && r.modified < now) target = &r;
      }
    }
    change c{std::string(kind.name), {}, now, target == nullptr, now_micros()};
    if (target) {
      target->modified = now;
      touch(kind, *target);
      c.id = target->id;
    } else {
      list.push_back(make_record(kind, now, now));
      c.id = list.back().id;
    }
    changes_.push_back(std::move(c));
  }

  /// The figures so far; `final` counts undelivered changes as missing rather than pending.
  json report(bool final = false) const {
    json out;
    std::map<std::string, std::array<std::size_t, 6>> per;  // changes, created, updated, delivered, superseded, missing
    std::vector<json> missing;
    std::size_t delivered = 0, superseded = 0, undelivered = 0;
    double lag_sum = 0, lag_max = 0;
    std::size_t lag_n = 0;
    for (std::size_t i = 0; i < changes_.size(); ++i) {
      const auto& c = changes_[i];
      auto& p = per[c.resource];
      ++p[0];
      ++p[c.created ? 1 : 2];
      if (auto it = events_.find(key_of(c.resource, c.id, c.modified)); it != events_.end()) {
        ++p[3];
        ++delivered;
        const double lag = std::chrono::duration<double>(it->second.first_at - c.made_at).count();
        lag_sum += lag;
        lag_max = std::max(lag_max, lag);
        ++lag_n;
      } else if (later_change_delivered(i)) {
        ++p[4];
        ++superseded;
      } else {
        ++p[5];
        ++undelivered;
        if (missing.size() < 50) {
          missing.push_back({{"resource", c.resource}, {"id", c.id}, {"lastModifiedDate", iso::format(c.modified, erpoll::gmt)}});
        }
      }
    }
    std::size_t created_events = 0, updated_events = 0, duplicates = 0;
    for (const auto& [k, e] : events_) {
      (e.type == "CREATED" ? created_events : updated_events) += 1;
      duplicates += e.times - 1;
    }
    out["changes"] = changes_.size();
    out["delivered"] = delivered;
    out["superseded"] = superseded;  // a later change of the same record was delivered (its state includes this one)
    out[final ? "missing" : "pending"] = undelivered;
    out["events_received"] = {{"CREATED", created_events}, {"UPDATED", updated_events}};
    out["duplicate_events"] = duplicates;
    out["unknown_events"] = unknown_events_;
    out["notifications"] = notifications_;
    out["bad_signatures"] = bad_signatures_;
    out["refused_deliveries"] = refused_;
    out["lag_seconds"] = {{"average", lag_n ? lag_sum / static_cast<double>(lag_n) : 0.0}, {"max", lag_max}};
    json by = json::object();
    for (const auto& [name, p] : per) {
      by[name] = {{"changes", p[0]}, {"created", p[1]}, {"updated", p[2]}, {"delivered", p[3]},
                  {"superseded", p[4]}, {final ? "missing" : "pending", p[5]}};
    }
    out["resources"] = std::move(by);
    out[final ? "missing_changes" : "pending_changes"] = missing;
    return out;
  }

  /// One line for the running summary.
  std::string summary_line(double elapsed_seconds) const {
    const auto r = report();
    char line[512];
    std::snprintf(line, sizeof line,
                  "[%5.1f s] changes %3zu | delivered %3zu (+%zu superseded) | events %zu created, %zu updated | "
                  "pending %zu | lag avg %.1f s, max %.1f s | bad signatures %zu",
                  elapsed_seconds, r["changes"].get<std::size_t>(), r["delivered"].get<std::size_t>(),
                  r["superseded"].get<std::size_t>(), r["events_received"]["CREATED"].get<std::size_t>(),
                  r["events_received"]["UPDATED"].get<std::size_t>(), r["pending"].get<std::size_t>(),
                  r["lag_seconds"]["average"].get<double>(), r["lag_seconds"]["max"].get<double>(),
                  r["bad_signatures"].get<std::size_t>());
    std::string out = line;
    std::map<std::string, std::pair<std::size_t, std::size_t>> by;  // resource: (created, updated) received
    for (const auto& [k, e] : events_) {
      auto& counts = by[k.substr(0, k.find('\n'))];
      (e.type == "CREATED" ? counts.first : counts.second) += 1;
    }
    if (!by.empty()) {
      out += "\n          events by resource (created/updated):";
      for (const auto& [name, counts] : by) {
        out += " " + name + " " + std::to_string(counts.first) + "/" + std::to_string(counts.second);
      }
    }
    return out;
  }

  /// True when every change was delivered (or superseded by a delivered one) and every notification was
  /// correctly signed.
  bool all_delivered() const {
    const auto r = report(true);
    return r["missing"].get<std::size_t>() == 0 && bad_signatures_ == 0 && unknown_events_ == 0;
  }

  std::size_t change_count() const { return changes_.size(); }

 private:
  static std::string key_of(const std::string& resource, const std::string& id, instant modified) {
    return resource + '\n' + id + '\n' + iso::format(modified, erpoll::gmt);
  }

  bool later_change_delivered(std::size_t i) const {
    const auto& c = changes_[i];
    for (std::size_t j = i + 1; j < changes_.size(); ++j) {
      const auto& d = changes_[j];
      if (d.resource == c.resource && d.id == c.id && events_.count(key_of(d.resource, d.id, d.modified))) return true;
    }
    return false;
  }

  long uniform(long lo, long hi) { return std::uniform_int_distribution<long>(lo, hi)(random_); }
  template <std::size_t N>
  std::string pick(const std::array<std::string_view, N>& a) {
    return std::string(a[static_cast<std::size_t>(uniform(0, N - 1))]);
  }

  record make_record(const resource_kind& kind, instant created, instant modified) {
    static constexpr std::array<std::string_view, 8> companies{"Honeycomb Mfg.", "Blue Heron Foods", "Acme Tools",
                                                               "Northwind Traders", "Globex", "Initech",
                                                               "Umbrella Logistics", "Stark Supplies"};
    static constexpr std::array<std::string_view, 8> first{"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret",
                                                           "Dennis", "Frances"};
    static constexpr std::array<std::string_view, 8> last{"Lovelace", "Hopper", "Torvalds", "Liskov", "Thompson",
                                                          "Hamilton", "Ritchie", "Allen"};
    static constexpr std::array<std::string_view, 4> items{"Widget", "Gadget", "Sprocket", "Flange"};
    record r;
    r.id = std::to_string(++next_id_);
    r.created = created;
    r.modified = modified;
    const std::string name(kind.name);
    json& f = r.fields;
    const std::string company = pick(companies);
    if (name == "customers" || name == "vendors") {
      f["entityId"] = (name == "customers" ? "CUST-" : "VEND-") + r.id;
      f["companyName"] = company;
      f["email"] = "ap@" + lower_alnum(company) + ".example";
      f["phone"] = "+1 555 01" + std::to_string(10 + uniform(0, 89));
      f["currency"] = {{"internalId", "1"}, {"name", "USD"}};
      f["subsidiary"] = {{"internalId", "1"}, {"name", "Parent Company"}};
      if (name == "customers") {
        f["balance"] = static_cast<double>(uniform(0, 500000)) / 100.0;
        f["addressbookList"] = json::array({{{"defaultBilling", true}, {"addr1", std::to_string(uniform(1, 999)) + " Main St"},
                                             {"city", "Springfield"}, {"zip", "6270" + std::to_string(uniform(0, 9))},
                                             {"country", "_unitedStates"}}});
        f["customFieldList"] = json::array({{{"scriptId", "custentity_region"}, {"value", "EMEA"}}});
      } else {
        f["terms"] = {{"internalId", "2"}, {"name", "Net 30"}};
      }
    } else if (name == "employees") {
      const std::string a = pick(first), b = pick(last);
      f["entityId"] = a + " " + b;
      f["firstName"] = a;
      f["lastName"] = b;
      f["email"] = lower_alnum(a) + "." + lower_alnum(b) + "@example.com";
      f["title"] = "Engineer";
      f["department"] = {{"internalId", "3"}, {"name", "Engineering"}};
      f["isInactive"] = false;
    } else if (name == "products") {
      const std::string item = pick(items);
      f["itemId"] = "SKU-" + r.id;
      f["displayName"] = item + " " + r.id;
      f["itemType"] = "_inventoryItem";
      f["basePrice"] = static_cast<double>(uniform(100, 99999)) / 100.0;
      f["isInactive"] = false;
    } else if (name == "time-activities") {
      f["employee"] = {{"internalId", std::to_string(uniform(1, 20))}, {"name", pick(first) + " " + pick(last)}};
      f["hours"] = static_cast<double>(uniform(1, 16)) / 2.0;
      f["memo"] = "Support for " + company;
      f["tranDate"] = iso::format(created, erpoll::gmt);
    } else {  // transactions
      const char* prefix = name == "invoices" ? "INV" : name == "estimates" ? "EST" : name == "purchase-orders" ? "PO"
                         : name == "payments" ? "PYMT" : name == "vendor-payments" ? "VPMT" : "JE";
      f["tranId"] = std::string(prefix) + std::to_string(10000000 + std::stol(r.id));
      f["tranDate"] = iso::format(created, erpoll::gmt);
      f["entity"] = {{"internalId", std::to_string(uniform(1, 40))}, {"name", company}};
      f["currency"] = {{"internalId", "1"}, {"name", "USD"}};
      const double quantity = static_cast<double>(uniform(1, 20)), rate = static_cast<double>(uniform(500, 20000)) / 100.0;
      if (name == "journal-entries") {
        f["lineList"] = json::array({{{"account", {{"internalId", "54"}, {"name", "Checking"}}}, {"debit", quantity * rate}},
                                     {{"account", {{"internalId", "112"}, {"name", "Revenue"}}}, {"credit", quantity * rate}}});
      } else if (name == "payments" || name == "vendor-payments") {
        f[name == "payments" ? "payment" : "total"] = quantity * rate;
        f["applyList"] = json::array({{{"doc", std::to_string(uniform(1, 500))}, {"apply", true}, {"amount", quantity * rate}}});
      } else {
        f["status"] = name == "invoices" ? "Open" : "Pending Approval";
        f["itemList"] = json::array({{{"item", {{"internalId", std::to_string(uniform(1, 200))}, {"name", pick(items)}}},
                                      {"quantity", quantity}, {"rate", rate}, {"amount", quantity * rate}}});
        f["total"] = quantity * rate;
      }
      f["memo"] = "Created by the erpoll sandbox";
    }
    return r;
  }

  // An update changes a field a person would.
  void touch(const resource_kind& kind, record& r) {
    json& f = r.fields;
    f["_revision"] = f.value("_revision", 0) + 1;  // (not sent) counts the updates
    if (kind.name == "customers") f["balance"] = static_cast<double>(uniform(0, 500000)) / 100.0;
    else if (kind.name == "employees") f["title"] = uniform(0, 1) ? "Senior Engineer" : "Manager";
    else if (kind.name == "products") f["basePrice"] = static_cast<double>(uniform(100, 99999)) / 100.0;
    else if (kind.name == "vendors") f["phone"] = "+1 555 02" + std::to_string(10 + uniform(0, 89));
    else f["memo"] = "Updated by the erpoll sandbox (revision " + std::to_string(f["_revision"].get<int>()) + ")";
  }

  static std::string lower_alnum(std::string_view s) {
    std::string out;
    for (char c : s) {
      if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  }

  static erpoll::server_response error(unsigned status, const std::string& message) {
    return {status, "application/json", {}, json{{"requestId", "sandbox"}, {"message", message}}.dump() + "\n"};
  }

  json render(const resource_kind& kind, const record& r, const std::vector<std::string>& attributes) const {
    json out;
    out["internalId"] = r.id;
    out["id"] = r.id;
    out[kind.entity ? "dateCreated" : "createdDate"] = iso::format(r.created, erpoll::gmt);
    out["lastModifiedDate"] = iso::format(r.modified, erpoll::gmt);
    for (const auto& [k, v] : r.fields.items()) {
      if (k != "_revision") out[k] = v;
    }
    for (const auto& a : attributes) {  // Cloud Elements' normalised names, when asked for
      if (a == "created_at") out["created_at"] = iso::format(r.created, erpoll::gmt);
      if (a == "updated_at") out["updated_at"] = iso::format(r.modified, erpoll::gmt);
    }
    return out;
  }

  static std::optional<instant> parse_date(const std::string& s) {
    static const std::array<erpoll::runtime_date_format, 3> formats{
        erpoll::runtime_date_format("yyyy-MM-dd'T'HH:mm:ssXXX"), erpoll::runtime_date_format("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
        erpoll::runtime_date_format("milliseconds")};
    static const erpoll::time_zone utc = erpoll::time_zone::named("UTC");
    for (const auto& f : formats) {
      if (auto t = f.parse(s, utc)) return *t;
    }
    return std::nullopt;
  }

  erpoll::server_response serve(const erpoll::server_request& req, const std::string& name) {
    const auto kind = std::find_if(resources.begin(), resources.end(), [&](const auto& k) { return k.name == name; });
    if (kind == resources.end()) return error(404, "no such resource: " + name);
    if (!o_.user.empty() && req.header("Authorization") != erpoll::authorization_value({erpoll::basic_auth{o_.user, erpoll::secret(o_.password)}, {}})) {
      return error(401, "Authentication failed: HTTP Basic with the sandbox's user and password expected");
    }
    where_clause where;
    if (auto w = query_parameter(req.target, "where")) {
      std::string problem;
      auto parsed = parse_where(*w, problem);
      if (!parsed) return error(400, "where: " + problem);
      where = std::move(*parsed);
    }
    // Conditions: on the date fields, as instants; on any other top-level field, as text.
    struct date_condition {
      std::string field;
      std::string op;
      instant value;
    };
    std::vector<date_condition> dates;
    std::vector<condition> texts;
    const std::set<std::string> date_fields{"lastModifiedDate", "createdDate", "dateCreated", "updated_at", "created_at"};
    for (const auto& c : where.conditions) {
      if (date_fields.count(c.field)) {
        auto t = parse_date(c.value);
        if (!t) return error(400, "where: \"" + c.value + "\" is not a date " + c.field + " can be compared with");
        dates.push_back({c.field, c.op, *t});
      } else {
        texts.push_back(c);
      }
    }
    const auto& list = records_[name];
    std::vector<const record*> matching;
    for (const auto& r : list) {
      bool ok = true;
      for (const auto& d : dates) {
        const instant v = d.field == "lastModifiedDate" || d.field == "updated_at" ? r.modified : r.created;
        ok = ok && compare(v, d.op, d.value);
      }
      if (ok && !texts.empty()) {
        const json rendered = render(*kind, r, {});
        for (const auto& t : texts) {
          if (!rendered.contains(t.field)) return error(400, "where: unknown field " + t.field + " of " + name);
          const auto& v = rendered[t.field];
          ok = ok && compare(v.is_string() ? v.get<std::string>() : v.dump(), t.op, t.value);
        }
      }
      if (ok) matching.push_back(&r);
    }
    std::sort(matching.begin(), matching.end(), [](const record* a, const record* b) {
      if (a->modified != b->modified) return a->modified < b->modified;
      return std::stol(a->id) < std::stol(b->id);
    });
    std::size_t page_size = 200, page = 1;
    if (auto s = query_parameter(req.target, "pageSize")) page_size = std::clamp<std::size_t>(std::stoul(*s), 1, 500);
    if (auto s = query_parameter(req.target, "page")) page = std::max<std::size_t>(1, std::stoul(*s));
    if (auto token = query_parameter(req.target, "nextPage"); token && !token->empty()) {
      try {
        const auto decoded = json::parse(base64_decode(*token));
        page = decoded.at("page").get<std::size_t>();
      } catch (const std::exception&) {
        return error(400, "nextPage: not a token this hub gave");
      }
    }
    json body = json::array();
    const std::size_t begin = (page - 1) * page_size;
    for (std::size_t i = begin; i < matching.size() && i < begin + page_size; ++i) {
      body.push_back(render(*kind, *matching[i], where.attributes));
    }
    const std::string next = erpoll::detail::base64(json{{"page", page + 1}, {"pageSize", page_size}}.dump());
    erpoll::server_response out{200, "application/json", {}, body.dump()};
    out.headers = {{"elements-next-page-token", next}, {"elements-returned-count", std::to_string(body.size())}};
    if (query_parameter(req.target, "returnCount") == std::optional<std::string>("true")) {
      out.headers.emplace_back("elements-total-count", std::to_string(matching.size()));
    }
    return out;
  }

  static std::string base64_decode(const std::string& s) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int value = 0, bits = -8;
    for (char c : s) {
      const auto at = alphabet.find(c);
      if (at == std::string::npos) break;
      value = (value << 6) + static_cast<int>(at);
      bits += 6;
      if (bits >= 0) {
        out += static_cast<char>((value >> bits) & 0xFF);
        bits -= 8;
      }
    }
    return out;
  }

  erpoll::server_response receive(const erpoll::server_request& req) {
    if (refuse_next_ > 0) {
      --refuse_next_;
      ++refused_;
      erpoll::server_response r = error(503, "the receiver is down (sandbox outage)");
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
    if (!o_.signature_key.empty() &&
        req.header(erpoll::signature_header) != erpoll::webhook_signature(o_.signature_key, req.body)) {
      ++bad_signatures_;
      return error(401, "bad or missing Elements-Webhook-Signature");
    }
    json note;
    try {
      note = json::parse(req.body);
    } catch (const std::exception& e) {
      return error(400, std::string("not JSON: ") + e.what());
    }
    ++notifications_;
    const instant at = now_micros();
    for (const auto& e : note["message"]["events"]) {
      const std::string resource = e.value("objectType", ""), id = e.value("objectId", ""), type = e.value("eventType", "");
      const auto date = parse_date(e.value("date", ""));
      if (!date) {
        ++unknown_events_;
        continue;
      }
      const bool known = std::any_of(changes_.begin(), changes_.end(), [&](const change& c) {
        return c.resource == resource && c.id == id && c.modified == *date;
      });
      if (!known) {
        ++unknown_events_;  // not a change the sandbox made: an invented event
        std::fprintf(stderr, "sandbox: an event for no change of ours: %s %s %s\n", resource.c_str(), id.c_str(),
                     e.value("date", "").c_str());
        continue;
      }
      auto& d = events_[key_of(resource, id, *date)];
      if (d.times++ == 0) {
        d.type = type;
        d.first_at = at;
        if (o_.print_events) {
          std::printf("  event %-7s %-16s %-6s %s\n", type.c_str(), resource.c_str(), id.c_str(),
                      e.value("date", "").c_str());
        }
      }
    }
    return {200, "application/json", {}, "{\"received\":true}\n"};
  }

  options o_;
  std::mt19937 random_;
  std::map<std::string, std::vector<record>> records_;
  std::vector<change> changes_;
  std::map<std::string, delivered_event> events_;
  std::size_t next_id_ = 1000;
  std::size_t bad_signatures_ = 0, unknown_events_ = 0, notifications_ = 0, refused_ = 0, refuse_next_ = 0;
};

}  // namespace erpoll_sandbox
