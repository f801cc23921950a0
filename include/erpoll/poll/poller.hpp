/// \file
/// `erpoll::Poller<R>`: polls one resource every refresh interval on a Boost.Asio executor, reads all pages
/// of each poll, decides CREATED/UPDATED events, commits the new cursor and the notifications to the store in
/// one transaction, then delivers them through a sink, retrying on a schedule and dead-lettering at its end.
/// Many pollers share one `io_context`; one thread drives thousands.
///
/// \code
/// boost::asio::io_context io;
/// erpoll::http_client client(io.get_executor());
/// auto store = erpoll::sqlite_store::open_directory("state");
/// erpoll::poller_options options;
/// options.hub = erpoll::http_url::parse("http://127.0.0.1:8080/elements/api-v2");
/// erpoll::Poller<erpoll::netsuite::Customers> poller(io.get_executor(), client, store,
///     erpoll::sink::webhook(client, erpoll::http_url::parse("http://127.0.0.1:9000/events")), options);
/// poller.start();
/// io.run();
/// \endcode
#pragma once
#ifndef ERPOLL_POLL_POLLER_HPP
#define ERPOLL_POLL_POLLER_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/change/event_id.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/core/log.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/net/auth.hpp>
#include <erpoll/net/http_client.hpp>
#include <erpoll/net/pagination.hpp>
#include <erpoll/poll/metrics.hpp>
#include <erpoll/poll/poller_options.hpp>
#include <erpoll/poll/resource_engine.hpp>
#include <erpoll/poll/sink.hpp>
#include <erpoll/store/outbox_entry.hpp>
#include <erpoll/store/sqlite_store.hpp>
#include <erpoll/store/store_concept.hpp>
#include <erpoll/time/instant.hpp>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// What one poll did.
struct poll_report {
  bool ok = false;       ///< committed
  bool partial = false;  ///< ended at the pages bound or a repeated token (committed what was read)
  bool abandoned = false;  ///< stopped before committing; the cursor did not move
  std::size_t pages = 0;
  std::size_t records = 0;
  std::size_t record_errors = 0;
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t notifications = 0;
  std::string error_kind;  ///< when not ok: "timeout", "status", "page", "store", ...
  std::string error;       ///< when not ok: what happened, naming the URL (never a secret)
  std::chrono::microseconds duration{0};
};

namespace detail {
inline instant system_now() { return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()); }

inline std::string format_duration(std::chrono::microseconds d) {
  if (d < std::chrono::seconds(10)) return std::to_string(d.count() / 1000) + " ms";
  return std::to_string(d.count() / 1'000'000) + " s";
}
}  // namespace detail

/// Polls resource `R` (a compile-time descriptor, or `dynamic_resource`) and delivers its events.
/// The client, the store and the executor's context must outlive the poller's work: stop it, then let the
/// context finish (`io.run()` returns), then destroy them.
template <class R, store_type Store = sqlite_store>
class Poller {
 public:
  using executor_type = boost::asio::any_io_executor;

  /// \throws config_error for invalid options.
  Poller(executor_type executor, http_client& hub_client, Store& store, sink destination, poller_options options,
         resource_engine<R> engine = {})
      : s_(std::make_shared<state>(std::move(executor), hub_client, store, std::move(destination), std::move(options),
                                   std::move(engine))) {
    s_->options.validate();
  }

  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;
  Poller(Poller&&) noexcept = default;
  ~Poller() {
    if (s_) stop();
  }

  /// The resource's name.
  std::string_view name() const noexcept { return s_->engine.name(); }

  /// Starts polling (every refresh interval) and delivering, on the executor.
  void start() {
    if (s_->started) return;
    s_->started = true;
    s_->stopping = false;
    boost::asio::co_spawn(s_->executor, poll_loop(s_),
                          boost::asio::bind_cancellation_slot(s_->poll_cancel.slot(), boost::asio::detached));
    boost::asio::co_spawn(s_->executor, delivery_loop(s_),
                          boost::asio::bind_cancellation_slot(s_->delivery_cancel.slot(), boost::asio::detached));
  }

  /// Stops: no new polls; an in-flight poll is abandoned (the cursor does not move) unless it is committing;
  /// an in-flight delivery is cut off and stays queued. Call it on the executor's thread.
  void stop() {
    auto& s = *s_;
    if (s.stopping) return;
    s.stopping = true;
    s.poll_timer.cancel();
    s.delivery_timer.cancel();
    s.poll_cancel.emit(boost::asio::cancellation_type::terminal);
    s.delivery_cancel.emit(boost::asio::cancellation_type::terminal);
  }

  /// One poll now (for `--once` and tests): fetch, decide, commit. Does not deliver.
  boost::asio::awaitable<poll_report> poll_now() { return poll_once(s_); }

