/// \file
/// Page extraction: the records of one page of JSON, each with its id, dates, typed members and exact raw
/// bytes, in one pass and without a DOM. A bad record gives a `record_error` and the rest still extract;
/// malformed JSON gives a `page_error` with its byte offset.
#pragma once
#ifndef ERPOLL_PAGE_EXTRACT_HPP
#define ERPOLL_PAGE_EXTRACT_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/expected.hpp>
#include <erpoll/page/find_fields.hpp>
#include <erpoll/page/json_scanner.hpp>
#include <erpoll/resource/descriptor.hpp>
#include <erpoll/resource/fields.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// Why one record was not extracted. Nothing is dropped silently: every record of a page is either extracted
/// or reported here.
struct record_error {
  std::size_t index = 0;   ///< the record's position in the page, from 0
  std::size_t offset = 0;  ///< the record's byte offset in the page
  std::string field;       ///< the JSON key or path at fault (empty: the record itself)
  std::string reason;
  std::string text;  ///< the offending JSON text, clipped to 80 bytes

  std::string message() const {
    return "record " + std::to_string(index) + " (byte " + std::to_string(offset) + ")" +
           (field.empty() ? "" : ", field \"" + field + "\"") + ": " + reason + (text.empty() ? "" : ": " + text);
  }
};

/// The page as a whole could not be read.
struct page_error {
  std::size_t offset = 0;  ///< byte offset of the problem in the page
  std::string reason;

  std::string message() const { return "page at byte " + std::to_string(offset) + ": " + reason; }
};

/// One extracted record of descriptor `R`.
template <class R>
struct record {
  std::size_t index = 0;
  std::string_view raw;  ///< the record's exact bytes in the page
  R value;               ///< the reflected members, filled
};

/// Where the records are: the page itself is the array (`items_key` empty), or an object holds it under
/// `items_key` (`{"items": [...]}`).
struct page_options {
  std::string_view items_key;
};

/// How many records a page had, and how many of them were extracted.
struct page_summary {
  std::size_t records = 0;
  std::size_t extracted = 0;
};

namespace detail {

inline std::string clip(std::string_view text) {
  return text.size() <= 80 ? std::string(text) : std::string(text.substr(0, 77)) + "...";
}

// Converts one found value into a member; returns nullptr or the reason it could not.
template <class T>
const char* convert_value(const json_span& v, T& out);

template <class S>
const char* extract_struct(std::string_view object_text, S& out, std::string& failed_field);

template <class T>
struct is_updated_or_created : std::false_type {};
template <fixed_string F, auto Z, fixed_string P>
struct is_updated_or_created<updated_field<F, Z, P>> : std::true_type {};
template <fixed_string F, auto Z, fixed_string P>
struct is_updated_or_created<created_field<F, Z, P>> : std::true_type {};

/// Parses a date value with `format` in `zone` (a string, or a JSON number for the epoch formats).
template <class Format, class Zone>
const char* convert_date_with(const json_span& v, const Format& format, const Zone& zone, instant& out) {
  std::string unescaped;
  std::string_view text;
  if (v.kind == json_kind::string) {
    text = v.escaped ? std::string_view(unescaped = unescape(v)) : v.string_contents();
  } else if (v.kind == json_kind::number) {
    text = v.text;  // epoch numbers as JSON numbers
  } else {
    return "expected a date (a string, or a number for an epoch format)";
  }
  const auto parsed = format.parse(text, zone);
  if (!parsed) return parsed.error().reason;
  out = *parsed;
  return nullptr;
}

template <class F>
const char* convert_date(const json_span& v, instant& out) {
  return convert_date_with(v, typename F::format{}, F::zone, out);
}

/// The id of a record: a JSON string's contents, or a JSON number's text.
inline const char* convert_id(const json_span& v, std::string& out) {
  if (v.kind == json_kind::string) {
    out = unescape(v);
  } else if (v.kind == json_kind::number) {
    out = std::string(v.text);
  } else {
    return "the id must be a string or a number";
  }
  return nullptr;
}

template <class T>
const char* convert_value(const json_span& v, T& out) {
  if constexpr (is_optional<T>::value) {
    if (v.kind == json_kind::none || v.kind == json_kind::null) {
      out.reset();
      return nullptr;
    }
    return convert_value(v, out.emplace());
  } else if constexpr (role_of<T>::value == member_role::created) {  // a record may lack it
    if (v.kind == json_kind::none || v.kind == json_kind::null) {
      out.value.reset();
      return nullptr;
    }
    return convert_date<T>(v, out.value.emplace());
  } else if (v.kind == json_kind::none) {
    return "missing";
  } else if constexpr (role_of<T>::value == member_role::id) {
    return convert_id(v, out.value);
  } else if constexpr (role_of<T>::value == member_role::updated) {
    return convert_date<T>(v, out.value);
  } else if constexpr (is_json_at<T>::value) {
    return convert_value(v, out.value);
  } else if constexpr (std::same_as<T, std::string>) {
    if (v.kind != json_kind::string) return "expected a string";
    out = unescape(v);
    return nullptr;
  } else if constexpr (std::same_as<T, bool>) {
    if (v.kind != json_kind::boolean) return "expected true or false";
    out = v.text == "true";
    return nullptr;
  } else if constexpr (std::integral<T> || std::floating_point<T>) {
    if (v.kind != json_kind::number) return "expected a number";
    const auto [end, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), out);
    if (ec == std::errc::result_out_of_range) return "the number is out of range";
    if (ec != std::errc{} || end != v.text.data() + v.text.size()) return "expected a whole number";
    return nullptr;
  } else if constexpr (is_vector<T>::value) {
    if (v.kind != json_kind::array) return "expected an array";
    out.clear();
    json_scanner s(v.text);
    s.consume('[');
    if (s.consume(']')) return nullptr;
    do {
      json_span element;
      s.read_value(element);  // already validated by the page scan
      if (const char* reason = convert_value(element, out.emplace_back())) return reason;
    } while (s.consume(','));
    return nullptr;
  } else {  // a nested reflected struct
    if (v.kind != json_kind::object) return "expected an object";
    std::string nested_field;
    return extract_struct(v.text, out, nested_field);
  }
}

