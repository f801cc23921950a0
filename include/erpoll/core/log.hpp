/// \file
/// The log hook: every message erpoll logs goes to one function the user may replace (stderr by default).
/// Messages never contain secrets.
#pragma once
#ifndef ERPOLL_CORE_LOG_HPP
#define ERPOLL_CORE_LOG_HPP

#include <erpoll/core/config.hpp>

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// How much a log line matters.
enum class log_level { debug, info, warning, error };

constexpr std::string_view to_string(log_level l) noexcept {
  constexpr std::string_view names[] = {"debug", "info", "warning", "error"};
  return names[static_cast<int>(l)];
}

/// Where log lines go.
using log_function = std::function<void(log_level, std::string_view)>;

/// The default hook: `erpoll <level>: <message>` on stderr, info and above.
inline log_function stderr_log(log_level minimum = log_level::info) {
  return [minimum](log_level level, std::string_view message) {
    if (level < minimum) return;
    std::string line = "erpoll ";
    line += to_string(level);
    line += ": ";
    line += message;
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

ERPOLL_END_NAMESPACE

#endif
