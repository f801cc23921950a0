/// \file
/// `erpoll::runtime_date_format`: the runtime twin of `date_format<P>`, for patterns read from configuration.
#pragma once
#ifndef ERPOLL_TIME_RUNTIME_DATE_FORMAT_HPP
#define ERPOLL_TIME_RUNTIME_DATE_FORMAT_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/config_error.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/time/fixed_zone.hpp>
#include <erpoll/time/formatting.hpp>
#include <erpoll/time/instant.hpp>
#include <erpoll/time/parse_error.hpp>
#include <erpoll/time/parsing.hpp>
#include <erpoll/time/pattern.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// A Java date pattern known only at run time, with exactly the semantics of `date_format<P>`: both compile
/// the pattern with the same compiler and read and write fields with the same functions; this form runs them
/// in a loop over steps (tokens, each number fused with a following one-character literal) instead of
/// straight-line code. The Java vectors test holds the two forms to the same results.
class runtime_date_format {
 public:
  /// Compiles `pattern`. \throws config_error naming the pattern, the position and the reason.
  explicit runtime_date_format(std::string_view pattern) : pattern_(pattern) {
    sink s{*this};
    detail::compile_pattern_into(pattern_, s);
    if (problem_ != detail::pattern_problem::none) {
      throw config_error("erpoll: invalid date pattern \"" + pattern_ + "\" at position " +
                         std::to_string(problem_position_) + ": " + detail::describe(problem_));
    }
    for (const auto& t : tokens_) max_size_ += detail::max_formatted_size(t);
    build_steps();
  }

  /// The pattern as written.
  std::string_view pattern() const noexcept { return pattern_; }

  /// The largest number of characters `format_to` writes.
  std::size_t max_size() const noexcept { return max_size_; }

  /// Writes `t` as seen in `zone` to `out` (room for `max_size()` characters); returns the end.
  template <class Duration, class Zone = utc_zone>
  char* format_to(char* out, std::chrono::sys_time<Duration> t, const Zone& zone = Zone{}) const {
    detail::check_zone_argument<Zone>();
    const auto fields = detail::break_down(std::chrono::floor<std::chrono::microseconds>(t), zone, needs_);
    std::uint64_t numbers[detail::field_count];
    detail::numeric_values(fields, numbers);
    for (const step& s : steps_) {
      if (s.kind == step_kind::number) {  // the same steps as parsing: "yyyy-" is one
        std::uint64_t v = numbers[detail::slot(s.token.kind)];
        if (s.token.kind == detail::field::year && s.token.count == 2) v %= 100;
        out = detail::write_number(out, v, s.token.count);
        if (s.then != '\0') *out++ = s.then;
      } else if (s.kind == step_kind::literal) {
        out = detail::write_text(out, literal(s.token));
      } else {
        out = detail::format_token(out, s.token, literal(s.token), fields);
      }
    }
    return out;
  }

  /// `t` as seen in `zone`, as a string.
  template <class Duration, class Zone = utc_zone>
  std::string format(std::chrono::sys_time<Duration> t, const Zone& zone = Zone{}) const {
    std::string s(max_size_, '\0');
    s.resize(static_cast<std::size_t>(format_to(s.data(), t, zone) - s.data()));
    return s;
  }

  /// Reads `text`, which must match the pattern entirely; see `date_format::parse`.
  template <class Zone = utc_zone>
  expected<instant, parse_error> parse(std::string_view text, const Zone& zone = Zone{}) const {
    detail::check_zone_argument<Zone>();
    detail::parsed_fields fields;
    fields.seen = needs_.fields;
    std::size_t pos = 0;
    for (const step& s : steps_) {
      // Numbers and literals, the bulk of most patterns, are tested for first: a few well-predicted
      // branches cost less than the jump table of parse_token.
      const char* reason = nullptr;
      if (s.kind == step_kind::number) {
        reason = detail::parse_number(text, pos, s.token, fields);
        if (reason == nullptr && s.then != '\0') {  // a one-character literal fused into this step
          if (pos < text.size() && text[pos] == s.then) {
            ++pos;
          } else {
            reason = detail::literal_mismatch;
          }
        }
      } else if (s.kind == step_kind::literal) {
        reason = detail::parse_literal(text, pos, literal(s.token));
      } else if (s.token.kind == detail::field::fraction) {
        reason = detail::parse_fraction(text, pos, s.token, fields);
      } else if (s.token.kind == detail::field::zone_iso) {
        reason = detail::read_zone(text, pos, s.token, fields);
      } else {
        reason = detail::parse_token(text, pos, s.token, literal(s.token), fields);
      }
      if (reason != nullptr) return unexpected{parse_error{pos, reason}};
    }
    if (pos != text.size()) return unexpected{parse_error{pos, "unexpected text after the date"}};
    return detail::resolve(fields, zone);
  }

 private:
  std::string_view literal(const detail::token& t) const noexcept {
    return {text_.data() + t.text_begin, t.text_size};
  }

  // Parsing and formatting run through steps: the tokens, with each number directly followed by a
  // one-character non-digit literal fused with it ("yyyy-" is one step), which halves the steps of ISO-like
  // patterns.
  enum class step_kind : std::uint8_t { number, literal, other };
  struct step {
    detail::token token;
    step_kind kind = step_kind::other;
    char then = '\0';
  };

  void build_steps() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const detail::token& t = tokens_[i];
      step s{t, t.numeric ? step_kind::number : t.kind == detail::field::literal ? step_kind::literal : step_kind::other};
      if (s.kind == step_kind::number && i + 1 < tokens_.size() && tokens_[i + 1].kind == detail::field::literal &&
          tokens_[i + 1].text_size == 1 && !detail::is_digit(text_[tokens_[i + 1].text_begin])) {
        s.then = text_[tokens_[i + 1].text_begin];
        ++i;
      }
      steps_.push_back(s);
    }
  }

  // The interface compile_pattern_into writes through.
  struct sink {
    runtime_date_format& f;
    detail::pattern_needs& needs = f.needs_;
    detail::pattern_problem& problem = f.problem_;
    std::size_t& problem_position = f.problem_position_;

    std::size_t token_count() const { return f.tokens_.size(); }
    std::size_t text_count() const { return f.text_.size(); }
    detail::token& last_token() { return f.tokens_.back(); }
    detail::token& token_at(std::size_t i) { return f.tokens_[i]; }
    void push_token(detail::token t) { f.tokens_.push_back(t); }
    void push_text(char c) { f.text_.push_back(c); }
  };

  std::string pattern_;
  std::vector<detail::token> tokens_;
  std::vector<step> steps_;
  std::string text_;
  detail::pattern_needs needs_{};
  detail::pattern_problem problem_ = detail::pattern_problem::none;
  std::size_t problem_position_ = 0;
  std::size_t max_size_ = 0;
};

ERPOLL_END_NAMESPACE

#endif
