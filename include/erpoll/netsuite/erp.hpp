/// \file
/// The NetSuite 2016 ERP resources of Cloud Elements' `netsuiteerpv2` element (hub `erp`), as descriptors:
/// `erpoll::netsuite::Customers`, `Employees`, `Estimates`, `Invoices`, `JournalEntries`, `Payments`,
/// `Products`, `PurchaseOrders`, `TimeActivities`, `VendorPayments`, `Vendors`.
///
/// Records carry `internalId`, `lastModifiedDate` and `createdDate` (transactions) or `dateCreated`
/// (entities), as `yyyy-MM-dd'T'HH:mm:ss'Z'` in GMT (the reference's notification example). Each polls
/// `/hubs/erp/<name>?where=lastModifiedDate>='${gmtDate:...}'`. To adapt one (another path, more fields),
/// copy its few lines into your own descriptor.
#pragma once
#ifndef ERPOLL_NETSUITE_ERP_HPP
#define ERPOLL_NETSUITE_ERP_HPP

#include <erpoll/core/config.hpp>
#include <erpoll/core/fixed_string.hpp>
#include <erpoll/resource/ceql.hpp>
#include <erpoll/resource/descriptor.hpp>
#include <erpoll/resource/fields.hpp>

#include <optional>
#include <string>

ERPOLL_BEGIN_NAMESPACE
namespace netsuite {

/// The date format of NetSuite ERP records in Cloud Elements' normalised form.
inline constexpr fixed_string date_pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";
using modified = updated_field<date_pattern, gmt>;
using created = created_field<date_pattern, gmt>;

/// The where clause all of them poll with: changed at or after the last poll.
inline constexpr auto changed_since_last_poll = ceql::field<"lastModifiedDate"> >= ceql::poll_date<date_pattern>;

// Entities: dateCreated.
struct Customers {
  static constexpr fixed_string name = "customers";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/customers", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Customers, (id_field<>, internalId), (created, dateCreated), (modified, lastModifiedDate),
                           (std::optional<std::string>, companyName), (std::optional<std::string>, email),
                           (std::optional<std::string>, entityId));
};

struct Employees {
  static constexpr fixed_string name = "employees";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/employees", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Employees, (id_field<>, internalId), (created, dateCreated), (modified, lastModifiedDate),
                           (std::optional<std::string>, firstName), (std::optional<std::string>, lastName),
                           (std::optional<std::string>, email));
};

struct Products {
  static constexpr fixed_string name = "products";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/products", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Products, (id_field<>, internalId), (created, createdDate), (modified, lastModifiedDate),
                           (std::optional<std::string>, itemId), (std::optional<std::string>, displayName));
};

struct Vendors {
  static constexpr fixed_string name = "vendors";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/vendors", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Vendors, (id_field<>, internalId), (created, dateCreated), (modified, lastModifiedDate),
                           (std::optional<std::string>, companyName), (std::optional<std::string>, email));
};

// Transactions: createdDate, tranId, and an amount.
struct Estimates {
  static constexpr fixed_string name = "estimates";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/estimates", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Estimates, (id_field<>, internalId), (created, createdDate), (modified, lastModifiedDate),
                           (std::optional<std::string>, tranId), (std::optional<double>, total));
};

struct Invoices {
  static constexpr fixed_string name = "invoices";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/invoices", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Invoices, (id_field<>, internalId), (created, createdDate), (modified, lastModifiedDate),
                           (std::optional<std::string>, tranId), (std::optional<double>, total));
};

struct JournalEntries {
  static constexpr fixed_string name = "journal-entries";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/journal-entries", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(JournalEntries, (id_field<>, internalId), (created, createdDate),
                           (modified, lastModifiedDate), (std::optional<std::string>, tranId));
};

struct Payments {
  static constexpr fixed_string name = "payments";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/payments", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(Payments, (id_field<>, internalId), (created, createdDate), (modified, lastModifiedDate),
                           (std::optional<std::string>, tranId), (std::optional<double>, payment));
};

struct PurchaseOrders {
  static constexpr fixed_string name = "purchase-orders";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/purchase-orders", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(PurchaseOrders, (id_field<>, internalId), (created, createdDate),
                           (modified, lastModifiedDate), (std::optional<std::string>, tranId),
                           (std::optional<double>, total));
};

struct TimeActivities {
  static constexpr fixed_string name = "time-activities";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/time-activities", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(TimeActivities, (id_field<>, internalId), (created, createdDate),
                           (modified, lastModifiedDate), (std::optional<std::string>, memo));
};

struct VendorPayments {
  static constexpr fixed_string name = "vendor-payments";
  static constexpr fixed_string url = ceql::with_where<"/hubs/erp/vendor-payments", changed_since_last_poll>();
  BOOST_HANA_DEFINE_STRUCT(VendorPayments, (id_field<>, internalId), (created, createdDate),
                           (modified, lastModifiedDate), (std::optional<std::string>, tranId),
                           (std::optional<double>, total));
};

}  // namespace netsuite
ERPOLL_END_NAMESPACE

#endif
