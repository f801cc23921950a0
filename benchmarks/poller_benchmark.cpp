// Poller benchmarks (plain program; figures on stdout):
//   throughput [--records N] [--store memory|sqlite]
//       end-to-end events per second: a local hub with N new records -> one Poller<Invoices> -> a local
//       receiver (hub and receiver on a second thread), from the first request to the last event received.
//   idle [--pollers N] [--dynamic]
//       resident memory per idle poller: N pollers started on one io_context, waiting for their next poll.
//   drift [--pollers N] [--minutes M] [--spread]
//       N pollers polling a local hub every minute for M minutes: how late each poll started, at most and at
//       the 99th percentile (--spread staggers their first polls over the minute).
#include "../tests/support/test_hub.hpp"
#include "../tests/support/test_receiver.hpp"
#include "../tests/support/test_server.hpp"

#include <erpoll/netsuite/erp.hpp>
#include <erpoll/poll/poller.hpp>
#include <erpoll/store/memory_store.hpp>
#include <erpoll/store/sqlite_store.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

std::string option(int argc, char** argv, const char* name, std::string fallback) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
  }
  return fallback;
}
bool flag(int argc, char** argv, const char* name) {
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return true;
  }
  return false;
}

// A hub and a receiver on their own thread.
struct servers {
  asio::io_context io;
  erpoll_test::test_hub hub;
  erpoll_test::test_receiver receiver{"benchmark-key"};
  erpoll_test::test_server hub_server{io, [this](const erpoll_test::test_request& r) { return hub.handle(r); }};
  erpoll_test::test_server receiver_server{io, [this](const erpoll_test::test_request& r) { return receiver.handle(r); }};
  asio::executor_work_guard<asio::io_context::executor_type> guard = asio::make_work_guard(io);
  std::thread thread{[this] { io.run(); }};
  ~servers() {
    guard.reset();
    io.stop();
    thread.join();
  }
};

erpoll::poller_options base_options(const servers& s) {
  erpoll::poller_options o;
  o.hub = erpoll::http_url::parse(s.hub_server.url());
  o.log = nullptr;
  o.instance_id = "benchmark";
  return o;
}

template <class Store>
int throughput_with(Store& store, std::size_t records) {
  servers s;
  const erpoll::instant t0 = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) - 24h;
  for (std::size_t i = 0; i < records; ++i) {
    s.hub.put("invoices", erpoll_test::hub_record{std::to_string(100000 + i), t0 + std::chrono::seconds(i / 20),
                                                  t0 + std::chrono::seconds(i / 20), "Customer " + std::to_string(i % 97), 1,
                                                  "createdDate"});
  }
  asio::io_context io;
  erpoll::http_client_options co;
  co.log = nullptr;
  erpoll::http_client client(io.get_executor(), co);
  auto o = base_options(s);
  o.start_from = t0;
  o.pagination.page_size = 200;
  erpoll::Poller<erpoll::netsuite::Invoices, Store> poller(
      io.get_executor(), client, store,
      erpoll::sink::webhook(client, erpoll::http_url::parse(s.receiver_server.url() + "/events"),
                            erpoll::secret("benchmark-key")),
      o);
  const auto begin = std::chrono::steady_clock::now();
  auto poll = asio::co_spawn(io, poller.poll_now(), asio::use_future);
  io.run();
  const auto report = poll.get();
  const auto polled = std::chrono::steady_clock::now();
  io.restart();
  auto delivered = asio::co_spawn(io, poller.deliver_pending(), asio::use_future);
  io.run();
  const bool all = delivered.get();
  const auto end = std::chrono::steady_clock::now();
  // What the receiver got (checked after the clock stopped): events in bodies whose signature verified,
  // and how many distinct records they name.
  std::size_t received = 0, bad_signatures = 0;
  std::set<std::string> ids;
  for (const auto& n : s.receiver.received()) {
    if (!n.signature_ok) {
      ++bad_signatures;
      continue;
    }
    const auto body = nlohmann::json::parse(n.body);  // named: a range-for over part of a temporary dangles
    for (const auto& e : body.at("message").at("events")) {
      ++received;
      ids.insert(e.at("objectId").get<std::string>());
    }
  }
  const double seconds = std::chrono::duration<double>(end - begin).count();
  std::printf("records %zu, events committed %zu (%zu pages, %zu notifications), all delivered: %s\n", records,
              report.created + report.updated, report.pages, report.notifications, all ? "yes" : "NO");
  std::printf("poll+decide+commit %.3f s, delivery %.3f s, end to end %.3f s => %.0f events/s\n",
              std::chrono::duration<double>(polled - begin).count(), std::chrono::duration<double>(end - polled).count(),
              seconds, static_cast<double>(report.created + report.updated) / seconds);
  std::printf("receiver: %zu events in signed notifications, %zu distinct records, %zu bad signatures\n", received,
              ids.size(), bad_signatures);
  const bool complete = received == records && ids.size() == records && bad_signatures == 0;
  if (!complete) std::printf("FAILED: the receiver did not get exactly one event per record\n");
  return report.ok && all && complete ? 0 : 1;
}

