/// \file
/// `erpoll::instance_pollers`: one `Poller` per resource of an `instance_config`, on one executor. A resource
/// whose description is a catalogue descriptor's runs `Poller<erpoll::netsuite::X>` (the compile-time
/// engine); any other runs `Poller<dynamic_resource>`. What `erpoll-run` runs.
///
/// \code
/// auto config = erpoll::load_instance_file("instance.json");
/// boost::asio::io_context io;
/// erpoll::http_client client(io.get_executor());
/// auto store = erpoll::sqlite_store::open_directory("state");
/// auto hub = erpoll::http_url::parse(config.base_url);
/// erpoll::instance_pollers pollers(io.get_executor(), client, store, config, hub,
///     erpoll::sink::webhook(client, erpoll::http_url::parse(config.callback_url), config.signature_key));
/// pollers.start();
/// io.run();
/// \endcode
#pragma once
#ifndef ERPOLL_CONFIG_INSTANCE_POLLERS_HPP
#define ERPOLL_CONFIG_INSTANCE_POLLERS_HPP

#include <erpoll/config/instance_config.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/core/log.hpp>
#include <erpoll/netsuite/catalogue.hpp>
#include <erpoll/poll/metrics.hpp>
#include <erpoll/poll/poller.hpp>
#include <erpoll/poll/sink.hpp>
#include <erpoll/store/outbox_entry.hpp>
#include <erpoll/store/sqlite_store.hpp>
#include <erpoll/store/store_concept.hpp>

#include <boost/asio/awaitable.hpp>
#include <boost/hana/for_each.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// One resource's poller, whichever engine runs it.
class any_poller {
 public:
  virtual ~any_poller() = default;
  /// The resource's name.
  virtual std::string_view name() const = 0;
  /// "compile-time" or "dynamic".
  virtual std::string_view engine() const = 0;
  virtual void start() = 0;
  virtual void stop() = 0;
  /// One poll now (fetch, decide, commit); does not deliver.
  virtual boost::asio::awaitable<poll_report> poll_now() = 0;
  /// One attempt for each queued notification, in order, until one fails (false) or none is left (true).
  virtual boost::asio::awaitable<bool> deliver_pending() = 0;
  virtual resource_metrics metrics() const = 0;
  /// The dead letters, oldest first.
  virtual std::vector<dead_letter> dead_letters() const = 0;
  /// Dead letters back into the outbox (see `Poller::redeliver_dead_letters`); how many.
  virtual std::size_t redeliver_dead_letters() = 0;
};

namespace detail {
template <class R, class Store>
class poller_model final : public any_poller {
 public:
  poller_model(Poller<R, Store> p, std::string_view engine) : poller_(std::move(p)), engine_(engine) {}
  std::string_view name() const override { return poller_.name(); }
  std::string_view engine() const override { return engine_; }
  void start() override { poller_.start(); }
  void stop() override { poller_.stop(); }
  boost::asio::awaitable<poll_report> poll_now() override { return poller_.poll_now(); }
  boost::asio::awaitable<bool> deliver_pending() override { return poller_.deliver_pending(); }
  resource_metrics metrics() const override { return poller_.metrics(); }
  std::vector<dead_letter> dead_letters() const override { return poller_.dead_letters(); }
  std::size_t redeliver_dead_letters() override { return poller_.redeliver_dead_letters(); }

 private:
  Poller<R, Store> poller_;
  std::string_view engine_;
};
}  // namespace detail

/// The pollers of one instance. `config`, `client`, `store` and the executor's context must outlive them.
template <store_type Store = sqlite_store>
class instance_pollers {
 public:
  /// Where the first poll of a resource starts when the store has no cursor for it (nothing: now), and where
  /// log lines go.
  struct options {
    std::optional<instant> start_from;
    log_function log = stderr_log();
  };

  /// \throws config_error for options a poller refuses.
  instance_pollers(boost::asio::any_io_executor executor, http_client& client, Store& store,
                   const instance_config& config, const http_url& hub, sink destination, options o = {}) {
    for (const auto& r : config.resources) {
      poller_options po = config.poller_options_for(r, hub);
      po.start_from = o.start_from;
      po.log = o.log;
      if (r.catalogue_index) {
        std::size_t index = 0;
        boost::hana::for_each(netsuite::catalogue, [&](auto t) {
          using R = typename decltype(t)::type;
          if (index++ != *r.catalogue_index) return;
          pollers_.push_back(std::make_unique<detail::poller_model<R, Store>>(
              Poller<R, Store>(executor, client, store, destination, po), "compile-time"));
        });
      } else {
        pollers_.push_back(std::make_unique<detail::poller_model<dynamic_resource, Store>>(
            Poller<dynamic_resource, Store>(executor, client, store, destination, po,
                                            resource_engine<dynamic_resource>(dynamic_resource(r.description))),
            "dynamic"));
      }
    }
  }

  /// Starts every poller (each polls at once, then every refresh interval).
  void start() {
    for (auto& p : pollers_) p->start();
  }
  /// Stops every poller (see `Poller::stop`).
  void stop() {
    for (auto& p : pollers_) p->stop();
  }

  /// Polls every resource once, then delivers what is queued. True when every poll committed and the
  /// outbox is empty; what was not delivered stays queued for the next run.
  boost::asio::awaitable<bool> run_once() {
    bool ok = true;
    for (auto& p : pollers_) {
      const poll_report report = co_await p->poll_now();
      ok = report.ok && ok;
    }
    for (auto& p : pollers_) {
      const bool delivered = co_await p->deliver_pending();
      ok = delivered && ok;
    }
    co_return ok;
  }

  /// Each resource's figures.
  std::vector<std::pair<std::string, resource_metrics>> metrics() const {
    std::vector<std::pair<std::string, resource_metrics>> out;
    for (const auto& p : pollers_) out.emplace_back(std::string(p->name()), p->metrics());
    return out;
  }

  /// The pollers, in the configuration's order.
  const std::vector<std::unique_ptr<any_poller>>& pollers() const noexcept { return pollers_; }

 private:
  std::vector<std::unique_ptr<any_poller>> pollers_;
};

ERPOLL_END_NAMESPACE

#endif
