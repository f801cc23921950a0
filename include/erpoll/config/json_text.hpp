/// \file
/// Reading configuration JSON: errors say `SOURCE:LINE:COLUMN`; a trailing comma before `}` or `]` is
/// accepted with a warning (the seed's own instance example has one); nothing else is lenient.
#pragma once
#ifndef ERPOLL_CONFIG_JSON_TEXT_HPP
#define ERPOLL_CONFIG_JSON_TEXT_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A place in a text: line and column, both from 1 (columns count bytes).
struct text_location {
  std::size_t line = 1;
  std::size_t column = 1;

  std::string text() const { return std::to_string(line) + ":" + std::to_string(column); }
};

/// Where byte `offset` of `text` is.
inline text_location location_of(std::string_view text, std::size_t offset) {
  text_location at;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else {
      ++at.column;
    }
  }
  return at;
}

namespace detail {
// Blanks each comma that stands (after white space) before `}` or `]`, outside strings; offsets stay.
inline std::string blank_trailing_commas(std::string_view text, std::string_view source,
                                         std::vector<std::string>& warnings) {
  std::string out(text);
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ',') {
      std::size_t j = i + 1;
      while (j < out.size() && (out[j] == ' ' || out[j] == '\t' || out[j] == '\n' || out[j] == '\r')) ++j;
      if (j < out.size() && (out[j] == '}' || out[j] == ']')) {
        warnings.push_back(std::string(source) + ":" + location_of(text, i).text() +
                           ": a comma before '" + out[j] + "' (not JSON; accepted)");
        out[i] = ' ';
      }
    }
  }
  return out;
}

// nlohmann names the last byte it read (the end of the offending token): point at the token's start.
inline std::size_t token_start(std::string_view text, std::size_t last) {
  if (last >= text.size()) return last;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.'; };
  if (text[last] == '"') {
    for (std::size_t i = last; i-- > 0;) {
      if (text[i] == '\n') break;
      if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) return i;
    }
  } else if (word(text[last])) {
    std::size_t i = last;
    while (i > 0 && word(text[i - 1])) --i;
    return i;
  }
  return last;
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " prefix.
inline std::string parse_error_reason(const std::string& what) {
  if (const auto at = what.find(": "); at != std::string::npos && what.find("parse error") < at) {
    return what.substr(at + 2);
  }
  return what;
}
}  // namespace detail

/// Parses `text` (named `source` in messages). Trailing commas become warnings in `warnings`.
/// \throws config_error "SOURCE:LINE:COLUMN: invalid JSON: reason".
inline nlohmann::json parse_config_json(std::string_view text, std::string_view source,
                                        std::vector<std::string>& warnings) {
  const std::string cleaned = detail::blank_trailing_commas(text, source, warnings);
  try {
    return nlohmann::json::parse(cleaned);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t offset = detail::token_start(text, e.byte == 0 ? 0 : e.byte - 1);
    throw config_error(std::string(source) + ":" + location_of(text, offset).text() +
                       ": invalid JSON: " + detail::parse_error_reason(e.what()));
  }
}

ERPOLL_END_NAMESPACE

#endif
