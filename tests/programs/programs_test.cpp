// erpoll-run and erpoll-sandbox as a user runs them: --help, --check, exit codes, --once against the sandbox
// (the seed's own example instance and the demo's 11 resources), a receiver outage and the next run, the
// long-running mode with /metrics and /healthz, and SIGTERM.
#include <erpoll/net/http_client.hpp>

#include "../../programs/sandbox/where_filter.hpp"
#include "../support/run.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

TEST_CASE("sandbox: CEQL where clauses as the hub reads them", "[programs]") {
  std::string error;
  auto w = erpoll_sandbox::parse_where("lastModifiedDate>='2026-12-01T00:00:00Z' and `a.b` != 'it''s' AND n < 5", error);
  REQUIRE(w);
  REQUIRE(w->conditions.size() == 3);
  CHECK(w->conditions[0].field == "lastModifiedDate");
  CHECK(w->conditions[0].op == ">=");
  CHECK(w->conditions[0].value == "2026-12-01T00:00:00Z");
  CHECK(w->conditions[1].field == "a.b");
  CHECK(w->conditions[1].value == "it's");
  CHECK(w->conditions[2].op == "<");
  CHECK(w->conditions[2].value == "5");
  // The seed's own URL: a closing quote missing at the end, and the attributes clause.
  w = erpoll_sandbox::parse_where("lastModifiedDate>='2026-12-01T00:00:00Z' and attributes='created_at,updated_at", error);
  REQUIRE(w);
  CHECK(w->conditions.size() == 1);
  CHECK(w->attributes == std::vector<std::string>{"created_at", "updated_at"});
  CHECK_FALSE(erpoll_sandbox::parse_where("a = 'x' or b = 'y'", error));
  CHECK(error == "OR is not supported (NetSuite)");
  CHECK_FALSE(erpoll_sandbox::parse_where("a 'x'", error));
  CHECK(erpoll_sandbox::query_parameter("/x?pageSize=5&where=a%3E%3D%27b%27", "where") == std::optional<std::string>("a>='b'"));
  CHECK(erpoll_sandbox::compare(2, ">=", 2));
  CHECK_FALSE(erpoll_sandbox::compare(1, ">", 2));
}

#if defined(ERPOLL_RUN_PROGRAM) && defined(ERPOLL_SANDBOX_PROGRAM)

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const fs::path source_dir = ERPOLL_SOURCE_DIR;

