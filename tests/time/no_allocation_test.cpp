// Parsing and format_to allocate nothing: this executable counts every operator new.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> allocations{0};
}

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

TEST_CASE("date_format parse and format_to allocate nothing", "[time][allocation]") {
  using F = erpoll::date_format<"EEE, d MMM yyyy HH:mm:ss.SSSXXX z">;
  const auto zone = erpoll::time_zone::named("America/New_York");  // the lookup may allocate, once
  char buffer[F::max_size];
  const auto t = erpoll::instant{std::chrono::sys_days{std::chrono::year{2026} / 7 / 4}};
  const long before = allocations.load();
  char* end = F::format_to(buffer, t, zone);
  const auto parsed = F::parse(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), zone);
  const auto failed = F::parse("Sat, 4 Jul 2026 nonsense", zone);
  const auto naive = erpoll::date_format<"yyyy-MM-dd HH:mm">::parse("2026-11-01 01:30", zone);
  const long after = allocations.load();
  CHECK(after == before);
  REQUIRE(parsed);
  CHECK(*parsed == t);
  CHECK_FALSE(failed);
  CHECK(naive);
}

TEST_CASE("runtime_date_format parse and format_to allocate nothing once built", "[time][allocation]") {
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"};
  char buffer[64];
  REQUIRE(f.max_size() <= sizeof buffer);
  const auto t = erpoll::instant{std::chrono::microseconds{1780000000123456}};
  const long before = allocations.load();
  char* end = f.format_to(buffer, t, erpoll::gmt);
  const auto parsed = f.parse(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), erpoll::gmt);
  const long after = allocations.load();
  CHECK(after == before);
  REQUIRE(parsed);
  CHECK(*parsed == t);
}
