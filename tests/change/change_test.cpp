// Change detection: the decision rules, deterministic event ids, and property tests over random histories,
// random page splits and repeated polls.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

erpoll::instant at(long long seconds) { return erpoll::instant{std::chrono::seconds{seconds}}; }

}  // namespace

TEST_CASE("CREATED, UPDATED and ignored", "[change]") {
  erpoll::cursor c{at(1000), {{"a", at(1000)}}};
  const erpoll::change_options o;  // tolerance 10 s, no delay
  using k = erpoll::change_kind;
  CHECK(erpoll::decide(c, o, at(2000), "b", at(1005), at(1000)) == k::created);   // within tolerance
  CHECK(erpoll::decide(c, o, at(2000), "b", at(1011), at(1000)) == k::updated);   // beyond it
  CHECK(erpoll::decide(c, o, at(2000), "b", at(1011), std::nullopt) == k::updated);
  CHECK(erpoll::decide(c, o, at(2000), "a", at(1000), at(1000)) == k::ignored_seen);  // at the watermark, seen
  CHECK(erpoll::decide(c, o, at(2000), "z", at(1000), at(1000)) == k::created);       // at it, not seen
  CHECK(erpoll::decide(c, o, at(2000), "b", at(999), at(999)) == k::ignored_before_window);
  erpoll::change_options current = o;
  current.filter_by_current_date = true;
  CHECK(erpoll::decide(c, current, at(2000), "b", at(2001), at(2001)) == k::deferred);
  erpoll::change_options created_only = o;
  created_only.filter_by_updated_date = false;
  CHECK(erpoll::decide(c, created_only, at(2000), "b", at(1500), std::nullopt) == k::created);
  erpoll::change_options delayed = o;
  delayed.poll_delay = 60s;
  CHECK(erpoll::query_from(c, delayed) == at(940));
  CHECK(erpoll::decide(c, delayed, at(2000), "late", at(950), std::nullopt) == k::updated);
  CHECK(erpoll::to_string(k::created) == "CREATED");
}

TEST_CASE("the next cursor follows the records, not the clock", "[change]") {
  erpoll::change_options o;
  erpoll::cursor c{at(1000), {{"a", at(1000)}}};
  auto next = erpoll::next_cursor(c, o, {{"b", at(1010)}, {"c", at(1010)}, {"d", at(1005)}});
  CHECK(next.watermark == at(1010));
  CHECK(next.boundary == std::vector<erpoll::emitted_change>{{"b", at(1010)}, {"c", at(1010)}});
  CHECK(erpoll::next_cursor(next, o, {}) == next);  // an empty poll changes nothing
  o.poll_delay = 10s;
  next = erpoll::next_cursor(c, o, {{"b", at(1010)}, {"d", at(1005)}});
  CHECK(next.boundary == std::vector<erpoll::emitted_change>{{"a", at(1000)}, {"d", at(1005)}, {"b", at(1010)}});
}

TEST_CASE("event ids are deterministic and documented", "[change]") {
  // Expected values computed independently: sha256(b"erpoll.event.v1\0instance-1\0invoices\0" b"14682\0"
  // b"1534778946000000").hexdigest()[:32] in Python.
  CHECK(erpoll::event_id("instance-1", "invoices", "14682", at(1534778946)) == "b6e4f33eef941f770b70f264d572c142");
  CHECK(erpoll::event_id("", "customers", "-1", erpoll::instant{-1500us}) == "1190613cc12d0f6ed565f2fb7e26bf18");
  CHECK(erpoll::event_id("i", "r", "1", at(1)) != erpoll::event_id("i", "r", "1", at(2)));
  CHECK(erpoll::event_id("i", "r", "1", at(1)) != erpoll::event_id("i", "r1", "", at(1)));  // separators count
}

namespace {

// A hub whose records change over time: versions become searchable up to `lag` after their updated date.
struct simulated_hub {
  struct version {
    std::string id;
    erpoll::instant created, updated, visible;
  };
  std::map<std::string, std::vector<version>> history;

