/// \file
/// The Java `SimpleDateFormat` pattern language, compiled to a list of tokens. One `constexpr` compiler serves
/// both `date_format<P>` (at compile time) and `runtime_date_format` (at run time), so they cannot disagree.
#pragma once
#ifndef ERPOLL_TIME_PATTERN_HPP
#define ERPOLL_TIME_PATTERN_HPP

#include <erpoll/core/config.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// What one pattern token reads or writes.
enum class field : std::uint8_t {
  literal,         // quoted text or punctuation
  era,             // G  AD / BC
  year,            // y  year of era
  month,           // M, L  number (1-2 letters), short name (3), full name (4+)
  day,             // d  day of month
  day_of_year,     // D
  day_name,        // E  short (1-3), full (4+)
  day_number,      // u  1 = Monday ... 7 = Sunday
  am_pm,           // a
  hour_0_23,       // H
  hour_1_24,       // k
  hour_0_11,       // K
  hour_1_12,       // h
  minute,          // m
  second,          // s
  fraction,        // S  fraction of a second, one digit per letter (java.time reading)
  zone_name,       // z  PST, GMT-08:00
  zone_rfc822,     // Z  -0800
  zone_iso,        // X  -08, -0800, -08:00, Z
  epoch_seconds,   // the whole pattern "seconds"
  epoch_millis,    // the whole pattern "milliseconds"
  epoch_micros,    // the whole pattern "microseconds"
};

/// One token: a field letter repeated `count` times, or a literal (`text_begin`, `text_size` index the
/// compiled pattern's literal characters). Structural, so it can be a template argument.
struct token {
  field kind = field::literal;
  std::uint8_t count = 0;
  /// A numeric field directly followed by another numeric field reads exactly `count` digits.
  bool fixed_width = false;
  /// A whole number read by `parse_number` (numeric, but not the fraction), cached for the runtime form.
  bool numeric = false;
  /// `y` or `yy`: two digits read as 2000-2099.
  bool two_digit_year = false;
  std::uint16_t text_begin = 0;
  std::uint16_t text_size = 0;
};

/// Why a pattern is invalid.
enum class pattern_problem : std::uint8_t {
  none,
  empty,
  unknown_letter,
  unterminated_quote,
  too_many_letters,
  too_long,
};

constexpr const char* describe(pattern_problem p) noexcept {
  switch (p) {
    case pattern_problem::none: return "no problem";
    case pattern_problem::empty: return "the date pattern is empty";
    case pattern_problem::unknown_letter:
      return "unknown pattern letter (letters are G y M L d D E u a H k K h m s S z Z X; quote literal text "
             "as in 'T')";
    case pattern_problem::unterminated_quote: return "a quote (') is opened but never closed";
    case pattern_problem::too_many_letters:
      return "too many repetitions of this letter (S at most 9, z at most 3, Z at most 1, X at most 3, "
             "others at most 9)";
    case pattern_problem::too_long: return "the date pattern is longer than 4000 characters";
  }
  return "unknown problem";
}

/// The letter table: which field a letter stands for, and how many repetitions it accepts.
struct letter_rule {
  field kind;
  std::uint8_t max_count;
  bool known;
};

constexpr letter_rule rule_for(char c) noexcept {
  switch (c) {
    case 'G': return {field::era, 9, true};
    case 'y': return {field::year, 9, true};
    case 'M':
    case 'L': return {field::month, 9, true};
    case 'd': return {field::day, 9, true};
    case 'D': return {field::day_of_year, 9, true};
    case 'E': return {field::day_name, 9, true};
    case 'u': return {field::day_number, 9, true};
    case 'a': return {field::am_pm, 9, true};
    case 'H': return {field::hour_0_23, 9, true};
    case 'k': return {field::hour_1_24, 9, true};
    case 'K': return {field::hour_0_11, 9, true};
    case 'h': return {field::hour_1_12, 9, true};
    case 'm': return {field::minute, 9, true};
    case 's': return {field::second, 9, true};
    case 'S': return {field::fraction, 9, true};
    case 'z': return {field::zone_name, 3, true};
    case 'Z': return {field::zone_rfc822, 1, true};
    case 'X': return {field::zone_iso, 3, true};
    default: return {field::literal, 0, false};
  }
}

