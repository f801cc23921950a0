/// \file
/// Resource descriptors: a type with a `name`, a `url` template and Boost.Hana-reflected members, exactly one
/// `id_field`, one `updated_field`, at most one `created_field`, and any further typed members. Everything a
/// poll needs to know about it is computed here, at compile time; misuse fails to compile with `erpoll: `.
///
/// \code
/// struct Customers {
///   static constexpr erpoll::fixed_string name = "customers";
///   static constexpr erpoll::fixed_string url =
///       "/hubs/erp/customers?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
///   BOOST_HANA_DEFINE_STRUCT(Customers,
///       (erpoll::id_field<>, internalId),
///       (erpoll::created_field<"yyyy-MM-dd'T'HH:mm:ss'Z'">, dateCreated),
///       (erpoll::updated_field<"yyyy-MM-dd'T'HH:mm:ss'Z'">, lastModifiedDate),
///       (std::string, companyName));
/// };
/// \endcode
#pragma once
#ifndef ERPOLL_RESOURCE_DESCRIPTOR_HPP
#define ERPOLL_RESOURCE_DESCRIPTOR_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/resource/fields.hpp>
#include <erpoll/resource/url_template.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/define_struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// What a member of a descriptor is.
enum class member_role { id, updated, created, value, unsupported };

template <class T>
struct role_of {
  static constexpr member_role value = member_role::unsupported;
};
template <fixed_string P>
struct role_of<id_field<P>> {
  static constexpr member_role value = member_role::id;
};
template <fixed_string F, auto Z, fixed_string P>
struct role_of<updated_field<F, Z, P>> {
  static constexpr member_role value = member_role::updated;
};
template <fixed_string F, auto Z, fixed_string P>
struct role_of<created_field<F, Z, P>> {
  static constexpr member_role value = member_role::created;
};

template <class T>
constexpr bool is_supported_value();

template <class S, std::size_t... I>
constexpr bool all_members_supported(std::index_sequence<I...>) {
  constexpr auto accessors = boost::hana::accessors<S>();
  return (is_supported_value<std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<I>(accessors))(
              std::declval<S&>()))>>() &&
          ...);
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_json_at : std::false_type {};
template <fixed_string P, class T>
struct is_json_at<json_at<P, T>> : std::true_type {};

/// Typed members: strings, booleans, numbers, optionals and vectors of them, nested reflected structs,
/// and any of these under `json_at`.
template <class T>
constexpr bool is_supported_value() {
  if constexpr (std::same_as<T, std::string> || std::same_as<T, bool> || std::integral<T> ||
                std::floating_point<T>) {
    return true;
  } else if constexpr (is_optional<T>::value || is_vector<T>::value) {
    return is_supported_value<typename T::value_type>();
  } else if constexpr (is_json_at<T>::value) {
    return is_supported_value<decltype(T::value)>();
  } else if constexpr (boost::hana::Struct<T>::value) {
    return all_members_supported<T>(
        std::make_index_sequence<decltype(boost::hana::length(boost::hana::accessors<T>()))::value>{});
  } else {
    return false;
  }
}

template <class T>
constexpr member_role role_of_member() {
  constexpr member_role r = role_of<T>::value;
  if constexpr (r != member_role::unsupported) {
    return r;
  } else {
    return is_supported_value<T>() ? member_role::value : member_role::unsupported;
  }
}

/// Instantiated for a member of an unsupported type: "check_member_type<Descriptor, Index, Type>" below names
/// the descriptor, the member's position (from 0) and its type.
template <class Descriptor, std::size_t Index, class Type>
constexpr bool check_member_type() {
  static_assert(role_of_member<Type>() != member_role::unsupported,
                "erpoll: unsupported member type in a resource descriptor (see 'check_member_type<Descriptor, "
                "Index, Type>' below); use id_field, updated_field, created_field, std::string, bool, a number, "
                "std::optional or std::vector of those, a nested BOOST_HANA_DEFINE_STRUCT struct, or json_at");
  return true;
}

template <class T>
concept has_json_path = requires { T::json_path; };

/// The JSON key of each reflected member of `S` (its `json_path`, else its C++ name), as views of
/// compile-time storage; only for constant evaluation (see `json_key_table`).
template <class S, std::size_t... I>
constexpr auto json_key_views(std::index_sequence<I...>) {
  constexpr auto accessors = boost::hana::accessors<S>();
  auto key = []<std::size_t J>(std::integral_constant<std::size_t, J>) -> std::string_view {
    using member = std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<J>(accessors))(
        std::declval<S&>()))>;
    if constexpr (has_json_path<member>) {
      if (!member::json_path.empty()) return member::json_path;
    }
    return boost::hana::to<char const*>(decltype(boost::hana::first(boost::hana::at_c<J>(accessors))){});
  };
  return std::array<std::string_view, sizeof...(I)>{key(std::integral_constant<std::size_t, I>{})...};
}

template <class S>
inline constexpr std::size_t member_count_of = decltype(boost::hana::length(boost::hana::accessors<S>()))::value;