struct scratch {
  fs::path dir = fs::temp_directory_path() / ("erpoll-programs-test-" + std::to_string(getpid()));
  scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~scratch() { fs::remove_all(dir); }
  fs::path operator/(const std::string& name) const { return dir / name; }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `program args...` with stdout and stderr to files.
pid_t start(const char* program, const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  const pid_t child = fork();
  if (child == 0) {
    if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(126);
    std::vector<char*> argv{const_cast<char*>(program)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(program, argv.data());
    _exit(127);
  }
  return child;
}

int wait_exit(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct result {
  int exit_code;
  std::string out, err;
};

result run_program(const char* program, const std::vector<std::string>& args, const scratch& s) {
  const auto out = s / "out.txt", err = s / "err.txt";
  const int code = wait_exit(start(program, args, out, err));
  return {code, read(out), read(err)};
}

result erpoll_run(const std::vector<std::string>& args, const scratch& s) { return run_program(ERPOLL_RUN_PROGRAM, args, s); }

std::string instance(const char* relative) { return (source_dir / relative).string(); }

// The sandbox as a child process, changing `only` at `rate` per second for `changes_for` seconds.
struct sandbox_process {
  pid_t pid;
  std::string port;
  fs::path out;

  sandbox_process(const scratch& s, const std::string& only, double rate, double changes_for,
                  std::vector<std::string> extra = {})
      : out(s / "sandbox.txt") {
    const auto port_file = s / "sandbox.port";
    std::vector<std::string> args{"--port-file", port_file.string(), "--user", "demo", "--password", "demo-password",
                                  "--rate", std::to_string(rate), "--changes-for", std::to_string(changes_for),
                                  "--summary-every", "0"};
    if (!only.empty()) args.insert(args.end(), {"--only", only});
    args.insert(args.end(), extra.begin(), extra.end());
    pid = start(ERPOLL_SANDBOX_PROGRAM, args, out, s / "sandbox.err");
    for (int i = 0; i < 200 && port.empty(); ++i) {
      std::this_thread::sleep_for(20ms);
      port = read(port_file);
      while (!port.empty() && port.back() == '\n') port.pop_back();
    }
    REQUIRE_FALSE(port.empty());
  }
  std::string hub() const { return "http://127.0.0.1:" + port + "/elements/api-v2"; }
  std::string callback() const { return "http://127.0.0.1:" + port + "/events"; }
  // Ends it; its verdict: 0 when every change it made was delivered.
  int stop() {
    kill(pid, SIGTERM);
    return wait_exit(pid);
  }
};

std::string since_now() {
  using namespace std::chrono;
  const auto t = floor<seconds>(system_clock::now()) - 1s;
  const auto days = floor<std::chrono::days>(t);
  const year_month_day ymd{days};
  const hh_mm_ss hms{t - days};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                hms.minutes().count(), static_cast<long>(hms.seconds().count()));
  return text;
}

// One HTTP request to 127.0.0.1 from the test.
erpoll::expected<erpoll::http_response, erpoll::http_error> http(const std::string& method, const std::string& url) {
  boost::asio::io_context io;
  erpoll::http_client_options o;
  o.log = nullptr;
  erpoll::http_client client(io.get_executor(), o);
  erpoll::http_request r;
  r.method = method;
  r.url = erpoll::http_url::parse(url);
  return erpoll_test::run(io, client.send(std::move(r)));
}

}  // namespace

TEST_CASE("erpoll-run: --help, usage errors and --check", "[programs]") {
  scratch s;
  auto help = erpoll_run({"--help"}, s);
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("usage: erpoll-run") && Catch::Contains("--metrics-port"));
  CHECK(erpoll_run({}, s).exit_code == 2);
  CHECK(erpoll_run({"--frobnicate", "x.json"}, s).exit_code == 2);
  CHECK(erpoll_run({"--once", "--check", "x.json"}, s).exit_code == 2);
  const auto missing = erpoll_run({"--check", (s / "none.json").string()}, s);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("cannot read the instance file"));

  // The seed's example, filled in: valid, secrets masked, the engine named.
  const auto check = erpoll_run({"--check", instance("examples/instances/seed-example-1.json")}, s);
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.out, Catch::Contains("\"user.password\": \"***\"") && !Catch::Contains("demo-password"));
  CHECK_THAT(check.out, Catch::Contains("dynamic_resource"));
  const auto demo = erpoll_run({"--check", instance("examples/instances/demo.json")}, s);
  CHECK(demo.exit_code == 0);
  CHECK_THAT(demo.out, Catch::Contains("compile-time descriptor erpoll::netsuite::VendorPayments") &&
                           !Catch::Contains("sandbox-password") && !Catch::Contains("demo-signature-key"));
  CHECK_THAT(demo.err, Catch::Contains("ok: 11 resources"));

  // As printed in the seed: every placeholder named, exit 2.
  const auto verbatim = erpoll_run({"--check", instance("tests/data/instances/seed-verbatim-1.json")}, s);
  CHECK(verbatim.exit_code == 2);
  CHECK_THAT(verbatim.err, Catch::Contains("7 problems") && Catch::Contains("\"<minutes>\" is a placeholder") &&
                               Catch::Contains("/configuration/user.password"));

  std::ofstream(s / "broken.json") << "{\n  \"element\": {\"key\": \"netsuiteerpv2\"}\n  \"name\": \"x\"\n}\n";
  const auto broken = erpoll_run({"--check", (s / "broken.json").string()}, s);
  CHECK(broken.exit_code == 2);
  CHECK_THAT(broken.err, Catch::Contains("broken.json:3:3: invalid JSON"));

  CHECK(erpoll_run({"--once", "--since", "yesterday", instance("examples/instances/demo.json")}, s).exit_code == 2);
}

