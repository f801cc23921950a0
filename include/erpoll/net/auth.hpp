/// \file
/// How requests to the hub authenticate: HTTP Basic (the seed's `authentication.type: Basic`), the Cloud
/// Elements `User ..., Organization ..., Element ...` header, a bearer token, and extra headers.
#pragma once
#ifndef ERPOLL_NET_AUTH_HPP
#define ERPOLL_NET_AUTH_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/net/secret.hpp>

#include <openssl/evp.h>

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

ERPOLL_BEGIN_NAMESPACE

/// No Authorization header.
struct no_auth {};
/// `Authorization: Basic base64(user:password)`.
struct basic_auth {
  std::string username;
  secret password;
};
/// `Authorization: User <user>, Organization <organization>, Element <element>` (Cloud Elements).
struct cloud_elements_auth {
  secret user;
  secret organization;
  secret element;
};
/// `Authorization: Bearer <token>`.
struct bearer_auth {
  secret token;
};

/// The hub's authentication, plus headers sent with every request (their values are treated as secrets).
struct auth_options {
  std::variant<no_auth, basic_auth, cloud_elements_auth, bearer_auth> scheme;
  std::vector<std::pair<std::string, secret>> extra_headers;
};

namespace detail {
inline std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}
}  // namespace detail

/// The Authorization header value for `a`, or empty for `no_auth`.
inline std::string authorization_value(const auth_options& a) {
  struct visitor {
    std::string operator()(const no_auth&) const { return {}; }
    std::string operator()(const basic_auth& b) const {
      return "Basic " + detail::base64(b.username + ":" + b.password.reveal());
    }
    std::string operator()(const cloud_elements_auth& c) const {
      return "User " + c.user.reveal() + ", Organization " + c.organization.reveal() + ", Element " +
             c.element.reveal();
    }
    std::string operator()(const bearer_auth& b) const { return "Bearer " + b.token.reveal(); }
  };
  return std::visit(visitor{}, a.scheme);
}

/// "Basic", "Cloud Elements", "Bearer" or "none": what logs may say about the scheme.
inline std::string_view auth_scheme_name(const auth_options& a) {
  constexpr std::string_view names[] = {"none", "Basic", "Cloud Elements", "Bearer"};
  return names[a.scheme.index()];
}

ERPOLL_END_NAMESPACE

#endif
