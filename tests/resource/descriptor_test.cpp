// Resource descriptors: what the traits compute, user-defined descriptors, and the NetSuite catalogue.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

struct Address {
  BOOST_HANA_DEFINE_STRUCT(Address, (std::string, city), (std::optional<std::string>, zip));
};

// A resource of another API: a nested updated date, a key that is no C++ identifier, typed members.
struct Tickets {
  static constexpr erpoll::fixed_string name = "tickets";
  static constexpr erpoll::fixed_string url = "/api/tickets?since=${epoch:s}";
  BOOST_HANA_DEFINE_STRUCT(Tickets,
      (erpoll::id_field<"ticket-id">, id),
      (erpoll::updated_field<"seconds", erpoll::utc, "meta.updated">, updated),
      (erpoll::json_at<"custom-priority", int>, priority),
      (bool, open),
      (double, cost),
      (std::vector<std::string>, tags),
      (Address, address));
};

// The design's sketch: a local-time date in a named zone, no created date.
struct Orders {
  static constexpr erpoll::fixed_string name = "orders";
  static constexpr erpoll::fixed_string url = "/orders?where=modified>='${dateTimeZone:America/New_York:yyyy-MM-dd HH:mm}'";
  BOOST_HANA_DEFINE_STRUCT(Orders,
      (erpoll::updated_field<"yyyy-MM-dd HH:mm:ss", erpoll::zone_named<"America/New_York">>, modified),
      (erpoll::id_field<>, number));
};

}  // namespace

TEST_CASE("traits of a user-defined descriptor", "[resource][descriptor]") {
  using T = erpoll::resource_traits<Tickets>;
  STATIC_REQUIRE(erpoll::resource_descriptor<Tickets>);
  STATIC_REQUIRE(T::name == "tickets");
  STATIC_REQUIRE(T::member_count == 7);
  STATIC_REQUIRE(T::id_index == 0);
  STATIC_REQUIRE(T::updated_index == 1);
  STATIC_REQUIRE_FALSE(T::has_created);
  STATIC_REQUIRE(T::json_keys[0] == "ticket-id");
  STATIC_REQUIRE(T::json_keys[1] == "meta.updated");
  STATIC_REQUIRE(T::json_keys[2] == "custom-priority");
  STATIC_REQUIRE(T::json_keys[3] == "open");
  STATIC_REQUIRE(T::member_name<6> == "address");
  STATIC_REQUIRE(std::is_same_v<T::member_type<4>, double>);
  STATIC_REQUIRE(T::member_roles[6] == erpoll::detail::member_role::value);
  CHECK(T::url::expand(erpoll::instant{std::chrono::seconds{1700000000}}) == "/api/tickets?since=1700000000");

  using O = erpoll::resource_traits<Orders>;
  STATIC_REQUIRE(O::updated_index == 0);
  STATIC_REQUIRE(O::id_index == 1);
  using modified = O::member_type<0>;
  const auto t = modified::format::parse("2026-11-01 01:30:00", modified::zone);  // the overlap: earlier offset
  REQUIRE(t);
  CHECK(*t == erpoll::instant{std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}} + std::chrono::hours{5} +
                  std::chrono::minutes{30});
  CHECK(O::url::expand(*t) == "/orders?where=modified%3E%3D%272026-11-01%2001:30%27");
}

namespace {
template <class R>
void check_netsuite(std::string_view name, std::string_view created) {
  using T = erpoll::resource_traits<R>;
  INFO(name);
  CHECK(T::name == name);
  CHECK(T::json_keys[T::id_index] == "internalId");
  CHECK(T::json_keys[T::updated_index] == "lastModifiedDate");
  REQUIRE(T::has_created);
  CHECK(T::json_keys[T::created_index] == created);
  const std::string expected_url = "/hubs/erp/" + std::string(name) +
                                   "?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
  CHECK(T::url::text() == expected_url);
  CHECK(T::url::expand(erpoll::instant{std::chrono::sys_days{std::chrono::year{2018} / 8 / 20}}) ==
        "/hubs/erp/" + std::string(name) + "?where=lastModifiedDate%3E%3D%272018-08-20T00:00:00Z%27");
}
}  // namespace

TEST_CASE("the NetSuite 2016 ERP catalogue", "[resource][netsuite]") {
  namespace ns = erpoll::netsuite;
  check_netsuite<ns::Customers>("customers", "dateCreated");
  check_netsuite<ns::Employees>("employees", "dateCreated");
  check_netsuite<ns::Vendors>("vendors", "dateCreated");
  check_netsuite<ns::Products>("products", "createdDate");
  check_netsuite<ns::Estimates>("estimates", "createdDate");
  check_netsuite<ns::Invoices>("invoices", "createdDate");
  check_netsuite<ns::JournalEntries>("journal-entries", "createdDate");
  check_netsuite<ns::Payments>("payments", "createdDate");
  check_netsuite<ns::PurchaseOrders>("purchase-orders", "createdDate");
  check_netsuite<ns::TimeActivities>("time-activities", "createdDate");
  check_netsuite<ns::VendorPayments>("vendor-payments", "createdDate");
  // the reference's notification example parses with the catalogue's date format
  using modified = erpoll::resource_traits<ns::Invoices>::member_type<2>;
  const auto t = modified::format::parse("2018-08-20T15:29:06Z", modified::zone);
  REQUIRE(t);
  CHECK(t->time_since_epoch() == std::chrono::seconds{1534778946});
}
