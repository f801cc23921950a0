// erpoll-sandbox: a NetSuite 2016 ERP hub on 127.0.0.1 whose records change over time, and the callback
// receiver that checks erpoll's deliveries. At the end (SIGINT/SIGTERM, or after --changes-for and
// --settle) it prints which of its changes were delivered and exits 0 when all were, 3 when not.
#include "sandbox/sandbox_hub.hpp"

#include <erpoll/net/http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::string_view usage = R"(usage: erpoll-sandbox [OPTIONS]

A NetSuite 2016 ERP hub as Cloud Elements serves it, on 127.0.0.1: the 11 resources at
/elements/api-v2/hubs/erp/<resource> (and /hubs/finance/...), CEQL where filters on lastModifiedDate,
createdDate and dateCreated, pageSize + nextPage (elements-next-page-token) or page=K, HTTP Basic.
It creates and updates records over time and receives erpoll's notifications at --callback-path,
checking their signatures; GET /sandbox/report tells which changes were delivered.

  --port N              port (default 0: any free one; see --port-file)
  --port-file FILE      write the port there once listening
  --records N           records per resource at start (default 25; dated 1 to 30 days ago)
  --rate R              changes per second, all resources together (default 2)
  --changes-for S       stop changing after S seconds (default: never)
  --settle S            after --changes-for, wait up to S seconds for every change to arrive, then end
  --summary-every S     print a running summary every S seconds (default 5; 0: never)
  --print-events        print each event as it arrives
  --user U --password P HTTP Basic credentials the hub requires (default: none required)
  --signature-key K     the key notifications must be signed with (default: unsigned accepted)
  --callback-path PATH  where notifications are received (default /events)
  --only R1,R2          change only these resources (default: all 11)
  --seed N              random seed (default 1)
POST /sandbox/refuse?count=N makes the receiver answer 503 (Retry-After: 1) to the next N deliveries.
Exit codes: 0 every change was delivered, 3 some were not (listed), 2 usage error.
)";

struct arguments {
  unsigned port = 0;
  std::string port_file;
  double rate = 2, changes_for = 0, settle = 0, summary_every = 5;
  erpoll_sandbox::sandbox::options hub;
};

arguments parse(int argc, char** argv) {
  arguments a;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto arg = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(std::string(arg) + " needs a value");
      return std::string(args[++i]);
    };
    auto number = [&]() {
      const auto v = value();
      char* end = nullptr;
      const double d = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || d < 0) throw std::invalid_argument(std::string(arg) + ": not a number: " + v);
      return d;
    };
    if (arg == "--help") throw std::invalid_argument("");
    else if (arg == "--port") a.port = static_cast<unsigned>(number());
    else if (arg == "--port-file") a.port_file = value();
    else if (arg == "--records") a.hub.records_per_resource = static_cast<std::size_t>(number());
    else if (arg == "--rate") a.rate = number();
    else if (arg == "--changes-for") a.changes_for = number();
    else if (arg == "--settle") a.settle = number();
    else if (arg == "--summary-every") a.summary_every = number();
    else if (arg == "--print-events") a.hub.print_events = true;
    else if (arg == "--user") a.hub.user = value();
    else if (arg == "--password") a.hub.password = value();
    else if (arg == "--signature-key") a.hub.signature_key = value();
    else if (arg == "--callback-path") a.hub.callback_path = value();
    else if (arg == "--seed") a.hub.seed = static_cast<std::uint32_t>(number());
    else if (arg == "--only") {
      const auto list = value();
      for (std::size_t b = 0; b <= list.size();) {
        auto e = list.find(',', b);
        if (e == std::string::npos) e = list.size();
        if (e > b) a.hub.only.push_back(list.substr(b, e - b));
        b = e + 1;
      }
    }
    else throw std::invalid_argument("unknown option " + std::string(arg));
  }
  if (a.port > 65535) throw std::invalid_argument("--port: not a port");
  if (a.hub.records_per_resource == 0) throw std::invalid_argument("--records: at least 1");
  for (const auto& name : a.hub.only) {
    if (std::none_of(erpoll_sandbox::resources.begin(), erpoll_sandbox::resources.end(),
                     [&](const auto& r) { return r.name == name; })) {
      throw std::invalid_argument("--only: no resource named " + name);
    }
  }
  return a;
}

