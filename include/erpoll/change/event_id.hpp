/// \file
/// Deterministic event ids: the same change gives the same id on every platform, run, retry and re-poll.
///
/// The formula (version 1): the lowercase hex of the first 16 bytes of
/// SHA-256("erpoll.event.v1" NUL instance NUL resource NUL record id NUL updated), where `updated` is the
/// record's updated instant in decimal microseconds since 1970-01-01T00:00:00Z (negative before it).
#pragma once
#ifndef ERPOLL_CHANGE_EVENT_ID_HPP
#define ERPOLL_CHANGE_EVENT_ID_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/time/instant.hpp>

#include <openssl/evp.h>

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE
namespace detail {

/// Lowercase hex of the first 16 bytes of SHA-256(`input`): erpoll's stable ids.
inline std::string sha256_id(std::string_view input) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(input.data(), input.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("erpoll: OpenSSL could not compute SHA-256");
  }
  constexpr char hex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t i = 0; i < 16; ++i) {
    id[2 * i] = hex[digest[i] >> 4];
    id[2 * i + 1] = hex[digest[i] & 15];
  }
  return id;
}

}  // namespace detail

/// The id of the event for record `record_id` of `resource` in `instance` at `updated` (32 hex characters).
inline std::string event_id(std::string_view instance, std::string_view resource, std::string_view record_id,
                            instant updated) {
  const std::string micros = std::to_string(updated.time_since_epoch().count());
  std::string input;
  input.reserve(16 + instance.size() + resource.size() + record_id.size() + micros.size() + 4);
  input.append("erpoll.event.v1").append(1, '\0');
  input.append(instance).append(1, '\0');
  input.append(resource).append(1, '\0');
  input.append(record_id).append(1, '\0');
  input.append(micros);
  return detail::sha256_id(input);
}

ERPOLL_END_NAMESPACE

#endif