constexpr bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr bool is_numeric(const token& t) noexcept {
  switch (t.kind) {
    case field::year:
    case field::day:
    case field::day_of_year:
    case field::day_number:
    case field::hour_0_23:
    case field::hour_1_24:
    case field::hour_0_11:
    case field::hour_1_12:
    case field::minute:
    case field::second:
    case field::fraction: return true;
    case field::month: return t.count <= 2;
    default: return false;
  }
}

/// The most characters one token can format to (the buffer size for `format_to`).
constexpr std::size_t max_formatted_size(const token& t) noexcept {
  const std::size_t n = t.count;
  auto at_least = [n](std::size_t m) { return n > m ? n : m; };
  switch (t.kind) {
    case field::literal: return t.text_size;
    case field::era: return 2;
    case field::year: return at_least(20);  // any 64-bit number (the instant range needs 6 digits)
    case field::month: return n >= 3 ? 9 : at_least(2);
    case field::day:
    case field::hour_0_23:
    case field::hour_1_24:
    case field::hour_0_11:
    case field::hour_1_12:
    case field::minute:
    case field::second: return at_least(2);
    case field::day_of_year: return at_least(3);
    case field::day_name: return 9;
    case field::day_number: return at_least(1);
    case field::am_pm: return 2;
    case field::fraction: return n;
    case field::zone_name: return 16;
    case field::zone_rfc822: return 5;
    case field::zone_iso: return 6;
    case field::epoch_seconds:
    case field::epoch_millis:
    case field::epoch_micros: return 21;
  }
  return 0;
}

/// Which calendar facts a pattern reads or writes, so each form computes only those.
struct pattern_needs {
  bool offset_text = false;  // z, Z or X: the text carries its own offset
  bool zone_abbreviation = false;
  bool day_name = false;
  bool day_of_year = false;
  bool epoch = false;
  bool hour_24 = false;  // H or k
  /// The field slots a successful parse fills (bit `slot`, see parsing.hpp): known from the pattern alone,
  /// since every token must match.
  std::uint32_t fields = 0;
};

/// The slot of parsed fields a token fills, or -1 (literals, zones, epochs).
constexpr int filled_slot(const token& t) noexcept {
  switch (t.kind) {
    case field::literal:
    case field::zone_name:
    case field::zone_rfc822:
    case field::zone_iso:
    case field::epoch_seconds:
    case field::epoch_millis:
    case field::epoch_micros: return -1;
    case field::day_name: return static_cast<int>(field::day_number);  // both fill the ISO day number
    default: return static_cast<int>(t.kind);
  }
}

/// A compiled pattern with room for `Capacity` tokens and literal characters.
template <std::size_t Capacity>
struct compiled_pattern {
  std::array<token, Capacity> tokens{};
  std::array<char, Capacity> text{};
  std::size_t token_count = 0;
  std::size_t text_size = 0;
  std::size_t max_size = 0;
  pattern_needs needs{};
  pattern_problem problem = pattern_problem::none;
  std::size_t problem_position = 0;

  constexpr std::string_view literal(const token& t) const noexcept {
    return {text.data() + t.text_begin, t.text_size};
  }
};

