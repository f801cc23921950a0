/// \file
/// `erpoll::sqlite_store`: the default store. One SQLite database file (WAL journal, `synchronous=FULL`), in
/// which each poll's cursor, boundary set and notifications are written in one transaction: after a crash at
/// any instant, a poll is either entirely there or not at all.
#pragma once
#ifndef ERPOLL_STORE_SQLITE_STORE_HPP
#define ERPOLL_STORE_SQLITE_STORE_HPP

#include <erpoll/change/cursor.hpp>
#include <erpoll/core/config.hpp>
#include <erpoll/event/notification.hpp>
#include <erpoll/store/outbox_entry.hpp>
#include <erpoll/store/sqlite_database.hpp>
#include <erpoll/time/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Cursors, boundary sets, outbox and dead letters in one SQLite file (see `store_type` for the contract).
/// One instance per file and process; not thread-safe (one `io_context` thread uses it). Calls block for
/// the duration of one small transaction.
class sqlite_store {
 public:
  /// The file name `open_directory` uses.
  static constexpr const char* file_name = "erpoll.sqlite3";

  /// Opens (creating when missing) the database at `path`. \throws store_error.
  explicit sqlite_store(const std::string& path) : db_(path) {
    db_.execute("PRAGMA journal_mode=WAL");
    db_.execute("PRAGMA synchronous=FULL");
    db_.execute(
        "CREATE TABLE IF NOT EXISTS cursors(resource TEXT PRIMARY KEY, watermark_us INTEGER NOT NULL,"
        " committed_us INTEGER NOT NULL);"
        "CREATE TABLE IF NOT EXISTS boundary(resource TEXT NOT NULL, updated_us INTEGER NOT NULL,"
        " record_id TEXT NOT NULL, PRIMARY KEY(resource, updated_us, record_id)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, resource TEXT NOT NULL,"
        " notification_id TEXT NOT NULL, event_ids TEXT NOT NULL, body BLOB NOT NULL,"
        " attempts INTEGER NOT NULL DEFAULT 0, created_us INTEGER NOT NULL, next_attempt_us INTEGER NOT NULL,"
        " last_error TEXT NOT NULL DEFAULT '');"
        "CREATE INDEX IF NOT EXISTS outbox_by_resource ON outbox(resource, seq);"
        "CREATE TABLE IF NOT EXISTS dead_letters(seq INTEGER PRIMARY KEY, resource TEXT NOT NULL,"
        " notification_id TEXT NOT NULL, event_ids TEXT NOT NULL, body BLOB NOT NULL, attempts INTEGER NOT NULL,"
        " created_us INTEGER NOT NULL, last_error TEXT NOT NULL, dead_at_us INTEGER NOT NULL);");
    prepare();
  }

