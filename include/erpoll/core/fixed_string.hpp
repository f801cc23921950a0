/// \file
/// `erpoll::fixed_string<N>`: a string usable as a template argument (`date_format<"yyyy-MM-dd">`).
#pragma once
#ifndef ERPOLL_CORE_FIXED_STRING_HPP
#define ERPOLL_CORE_FIXED_STRING_HPP

#include <erpoll/core/config.hpp>

#include <cstddef>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// A compile-time string literal holder, so that strings can be non-type template parameters.
/// `N` counts the characters without the terminating zero.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  /// Built from a string literal; deduction guide below makes `fixed_string s = "abc";` work.
  constexpr fixed_string(const char (&text)[N + 1]) noexcept {  // NOLINT: implicit on purpose
    for (std::size_t i = 0; i <= N; ++i) data[i] = text[i];
  }

  static constexpr std::size_t size() noexcept { return N; }
  constexpr std::string_view view() const noexcept { return {data, N}; }
  constexpr operator std::string_view() const noexcept { return view(); }
  constexpr char operator[](std::size_t i) const noexcept { return data[i]; }

  template <std::size_t M>
  constexpr bool operator==(const fixed_string<M>& other) const noexcept {
    return view() == other.view();
  }
};

template <std::size_t M>
fixed_string(const char (&)[M]) -> fixed_string<M - 1>;

/// Characters `Begin` to `Begin + Size` of `S`, as a `fixed_string` of their own (at compile time).
template <fixed_string S, std::size_t Begin, std::size_t Size>
constexpr fixed_string<Size> substring() noexcept {
  static_assert(Begin + Size <= S.size(), "erpoll: substring out of range");
  char text[Size + 1]{};
  for (std::size_t i = 0; i < Size; ++i) text[i] = S.data[Begin + i];
  return fixed_string<Size>(text);
}

ERPOLL_END_NAMESPACE

#endif
