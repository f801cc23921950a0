/// \file
/// Version numbers and the versioned inline namespace every erpoll declaration lives in.
#pragma once
#ifndef ERPOLL_CORE_CONFIG_HPP
#define ERPOLL_CORE_CONFIG_HPP

#define ERPOLL_VERSION_MAJOR 0
#define ERPOLL_VERSION_MINOR 1
#define ERPOLL_VERSION_PATCH 0

// Like nlohmann/json: the ABI version is part of every mangled name, so two erpoll versions linked into one
// program cannot silently mix their types.
#define ERPOLL_ABI_NAMESPACE v0_1
#define ERPOLL_BEGIN_NAMESPACE \
  namespace erpoll {           \
  inline namespace ERPOLL_ABI_NAMESPACE {
#define ERPOLL_END_NAMESPACE \
  }                          \
  }

#endif