/// Fills the members of `out` from the values found for them; on the first failure names the field.
template <class S, std::size_t... I>
const char* convert_members(const json_span* found, S& out, std::string& failed_field, std::index_sequence<I...>) {
  constexpr auto accessors = boost::hana::accessors<S>();
  const char* reason = nullptr;
  auto one = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
    if (reason != nullptr) return;
    reason = convert_value(found[J], boost::hana::second(boost::hana::at_c<J>(accessors))(out));
    if (reason != nullptr) failed_field = std::string(json_keys_v<S>[J]);
  };
  (one(std::integral_constant<std::size_t, I>{}), ...);
  return reason;
}

template <class S>
const char* extract_struct(std::string_view object_text, S& out, std::string& failed_field) {
  constexpr std::size_t n = member_count_of<S>;
  static_assert(n <= 64, "erpoll: a descriptor or nested struct has more than 64 members");
  std::array<json_span, n> found{};
  json_scanner s(object_text);
  const auto keys = json_keys_v<S>.views();
  if (!find_fields(s, field_lookup{keys.data(), found.data(), n})) return s.error.reason;
  return convert_members(found.data(), out, failed_field, std::make_index_sequence<n>{});
}

/// Walks the records of a page, handing each record's scanner position to `on_record(scanner, index)`.
template <class OnRecord>
expected<page_summary, page_error> walk_page(std::string_view page, const page_options& options,
                                             OnRecord&& on_record) {
  json_scanner s(page);
  auto fail = [&s](const char* fallback) {
    return unexpected{page_error{s.error.reason ? s.error.offset : s.offset(), s.error.reason ? s.error.reason : fallback}};
  };
  page_summary summary;
  auto read_array = [&]() -> bool {
    if (!s.consume('[')) return false;
    if (s.consume(']')) return true;
    do {
      if (!on_record(s, summary)) return false;
    } while (s.consume(','));
    return s.consume(']') || s.fail("expected ',' or ']' between records");
  };
  const char first = s.peek();
  if (first == '[') {
    if (!read_array()) return fail("expected the array of records");
  } else if (first == '{') {
    if (options.items_key.empty()) {
      return unexpected{page_error{s.offset(), "the page is an object: configure the key that holds its records"}};
    }
    s.consume('{');
    bool found = false;
    if (!s.consume('}')) {
      do {
        json_span key;
        if (!s.read_string(key)) return fail("expected a key");
        if (!s.consume(':')) return fail("expected ':' after an object key");
        if (!found && key.string_contents() == options.items_key) {
          if (s.peek() != '[') {
            return unexpected{page_error{s.offset(), "\"" + std::string(options.items_key) + "\" is not an array"}};
          }
          if (!read_array()) return fail("expected the array of records");
          found = true;
        } else {
          json_span ignored;
          if (!s.read_value(ignored)) return fail("expected a value");
        }
      } while (s.consume(','));
      if (!s.consume('}')) return fail("expected ',' or '}' in the page object");
    }
    if (!found) {
      return unexpected{page_error{0, "the page has no key \"" + std::string(options.items_key) + "\""}};
    }
  } else {
    return unexpected{page_error{s.offset(), "a page must be a JSON array of records, or an object holding one"}};
  }
  s.skip_whitespace();
  if (!s.at_end()) return unexpected{page_error{s.offset(), "unexpected text after the page"}};
  return summary;
}

