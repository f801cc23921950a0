/// \file
/// The placeholders of a polling URL template (`${date:FMT}`, `${gmtDate:FMT}`, `${dateTimeZone:ZONE:FMT}`,
/// `${epoch}`, `${epoch:ms|s|us}`, the legacy `${date}`), split into segments by one `constexpr` parser that
/// serves both `url_template<U>` (at compile time) and `runtime_url_template` (at run time).
#pragma once
#ifndef ERPOLL_RESOURCE_URL_PLACEHOLDERS_HPP
#define ERPOLL_RESOURCE_URL_PLACEHOLDERS_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/pattern.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// What one segment of a URL template stands for.
enum class url_segment_kind : std::uint8_t {
  literal,         // text of the template
  date,            // ${date:FMT}: the poll time in GMT (Cloud Elements' server zone)
  gmt_date,        // ${gmtDate:FMT}
  zoned_date,      // ${dateTimeZone:ZONE:FMT}
  legacy_date,     // ${date}: ISO 8601 in UTC with milliseconds
  epoch_millis,    // ${epoch}, ${epoch:ms}
  epoch_seconds,   // ${epoch:s}
  epoch_micros,    // ${epoch:us}
};

/// A segment: `begin`/`size` index the template (the literal text, or the FMT of a date placeholder);
/// `zone_begin`/`zone_size` the ZONE of `${dateTimeZone:...}`.
struct url_segment {
  url_segment_kind kind = url_segment_kind::literal;
  std::uint16_t begin = 0;
  std::uint16_t size = 0;
  std::uint16_t zone_begin = 0;
  std::uint16_t zone_size = 0;
};

enum class url_problem : std::uint8_t {
  none,
  too_long,
  unterminated_placeholder,
  unknown_placeholder,
  missing_zone,
  invalid_date_pattern,
};

constexpr const char* describe(url_problem p) noexcept {
  switch (p) {
    case url_problem::none: return "no problem";
    case url_problem::too_long: return "the URL template is longer than 8000 characters";
    case url_problem::unterminated_placeholder: return "a placeholder ${ is never closed with }";
    case url_problem::unknown_placeholder:
      return "unknown placeholder (known: ${date:FMT}, ${gmtDate:FMT}, ${dateTimeZone:ZONE:FMT}, ${epoch}, "
             "${epoch:ms}, ${epoch:s}, ${epoch:us}, ${date})";
    case url_problem::missing_zone: return "${dateTimeZone:ZONE:FMT} needs a zone and a date pattern";
    case url_problem::invalid_date_pattern: return "the placeholder's date pattern is invalid";
  }
  return "unknown problem";
}

/// Parsed segments with room for `Capacity` of them (the template's length bounds their number).
template <std::size_t Capacity>
struct parsed_url {
  std::array<url_segment, Capacity> segments{};
  std::size_t count = 0;
  url_problem problem = url_problem::none;
  std::size_t problem_position = 0;

  constexpr void push(url_segment s) { segments[count++] = s; }
};

/// Where the FMT starting at `from` ends: the first `}` outside quotes, or npos.
constexpr std::size_t end_of_date_pattern(std::string_view url, std::size_t from) noexcept {
  bool quoted = false;
  for (std::size_t i = from; i < url.size(); ++i) {
    if (url[i] == '\'') quoted = !quoted;  // '' toggles twice: still right
    else if (url[i] == '}' && !quoted) return i;
  }
  return std::string_view::npos;
}

