/// \file
/// `erpoll::parse_error`: why and where a text did not match a date pattern.
#pragma once
#ifndef ERPOLL_TIME_PARSE_ERROR_HPP
#define ERPOLL_TIME_PARSE_ERROR_HPP

#include <erpoll/core/config.hpp>

#include <cstddef>
#include <string>

ERPOLL_BEGIN_NAMESPACE

/// The failure of a date parse. Building one allocates nothing; `message()` renders it on demand.
struct parse_error {
  /// Offset in the parsed text (bytes from its start) where the problem was found.
  std::size_t position = 0;
  /// A static English phrase, such as "expected a digit for the month (MM)".
  const char* reason = "";

  /// "at position 5: expected a digit for the month (MM)".
  std::string message() const {
    return "at position " + std::to_string(position) + ": " + reason;
  }
};

ERPOLL_END_NAMESPACE

#endif
