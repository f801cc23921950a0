/// \file
/// A typed builder for CEQL `where` expressions (Cloud Elements Query Language), rendered at compile time
/// when its parts are known then: comparisons, `LIKE`, `IN`, `IS NULL`, `AND`, `OR`, parentheses; values
/// quoted and escaped; dotted field names in backticks.
///
/// \code
/// using namespace erpoll;
/// constexpr auto filter = ceql::field<"lastModifiedDate"> >= ceql::poll_date<"yyyy-MM-dd'T'HH:mm:ss'Z'">
///                         && ceql::field<"status"> != "closed";
/// // filter.view() == "lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}' AND status!='closed'"
/// using url = url_template<ceql::with_where<"/hubs/erp/customers", filter>()>;
/// \endcode
///
/// A single quote inside a value is escaped by doubling it (`'O''Reilly'`), the SQL convention CEQL follows.
#pragma once
#ifndef ERPOLL_RESOURCE_CEQL_HPP
#define ERPOLL_RESOURCE_CEQL_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

ERPOLL_BEGIN_NAMESPACE
namespace ceql {

/// How tightly an expression binds, so that composition adds the parentheses it needs.
enum class binding : std::uint8_t { atom, conjunction, disjunction };

/// A rendered CEQL expression with room for `Capacity` characters. Structural, so a `constexpr` one can be a
/// template argument (see `with_where`).
template <std::size_t Capacity>
struct expression {
  char text[Capacity + 1]{};
  std::size_t size = 0;
  binding kind = binding::atom;

  /// The CEQL text.
  constexpr std::string_view view() const noexcept { return {text, size}; }
  /// The CEQL text, as a string.
  std::string str() const { return std::string(view()); }

  constexpr void append(std::string_view s) noexcept {
    for (char c : s) text[size++] = c;
  }
};

namespace detail {

constexpr bool is_identifier(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// What can stand on the right of a comparison: its capacity and how it renders.
template <class V>
struct value_traits;

template <std::size_t N>
struct value_traits<char[N]> {  // a string literal: quoted, quotes doubled
  static constexpr std::size_t capacity = 2 * (N - 1) + 2;
  template <class E>
  static constexpr void render(E& e, const char (&v)[N]) noexcept {
    e.append("'");
    for (std::size_t i = 0; i + 1 < N; ++i) e.append(v[i] == '\'' ? std::string_view("''") : std::string_view(&v[i], 1));
    e.append("'");
  }
};

template <std::integral I>
  requires(!std::same_as<I, bool> && !std::same_as<I, char>)
struct value_traits<I> {  // a number, unquoted
  static constexpr std::size_t capacity = 20;
  template <class E>
  static constexpr void render(E& e, I v) noexcept {
    char digits[20]{};
    std::size_t n = 0;
    const bool negative = v < 0;
    auto magnitude = negative ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
    do {
      digits[n++] = static_cast<char>('0' + magnitude % 10);
      magnitude /= 10;
    } while (magnitude != 0);
    if (negative) e.append("-");
    while (n != 0) e.append(std::string_view(&digits[--n], 1));
  }
};

template <>
struct value_traits<bool> {
  static constexpr std::size_t capacity = 5;
  template <class E>
  static constexpr void render(E& e, bool v) noexcept {
    e.append(v ? "true" : "false");
  }
};

}  // namespace detail

/// Text put into the expression as it is: `ceql::raw<"'${epoch}'">`.
template <fixed_string Text>
struct raw_t {};
template <fixed_string Text>
inline constexpr raw_t<Text> raw{};

/// The poll time as a quoted date, through the URL template placeholder `${gmtDate:FMT}`.
template <fixed_string Format>
struct poll_date_t {};
template <fixed_string Format>
inline constexpr poll_date_t<Format> poll_date{};

namespace detail {

template <fixed_string Text>
struct value_traits<raw_t<Text>> {
  static constexpr std::size_t capacity = Text.size();
  template <class E>
  static constexpr void render(E& e, raw_t<Text>) noexcept {
    e.append(Text.view());
  }
};

template <fixed_string Format>
struct value_traits<poll_date_t<Format>> {
  static constexpr std::size_t capacity = Format.size() + 13;
  template <class E>
  static constexpr void render(E& e, poll_date_t<Format>) noexcept {
    e.append("'${gmtDate:");
    e.append(Format.view());
    e.append("}'");
  }
};

template <class V>
concept ceql_value = requires { value_traits<std::remove_cvref_t<V>>::capacity; };

}  // namespace detail

/// A field of the records: `ceql::field<"lastModifiedDate">`; a name that is not a plain identifier
/// (`metaData.lastUpdateTime`) renders in backticks.
template <fixed_string Name>
struct field_t {
  static constexpr bool quoted = !detail::is_identifier(Name.view());
  static constexpr std::size_t capacity = Name.size() + (quoted ? 2 : 0);

