/// \file
/// A thin RAII layer over the SQLite C API: a connection, prepared statements, transactions. Errors throw
/// `store_error` with SQLite's message.
#pragma once
#ifndef ERPOLL_STORE_SQLITE_DATABASE_HPP
#define ERPOLL_STORE_SQLITE_DATABASE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/store/outbox_entry.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

[[noreturn]] inline void throw_sqlite(sqlite3* db, std::string_view what) {
  throw store_error("erpoll: SQLite: " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

/// One prepared statement; parameters are bound from 1, columns read from 0.
class sqlite_statement {
 public:
  sqlite_statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
      throw_sqlite(db, "preparing \"" + std::string(sql) + "\"");
    }
  }
  sqlite_statement(sqlite_statement&& o) noexcept : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)) {}
  sqlite_statement& operator=(sqlite_statement&&) = delete;
  ~sqlite_statement() { sqlite3_finalize(stmt_); }

  sqlite_statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  sqlite_statement& bind(int i, std::string_view v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }

  /// Runs one step: true while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, "step");
  }
  /// Runs a statement that returns no rows, then makes it ready to run again.
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw_sqlite(db_, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// One connection.
class sqlite_database {
 public:
  explicit sqlite_database(const std::string& path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    if (rc != SQLITE_OK) {
      std::string message = "erpoll: SQLite: opening \"" + path + "\": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
      sqlite3_close(db_);
      throw store_error(message);
    }
    sqlite3_busy_timeout(db_, 5000);
  }
  sqlite_database(sqlite_database&& o) noexcept : db_(std::exchange(o.db_, nullptr)) {}
  sqlite_database& operator=(sqlite_database&&) = delete;
  ~sqlite_database() { sqlite3_close(db_); }

  void execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = "erpoll: SQLite: " + std::string(error ? error : "error") + " in \"" + sql + "\"";
      sqlite3_free(error);
      throw store_error(message);
    }
  }

  sqlite3* handle() const noexcept { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT; rolled back when left without `commit()`.
class sqlite_transaction {
 public:
  explicit sqlite_transaction(sqlite_database& db) : db_(db) { db_.execute("BEGIN IMMEDIATE"); }
  sqlite_transaction(const sqlite_transaction&) = delete;
  sqlite_transaction& operator=(const sqlite_transaction&) = delete;
  ~sqlite_transaction() {
    if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    db_.execute("COMMIT");
    done_ = true;
  }

 private:
  sqlite_database& db_;
  bool done_ = false;
};

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
