// Polls NetSuite customers through a Cloud Elements hub and POSTs signed CREATED/UPDATED events to a callback
// URL, until SIGINT or SIGTERM; state (cursor and outbox) survives restarts in STATE_DIR.
//
// usage: erpoll-poll-customers HUB_URL CALLBACK_URL [STATE_DIR [SINCE [MINUTES]]]
//   SINCE: where the first run starts, yyyy-MM-ddTHH:mm:ssZ (default: now); MINUTES: the refresh interval
//   (default 15; fractions allowed). Environment: ERPOLL_USER, ERPOLL_PASSWORD (HTTP Basic to the hub),
//   ERPOLL_SIGNATURE_KEY (signs the notifications).
#include <erpoll/erpoll.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}
}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s HUB_URL CALLBACK_URL [STATE_DIR [SINCE [MINUTES]]]\n", argv[0]);
    return 2;
  }
  boost::asio::io_context io;
  erpoll::http_client client(io.get_executor());
  auto store = erpoll::sqlite_store::open_directory(argc > 3 ? argv[3] : "erpoll-state");

  erpoll::poller_options options;
  options.hub = erpoll::http_url::parse(argv[1]);
  if (argc > 4) options.start_from = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::parse(argv[4], erpoll::gmt).value();
  if (argc > 5) options.refresh_interval = erpoll::minutes_interval(std::stod(argv[5]));
  if (!env("ERPOLL_USER").empty()) {
    options.auth.scheme = erpoll::basic_auth{env("ERPOLL_USER"), erpoll::secret(env("ERPOLL_PASSWORD"))};
  }
  auto callback = erpoll::sink::webhook(client, erpoll::http_url::parse(argv[2]),
                                        erpoll::secret(env("ERPOLL_SIGNATURE_KEY")));

  erpoll::Poller<erpoll::netsuite::Customers> poller(io.get_executor(), client, store, callback, options);
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { poller.stop(); });
  poller.start();
  io.run();  // returns once the poller has stopped
  std::fprintf(stderr, "stopped; %zu notifications wait for the next run\n", poller.metrics().outbox_depth);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "%s\n", e.what());
  return 1;
}