/// N keys in one block of characters. It holds no pointer to another variable: GCC 12's AddressSanitizer
/// mislinks an inline variable that points at one only it refers to ("defined in discarded section").
template <std::size_t N, std::size_t Chars>
struct json_key_table {
  std::array<char, Chars + 1> chars{};
  std::array<std::size_t, N + 1> offsets{};

  static constexpr std::size_t size() noexcept { return N; }
  constexpr std::string_view operator[](std::size_t i) const {
    return {chars.data() + offsets[i], offsets[i + 1] - offsets[i]};
  }
  /// All keys as views of this table (which must outlive them).
  constexpr std::array<std::string_view, N> views() const {
    std::array<std::string_view, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = (*this)[i];
    return out;
  }
};

template <class S>
consteval std::size_t json_key_chars() {
  std::size_t total = 0;
  for (const auto key : json_key_views<S>(std::make_index_sequence<member_count_of<S>>{})) total += key.size();
  return total;
}

template <class S>
consteval auto make_json_key_table() {
  constexpr auto keys = json_key_views<S>(std::make_index_sequence<member_count_of<S>>{});
  json_key_table<keys.size(), json_key_chars<S>()> table;
  std::size_t at = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    table.offsets[i] = at;
    for (const char c : keys[i]) table.chars[at++] = c;
  }
  table.offsets[keys.size()] = at;
  return table;
}

/// The JSON keys of `S`'s members, in member order.
template <class S>
inline constexpr auto json_keys_v = make_json_key_table<S>();

}  // namespace detail

/// Everything erpoll knows about descriptor `R`, computed at compile time.
template <class R>
struct resource_traits {
  static_assert(boost::hana::Struct<R>::value,
                "erpoll: a resource descriptor must reflect its members with BOOST_HANA_DEFINE_STRUCT");
  static_assert(requires { std::string_view(R::name.view()); },
                "erpoll: a resource descriptor needs 'static constexpr erpoll::fixed_string name = \"...\";'");
  static_assert(requires { std::string_view(R::url.view()); },
                "erpoll: a resource descriptor needs 'static constexpr erpoll::fixed_string url = \"...\";' (the "
                "polling URL template)");

 private:
  static constexpr auto accessors = boost::hana::accessors<R>();

 public:
  /// The number of reflected members.
  static constexpr std::size_t member_count = decltype(boost::hana::length(accessors))::value;

  /// The type of member `I` (`id_field<>`, `updated_field<...>`, `std::string`, ...).
  template <std::size_t I>
  using member_type =
      std::remove_cvref_t<decltype(boost::hana::second(boost::hana::at_c<I>(accessors))(std::declval<R&>()))>;

  /// The C++ name of member `I`.
  template <std::size_t I>
  static constexpr std::string_view member_name =
      boost::hana::to<char const*>(decltype(boost::hana::first(boost::hana::at_c<I>(accessors))){});

 private:
  template <std::size_t... I>
  static constexpr std::array<detail::member_role, member_count> roles_of(std::index_sequence<I...>) {
    (detail::check_member_type<R, I, member_type<I>>(), ...);
    return {detail::role_of_member<member_type<I>>()...};
  }
  static constexpr auto roles = roles_of(std::make_index_sequence<member_count>{});

  static constexpr std::size_t count(detail::member_role r) {
    std::size_t n = 0;
    for (auto x : roles) n += x == r ? 1 : 0;
    return n;
  }
  static constexpr std::size_t find(detail::member_role r) {
    for (std::size_t i = 0; i < member_count; ++i) {
      if (roles[i] == r) return i;
    }
    return member_count;
  }

  static_assert(count(detail::member_role::id) == 1,
                "erpoll: a resource descriptor needs exactly one erpoll::id_field member");
  static_assert(count(detail::member_role::updated) == 1,
                "erpoll: a resource descriptor needs exactly one erpoll::updated_field member");
  static_assert(count(detail::member_role::created) <= 1,
                "erpoll: a resource descriptor has at most one erpoll::created_field member");

 public:
  /// The resource's name ("customers", "journal-entries").
  static constexpr std::string_view name = R::name.view();
  /// The polling URL, parsed at compile time.
  using url = url_template<R::url>;
  /// Indexes of the id, updated and created members (`created_index == member_count` when there is none).
  static constexpr std::size_t id_index = find(detail::member_role::id);
  static constexpr std::size_t updated_index = find(detail::member_role::updated);
  static constexpr std::size_t created_index = find(detail::member_role::created);
  static constexpr bool has_created = created_index != member_count;
  /// The JSON key (or dotted path) each member is read from: its `json_path`, or else its C++ name.
  /// `json_keys[i]` is a `std::string_view`; `json_keys.size()` is `member_count`.
  static constexpr auto json_keys = detail::json_keys_v<R>;
  /// What each member is.
  static constexpr std::array<detail::member_role, member_count> member_roles = roles;
};

/// A type usable as a resource descriptor (the traits give the reasons when it is not).
template <class R>
concept resource_descriptor = boost::hana::Struct<R>::value && requires {
  R::name.view();
  R::url.view();
};

ERPOLL_END_NAMESPACE

#endif
