// erpoll-run: polls the resources of an instance JSON (the seed's format) and POSTs their events to the
// callback URL, signed; cursor and outbox live in a state directory (SQLite), so a restart resumes.
#include <erpoll/config/instance_pollers.hpp>
#include <erpoll/config/load_instance.hpp>
#include <erpoll/net/http_client.hpp>
#include <erpoll/net/http_server.hpp>
#include <erpoll/poll/metrics.hpp>
#include <erpoll/store/sqlite_store.hpp>
#include <erpoll/time/date_format.hpp>
#include <erpoll/time/runtime_date_format.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_future.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int exit_ok = 0, exit_runtime = 1, exit_config = 2;

constexpr std::string_view usage = R"(usage: erpoll-run [OPTIONS] INSTANCE.json

Polls every enabled resource of INSTANCE.json (a Cloud Elements instance JSON with polling events) and
POSTs signed CREATED/UPDATED notifications to its event.notification.callback.url.

  --once               poll every resource once, deliver, exit: 0 when everything was delivered, 1 otherwise
                       (what was not delivered stays queued for the next run)
  --check              validate INSTANCE.json and print the effective configuration (secrets masked)
  --state-dir DIR      where the cursor and the outbox live (default: erpoll-state)
  --hub URL            the hub's base URL (default: configuration."base.url")
  --callback URL       where notifications go (default: event.notification.callback.url)
  --since TIME         where the first run starts (ISO 8601: 2026-12-01T00:00:00Z, 2026-12-01T01:00:00+01:00,
                       2026-12-01); default: now. Later runs resume from the state directory.
  --dead-letters       list the notifications whose delivery was given up (from --state-dir), then exit
  --redeliver          move the dead letters back into the outbox first; they go out after what is queued
  --metrics-port N     serve Prometheus text at http://127.0.0.1:N/metrics and /healthz (0: any free port)
  --quiet              log warnings and errors only
  --help               this text

Secrets may come from the environment: ERPOLL_USERNAME, ERPOLL_PASSWORD, ERPOLL_SIGNATURE_KEY,
ERPOLL_USER_SECRET, ERPOLL_ORGANIZATION_SECRET, ERPOLL_ELEMENT_TOKEN, ERPOLL_BEARER_TOKEN.
Exit codes: 0 success, 1 runtime failure, 2 configuration or usage error.
)";

struct arguments {
  bool once = false, check = false, quiet = false, list_dead_letters = false, redeliver = false;
  std::string state_dir = "erpoll-state", hub, callback, since, instance;
  std::optional<int> metrics_port;
};

struct usage_error {
  std::string message;
};

arguments parse_arguments(int argc, char** argv) {
  arguments a;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto arg = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw usage_error{std::string(arg) + " needs a value"};
      return std::string(args[++i]);
    };
    if (arg == "--help" || arg == "-h") throw usage_error{};
    else if (arg == "--once") a.once = true;
    else if (arg == "--check") a.check = true;
    else if (arg == "--quiet") a.quiet = true;
    else if (arg == "--dead-letters") a.list_dead_letters = true;
    else if (arg == "--redeliver") a.redeliver = true;
    else if (arg == "--state-dir") a.state_dir = value();
    else if (arg == "--hub") a.hub = value();
    else if (arg == "--callback") a.callback = value();
    else if (arg == "--since") a.since = value();
    else if (arg == "--metrics-port") {
      const auto v = value();
      char* end = nullptr;
      const long port = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || port < 0 || port > 65535) throw usage_error{"--metrics-port: not a port: " + v};
      a.metrics_port = static_cast<int>(port);
    } else if (!arg.empty() && arg[0] == '-') {
      throw usage_error{"unknown option " + std::string(arg)};
    } else if (a.instance.empty()) {
      a.instance = std::string(arg);
    } else {
      throw usage_error{"one instance file only (also got " + std::string(arg) + ")"};
    }
  }
  if (a.instance.empty()) throw usage_error{"no INSTANCE.json given"};
  if (a.once && a.check) throw usage_error{"--once and --check do not go together"};
  if (a.list_dead_letters && (a.once || a.check || a.redeliver)) {
    throw usage_error{"--dead-letters lists and exits: give it without --once, --check and --redeliver"};
  }
  return a;
}