/// Compiles `pattern` into `out` (which must have room for `pattern.size()` tokens and characters; the
/// runtime form passes a vector-backed sink). On a problem, `out.problem` and `out.problem_position` say
/// what and where, and no token is usable.
template <class Out>
constexpr void compile_pattern_into(std::string_view pattern, Out& out) {
  auto fail = [&out](pattern_problem p, std::size_t at) {
    out.problem = p;
    out.problem_position = at;
  };
  if (pattern.empty()) return fail(pattern_problem::empty, 0);
  if (pattern.size() > 4000) return fail(pattern_problem::too_long, 4000);

  auto add_epoch = [&out](field f) {
    out.push_token(token{f, 1, false, false, false, 0, 0});
    out.needs.epoch = true;
  };
  if (pattern == "seconds") return add_epoch(field::epoch_seconds);
  if (pattern == "milliseconds") return add_epoch(field::epoch_millis);
  if (pattern == "microseconds") return add_epoch(field::epoch_micros);

  // Adjacent literal characters merge into one token.
  auto add_literal_char = [&out](char c) {
    if (out.token_count() == 0 || out.last_token().kind != field::literal) {
      out.push_token(token{field::literal, 0, false, false, false, static_cast<std::uint16_t>(out.text_count()), 0});
    }
    out.push_text(c);
    ++out.last_token().text_size;
  };

  std::size_t i = 0;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {  // '' outside quotes is one quote
        add_literal_char('\'');
        i += 2;
        continue;
      }
      const std::size_t open = i++;
      for (;;) {
        if (i >= pattern.size()) return fail(pattern_problem::unterminated_quote, open);
        if (pattern[i] == '\'') {
          if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {  // '' inside quotes is one quote
            add_literal_char('\'');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        add_literal_char(pattern[i++]);
      }
      continue;
    }
    if (!is_ascii_letter(c)) {
      add_literal_char(c);
      ++i;
      continue;
    }
    const letter_rule rule = rule_for(c);
    if (!rule.known) return fail(pattern_problem::unknown_letter, i);
    std::size_t run = 1;
    while (i + run < pattern.size() && pattern[i + run] == c) ++run;
    if (run > rule.max_count) return fail(pattern_problem::too_many_letters, i);
    token t{rule.kind, static_cast<std::uint8_t>(run), false, false, false, 0, 0};
    t.numeric = is_numeric(t) && t.kind != field::fraction;
    t.two_digit_year = t.kind == field::year && run <= 2;
    out.push_token(t);
    if (filled_slot(t) >= 0) out.needs.fields |= 1u << filled_slot(t);
    switch (rule.kind) {
      case field::zone_name:
        out.needs.offset_text = true;
        out.needs.zone_abbreviation = true;
        break;
      case field::zone_rfc822:
      case field::zone_iso: out.needs.offset_text = true; break;
      case field::day_name:
      case field::day_number: out.needs.day_name = true; break;
      case field::day_of_year: out.needs.day_of_year = true; break;
      case field::hour_0_23:
      case field::hour_1_24: out.needs.hour_24 = true; break;
      default: break;
    }
    i += run;
  }
  // A numeric field directly followed by another numeric field has a fixed width ("yyyyMMdd").
  for (std::size_t t = 0; t + 1 < out.token_count(); ++t) {
    if (is_numeric(out.token_at(t)) && is_numeric(out.token_at(t + 1))) out.token_at(t).fixed_width = true;
  }
}

/// Adapts a `compiled_pattern<N>` to the sink interface `compile_pattern_into` writes through.
template <std::size_t Capacity>
struct array_sink {
  compiled_pattern<Capacity>& p;
  pattern_needs& needs = p.needs;
  pattern_problem& problem = p.problem;
  std::size_t& problem_position = p.problem_position;

  constexpr std::size_t token_count() const { return p.token_count; }
  constexpr std::size_t text_count() const { return p.text_size; }
  constexpr token& last_token() { return p.tokens[p.token_count - 1]; }
  constexpr token& token_at(std::size_t i) { return p.tokens[i]; }
  constexpr void push_token(token t) { p.tokens[p.token_count++] = t; }
  constexpr void push_text(char c) { p.text[p.text_size++] = c; }
};

/// Compiles a pattern known at compile time. `Capacity` is the pattern's length (a pattern has at most as
/// many tokens and literal characters as characters).
template <std::size_t Capacity>
constexpr compiled_pattern<Capacity> compile_pattern(std::string_view pattern) {
  compiled_pattern<Capacity> p{};
  array_sink<Capacity> sink{p};
  compile_pattern_into(pattern, sink);
  if (p.problem != pattern_problem::none) {
    p.token_count = 0;
    return p;
  }
  for (std::size_t t = 0; t < p.token_count; ++t) p.max_size += max_formatted_size(p.tokens[t]);
  return p;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