  /// Delivers the outbox in order, one attempt each (ignoring the retry times), until it is empty (true) or
  /// an attempt fails (false; the rest stays queued, in order).
  boost::asio::awaitable<bool> deliver_pending() {
    auto s = s_;
    for (;;) {
      std::optional<outbox_entry> head;
      try {
        head = s->store.next_pending(s->engine.name());
      } catch (const std::exception& e) {
        s->log(log_level::error, std::string("reading the outbox failed: ") + e.what());
        co_return false;
      }
      if (!head) co_return true;
      if (!co_await attempt(s, *head)) co_return false;
    }
  }

  /// This resource's dead letters, oldest first. \throws store_error.
  std::vector<dead_letter> dead_letters() const { return s_->store.dead_letters(s_->engine.name()); }

  /// Moves this resource's dead letters back to the end of the outbox (attempts and age reset) and wakes the
  /// delivery loop; returns how many. They go out after what is queued now, so an earlier change that was
  /// dead-lettered may arrive after a later one of the same record: receivers should compare `updatedDate`.
  /// \throws store_error.
  std::size_t redeliver_dead_letters() {
    const std::size_t n = s_->store.redeliver_dead_letters(s_->engine.name(), detail::system_now());
    if (n > 0) {
      s_->log(log_level::info, std::to_string(n) + " dead letters moved back to the outbox for redelivery");
      s_->delivery_timer.cancel();
    }
    return n;
  }

  /// The figures of this resource, with the store's gauges read now.
  resource_metrics metrics() const {
    resource_metrics m = s_->metrics;
    try {
      m.outbox_depth = s_->store.outbox_depth(s_->engine.name());
      m.dead_letters = s_->store.dead_letter_count(s_->engine.name());
    } catch (const std::exception&) {
      // the gauges stay as last known
    }
    return m;
  }

 private:
  struct state {
    state(executor_type ex, http_client& c, Store& st, sink d, poller_options o, resource_engine<R> e)
        : executor(std::move(ex)),
          client(c),
          store(st),
          destination(std::move(d)),
          options(std::move(o)),
          engine(std::move(e)),
          poll_timer(executor),
          delivery_timer(executor) {}

    void log(log_level level, std::string_view message) const {
      if (!options.log) return;
      std::string line(engine.name());
      line += ": ";
      line += message;
      options.log(level, line);
    }

    executor_type executor;
    http_client& client;
    Store& store;
    sink destination;
    poller_options options;
    resource_engine<R> engine;
    std::optional<cursor> current;  // the committed cursor, once loaded
    resource_metrics metrics;
    boost::asio::steady_timer poll_timer;
    boost::asio::steady_timer delivery_timer;
    boost::asio::cancellation_signal poll_cancel;
    boost::asio::cancellation_signal delivery_cancel;
    bool started = false;
    bool stopping = false;
    bool polling = false;
    std::minstd_rand random{std::random_device{}()};
  };
  using state_ptr = std::shared_ptr<state>;

