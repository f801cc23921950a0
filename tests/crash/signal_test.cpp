// The poll_customers example as a program: it polls the test hub, delivers to the test receiver, and on
// SIGTERM stops cleanly (exit 0) within a second; a second run resumes from the state directory.
#include "../support/test_hub.hpp"
#include "../support/test_receiver.hpp"
#include "../support/test_server.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

#ifdef ERPOLL_EXAMPLE_POLLER
TEST_CASE("example program: events delivered, SIGTERM stops it cleanly, a restart resumes", "[process]") {
  boost::asio::io_context io;
  erpoll_test::test_hub hub;
  erpoll_test::test_receiver receiver{"example-key"};
  erpoll_test::test_server hub_server(io, [&](const erpoll_test::test_request& r) { return hub.handle(r); });
  erpoll_test::test_server receiver_server(io, [&](const erpoll_test::test_request& r) { return receiver.handle(r); });
  auto guard = boost::asio::make_work_guard(io);
  std::thread server_thread([&] { io.run(); });
  hub.basic_auth = std::pair<std::string, std::string>{"demo", "demo-password"};
  const erpoll::instant t0 = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()) - 1h;
  for (int i = 0; i < 5; ++i) hub.create("customers", std::to_string(i), t0 + std::chrono::seconds(i));

  const auto dir = std::filesystem::temp_directory_path() / ("erpoll-example-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto run_once = [&](std::size_t expect_received) {
    const pid_t child = fork();
    if (child == 0) {
      setenv("ERPOLL_USER", "demo", 1);
      setenv("ERPOLL_PASSWORD", "demo-password", 1);
      setenv("ERPOLL_SIGNATURE_KEY", "example-key", 1);
      const std::string hub_url = hub_server.url(), callback = receiver_server.url() + "/hook";
      const std::string since = erpoll_test::iso_seconds::format(t0, erpoll::gmt);
      execl(ERPOLL_EXAMPLE_POLLER, ERPOLL_EXAMPLE_POLLER, hub_url.c_str(), callback.c_str(), dir.c_str(), since.c_str(),
            "0.005", static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 300 && receiver.received().size() < expect_received; ++i) std::this_thread::sleep_for(10ms);
    CHECK(receiver.received().size() == expect_received);
    const auto stop_at = std::chrono::steady_clock::now();
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(std::chrono::steady_clock::now() - stop_at < 1s);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  };
  run_once(1);  // five records in one notification
  hub.update("customers", "2", t0 + 60s);
  run_once(2);  // only the change: the cursor came from the state directory
  const auto received = receiver.received();
  for (const auto& n : received) CHECK(n.signature_ok);
  CHECK_THAT(received[1].body, Catch::Contains("\"eventType\":\"UPDATED\",\"objectId\":\"2\""));

  guard.reset();
  io.stop();
  server_thread.join();
  std::filesystem::remove_all(dir);
}
#endif