TEST_CASE("erpoll-run --once: the seed's example instance, unchanged, against the sandbox", "[programs]") {
  scratch s;
  const std::string since = since_now();
  sandbox_process sandbox(s, "customers", 20, 1);
  std::this_thread::sleep_for(1500ms);  // the changes are made
  // The seed's URL (/hubs/finance/customers, attributes='created_at,updated_at'), idField id, updated_at.
  const auto r = erpoll_run({"--once", "--state-dir", (s / "state").string(), "--hub", sandbox.hub(), "--callback",
                             sandbox.callback(), "--since", since, instance("examples/instances/seed-example-2.json")},
                            s);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("customers: dynamic engine") && Catch::Contains("customers: poll ok") &&
                        Catch::Contains("everything delivered") && !Catch::Contains("demo-password"));
  CHECK(sandbox.stop() == 0);
  CHECK_THAT(read(sandbox.out), Catch::Contains("VERDICT: every one of the"));
}

TEST_CASE("erpoll-run --once: 11 resources, a receiver outage leaves events queued for the next run", "[programs]") {
  scratch s;
  const std::string since = since_now();
  sandbox_process sandbox(s, "", 30, 1, {"--signature-key", "demo-signature-key"});
  std::this_thread::sleep_for(1500ms);
  REQUIRE(http("POST", "http://127.0.0.1:" + sandbox.port + "/sandbox/refuse?count=1000"));
  const std::vector<std::string> args{"--once", "--state-dir", (s / "state").string(), "--hub", sandbox.hub(),
                                      "--callback", sandbox.callback(), "--since", since,
                                      instance("examples/instances/demo.json")};
  setenv("ERPOLL_PASSWORD", "demo-password", 1);  // the demo file says sandbox-password: the environment wins
  setenv("ERPOLL_USERNAME", "demo", 1);
  const auto down = erpoll_run(args, s);
  CHECK(down.exit_code == 1);
  CHECK_THAT(down.err, Catch::Contains("stay queued for the next run") && Catch::Contains("503"));
  REQUIRE(http("POST", "http://127.0.0.1:" + sandbox.port + "/sandbox/refuse?count=0"));
  const auto up = erpoll_run(args, s);  // the same state directory: the queued notifications go out
  unsetenv("ERPOLL_PASSWORD");
  unsetenv("ERPOLL_USERNAME");
  CHECK(up.exit_code == 0);
  CHECK_THAT(up.err, Catch::Contains("invoices: compile-time engine, every 0.05 min, resuming from the state directory"));
  CHECK_THAT(down.err, Catch::Contains("invoices: compile-time engine, every 0.05 min, first run, from " + since));
  const int verdict = sandbox.stop();
  const std::string report = read(sandbox.out);
  INFO(report);
  CHECK(verdict == 0);
  CHECK_THAT(report, Catch::Contains("0 bad signatures"));
}

TEST_CASE("erpoll-run: dead letters are listed, and --redeliver sends them", "[programs]") {
  scratch s;
  const std::string since = since_now();
  sandbox_process sandbox(s, "invoices", 10, 1);
  std::this_thread::sleep_for(1500ms);
  REQUIRE(http("POST", "http://127.0.0.1:" + sandbox.port + "/sandbox/refuse?count=1000"));
  // The demo instance, with deliveries given up after one attempt.
  std::string text = read(source_dir / "examples/instances/demo.json");
  text.replace(text.find("\"event.poller.refresh_interval\""), 0, "\"erpoll.delivery.max.attempts\": 1,\n  ");
  std::ofstream(s / "one-attempt.json") << text;
  const std::vector<std::string> state{"--state-dir", (s / "state").string()};
  auto args = [&](std::vector<std::string> head) {
    head.insert(head.end(), state.begin(), state.end());
    head.insert(head.end(), {"--hub", sandbox.hub(), "--callback", sandbox.callback(), "--since", since,
                             (s / "one-attempt.json").string()});
    return head;
  };
  CHECK(erpoll_run({"--dead-letters", "--state-dir", (s / "nothing").string(), instance("examples/instances/demo.json")},
                   s)
            .exit_code == 2);
  setenv("ERPOLL_PASSWORD", "demo-password", 1);
  setenv("ERPOLL_USERNAME", "demo", 1);
  const auto down = erpoll_run(args({"--once"}), s);
  CHECK(down.exit_code == 1);
  CHECK_THAT(down.err, Catch::Contains("moved to the dead letters") && Catch::Contains("dead letters (see --dead-letters"));
  const auto listed = erpoll_run(args({"--dead-letters"}), s);
  CHECK(listed.exit_code == 0);
  CHECK_THAT(listed.out, Catch::StartsWith("invoices\t") && Catch::Contains("1 attempts") && Catch::Contains("503"));
  CHECK_THAT(listed.err, Catch::Contains(" dead letters in ") && Catch::Contains("--redeliver"));
  CHECK(erpoll_run(args({"--dead-letters", "--redeliver"}), s).exit_code == 2);
  REQUIRE(http("POST", "http://127.0.0.1:" + sandbox.port + "/sandbox/refuse?count=0"));
  const auto again = erpoll_run(args({"--once", "--redeliver"}), s);
  unsetenv("ERPOLL_PASSWORD");
  unsetenv("ERPOLL_USERNAME");
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("dead letters moved back to the outbox"));
  const auto empty = erpoll_run(args({"--dead-letters"}), s);
  CHECK(empty.out.empty());
  CHECK_THAT(empty.err, Catch::StartsWith("0 dead letters in "));
  const int verdict = sandbox.stop();
  INFO(read(sandbox.out));
  CHECK(verdict == 0);
}