  static boost::asio::awaitable<void> poll_loop(state_ptr s) {
    namespace asio = boost::asio;
    const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(s->options.refresh_interval);
    auto next = std::chrono::steady_clock::now();
    if (!s->options.poll_at_start) next += interval;
    try {
      while (!s->stopping) {
        s->poll_timer.expires_at(next);
        co_await s->poll_timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (s->stopping) break;
        const auto late = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - next);
        s->metrics.timer_lateness_max = std::max(s->metrics.timer_lateness_max, late);
        co_await poll_once(s);
        // Fixed times from the start: a poll that overran skips the times it missed, and no drift accumulates.
        const auto now = std::chrono::steady_clock::now();
        do next += interval;
        while (next <= now);
      }
    } catch (const boost::system::system_error&) {
      // cancelled by stop()
    }
  }

  static boost::asio::awaitable<void> delivery_loop(state_ptr s) {
    namespace asio = boost::asio;
    try {
      while (!s->stopping) {
        std::optional<outbox_entry> head;
        bool store_failed = false;
        try {
          head = s->store.next_pending(s->engine.name());
        } catch (const std::exception& e) {
          s->log(log_level::error, std::string("reading the outbox failed: ") + e.what());
          store_failed = true;
        }
        if (store_failed) {  // (co_await is not allowed in a handler)
          s->delivery_timer.expires_after(std::chrono::seconds(5));
          co_await s->delivery_timer.async_wait(asio::as_tuple(asio::use_awaitable));
          continue;
        }
        if (!head) {  // nothing to send: sleep until a commit wakes us (it cancels the timer)
          s->delivery_timer.expires_at(std::chrono::steady_clock::time_point::max());
          co_await s->delivery_timer.async_wait(asio::as_tuple(asio::use_awaitable));
          continue;
        }
        const auto now = detail::system_now();
        if (head->next_attempt > now) {
          s->delivery_timer.expires_after(head->next_attempt - now);
          co_await s->delivery_timer.async_wait(asio::as_tuple(asio::use_awaitable));
          continue;
        }
        co_await attempt(s, *head);
      }
    } catch (const boost::system::system_error&) {
      // cancelled by stop()
    }
  }

  // One delivery attempt of the outbox head; true when delivered.
  static boost::asio::awaitable<bool> attempt(state_ptr s, const outbox_entry& head) {
    auto result = co_await s->destination.deliver(head.note);
    if (s->stopping && !result.delivered) co_return false;  // cut off by stop(): stays queued as it was
    const auto now = detail::system_now();
    auto& m = s->metrics;
    const std::string what = "notification " + head.note.id + " (" + std::to_string(head.note.event_ids.size()) +
                             " events, attempt " + std::to_string(head.attempts + 1) + ")";
    try {
      if (result.delivered) {
        s->store.delivered(head.seq);
        ++m.notifications_delivered;
        m.events_delivered += head.note.event_ids.size();
        co_return true;
      }
      ++m.delivery_failures;
      ++m.errors["delivery"];
      const auto delay = s->options.delivery_retry.next_delay(head.attempts + 1, now - head.created,
                                                              result.retry_after, s->random);
      if (delay) {
        s->store.retry_later(head.seq, now + std::chrono::duration_cast<std::chrono::microseconds>(*delay), result.error);
        s->log(log_level::warning, "delivery of " + what + " failed: " + result.error + "; next attempt in " +
                                       detail::format_duration(*delay));
      } else {
        s->store.to_dead_letters(head.seq, result.error, now);
        ++m.dead_lettered;
        s->log(log_level::error, "delivery of " + what + " failed: " + result.error +
                                     "; given up, moved to the dead letters (redeliverable)");
      }
    } catch (const std::exception& e) {
      ++m.errors["store"];
      s->log(log_level::error, "recording the delivery of " + what + " failed: " + e.what());
    }
    co_return false;
  }

  static std::vector<std::pair<std::string, std::string>> hub_headers(const poller_options& o) {
    std::vector<std::pair<std::string, std::string>> h{{"Accept", "application/json"}};
    if (auto value = authorization_value(o.auth); !value.empty()) h.emplace_back("Authorization", std::move(value));
    for (const auto& [name, value] : o.auth.extra_headers) h.emplace_back(name, value.reveal());
    return h;
  }

  static boost::asio::awaitable<poll_report> poll_once(state_ptr s) {
    poll_report report;
    if (s->polling) {
      report.error_kind = "busy";
      report.error = "a poll of this resource is already running";
      co_return report;
    }
    s->polling = true;
    const auto began_steady = std::chrono::steady_clock::now();
    const instant began = detail::system_now();
    try {
      co_await poll_pages(s, began, report);
    } catch (const std::exception& e) {
      report.ok = false;
      report.error_kind = s->stopping ? "cancelled" : "internal";
      report.error = e.what();
    }
    s->polling = false;
    report.duration =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - began_steady);
    auto& m = s->metrics;
    if (report.ok) {
      ++m.polls;
      m.polls_partial += report.partial ? 1 : 0;
      s->log(log_level::info, std::string(report.partial ? "poll partial" : "poll ok") + ": " +
                                  std::to_string(report.pages) + " pages, " + std::to_string(report.records) +
                                  " records, " + std::to_string(report.created + report.updated) + " events (" +
                                  std::to_string(report.created) + " created, " + std::to_string(report.updated) +
                                  " updated), " + std::to_string(report.notifications) + " notifications, " +
                                  detail::format_duration(report.duration));
    } else if (s->stopping) {
      report.abandoned = true;
      s->log(log_level::info, "poll abandoned by stop; the cursor did not move");
    } else {
      ++m.polls_failed;
      ++m.errors[report.error_kind];
      s->log(log_level::error, "poll failed (" + report.error_kind + "): " + report.error + "; the cursor did not move");
    }
    co_return report;
  }

  static boost::asio::awaitable<void> poll_pages(state_ptr s, instant began, poll_report& report) {
    const auto& o = s->options;
    auto fail = [&report](std::string kind, std::string message) {
      report.ok = false;
      report.error_kind = std::move(kind);
      report.error = std::move(message);
    };
    if (!s->current) {
      auto loaded = s->store.load_cursor(s->engine.name());
      if (!loaded) {
        loaded.emplace();
        loaded->watermark = o.start_from.value_or(began);
      }
      s->current = std::move(*loaded);
    }
    const cursor c = *s->current;
    const instant from = query_from(c, o.change);
    std::string base = s->engine.expand(from);
    page_walker walker(base, o.pagination);
    const auto headers = hub_headers(o);

    std::set<emitted_change> seen;  // (id, updated) handled in this poll: pages that overlap are read once
    std::vector<event> events;
    std::vector<emitted_change> emitted;
    std::optional<instant> last_updated;
    bool in_order = true;
    bool complete = false;
    std::size_t record_index_base = 0;

    // Named, not a temporary in the co_await expression: GCC 12 destroys such a lambda's captures twice.
    const retry_observer on_retry = [st = s.get()](std::uint32_t n, const http_error& e, std::chrono::milliseconds wait) {
      ++st->metrics.hub_retries;
      st->log(log_level::warning,
              "retry " + std::to_string(n) + " in " + detail::format_duration(wait) + " after: " + e.message);
    };
    for (;;) {
      http_request request;
      request.url = join_url(o.hub, walker.target());
      request.headers = headers;
      auto response = co_await s->client.send_with_retries(std::move(request), o.hub_retry, on_retry);
      if (s->stopping) co_return;
      if (!response) co_return fail(std::string(to_string(response.error().kind)), response.error().message);
      ++report.pages;
      ++s->metrics.pages;
      std::size_t page_records = 0;
      auto extracted = s->engine.extract(
          response->body, o.page,
          [&](const change_record& r) {
            if (last_updated && r.updated < *last_updated) in_order = false;
            last_updated = r.updated;
            emitted_change key{std::string(r.id), r.updated};
            if (!seen.insert(key).second) return;
            const change_kind kind = decide(c, o.change, began, r.id, r.updated, r.created);
            if (!is_event(kind)) return;
            (kind == change_kind::created ? report.created : report.updated) += 1;
            events.push_back(event{event_id(o.instance_id, s->engine.name(), r.id, r.updated), kind, std::string(r.id),
                                   r.updated, std::string(r.raw)});
            emitted.push_back(std::move(key));
          },
          [&](record_error&& e) {
            ++report.record_errors;
            e.index += record_index_base;
            s->log(log_level::warning, "page " + std::to_string(report.pages) + ": skipped " + e.message());
          });
      if (!extracted) {
        co_return fail("page", "page " + std::to_string(report.pages) + " of " + std::string(s->engine.name()) +
                                   " is not a JSON array of records: " + extracted.error().message());
      }
      page_records = extracted->records;
      report.records += page_records;
      record_index_base += page_records;
      const page_step step = walker.advance(page_records, response->header(o.pagination.token_header));
      if (step == page_step::done) {
        complete = true;
        break;
      }
      if (step == page_step::repeated_token) {
        s->log(log_level::warning, "the hub repeated a page token; the poll ends here and the cursor moves only as "
                                   "far as what was read");
        break;
      }
      if (step == page_step::bound_reached || report.pages >= o.pagination.max_pages) {
        s->log(log_level::warning, "the bound of " + std::to_string(o.pagination.max_pages) +
                                       " pages per poll was reached; the cursor moves only as far as what was read");
        break;
      }
      if (o.keyset && last_updated) {
        if (!in_order) {
          co_return fail("order", "keyset paging needs records in updated-date order, and page " +
                                      std::to_string(report.pages) + " was not");
        }
        std::string next_base = s->engine.expand(*last_updated);
        if (next_base != base) {  // re-query from the last date read; else the hub's paging goes on
          base = std::move(next_base);
          walker = page_walker(base, o.pagination);
        }
      }
    }

    report.partial = !complete;
    cursor next = complete ? next_cursor(c, o.change, std::move(emitted))
                           : next_cursor_after_partial_poll(c, o.change, std::move(emitted), in_order);
    notification_context context = o.context;
    context.object_type = std::string(s->engine.name());
    context.poll_date = began;
    const auto notes = build_notifications(context, events, o.max_events_per_notification);
    if (s->stopping) co_return;
    try {
      s->store.commit_poll(s->engine.name(), next, notes, detail::system_now());
    } catch (const std::exception& e) {
      co_return fail("store", e.what());
    }
    auto& m = s->metrics;
    m.records += report.records;
    m.record_errors += report.record_errors;
    m.events_created += report.created;
    m.events_updated += report.updated;
    m.watermark = next.watermark;
    m.boundary_size = next.boundary.size();
    m.last_success = detail::system_now();
    s->current = std::move(next);
    report.notifications = notes.size();
    report.ok = true;
    if (!notes.empty()) s->delivery_timer.cancel();  // wake the delivery loop
  }

  state_ptr s_;
};

ERPOLL_END_NAMESPACE

#endif
