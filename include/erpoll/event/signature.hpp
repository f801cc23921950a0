/// \file
/// The Cloud Elements webhook signature: `Elements-Webhook-Signature: sha256=<base64 of HMAC-SHA256(key,
/// body)>`, computed over the exact bytes sent (OpenSSL).
#pragma once
#ifndef ERPOLL_EVENT_SIGNATURE_HPP
#define ERPOLL_EVENT_SIGNATURE_HPP

#include <erpoll/core/config.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>
#include <string>
#include <string_view>

ERPOLL_BEGIN_NAMESPACE

/// The header that carries the signature.
inline constexpr std::string_view signature_header = "Elements-Webhook-Signature";

/// "sha256=<base64 of HMAC-SHA256(key, body)>".
inline std::string webhook_signature(std::string_view key, std::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  static const unsigned char nothing = 0;  // OpenSSL wants a valid pointer even for empty input
  const void* key_bytes = key.empty() ? static_cast<const void*>(&nothing) : key.data();
  const auto* body_bytes = body.empty() ? &nothing : reinterpret_cast<const unsigned char*>(body.data());
  if (HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), body_bytes, body.size(), mac, &mac_size) ==
      nullptr) {
    throw std::runtime_error("erpoll: OpenSSL could not compute HMAC-SHA256");
  }
  std::string encoded(4 * ((mac_size + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), mac, static_cast<int>(mac_size));
  encoded.resize(static_cast<std::size_t>(n));
  return "sha256=" + encoded;
}

ERPOLL_END_NAMESPACE

#endif
