// A program of an outside project that uses erpoll (built by each consumer test).
#include <erpoll/erpoll.hpp>

#include <cstdio>

int main() {
  const auto t = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::parse("2026-12-03T17:47:52Z", erpoll::gmt);
  const auto la = erpoll::time_zone::named("America/Los_Angeles");
  const std::string s = erpoll::runtime_date_format{"yyyy-MM-dd HH:mm z"}.format(*t, la);
  std::printf("%s\n", s.c_str());
  return s == "2026-12-03 09:47 PST" ? 0 : 1;
}