TEST_CASE("erpoll-run: a hub that cannot be reached fails --once with exit 1", "[programs]") {
  scratch s;
  const auto r = erpoll_run({"--once", "--state-dir", (s / "state").string(), "--hub", "http://127.0.0.1:1/x",
                             "--callback", "http://127.0.0.1:1/e", instance("examples/instances/seed-example-1.json")},
                            s);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("customers: poll failed") && Catch::Contains("the cursor did not move"));
}

TEST_CASE("erpoll-run: runs until SIGTERM, serving /metrics and /healthz on 127.0.0.1", "[programs]") {
  scratch s;
  const std::string since = since_now();
  sandbox_process sandbox(s, "invoices", 10, 30);
  const auto err = s / "run.err";
  setenv("ERPOLL_PASSWORD", "demo-password", 1);
  setenv("ERPOLL_USERNAME", "demo", 1);
  const pid_t run = start(ERPOLL_RUN_PROGRAM,
                          {"--state-dir", (s / "state").string(), "--hub", sandbox.hub(), "--callback",
                           sandbox.callback(), "--since", since, "--metrics-port", "0",
                           instance("examples/instances/demo.json")},
                          s / "run.out", err);
  unsetenv("ERPOLL_PASSWORD");
  unsetenv("ERPOLL_USERNAME");
  std::string port;
  for (int i = 0; i < 300 && port.empty(); ++i) {
    std::this_thread::sleep_for(20ms);
    const auto log = read(err);
    if (auto at = log.find("metrics at http://127.0.0.1:"); at != std::string::npos) {
      const auto begin = at + std::string("metrics at http://127.0.0.1:").size();
      port = log.substr(begin, log.find('/', begin) - begin);
    }
  }
  REQUIRE_FALSE(port.empty());
  std::this_thread::sleep_for(3500ms);  // the first poll at start, one more after 3 s
  const auto metrics = http("GET", "http://127.0.0.1:" + port + "/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK_THAT(metrics->body, Catch::Contains("erpoll_polls_total{resource=\"invoices\"}") &&
                                Catch::Contains("resource=\"vendors\""));
  const auto health = http("GET", "http://127.0.0.1:" + port + "/healthz");
  REQUIRE(health);
  CHECK(health->body == "ok\n");
  const auto stop_at = std::chrono::steady_clock::now();
  kill(run, SIGTERM);
  CHECK(wait_exit(run) == 0);
  CHECK(std::chrono::steady_clock::now() - stop_at < 2s);
  const auto log = read(err);
  CHECK_THAT(log, Catch::Contains("invoices: poll ok") && Catch::Contains("stopping (SIGTERM)"));
  CHECK_THAT(log, !Catch::Contains("demo-password"));
  sandbox.stop();
}

#endif