  /// Opens `directory/erpoll.sqlite3`, creating the directory when missing. \throws store_error.
  static sqlite_store open_directory(const std::filesystem::path& directory) {
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) throw store_error("erpoll: cannot create the state directory \"" + directory.string() + "\": " + ec.message());
    return sqlite_store((directory / file_name).string());
  }

  sqlite_store(sqlite_store&&) = default;

  std::optional<cursor> load_cursor(std::string_view resource) {
    auto& q = *select_cursor_;
    q.bind(1, resource);
    if (!q.step()) {
      q.reset();
      return std::nullopt;
    }
    cursor c;
    c.watermark = from_micros(q.integer(0));
    q.reset();
    auto& b = *select_boundary_;
    b.bind(1, resource);
    while (b.step()) c.boundary.push_back(emitted_change{b.text(1), from_micros(b.integer(0))});
    b.reset();
    return c;  // rows come sorted by (updated, id): the boundary's order
  }

  void commit_poll(std::string_view resource, const cursor& next, std::span<const notification> notes, instant now) {
    detail::sqlite_transaction tx(db_);
    upsert_cursor_->bind(1, resource).bind(2, micros(next.watermark)).bind(3, micros(now)).run();
    delete_boundary_->bind(1, resource).run();
    for (const auto& e : next.boundary) insert_boundary_->bind(1, resource).bind(2, micros(e.updated)).bind(3, e.id).run();
    for (const auto& n : notes) {
      insert_outbox_->bind(1, resource).bind(2, n.id).bind(3, join(n.event_ids)).bind(4, n.body);
      insert_outbox_->bind(5, micros(now)).bind(6, micros(now)).run();
    }
    tx.commit();
  }

  std::optional<outbox_entry> next_pending(std::string_view resource) {
    auto& q = *select_pending_;
    q.bind(1, resource);
    std::optional<outbox_entry> out;
    if (q.step()) out = read_entry(q);
    q.reset();
    return out;
  }

  void delivered(std::int64_t seq) { delete_outbox_->bind(1, seq).run(); }

  void retry_later(std::int64_t seq, instant when, std::string_view error) {
    update_attempt_->bind(1, micros(when)).bind(2, error).bind(3, seq).run();
  }

  void to_dead_letters(std::int64_t seq, std::string_view error, instant now) {
    detail::sqlite_transaction tx(db_);
    move_to_dead_->bind(1, error).bind(2, micros(now)).bind(3, seq).run();
    delete_outbox_->bind(1, seq).run();
    tx.commit();
  }

  std::vector<dead_letter> dead_letters(std::string_view resource) {
    std::vector<dead_letter> out;
    auto& q = *select_dead_;
    q.bind(1, resource);
    while (q.step()) {
      dead_letter d;
      d.entry = read_entry(q);
      d.dead_at = from_micros(q.integer(9));
      out.push_back(std::move(d));
    }
    q.reset();
    return out;
  }

  std::size_t redeliver_dead_letters(std::string_view resource, instant now) {
    detail::sqlite_transaction tx(db_);
    requeue_dead_->bind(1, micros(now)).bind(2, resource).run();
    const auto n = static_cast<std::size_t>(sqlite3_changes(db_.handle()));
    delete_dead_->bind(1, resource).run();
    tx.commit();
    return n;
  }

  std::size_t outbox_depth(std::string_view resource) { return count(*count_outbox_, resource); }
  std::size_t dead_letter_count(std::string_view resource) { return count(*count_dead_, resource); }

 private:
  static std::int64_t micros(instant t) { return t.time_since_epoch().count(); }
  static instant from_micros(std::int64_t us) { return instant{std::chrono::microseconds{us}}; }

  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
      if (!out.empty()) out += ' ';
      out += id;
    }
    return out;
  }
  static std::vector<std::string> split(const std::string& joined) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = joined.find(' ', start);
      if (end == std::string::npos) end = joined.size();
      out.push_back(joined.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  // Columns: seq, resource, notification_id, event_ids, body, attempts, created_us, next_attempt_us, last_error
  static outbox_entry read_entry(detail::sqlite_statement& q) {
    outbox_entry e;
    e.seq = q.integer(0);
    e.resource = q.text(1);
    e.note.id = q.text(2);
    e.note.event_ids = split(q.text(3));
    e.note.body = q.text(4);
    e.attempts = static_cast<std::uint32_t>(q.integer(5));
    e.created = from_micros(q.integer(6));
    e.next_attempt = from_micros(q.integer(7));
    e.last_error = q.text(8);
    return e;
  }

  std::size_t count(detail::sqlite_statement& q, std::string_view resource) {
    q.bind(1, resource);
    q.step();
    const auto n = static_cast<std::size_t>(q.integer(0));
    q.reset();
    return n;
  }

  void prepare() {
    auto make = [this](std::optional<detail::sqlite_statement>& s, std::string_view sql) { s.emplace(db_.handle(), sql); };
    make(select_cursor_, "SELECT watermark_us FROM cursors WHERE resource = ?1");
    make(select_boundary_, "SELECT updated_us, record_id FROM boundary WHERE resource = ?1 ORDER BY updated_us, record_id");
    make(upsert_cursor_,
         "INSERT INTO cursors(resource, watermark_us, committed_us) VALUES(?1, ?2, ?3) ON CONFLICT(resource) DO "
         "UPDATE SET watermark_us = excluded.watermark_us, committed_us = excluded.committed_us");
    make(delete_boundary_, "DELETE FROM boundary WHERE resource = ?1");
    make(insert_boundary_, "INSERT OR IGNORE INTO boundary(resource, updated_us, record_id) VALUES(?1, ?2, ?3)");
    make(insert_outbox_,
         "INSERT INTO outbox(resource, notification_id, event_ids, body, created_us, next_attempt_us) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    make(select_pending_,
         "SELECT seq, resource, notification_id, event_ids, body, attempts, created_us, next_attempt_us, last_error "
         "FROM outbox WHERE resource = ?1 ORDER BY seq LIMIT 1");
    make(delete_outbox_, "DELETE FROM outbox WHERE seq = ?1");
    make(update_attempt_, "UPDATE outbox SET attempts = attempts + 1, next_attempt_us = ?1, last_error = ?2 WHERE seq = ?3");
    make(move_to_dead_,
         "INSERT INTO dead_letters(seq, resource, notification_id, event_ids, body, attempts, created_us, last_error,"
         " dead_at_us) SELECT seq, resource, notification_id, event_ids, body, attempts + 1, created_us, ?1, ?2 "
         "FROM outbox WHERE seq = ?3");
    make(select_dead_,
         "SELECT seq, resource, notification_id, event_ids, body, attempts, created_us, dead_at_us, last_error,"
         " dead_at_us FROM dead_letters WHERE resource = ?1 ORDER BY seq");
    make(requeue_dead_,
         "INSERT INTO outbox(resource, notification_id, event_ids, body, created_us, next_attempt_us) "
         "SELECT resource, notification_id, event_ids, body, ?1, ?1 FROM dead_letters WHERE resource = ?2 "
         "ORDER BY seq");
    make(delete_dead_, "DELETE FROM dead_letters WHERE resource = ?1");
    make(count_outbox_, "SELECT count(*) FROM outbox WHERE resource = ?1");
    make(count_dead_, "SELECT count(*) FROM dead_letters WHERE resource = ?1");
  }

  detail::sqlite_database db_;  // declared first: the statements are finalized before it closes
  std::optional<detail::sqlite_statement> select_cursor_, select_boundary_, upsert_cursor_, delete_boundary_,
      insert_boundary_, insert_outbox_, select_pending_, delete_outbox_, update_attempt_, move_to_dead_, select_dead_,
      requeue_dead_, delete_dead_, count_outbox_, count_dead_;
};

ERPOLL_END_NAMESPACE

#endif