// ISO 8601 in the forms users type; \throws erpoll::config_error.
erpoll::instant parse_since(const std::string& text) {
  for (const char* pattern : {"yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-MM-dd'T'HH:mm:ss",
                              "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"}) {
    if (auto t = erpoll::runtime_date_format(pattern).parse(text, erpoll::time_zone::named("UTC"))) return *t;
  }
  throw erpoll::config_error("--since: \"" + text + "\" is not an ISO 8601 time such as 2026-12-01T00:00:00Z");
}

erpoll::log_function timestamped_log(bool quiet) {
  return [quiet](erpoll::log_level level, std::string_view message) {
    if (quiet && level < erpoll::log_level::warning) return;
    using clock = std::chrono::system_clock;
    const std::string when = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::format(
        std::chrono::time_point_cast<std::chrono::seconds>(clock::now()), erpoll::gmt);
    std::string line = when + " " + std::string(erpoll::to_string(level)) + ": " + std::string(message) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

void print_problems(const erpoll::instance_config_error& e) {
  std::cerr << e.what() << "\n";
  for (const auto& w : e.warnings()) std::cerr << "warning: " << w << "\n";
}

// One line per dead letter, oldest first per resource, on stdout; the count on stderr.
int list_dead_letters(const erpoll::instance_config& config, erpoll::sqlite_store& store, const std::string& state_dir) {
  using iso = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
  std::size_t total = 0;
  for (const auto& r : config.resources) {
    for (const auto& d : store.dead_letters(r.name)) {
      ++total;
      std::cout << r.name << "\t" << d.entry.note.id << "\t" << d.entry.note.event_ids.size() << " events\t"
                << d.entry.attempts << " attempts\tcommitted " << iso::format(d.entry.created, erpoll::gmt)
                << "\tgiven up " << iso::format(d.dead_at, erpoll::gmt) << "\t" << d.entry.last_error << "\n";
    }
  }
  std::cerr << total << " dead letters in " << state_dir
            << (total > 0 ? "; erpoll-run --redeliver moves them back into the outbox\n" : "\n");
  return exit_ok;
}

int run(const arguments& a) {
  erpoll::instance_config config;
  try {
    config = erpoll::load_instance_file(a.instance);
  } catch (const erpoll::instance_config_error& e) {
    print_problems(e);
    return exit_config;
  }
  for (const auto& w : config.warnings) std::cerr << "warning: " << w << "\n";
  const std::string hub_text = a.hub.empty() ? config.base_url : a.hub;
  if (!a.callback.empty()) config.callback_url = a.callback;
  std::optional<erpoll::instant> since;
  erpoll::http_url hub, callback;
  try {
    if (hub_text.empty() && !a.check && !a.list_dead_letters) {
      throw erpoll::config_error("no hub: give --hub URL or configuration.\"base.url\" in " + a.instance);
    }
    if (!hub_text.empty()) hub = erpoll::http_url::parse(hub_text);
    callback = erpoll::http_url::parse(config.callback_url);
    if (!a.since.empty()) since = parse_since(a.since);
  } catch (const erpoll::config_error& e) {
    std::cerr << e.what() << "\n";
    return exit_config;
  }

  if (a.check) {
    auto effective = config.effective();
    effective["hub"] = hub_text.empty() ? nlohmann::json("none yet: give --hub URL when running") : nlohmann::json(hub.text());
    effective["event.notification.callback.url"] = callback.text();
    std::cout << effective.dump(2) << "\n";
    std::cerr << "ok: " << config.resources.size() << " resources to poll every " << config.refresh_interval.count()
              << " minutes\n";
    return exit_ok;
  }

  if (a.list_dead_letters) {
    if (!std::filesystem::exists(std::filesystem::path(a.state_dir) / erpoll::sqlite_store::file_name)) {
      std::cerr << "erpoll-run: no state in " << a.state_dir << " (give --state-dir DIR)\n";
      return exit_config;
    }
    auto store = erpoll::sqlite_store::open_directory(a.state_dir);
    return list_dead_letters(config, store, a.state_dir);
  }

  const auto log = timestamped_log(a.quiet);
  boost::asio::io_context io;
  erpoll::http_client_options client_options;
  client_options.ca_file = config.ca_file;
  client_options.log = log;
  erpoll::http_client client(io.get_executor(), client_options);
  auto store = erpoll::sqlite_store::open_directory(a.state_dir);
  auto destination = erpoll::sink::webhook(client, callback, config.signature_key);
  erpoll::instance_pollers<erpoll::sqlite_store> pollers(io.get_executor(), client, store, config, hub, destination,
                                                         {since, log});
  using iso = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
  if (a.redeliver) {
    std::size_t moved = 0;
    for (const auto& p : pollers.pollers()) moved += p->redeliver_dead_letters();
    log(erpoll::log_level::info, "--redeliver: " + std::to_string(moved) + " dead letters moved back to the outbox");
  }
  for (const auto& p : pollers.pollers()) {
    std::string from;
    if (auto c = store.load_cursor(p->name())) {
      from = "resuming from the state directory at " + iso::format(c->watermark, erpoll::gmt) +
             (since ? " (--since applies to a first run only)" : "");
    } else {
      from = since ? "first run, from " + iso::format(*since, erpoll::gmt) : std::string("first run, from now");
    }
    char minutes[32];
    std::snprintf(minutes, sizeof minutes, "%g", config.refresh_interval.count());
    log(erpoll::log_level::info, std::string(p->name()) + ": " + std::string(p->engine()) + " engine, every " +
                                     minutes + " min, " + from);
  }

  if (a.once) {
    auto done = boost::asio::co_spawn(io, pollers.run_once(), boost::asio::use_future);
    io.run();
    const bool ok = done.get();
    std::size_t queued = 0, dead = 0;
    for (const auto& [name, m] : pollers.metrics()) {
      queued += m.outbox_depth;
      dead += m.dead_letters;
    }
    std::string message = ok ? "once: every resource polled, everything delivered"
                             : "once: not everything was polled or delivered; " + std::to_string(queued) +
                                   " notifications stay queued for the next run";
    if (dead > 0) message += "; " + std::to_string(dead) + " dead letters (see --dead-letters, --redeliver)";
    log(ok && dead == 0 ? erpoll::log_level::info : erpoll::log_level::error, message);
    return ok ? exit_ok : exit_runtime;
  }

  std::optional<erpoll::http_server> metrics;
  if (a.metrics_port) {
    const auto interval = std::chrono::duration_cast<std::chrono::microseconds>(config.refresh_interval);
    metrics.emplace(io.get_executor(), [&pollers, interval](const erpoll::server_request& r) {
      const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
      if (r.path() == "/metrics") {
        return erpoll::server_response{200, "text/plain; version=0.0.4; charset=utf-8", {},
                                       erpoll::to_prometheus(pollers.metrics(), now)};
      }
      if (r.path() == "/healthz") {
        std::string failing;
        for (const auto& [name, m] : pollers.metrics()) {
          const bool fresh = m.last_success && now - *m.last_success < 3 * interval + std::chrono::minutes(1);
          if (m.polls_failed > 0 && !fresh) failing += " " + name;
        }
        if (failing.empty()) return erpoll::server_response{200, "text/plain; charset=utf-8", {}, "ok\n"};
        return erpoll::server_response{503, "text/plain; charset=utf-8", {}, "failing:" + failing + "\n"};
      }
      return erpoll::server_response{404, "text/plain; charset=utf-8", {}, "not found: try /metrics or /healthz\n"};
    }, static_cast<std::uint16_t>(*a.metrics_port));
    log(erpoll::log_level::info,
        "metrics at http://127.0.0.1:" + std::to_string(metrics->port()) + "/metrics and /healthz");
  }
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log(erpoll::log_level::info, std::string("stopping (") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + ")");
    pollers.stop();
    if (metrics) metrics->stop();
  });
  pollers.start();
  io.run();  // returns once every poller has stopped
  std::size_t queued = 0;
  for (const auto& [name, m] : pollers.metrics()) queued += m.outbox_depth;
  log(erpoll::log_level::info, "stopped; " + std::to_string(queued) + " notifications wait for the next run");
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  arguments a;
  try {
    a = parse_arguments(argc, argv);
  } catch (const usage_error& e) {
    if (e.message.empty()) {
      std::cout << usage;
      return exit_ok;
    }
    std::cerr << "erpoll-run: " << e.message << "\n\n" << usage;
    return exit_config;
  }
  try {
    return run(a);
  } catch (const erpoll::config_error& e) {
    std::cerr << e.what() << "\n";
    return exit_config;
  } catch (const std::exception& e) {
    std::cerr << "erpoll-run: " << e.what() << "\n";
    return exit_runtime;
  }
}
