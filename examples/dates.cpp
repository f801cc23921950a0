// erpoll's date engine in both forms: a pattern known at compile time, and one read from configuration.
// Run: build/.../examples/erpoll-dates-example [pattern] [zone]
#include <erpoll/erpoll.hpp>

#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
  using namespace std::chrono;
  const auto now = floor<milliseconds>(system_clock::now());

  // 1. Compile-time pattern: a typo in it is a compile error starting with "erpoll: ".
  using netsuite_date = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
  const std::string text = netsuite_date::format(now, erpoll::gmt);
  std::printf("NetSuite-style GMT date:  %s\n", text.c_str());
  const auto back = netsuite_date::parse(text, erpoll::gmt);
  std::printf("parsed back:              %s\n", back ? "ok" : back.error().message().c_str());

  // 2. A zone with DST rules; naive local times in gaps and overlaps resolve as java.time's ofLocal.
  const auto new_york = erpoll::time_zone::named("America/New_York");
  using local_time = erpoll::date_format<"yyyy-MM-dd HH:mm">;
  for (const char* local : {"2026-03-08 02:30", "2026-11-01 01:30"}) {
    const auto instant = local_time::parse(local, new_york);
    std::printf("%s New York = %s\n", local,
                erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ssXXX">::format(*instant, erpoll::utc).c_str());
  }

  // 3. Runtime pattern and zone (configuration): errors are exceptions naming what is wrong.
  const std::string pattern = argc > 1 ? argv[1] : "EEE, d MMM yyyy HH:mm:ss.SSSSSS z";
  const std::string zone_name = argc > 2 ? argv[2] : "PST";
  try {
    const erpoll::runtime_date_format configured{pattern};
    const auto zone = erpoll::time_zone::named(zone_name);
    const std::string s = configured.format(floor<microseconds>(system_clock::now()), zone);
    std::printf("\"%s\" in %s: %s\n", pattern.c_str(), zone_name.c_str(), s.c_str());
    const auto r = configured.parse(s, zone);
    std::printf("parsed back:              %s\n", r ? "ok" : r.error().message().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }

  // 4. A bad text: the error says where and why.
  const auto bad = netsuite_date::parse("2026-02-30T10:00:00Z", erpoll::gmt);
  std::printf("\"2026-02-30T10:00:00Z\":   %s\n", bad ? "parsed?!" : bad.error().message().c_str());
  return back && !bad ? 0 : 1;
}
