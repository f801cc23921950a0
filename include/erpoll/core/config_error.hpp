/// \file
/// `erpoll::config_error`: the exception for bad configuration (an unknown zone, an invalid date pattern, ...).
#pragma once
#ifndef ERPOLL_CORE_CONFIG_ERROR_HPP
#define ERPOLL_CORE_CONFIG_ERROR_HPP

#include <erpoll/core/config.hpp>

#include <stdexcept>
#include <string>

ERPOLL_BEGIN_NAMESPACE

/// Thrown when configuration given at run time is invalid. The message names the value and what is wrong
/// with it, and never contains a secret.
class config_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

ERPOLL_END_NAMESPACE

#endif