  // What a `>=` query at `now` returns: each record's latest searchable version, ordered by updated date
  // then id, as the hub pages it.
  std::vector<version> query(erpoll::instant from, erpoll::instant now) const {
    std::vector<version> out;
    for (const auto& [id, versions] : history) {
      const version* latest = nullptr;
      for (const auto& v : versions) {
        if (v.visible <= now) latest = &v;
      }
      if (latest != nullptr && latest->updated >= from) out.push_back(*latest);
    }
    std::sort(out.begin(), out.end(),
              [](const version& a, const version& b) { return std::tie(a.updated, a.id) < std::tie(b.updated, b.id); });
    return out;
  }
};

struct run_result {
  std::map<std::pair<std::string, erpoll::instant>, int> emitted;  // (id, updated) -> times
  std::set<std::pair<std::string, erpoll::instant>> seen_by_a_poll;
};

// Polls every `interval` from `start` to `end`, deciding each returned page against the cursor of the poll's
// start, and returns what was emitted.
run_result poll_repeatedly(const simulated_hub& hub, const erpoll::change_options& o, erpoll::instant start,
                           erpoll::instant end, std::chrono::seconds interval, std::mt19937& random) {
  run_result r;
  erpoll::cursor c{start, {}};
  for (erpoll::instant now = start; now <= end; now += interval) {
    const auto records = hub.query(erpoll::query_from(c, o), now);
    std::vector<erpoll::emitted_change> emitted;
    // random page splits: decisions do not depend on them
    std::size_t i = 0;
    while (i < records.size()) {
      const std::size_t page = std::uniform_int_distribution<std::size_t>(1, 7)(random);
      for (std::size_t j = i; j < std::min(records.size(), i + page); ++j) {
        const auto& v = records[j];
        r.seen_by_a_poll.insert({v.id, v.updated});
        if (erpoll::is_event(erpoll::decide(c, o, now, v.id, v.updated, v.created))) {
          emitted.push_back({v.id, v.updated});
          ++r.emitted[{v.id, v.updated}];
        }
      }
      i += page;
    }
    c = erpoll::next_cursor(c, o, std::move(emitted));
  }
  return r;
}

}  // namespace

TEST_CASE("property: every change is emitted exactly once in steady state", "[change][property]") {
  for (int seed = 1; seed <= 60; ++seed) {
    INFO("seed " << seed);
    std::mt19937 random(static_cast<unsigned>(seed));
    erpoll::change_options o;
    o.poll_delay = std::chrono::seconds{seed % 3 == 0 ? 0 : std::uniform_int_distribution<int>(5, 120)(random)};
    const long long lag_max = o.poll_delay.count();  // late commits stay within pollDelay
    simulated_hub hub;
    const erpoll::instant start = at(1'700'000'000);
    // Records change at whole seconds, many on the same second (as NetSuite's second-precision dates do).
    const int records = std::uniform_int_distribution<int>(5, 40)(random);
    for (int e = 0; e < 400; ++e) {
      std::string id = "r";  // (not "r" + ...: GCC 12's -Wrestrict false alarm at -O3)
      id += std::to_string(std::uniform_int_distribution<int>(0, records)(random));
      const erpoll::instant updated = start + std::chrono::seconds{std::uniform_int_distribution<int>(0, 30)(random) * 20};
      const erpoll::instant visible =
          updated + std::chrono::seconds{lag_max == 0 ? 0 : std::uniform_int_distribution<long long>(0, lag_max)(random)};
      auto& versions = hub.history[id];
      const erpoll::instant created = versions.empty() ? updated : versions.front().created;
      if (!versions.empty() && versions.back().updated >= updated) continue;  // dates move forward per record
      if (!versions.empty() && versions.back().visible > visible) continue;   // commits in order per record
      versions.push_back({id, created, updated, visible});
    }
    const auto result = poll_repeatedly(hub, o, start, start + 900s, std::chrono::seconds{std::uniform_int_distribution<int>(1, 45)(random)}, random);
    // no change twice
    for (const auto& [change, times] : result.emitted) {
      INFO(change.first);
      CHECK(times == 1);
    }
    // every version a poll saw was emitted, and every record's final version was
    for (const auto& change : result.seen_by_a_poll) CHECK(result.emitted.count(change) == 1);
    for (const auto& [id, versions] : hub.history) {
      INFO(id);
      CHECK(result.emitted.count({id, versions.back().updated}) == 1);
    }
  }
}

TEST_CASE("property: many records on one timestamp across page boundaries", "[change][property]") {
  std::mt19937 random(7);
  simulated_hub hub;
  const erpoll::instant start = at(1'700'000'000);
  for (int i = 0; i < 250; ++i) {  // 250 records, all at the same second, arriving in three batches
    std::string id = "same";
    id += std::to_string(i);
    const erpoll::instant t = start + 60s;
    hub.history[id].push_back({id, t, t, t + std::chrono::seconds{(i % 3) * 30}});
  }
  const auto result = poll_repeatedly(hub, erpoll::change_options{.poll_delay = 90s}, start, start + 400s, 7s, random);
  CHECK(result.emitted.size() == 250);
  for (const auto& [change, times] : result.emitted) CHECK(times == 1);
}