/// Splits `url` into segments, written through `out` (`push`, `problem`, `problem_position`).
template <class Out>
constexpr void parse_url_template_into(std::string_view url, Out& out) {
  auto fail = [&out](url_problem p, std::size_t at) {
    out.problem = p;
    out.problem_position = at;
  };
  if (url.size() > 8000) return fail(url_problem::too_long, 8000);
  auto seg = [](url_segment_kind k, std::size_t b, std::size_t n, std::size_t zb = 0, std::size_t zn = 0) {
    return url_segment{k, static_cast<std::uint16_t>(b), static_cast<std::uint16_t>(n),
                       static_cast<std::uint16_t>(zb), static_cast<std::uint16_t>(zn)};
  };
  std::size_t literal_start = 0;
  std::size_t i = 0;
  while (i < url.size()) {
    if (url[i] != '$' || i + 1 >= url.size() || url[i + 1] != '{') {
      ++i;
      continue;
    }
    if (i > literal_start) out.push(seg(url_segment_kind::literal, literal_start, i - literal_start));
    const std::size_t open = i;
    const std::string_view rest = url.substr(i + 2);
    auto date_placeholder = [&](url_segment_kind kind, std::size_t fmt_begin, std::size_t zb, std::size_t zn) {
      const std::size_t close = end_of_date_pattern(url, fmt_begin);
      if (close == std::string_view::npos) return fail(url_problem::unterminated_placeholder, open);
      struct pattern_check {
        pattern_needs needs{};
        pattern_problem problem = pattern_problem::none;
        std::size_t problem_position = 0;
        std::size_t tokens = 0;
        token last{};
        constexpr std::size_t token_count() const { return tokens; }
        constexpr std::size_t text_count() const { return 0; }
        constexpr token& last_token() { return last; }
        constexpr token& token_at(std::size_t) { return last; }
        constexpr void push_token(token t) {
          last = t;
          ++tokens;
        }
        constexpr void push_text(char) {}
      } check;
      compile_pattern_into(url.substr(fmt_begin, close - fmt_begin), check);
      if (check.problem != pattern_problem::none) {
        return fail(url_problem::invalid_date_pattern, fmt_begin + check.problem_position);
      }
      out.push(seg(kind, fmt_begin, close - fmt_begin, zb, zn));
      i = close + 1;
    };
    if (rest.starts_with("date}")) {
      out.push(seg(url_segment_kind::legacy_date, 0, 0));
      i += 7;
    } else if (rest.starts_with("date:")) {
      date_placeholder(url_segment_kind::date, i + 7, 0, 0);
    } else if (rest.starts_with("gmtDate:")) {
      date_placeholder(url_segment_kind::gmt_date, i + 10, 0, 0);
    } else if (rest.starts_with("dateTimeZone:")) {
      // The zone ends at the first ':' not followed by a digit, so offsets such as -8:00 or GMT-08:00 keep
      // their colon: ${dateTimeZone:-8:00:yyyy-MM-dd}.
      const std::size_t zone_begin = i + 15;
      std::size_t z = zone_begin;
      while (z < url.size() && url[z] != '}' &&
             !(url[z] == ':' && (z + 1 >= url.size() || url[z + 1] < '0' || url[z + 1] > '9'))) {
        ++z;
      }
      if (z >= url.size() || url[z] != ':' || z == zone_begin) return fail(url_problem::missing_zone, open);
      date_placeholder(url_segment_kind::zoned_date, z + 1, zone_begin, z - zone_begin);
    } else if (rest.starts_with("epoch}") || rest.starts_with("epoch:ms}")) {
      out.push(seg(url_segment_kind::epoch_millis, 0, 0));
      i += rest.starts_with("epoch}") ? 8 : 11;
    } else if (rest.starts_with("epoch:s}")) {
      out.push(seg(url_segment_kind::epoch_seconds, 0, 0));
      i += 10;
    } else if (rest.starts_with("epoch:us}")) {
      out.push(seg(url_segment_kind::epoch_micros, 0, 0));
      i += 11;
    } else {
      return fail(rest.find('}') == std::string_view::npos ? url_problem::unterminated_placeholder
                                                           : url_problem::unknown_placeholder,
                  open);
    }
    if (out.problem != url_problem::none) return;
    literal_start = i;
  }
  if (url.size() > literal_start) out.push(seg(url_segment_kind::literal, literal_start, url.size() - literal_start));
}

/// Parses a template known at compile time.
template <std::size_t Capacity>
constexpr parsed_url<Capacity> parse_url_template(std::string_view url) {
  parsed_url<Capacity> p{};
  parse_url_template_into(url, p);
  if (p.problem != url_problem::none) p.count = 0;
  return p;
}

}  // namespace detail
ERPOLL_END_NAMESPACE

#endif
