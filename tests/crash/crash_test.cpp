// Crash test: a child process polls the test hub (which keeps changing records) and delivers to the test
// receiver; it is killed with SIGKILL at random instants, at least 50 times, and restarted on the same state
// directory. At the end a last child drains. Then every change the hub made was delivered at least once (or,
// when the hub replaced that version before any poll could read it, the later version was), and every
// duplicate is a redelivery of the same event id.
#include "../support/test_hub.hpp"
#include "../support/test_receiver.hpp"
#include "../support/test_server.hpp"

#include <erpoll/change/event_id.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

erpoll::instant now_seconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

pid_t spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE("crash test: SIGKILL at random instants, 60 times, loses no change", "[crash]") {
  boost::asio::io_context io;
  erpoll_test::test_hub hub;
  erpoll_test::test_receiver receiver;
  erpoll_test::test_server hub_server(io, [&](const erpoll_test::test_request& r) { return hub.handle(r); });
  erpoll_test::test_server receiver_server(io, [&](const erpoll_test::test_request& r) { return receiver.handle(r); });
  auto guard = boost::asio::make_work_guard(io);
  std::thread server_thread([&] { io.run(); });

  const auto dir = std::filesystem::temp_directory_path() / ("erpoll-crash-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  const erpoll::instant since = now_seconds();
  std::set<std::pair<std::string, std::int64_t>> changes;  // (id, updated) of every version the hub had
  std::mt19937 random(20261203);
  auto change_something = [&] {
    const std::string id = std::to_string(100 + std::uniform_int_distribution<int>(0, 39)(random));
    const auto t = now_seconds();
    const auto records = hub.records("customers");
    const bool exists = std::any_of(records.begin(), records.end(), [&](auto& r) { return r.id == id; });
    if (exists) {
      hub.update("customers", id, t);
    } else {
      hub.create("customers", id, t, "Company " + id);
    }
    changes.insert({id, t.time_since_epoch().count()});
  };

  const std::vector<std::string> run_args{ERPOLL_CRASH_CHILD, "run", hub_server.url(), receiver_server.url() + "/events",
                                          dir.string(), std::to_string(since.time_since_epoch().count())};
  int kills = 0;
  for (; kills < 60; ++kills) {
    const pid_t child = spawn(run_args);
    REQUIRE(child > 0);
    const auto lifetime = std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 400)(random));
    const auto until = std::chrono::steady_clock::now() + lifetime;
    while (std::chrono::steady_clock::now() < until) {
      change_something();
      std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, 15)(random)));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // it was running, not exited on its own
  }
  // Changes made while no child runs are found by the next one too.
  for (int i = 0; i < 5; ++i) change_something();
  std::this_thread::sleep_for(1100ms);  // the hub's dates have whole seconds: let the last one pass

  auto drain_args = run_args;
  drain_args[1] = "drain";
  const pid_t last = spawn(drain_args);
  int status = 0;
  waitpid(last, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  guard.reset();
  io.stop();
  server_thread.join();

  // What arrived: each event's change and id.
  std::map<std::pair<std::string, std::int64_t>, std::set<std::string>> ids_by_change;
  std::size_t events = 0;
  for (const auto& n : receiver.received()) {
    const auto body = nlohmann::json::parse(n.body);
    for (const auto& e : body["message"]["events"]) {
      const auto date = erpoll_test::iso_seconds::parse(e["date"].get<std::string>(), erpoll::gmt);
      REQUIRE(date.has_value());
      ids_by_change[{e["objectId"], date->time_since_epoch().count()}].insert(e["eventId"]);
      ++events;
    }
  }
  INFO("kills: " << kills << ", changes: " << changes.size() << ", events received: " << events
                 << ", distinct changes received: " << ids_by_change.size());
  CHECK(kills >= 50);
  CHECK(changes.size() > 200);
  // A version the hub replaced before any poll could read it is delivered as the later version (polling
  // sees states, not edits); every other version must have arrived itself.
  std::size_t missing = 0, superseded = 0;
  for (const auto& c : changes) {
    if (ids_by_change.count(c)) continue;
    const auto later = ids_by_change.upper_bound({c.first, c.second});
    if (later != ids_by_change.end() && later->first.first == c.first) {
      ++superseded;
    } else {
      ++missing;
    }
  }
  INFO("versions replaced before a poll could read them: " << superseded);
  CHECK(missing == 0);
  CHECK(superseded * 10 < changes.size());  // rare: most versions arrive as themselves
  for (const auto& [change, ids] : ids_by_change) {
    CHECK(changes.count(change) == 1);  // nothing invented
    REQUIRE(ids.size() == 1);           // duplicates are redeliveries of the same event id
    CHECK(*ids.begin() == erpoll::event_id("crash-test", "customers", change.first,
                                           erpoll::instant{std::chrono::microseconds{change.second}}));
  }
  std::filesystem::remove_all(dir);
}
