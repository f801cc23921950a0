/// \file
/// `erpoll::expected<T, E>`: a value or an error, with the `std::expected` (C++23) spelling, for C++20.
#pragma once
#ifndef ERPOLL_CORE_EXPECTED_HPP
#define ERPOLL_CORE_EXPECTED_HPP

#include <erpoll/core/config.hpp>

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

ERPOLL_BEGIN_NAMESPACE

/// Wraps an error value to construct an `expected` in its error state: `return unexpected{parse_error{...}};`
template <class E>
struct unexpected {
  E error;
};
template <class E>
unexpected(E) -> unexpected<E>;

/// Thrown by `expected::value()` when it holds an error; `what()` is the error's message.
class bad_expected_access : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Holds either a `T` or an `E`. Subset of `std::expected`: `has_value()`, `operator bool`, `operator*`,
/// `operator->`, `value()` (throws `bad_expected_access` using `E::message()` when available), `error()`.
template <class T, class E>
class expected {
 public:
  /// A default `T`, as `std::expected` (Asio's `co_spawn` needs it).
  constexpr expected()
    requires std::is_default_constructible_v<T>
      : state_(std::in_place_index<0>) {}
  constexpr expected(T value) noexcept(std::is_nothrow_move_constructible_v<T>)  // NOLINT: implicit on purpose
      : state_(std::in_place_index<0>, std::move(value)) {}
  template <class G>
  constexpr expected(unexpected<G> error)  // NOLINT: implicit on purpose
      : state_(std::in_place_index<1>, std::move(error.error)) {}

  constexpr bool has_value() const noexcept { return state_.index() == 0; }
  constexpr explicit operator bool() const noexcept { return has_value(); }

  constexpr const T& operator*() const& noexcept { return *std::get_if<0>(&state_); }
  constexpr T& operator*() & noexcept { return *std::get_if<0>(&state_); }
  constexpr const T* operator->() const noexcept { return std::get_if<0>(&state_); }
  constexpr const E& error() const& noexcept { return *std::get_if<1>(&state_); }

  const T& value() const& {
    if (!has_value()) {
      if constexpr (requires(const E& e) { e.message(); }) {
        throw bad_expected_access(error().message());
      } else {
        throw bad_expected_access("erpoll: expected holds an error");
      }
    }
    return **this;
  }

 private:
  std::variant<T, E> state_;
};

ERPOLL_END_NAMESPACE

#endif
