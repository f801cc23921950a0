// A scriptable stand-in for a Cloud Elements hub: resources of records with internalId, a created date and
// lastModifiedDate; GET /hubs/erp/<resource>?where=lastModifiedDate>='...' (or >) with pageSize + nextPage
// (the elements-next-page-token header, sent even on the last page) or page=K; records ordered by
// (lastModifiedDate, internalId); Basic auth when set; and scripted faults for the next requests.
// Thread-safe: tests may change records from another thread while the hub serves.
#pragma once

#include "test_server.hpp"

#include <erpoll/net/auth.hpp>
#include <erpoll/resource/request_target.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/instant.hpp>

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace erpoll_test {

using iso_seconds = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;

struct hub_record {
  std::string id;
  erpoll::instant created{};
  erpoll::instant updated{};
  std::string name;
  int version = 1;
  std::string created_key = "dateCreated";  // entities; transactions use createdDate

  std::string json() const {
    return "{\"internalId\":\"" + id + "\",\"" + created_key + "\":\"" + iso_seconds::format(created, erpoll::gmt) +
           "\",\"lastModifiedDate\":\"" + iso_seconds::format(updated, erpoll::gmt) + "\",\"companyName\":\"" + name +
           "\",\"version\":" + std::to_string(version) + ",\"address\":{\"city\":\"Lisbon\",\"zip\":\"1000-001\"}}";
  }
};

using erpoll::percent_decode;

inline std::map<std::string, std::string> query_parameters(std::string_view target) {
  std::map<std::string, std::string> out;
  const auto q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    out[percent_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

class test_hub {
 public:
  /// A page-token mode hub (`nextPage`) unless `page_numbers` is set (`page=K`).
  bool page_numbers = false;
  /// When set, requests need `Authorization: Basic base64(user:password)`.
  std::optional<std::pair<std::string, std::string>> basic_auth;

  /// Adds or replaces a record.
  void put(const std::string& resource, hub_record r) {
    std::lock_guard lock(mutex_);
    auto& list = resources_[resource];
    auto it = std::find_if(list.begin(), list.end(), [&](const hub_record& x) { return x.id == r.id; });
    if (it == list.end()) {
      list.push_back(std::move(r));
    } else {
      *it = std::move(r);
    }
  }

  /// Creates record `id` at `t` (created = updated = t).
  void create(const std::string& resource, const std::string& id, erpoll::instant t, std::string name = "Acme") {
    put(resource, hub_record{id, t, t, std::move(name), 1, "dateCreated"});
  }

  /// Updates record `id` at `t` (a new version).
  void update(const std::string& resource, const std::string& id, erpoll::instant t) {
    std::lock_guard lock(mutex_);
    for (auto& r : resources_[resource]) {
      if (r.id == id) {
        r.updated = t;
        ++r.version;
      }
    }
  }

  std::vector<hub_record> records(const std::string& resource) {
    std::lock_guard lock(mutex_);
    return resources_[resource];
  }

  /// The next `count` requests get `reply` instead of their page (faults, errors).
  void fail_next(test_reply reply, int count = 1) {
    std::lock_guard lock(mutex_);
    for (int i = 0; i < count; ++i) faults_.push_back(reply);
  }
  /// The next page answers carry the token of the previous page again.
  void repeat_tokens(bool on) {
    std::lock_guard lock(mutex_);
    repeat_tokens_ = on;
  }
  /// The next `count` pages are malformed JSON.
  void malformed_next(int count = 1) {
    test_reply r;
    r.body = "[{\"internalId\": \"1\", ";
    fail_next(r, count);
  }

  std::size_t requests() {
    std::lock_guard lock(mutex_);
    return targets_.size();
  }
  /// Header `name` of the last request.
  std::string last_header(std::string_view name) {
    std::lock_guard lock(mutex_);
    return last_request_.header(name);
  }
  std::vector<std::string> targets() {
    std::lock_guard lock(mutex_);
    return targets_;
  }

  /// Runs `action` just before request number `n` (from 1) is answered: records changing mid-scan.
  void before_request(std::size_t n, std::function<void()> action) {
    std::lock_guard lock(mutex_);
    hooks_[n] = std::move(action);
  }

  test_reply handle(const test_request& req) {
    std::function<void()> hook;
    {
      std::lock_guard lock(mutex_);
      if (auto it = hooks_.find(targets_.size() + 1); it != hooks_.end()) hook = std::move(it->second);
    }
    if (hook) hook();
    std::lock_guard lock(mutex_);
    targets_.push_back(req.target);
    last_request_ = req;
    if (!faults_.empty()) {
      test_reply r = faults_.front();
      faults_.pop_front();
      return r;
    }
    if (basic_auth) {
      const std::string expected =
          "Basic " + erpoll::detail::base64(basic_auth->first + ":" + basic_auth->second);
      if (req.header("Authorization") != expected) return test_reply{401, {}, R"({"message":"unauthorized"})"};
    }
    const std::string path = req.target.substr(0, req.target.find('?'));
    const std::string prefix = "/hubs/erp/";
    const auto at = path.find(prefix);
    if (at == std::string::npos) return test_reply{404, {}, R"({"message":"no such resource"})"};
    const std::string resource = path.substr(at + prefix.size());
    auto params = query_parameters(req.target);

    // where=lastModifiedDate>='<date>' or >: the only filter this hub knows.
    std::optional<erpoll::instant> from;
    bool strict = false;
    if (auto w = params.find("where"); w != params.end()) {
      const std::string& where = w->second;
      const auto op = where.find('>');
      const auto q1 = where.find('\'');
      const auto q2 = where.rfind('\'');
      if (op == std::string::npos || q1 == std::string::npos || q2 <= q1) {
        return test_reply{400, {}, R"({"message":"unsupported where clause"})"};
      }
      strict = where[op + 1] != '=';
      auto parsed = iso_seconds::parse(std::string_view(where).substr(q1 + 1, q2 - q1 - 1), erpoll::gmt);
      if (!parsed) return test_reply{400, {}, R"({"message":"bad date in where"})"};
      from = *parsed;
    }
    std::vector<const hub_record*> matching;
    for (const auto& r : resources_[resource]) {
      if (!from || (strict ? r.updated > *from : r.updated >= *from)) matching.push_back(&r);
    }
    std::sort(matching.begin(), matching.end(), [](const hub_record* a, const hub_record* b) {
      return a->updated != b->updated ? a->updated < b->updated : a->id < b->id;
    });
    const std::size_t page_size = params.count("pageSize") ? std::stoul(params["pageSize"]) : 200;
    std::size_t page = 1;
    if (page_numbers && params.count("page")) page = std::stoul(params["page"]);
    if (!page_numbers && params.count("nextPage")) page = std::stoul(params["nextPage"].substr(5));  // "page-K"
    test_reply reply;
    reply.body = "[";
    const std::size_t first = (page - 1) * page_size;
    std::size_t returned = 0;
    for (std::size_t i = first; i < matching.size() && i < first + page_size; ++i) {
      if (returned++) reply.body += ',';
      reply.body += matching[i]->json();
    }
    reply.body += "]";
    if (!page_numbers) {
      const std::size_t token_page = repeat_tokens_ && page > 1 ? page : page + 1;
      reply.headers.emplace_back("elements-next-page-token", "page-" + std::to_string(token_page));
    }
    reply.headers.emplace_back("elements-returned-count", std::to_string(returned));
    return reply;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::vector<hub_record>> resources_;
  std::deque<test_reply> faults_;
  std::vector<std::string> targets_;
  test_request last_request_;
  std::map<std::size_t, std::function<void()>> hooks_;
  bool repeat_tokens_ = false;
};

}  // namespace erpoll_test
