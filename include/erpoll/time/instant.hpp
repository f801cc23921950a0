/// \file
/// `erpoll::instant`: the one point-in-time type of erpoll (UTC, microsecond precision).
#pragma once
#ifndef ERPOLL_TIME_INSTANT_HPP
#define ERPOLL_TIME_INSTANT_HPP

#include <erpoll/core/config.hpp>

#include <chrono>

ERPOLL_BEGIN_NAMESPACE

/// An instant on the UTC time line with microsecond precision. Microseconds (not nanoseconds) so that the
/// whole proleptic Gregorian range the date engine reads (years 1 to 99999 and beyond) fits in 64 bits.
/// Text with finer digits (`SSSSSSSSS`) is read and truncated towards the past, so a cursor built from it
/// never moves past a record.
using instant = std::chrono::sys_time<std::chrono::microseconds>;

ERPOLL_END_NAMESPACE

#endif