void print_verdict(const erpoll_sandbox::sandbox& hub) {
  const auto r = hub.report(true);
  std::printf("\n== sandbox verdict\n%-16s %8s %8s %8s %9s %10s %8s\n", "resource", "changes", "created", "updated",
              "delivered", "superseded", "missing");
  for (const auto& [name, p] : r["resources"].items()) {
    std::printf("%-16s %8zu %8zu %8zu %9zu %10zu %8zu\n", name.c_str(), p["changes"].get<std::size_t>(),
                p["created"].get<std::size_t>(), p["updated"].get<std::size_t>(), p["delivered"].get<std::size_t>(),
                p["superseded"].get<std::size_t>(), p["missing"].get<std::size_t>());
  }
  std::printf("events received: %zu CREATED, %zu UPDATED in %zu notifications; %zu duplicates (redeliveries); "
              "%zu bad signatures; %zu events for no change of ours; lag avg %.1f s, max %.1f s\n",
              r["events_received"]["CREATED"].get<std::size_t>(), r["events_received"]["UPDATED"].get<std::size_t>(),
              r["notifications"].get<std::size_t>(), r["duplicate_events"].get<std::size_t>(),
              r["bad_signatures"].get<std::size_t>(), r["unknown_events"].get<std::size_t>(),
              r["lag_seconds"]["average"].get<double>(), r["lag_seconds"]["max"].get<double>());
  if (hub.all_delivered()) {
    std::printf("VERDICT: every one of the %zu changes the sandbox made was delivered (%zu as their own event, %zu "
                "through a later change of the same record)\n",
                r["changes"].get<std::size_t>(), r["delivered"].get<std::size_t>(), r["superseded"].get<std::size_t>());
  } else {
    std::printf("VERDICT: %zu of %zu changes were NOT delivered:\n", r["missing"].get<std::size_t>(),
                r["changes"].get<std::size_t>());
    for (const auto& m : r["missing_changes"]) {
      std::printf("  %s %s %s\n", m["resource"].get<std::string>().c_str(), m["id"].get<std::string>().c_str(),
                  m["lastModifiedDate"].get<std::string>().c_str());
    }
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  arguments a;
  try {
    a = parse(argc, argv);
  } catch (const std::invalid_argument& e) {
    if (std::string_view(e.what()).empty()) {
      std::cout << usage;
      return 0;
    }
    std::cerr << "erpoll-sandbox: " << e.what() << "\n\n" << usage;
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  boost::asio::io_context io;
  erpoll_sandbox::sandbox hub(a.hub);
  erpoll::http_server server(io.get_executor(), [&](const erpoll::server_request& r) { return hub.handle(r); },
                             static_cast<std::uint16_t>(a.port));
  const auto started = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  std::printf("sandbox: hub at http://127.0.0.1:%u/elements/api-v2, receiver at http://127.0.0.1:%u%s; %zu records "
              "per resource, %.1f changes/s\n",
              server.port(), server.port(), a.hub.callback_path.c_str(), a.hub.records_per_resource, a.rate);
  if (!a.port_file.empty()) {
    std::ofstream(a.port_file + ".tmp") << server.port() << "\n";
    std::rename((a.port_file + ".tmp").c_str(), a.port_file.c_str());
  }

  bool ending = false;
  boost::asio::steady_timer change_timer(io), summary_timer(io), settle_timer(io);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  auto end = [&] {
    if (ending) return;
    ending = true;
    change_timer.cancel();
    summary_timer.cancel();
    settle_timer.cancel();
    signals.cancel();
    server.stop();
  };
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) end();
  });

  // Changes at the rate asked, until --changes-for.
  const auto change_every = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(a.rate > 0 ? 1.0 / a.rate : 1e9));
  auto next_change = started;
  // After the changes: end once everything arrived, or --settle seconds later.
  std::function<void()> settle_check = [&] {
    if (ending) return;
    if (hub.all_delivered() || elapsed() >= a.changes_for + a.settle) {
      std::puts(hub.summary_line(elapsed()).c_str());
      end();
      return;
    }
    settle_timer.expires_after(std::chrono::milliseconds(250));
    settle_timer.async_wait([&](const boost::system::error_code& e) {
      if (!e) settle_check();
    });
  };
  std::function<void()> schedule_change = [&] {
    next_change += change_every;
    change_timer.expires_at(next_change);
    change_timer.async_wait([&](const boost::system::error_code& ec) {
      if (ec || ending) return;
      if (a.changes_for > 0 && elapsed() >= a.changes_for) {
        std::printf("sandbox: changes stopped after %.0f s (%zu changes); waiting for the last deliveries\n",
                    a.changes_for, hub.change_count());
        if (a.settle > 0) settle_check();
        return;
      }
      hub.make_change();
      schedule_change();
    });
  };
  if (a.rate > 0) schedule_change();

  std::function<void()> schedule_summary = [&] {
    summary_timer.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(a.summary_every)));
    summary_timer.async_wait([&](const boost::system::error_code& ec) {
      if (ec || ending) return;
      std::puts(hub.summary_line(elapsed()).c_str());
      schedule_summary();
    });
  };
  if (a.summary_every > 0) schedule_summary();

  io.run();
  print_verdict(hub);
  return hub.all_delivered() ? 0 : 3;
}
