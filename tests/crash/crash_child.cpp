// The process the crash test kills: a Poller<Customers> over the SQLite store, polling the test hub every
// 50 ms and delivering to the test receiver, until it is killed (mode "run"), or until everything the hub
// has was committed and delivered (mode "drain", exit 0).
//
// usage: erpoll_crash_child run|drain HUB_URL RECEIVER_URL STATE_DIR SINCE_MICROS
#include <erpoll/netsuite/erp.hpp>
#include <erpoll/poll/poller.hpp>
#include <erpoll/store/sqlite_store.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s run|drain HUB_URL RECEIVER_URL STATE_DIR SINCE_MICROS\n", argv[0]);
    return 2;
  }
  const std::string mode = argv[1];
  boost::asio::io_context io;
  erpoll::http_client_options client_options;
  client_options.log = nullptr;
  erpoll::http_client client(io.get_executor(), client_options);
  auto store = erpoll::sqlite_store::open_directory(argv[4]);
  erpoll::poller_options o;
  o.hub = erpoll::http_url::parse(argv[2]);
  o.start_from = erpoll::instant{std::chrono::microseconds{std::stoll(argv[5])}};
  o.instance_id = "crash-test";
  o.refresh_interval = erpoll::minutes_interval(0.05 / 60);  // 50 ms
  o.pagination.page_size = 7;  // many pages per poll: kills land between pages too
  o.keyset = true;
  o.delivery_retry.delays = {std::chrono::milliseconds(20)};
  o.delivery_retry.max_attempts = 1'000'000;
  o.max_events_per_notification = 4;
  o.log = nullptr;
  erpoll::Poller<erpoll::netsuite::Customers> poller(
      io.get_executor(), client, store, erpoll::sink::webhook(client, erpoll::http_url::parse(argv[3])), o);
  if (mode == "run") {
    poller.start();
    io.run();
    return 0;
  }
  // drain: poll until a poll finds nothing new and the outbox is empty
  auto drain = [&]() -> boost::asio::awaitable<int> {
    for (int round = 0; round < 1000; ++round) {
      auto report = co_await poller.poll_now();
      if (!report.ok) continue;
      const bool delivered = co_await poller.deliver_pending();
      if (delivered && report.created + report.updated == 0) co_return 0;
    }
    co_return 1;
  };
  auto result = boost::asio::co_spawn(io, drain(), boost::asio::use_future);
  io.run();
  return result.get();
}