int throughput(int argc, char** argv) {
  const std::size_t records = std::stoul(option(argc, argv, "--records", "20000"));
  const std::string store = option(argc, argv, "--store", "sqlite");
  std::printf("== throughput, %s store\n", store.c_str());
  if (store == "memory") {
    erpoll::memory_store m;
    return throughput_with(m, records);
  }
  const auto dir = std::filesystem::temp_directory_path() / ("erpoll-bench-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  int rc = 0;
  {
    auto sqlite = erpoll::sqlite_store::open_directory(dir);
    rc = throughput_with(sqlite, records);
  }
  std::filesystem::remove_all(dir);
  return rc;
}

erpoll::dynamic_resource dynamic_customers(std::size_t i) {
  erpoll::dynamic_resource_options d;
  d.name = "customers-" + std::to_string(i);
  d.url = "/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
  d.id_path = "internalId";
  d.updated_path = "lastModifiedDate";
  d.updated_format = "yyyy-MM-dd'T'HH:mm:ss'Z'";
  d.created_path = "dateCreated";
  return erpoll::dynamic_resource(d);
}

// What many pollers share: the servers, one io_context, one client, one store, an in-process sink, and
// options for a 1-minute interval whose first poll is one interval away.
struct fleet {
  servers s;
  asio::io_context io;
  erpoll::http_client client{io.get_executor(), [] {
                               erpoll::http_client_options co;
                               co.log = nullptr;
                               return co;
                             }()};
  erpoll::memory_store store;
  erpoll::sink sink = erpoll::sink::function([](const erpoll::notification&) {});
  erpoll::poller_options o = [this] {
    auto options = base_options(s);
    options.refresh_interval = erpoll::minutes_interval(1);
    options.poll_at_start = false;
    return options;
  }();
};

int idle(int argc, char** argv) {
  const std::size_t n = std::stoul(option(argc, argv, "--pollers", "10000"));
  const bool dynamic = flag(argc, argv, "--dynamic");
  fleet f;
  auto& [s, io, client, store, sink, o] = f;
  std::vector<erpoll::dynamic_resource> resources;  // built before measuring: configuration, not pollers
  if (dynamic) {
    for (std::size_t i = 0; i < n; ++i) resources.push_back(dynamic_customers(i));
  }
  io.run_for(10ms);
  const std::size_t before = resident_bytes();
  std::vector<erpoll::Poller<erpoll::netsuite::Customers, erpoll::memory_store>> compiled;
  std::vector<erpoll::Poller<erpoll::dynamic_resource, erpoll::memory_store>> runtime;
  compiled.reserve(n);
  runtime.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (dynamic) {
      runtime.emplace_back(io.get_executor(), client, store, sink, o, std::move(resources[i])).start();
    } else {
      compiled.emplace_back(io.get_executor(), client, store, sink, o).start();
    }
  }
  io.run_for(500ms);  // every poller suspended on its timer
  const std::size_t after = resident_bytes();
  const double per = static_cast<double>(after - before) / static_cast<double>(n);
  std::printf("== idle memory: %zu %s pollers on one io_context: resident %.1f MiB -> %.1f MiB, %.2f KiB per poller\n", n,
              dynamic ? "dynamic_resource" : "Poller<Customers>", static_cast<double>(before) / 1048576.0,
              static_cast<double>(after) / 1048576.0, per / 1024.0);
  for (auto& p : compiled) p.stop();
  for (auto& p : runtime) p.stop();
  io.run_for(100ms);
  return per <= 16 * 1024 ? 0 : 1;
}

int drift(int argc, char** argv) {
  const std::size_t n = std::stoul(option(argc, argv, "--pollers", "10000"));
  const double minutes = std::stod(option(argc, argv, "--minutes", "3"));
  const bool spread = flag(argc, argv, "--spread");
  fleet f;
  auto& [s, io, client, store, sink, o] = f;
  std::vector<erpoll::Poller<erpoll::dynamic_resource, erpoll::memory_store>> pollers;
  pollers.reserve(n);
  std::vector<std::unique_ptr<asio::steady_timer>> starters;
  for (std::size_t i = 0; i < n; ++i) {
    pollers.emplace_back(io.get_executor(), client, store, sink, o, dynamic_customers(i));
    if (!spread) {
      pollers.back().start();
      continue;
    }
    auto t = std::make_unique<asio::steady_timer>(io, std::chrono::microseconds(60'000'000 * i / n));
    t->async_wait([&p = pollers.back()](boost::system::error_code) { p.start(); });
    starters.push_back(std::move(t));
  }
  const auto begin = std::chrono::steady_clock::now();
  io.run_for(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double, std::ratio<60>>(minutes) + 5s));
  std::vector<double> late;
  std::uint64_t polls = 0, failed = 0;
  for (auto& p : pollers) {
    const auto m = p.metrics();
    late.push_back(std::chrono::duration<double>(m.timer_lateness_max).count());
    polls += m.polls;
    failed += m.polls_failed;
    p.stop();
  }
  std::sort(late.begin(), late.end());
  std::printf("== timer drift: %zu pollers at 1-minute intervals%s for %.1f min (%.0f s): %llu polls, %llu failed\n", n,
              spread ? ", first polls spread over the minute" : ", all due at the same instants", minutes,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count(),
              static_cast<unsigned long long>(polls), static_cast<unsigned long long>(failed));
  std::printf("   lateness of a poll's start after its scheduled time: median %.3f s, p99 %.3f s, max %.3f s\n",
              late[late.size() / 2], late[late.size() * 99 / 100], late.back());
  io.run_for(100ms);
  return late.back() < 1.0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "throughput") return throughput(argc, argv);
  if (mode == "idle") return idle(argc, argv);
  if (mode == "drift") return drift(argc, argv);
  std::fprintf(stderr, "usage: %s throughput|idle|drift [options]  (see the top of poller_benchmark.cpp)\n", argv[0]);
  return 2;
}