/// Walks the records of a page: each object record's wanted fields are found through `lookup`, then
/// `convert(index, raw)` turns them into a record and returns {nullptr, ""} or {reason, failed field}.
template <class OnError, class Convert>
expected<page_summary, page_error> walk_records(std::string_view page, const page_options& options,
                                                const field_lookup& lookup, OnError& on_error, Convert&& convert) {
  return walk_page(page, options, [&](json_scanner& s, page_summary& summary) {
    const std::size_t index = summary.records++;
    const char* start = (s.skip_whitespace(), s.position());
    const std::size_t offset = s.offset();
    if (s.peek() != '{') {
      json_span value;
      if (!s.read_value(value)) return false;
      on_error(record_error{index, offset, "", "a record must be a JSON object", clip(value.text)});
      return true;
    }
    if (!find_fields(s, lookup)) return false;
    const auto [reason, field] = convert(index, s.span_from(start));
    if (reason != nullptr) {
      std::size_t i = 0;
      while (i < lookup.count && lookup.paths[i] != field) ++i;
      on_error(record_error{index, offset, field, reason, i < lookup.count ? clip(lookup.found[i].text) : std::string()});
      return true;
    }
    ++summary.extracted;
    return true;
  });
}

}  // namespace detail

/// Extracts the records of `page` for descriptor `R`: `on_record(record<R>&&)` for each good one and
/// `on_error(record_error&&)` for each bad one, in page order. Memory stays bounded by the page and one
/// record. On malformed JSON the result is a `page_error` (the records before it were handed over already; a
/// poll must treat the page as failed).
template <class R, class OnRecord, class OnError>
expected<page_summary, page_error> extract_page(std::string_view page, OnRecord&& on_record, OnError&& on_error,
                                                const page_options& options = {}) {
  static_assert(resource_traits<R>::member_count > 0);  // runs the descriptor's checks
  constexpr std::size_t n = detail::member_count_of<R>;
  std::array<detail::json_span, n> found{};
  const auto keys = detail::json_keys_v<R>.views();
  const detail::field_lookup lookup{keys.data(), found.data(), n};
  return detail::walk_records(page, options, lookup, on_error, [&](std::size_t index, std::string_view raw) {
    record<R> r{index, raw, R{}};
    std::string field;
    const char* reason = detail::convert_members(found.data(), r.value, field, std::make_index_sequence<n>{});
    if (reason == nullptr) on_record(std::move(r));
    return std::pair{reason, field};
  });
}

/// All the records of a page and all its record errors.
template <class R>
struct extracted_page {
  std::vector<record<R>> records;
  std::vector<record_error> errors;
};

/// Extracts a whole page into vectors (see the callback form).
template <class R>
expected<extracted_page<R>, page_error> extract_page(std::string_view page, const page_options& options = {}) {
  extracted_page<R> out;
  auto result = extract_page<R>(
      page, [&out](record<R>&& r) { out.records.push_back(std::move(r)); },
      [&out](record_error&& e) { out.errors.push_back(std::move(e)); }, options);
  if (!result) return unexpected{result.error()};
  return out;
}

ERPOLL_END_NAMESPACE

#endif
