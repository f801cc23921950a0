/// \file
/// `erpoll::secret`: a string that never prints. Credentials and signature keys are held in it, so a log,
/// an error or a metric cannot show them by accident.
#pragma once
#ifndef ERPOLL_NET_SECRET_HPP
#define ERPOLL_NET_SECRET_HPP

#include <erpoll/core/config.hpp>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

ERPOLL_BEGIN_NAMESPACE

/// A credential. `reveal()` is the only way to its text; streaming it writes `***`.
class secret {
 public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {}

  /// The text, for the one place that must send it.
  const std::string& reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  /// What logs and `--check` show: `***` (or empty when there is no secret).
  std::string masked() const { return value_.empty() ? std::string() : std::string("***"); }

  friend std::ostream& operator<<(std::ostream& os, const secret& s) { return os << s.masked(); }
  friend bool operator==(const secret&, const secret&) = default;

 private:
  std::string value_;
};

ERPOLL_END_NAMESPACE

#endif
