// The store contract, run against both stores; and the SQLite store killed with SIGKILL mid-commit.
#include <erpoll/store/memory_store.hpp>
#include <erpoll/store/sqlite_store.hpp>
#include <erpoll/store/store_concept.hpp>

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <random>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;
using erpoll::cursor;
using erpoll::instant;
using erpoll::notification;

static_assert(erpoll::store_type<erpoll::memory_store>);
static_assert(erpoll::store_type<erpoll::sqlite_store>);

namespace {

std::filesystem::path fresh_directory(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("erpoll-store-test-" + std::to_string(getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

notification note(const std::string& id, std::vector<std::string> events, std::string body) {
  return notification{id, std::move(events), std::move(body)};
}

const instant t0 = instant{} + std::chrono::hours(24 * 365 * 50);

struct memory_fixture {
  erpoll::memory_store store;
};
struct sqlite_fixture {
  std::filesystem::path dir = fresh_directory("contract");
  erpoll::sqlite_store store = erpoll::sqlite_store::open_directory(dir);
  ~sqlite_fixture() { std::filesystem::remove_all(dir); }
};

}  // namespace

TEMPLATE_TEST_CASE("store contract: cursor and outbox commit together, delivery in order", "[store]", memory_fixture,
                   sqlite_fixture) {
  TestType f;
  auto& s = f.store;
  CHECK_FALSE(s.load_cursor("invoices").has_value());
  CHECK_FALSE(s.next_pending("invoices").has_value());

  cursor c;
  c.watermark = t0 + 5s;
  c.boundary = {{"17", t0 + 5s}, {"3", t0 + 5s}};
  std::sort(c.boundary.begin(), c.boundary.end());
  const std::vector<notification> notes{note("n1", {"e1", "e2"}, R"({"a":1})"), note("n2", {"e3"}, R"({"b":"\u00e9"})")};
  s.commit_poll("invoices", c, notes, t0);

  const auto loaded = s.load_cursor("invoices");
  REQUIRE(loaded.has_value());
  CHECK(*loaded == c);
  CHECK_FALSE(s.load_cursor("customers").has_value());
  CHECK(s.outbox_depth("invoices") == 2);
  CHECK(s.outbox_depth("customers") == 0);

  auto head = s.next_pending("invoices");
  REQUIRE(head.has_value());
  CHECK(head->note.id == "n1");
  CHECK(head->note.event_ids == std::vector<std::string>{"e1", "e2"});
  CHECK(head->note.body == R"({"a":1})");
  CHECK(head->attempts == 0);
  CHECK(head->created == t0);

  s.retry_later(head->seq, t0 + 30s, "HTTP 503");
  head = s.next_pending("invoices");
  REQUIRE(head.has_value());
  CHECK(head->note.id == "n1");  // a failing head blocks the ones after it: per resource, order holds
  CHECK(head->attempts == 1);
  CHECK(head->next_attempt == t0 + 30s);
  CHECK(head->last_error == "HTTP 503");

  s.to_dead_letters(head->seq, "gave up after 1 attempt", t0 + 60s);
  CHECK(s.outbox_depth("invoices") == 1);
  CHECK(s.dead_letter_count("invoices") == 1);
  const auto dead = s.dead_letters("invoices");
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].entry.note.id == "n1");
  CHECK(dead[0].entry.attempts == 2);
  CHECK(dead[0].entry.last_error == "gave up after 1 attempt");
  CHECK(dead[0].dead_at == t0 + 60s);

  head = s.next_pending("invoices");
  REQUIRE(head.has_value());
  CHECK(head->note.id == "n2");
  CHECK(head->note.body == R"({"b":"\u00e9"})");
  s.delivered(head->seq);
  CHECK(s.outbox_depth("invoices") == 0);

  CHECK(s.redeliver_dead_letters("invoices", t0 + 90s) == 1);
  CHECK(s.dead_letter_count("invoices") == 0);
  head = s.next_pending("invoices");
  REQUIRE(head.has_value());
  CHECK(head->note.id == "n1");
  CHECK(head->attempts == 0);
  CHECK(head->created == t0 + 90s);  // its age restarts: the max-age bound does not bury it again at once
  CHECK(head->next_attempt == t0 + 90s);

  // A later commit replaces the cursor and its boundary set.
  cursor c2;
  c2.watermark = t0 + 9s;
  s.commit_poll("invoices", c2, {}, t0 + 10s);
  CHECK(*s.load_cursor("invoices") == c2);
  CHECK(s.outbox_depth("invoices") == 1);
}

TEST_CASE("sqlite store: state survives reopening", "[store]") {
  const auto dir = fresh_directory("reopen");
  cursor c;
  c.watermark = t0 + 1s;
  c.boundary = {{"a", t0 + 1s}};
  {
    auto s = erpoll::sqlite_store::open_directory(dir);
    s.commit_poll("vendors", c, std::vector{note("n", {"e"}, "{}")}, t0);
  }
  {
    auto s = erpoll::sqlite_store::open_directory(dir);
    CHECK(*s.load_cursor("vendors") == c);
    CHECK(s.outbox_depth("vendors") == 1);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("sqlite store: a bad path is a clear store_error", "[store]") {
  CHECK_THROWS_WITH(erpoll::sqlite_store("/proc/erpoll-cannot-be-here/x.sqlite3"),
                    Catch::Contains("erpoll: SQLite: opening \"/proc/erpoll-cannot-be-here/x.sqlite3\""));
}

// A child commits polls as fast as it can: poll k sets the watermark to k and adds notification "n<k>". It is
// killed with SIGKILL at a random instant. The reopened file must hold exactly the polls up to its cursor.
TEST_CASE("sqlite store: SIGKILL at random instants leaves whole polls only", "[store][crash]") {
  const auto dir = fresh_directory("kill");
  std::mt19937 random(12345);
  std::int64_t last = 0;
  for (int round = 0; round < 20; ++round) {
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto s = erpoll::sqlite_store::open_directory(dir);
      const auto before = s.load_cursor("r");
      std::int64_t k = before ? before->watermark.time_since_epoch().count() : 0;
      for (;;) {
        ++k;
        cursor c;
        c.watermark = instant{std::chrono::microseconds{k}};
        c.boundary = {{"id" + std::to_string(k), c.watermark}};
        s.commit_poll("r", c, std::vector{note("n" + std::to_string(k), {"e" + std::to_string(k)}, "{}")}, t0);
      }
    }
    usleep(std::uniform_int_distribution<useconds_t>(2000, 40000)(random));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));

    auto s = erpoll::sqlite_store::open_directory(dir);
    const auto c = s.load_cursor("r");
    const std::int64_t k = c ? c->watermark.time_since_epoch().count() : 0;
    CHECK(k >= last);
    REQUIRE(s.outbox_depth("r") == static_cast<std::size_t>(k));
    if (k > 0) {
      REQUIRE(c->boundary.size() == 1);
      CHECK(c->boundary[0].id == "id" + std::to_string(k));
    }
    last = k;
  }
  INFO("polls committed across 20 kills: " << last);
  CHECK(last > 0);
  auto s = erpoll::sqlite_store::open_directory(dir);
  for (std::int64_t i = 1; i <= last; ++i) {  // the outbox holds n1..nk in order
    const auto head = s.next_pending("r");
    REQUIRE(head.has_value());
    CHECK(head->note.id == "n" + std::to_string(i));
    s.delivered(head->seq);
  }
  std::filesystem::remove_all(dir);
}