  template <class E>
  static constexpr void render(E& e) noexcept {
    if (quoted) e.append("`");
    e.append(Name.view());
    if (quoted) e.append("`");
  }
};
template <fixed_string Name>
inline constexpr field_t<Name> field{};

namespace detail {

template <fixed_string Name, class V>
constexpr auto compare(std::string_view op, const V& value) {
  using traits = value_traits<std::remove_cvref_t<V>>;
  expression<field_t<Name>::capacity + 4 + traits::capacity> e;
  field_t<Name>::render(e);
  e.append(op);
  traits::render(e, value);
  return e;
}

}  // namespace detail

// Comparisons render without spaces, as Cloud Elements documents them: status!='closed'.
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator==(field_t<Name>, const V& value) { return detail::compare<Name>("=", value); }
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator!=(field_t<Name>, const V& value) { return detail::compare<Name>("!=", value); }
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator<(field_t<Name>, const V& value) { return detail::compare<Name>("<", value); }
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator<=(field_t<Name>, const V& value) { return detail::compare<Name>("<=", value); }
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator>(field_t<Name>, const V& value) { return detail::compare<Name>(">", value); }
template <fixed_string Name, detail::ceql_value V>
constexpr auto operator>=(field_t<Name>, const V& value) { return detail::compare<Name>(">=", value); }

/// `field LIKE 'pattern'` (`%` is the wildcard).
template <fixed_string Name, std::size_t N>
constexpr auto like(field_t<Name>, const char (&pattern)[N]) { return detail::compare<Name>(" LIKE ", pattern); }

/// `field IN ('a','b')`.
template <fixed_string Name, detail::ceql_value... V>
  requires(sizeof...(V) > 0)
constexpr auto in(field_t<Name>, const V&... values) {
  expression<field_t<Name>::capacity + 6 + (... + (detail::value_traits<std::remove_cvref_t<V>>::capacity + 1))> e;
  field_t<Name>::render(e);
  e.append(" IN (");
  bool first = true;
  auto one = [&](const auto& v) {
    if (!first) e.append(",");
    first = false;
    detail::value_traits<std::remove_cvref_t<decltype(v)>>::render(e, v);
  };
  (one(values), ...);
  e.append(")");
  return e;
}

/// `field IS NULL`.
template <fixed_string Name>
constexpr auto is_null(field_t<Name>) {
  expression<field_t<Name>::capacity + 8> e;
  field_t<Name>::render(e);
  e.append(" IS NULL");
  return e;
}

/// `field IS NOT NULL`.
template <fixed_string Name>
constexpr auto is_not_null(field_t<Name>) {
  expression<field_t<Name>::capacity + 12> e;
  field_t<Name>::render(e);
  e.append(" IS NOT NULL");
  return e;
}

/// `(e)`: explicit parentheses.
template <std::size_t N>
constexpr auto group(const expression<N>& inner) {
  expression<N + 2> e;
  e.append("(");
  e.append(inner.view());
  e.append(")");
  return e;
}

/// `a AND b`; an `OR` operand gets parentheses.
template <std::size_t A, std::size_t B>
constexpr auto operator&&(const expression<A>& a, const expression<B>& b) {
  expression<A + B + 9> e;
  auto operand = [&e](std::string_view text, binding k) {
    if (k == binding::disjunction) e.append("(");
    e.append(text);
    if (k == binding::disjunction) e.append(")");
  };
  operand(a.view(), a.kind);
  e.append(" AND ");
  operand(b.view(), b.kind);
  e.kind = binding::conjunction;
  return e;
}

/// `a OR b` (NetSuite does not support OR; other elements do).
template <std::size_t A, std::size_t B>
constexpr auto operator||(const expression<A>& a, const expression<B>& b) {
  expression<A + B + 4> e;
  e.append(a.view());
  e.append(" OR ");
  e.append(b.view());
  e.kind = binding::disjunction;
  return e;
}

/// `Path?where=<Where>` as a `fixed_string`, for `url_template`. `Where` is a `constexpr` expression.
template <fixed_string Path, auto Where>
constexpr auto with_where() {
  constexpr std::size_t size = Path.size() + 7 + Where.size;
  char text[size + 1]{};
  std::size_t n = 0;
  for (char c : Path.view()) text[n++] = c;
  for (char c : std::string_view("?where=")) text[n++] = c;
  for (char c : Where.view()) text[n++] = c;
  return fixed_string<size>(text);
}

/// A value known only at run time, quoted for CEQL: `'O''Reilly'`.
inline std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string_view("''") : std::string_view(&c, 1);
  out += '\'';
  return out;
}

}  // namespace ceql
ERPOLL_END_NAMESPACE

#endif
