/// \file
/// The NetSuite 2016 ERP catalogue as a list: `erpoll::netsuite::catalogue` (a Boost.Hana tuple of the 11
/// descriptor types, in the seed's order) and `catalogue_descriptions()` (what each states, at run time).
#pragma once
#ifndef ERPOLL_NETSUITE_CATALOGUE_HPP
#define ERPOLL_NETSUITE_CATALOGUE_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/netsuite/erp.hpp>
#include <erpoll/resource/describe.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <string_view>
#include <vector>

ERPOLL_BEGIN_NAMESPACE
namespace netsuite {

/// The element key of NetSuite 2016 ERP in Cloud Elements.
inline constexpr std::string_view element_key = "netsuiteerpv2";

/// The 11 pollable resources, as types.
inline constexpr auto catalogue =
    boost::hana::tuple_t<Customers, Employees, Estimates, Invoices, JournalEntries, Payments, Products,
                         PurchaseOrders, TimeActivities, VendorPayments, Vendors>;

/// What each catalogue descriptor states, in the order of `catalogue`.
inline std::vector<dynamic_resource_options> catalogue_descriptions() {
  std::vector<dynamic_resource_options> out;
  boost::hana::for_each(catalogue, [&](auto t) { out.push_back(describe<typename decltype(t)::type>()); });
  return out;
}

}  // namespace netsuite
ERPOLL_END_NAMESPACE

#endif
