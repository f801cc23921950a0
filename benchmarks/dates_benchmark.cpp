// Parse and format speed of erpoll's date engine against Howard Hinnant's date and the C library, in one run.
// Run: scripts/bench.sh   (Release build; each benchmark cycles through 1024 different dates)
#include <erpoll/erpoll.hpp>

#include <benchmark/benchmark.h>
#include <date/date.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace std::chrono;

constexpr std::size_t sample_count = 1024;
constexpr int offset_minutes = 5 * 60 + 30;  // the zone of the offset pattern: +05:30

std::vector<sys_time<milliseconds>> sample_instants() {
  std::mt19937_64 random(20261203);
  std::uniform_int_distribution<std::int64_t> ms(946684800000, 4102444800000);  // 2000 to 2100
  std::vector<sys_time<milliseconds>> v;
  for (std::size_t i = 0; i < sample_count; ++i) v.emplace_back(milliseconds{ms(random)});
  return v;
}

const std::vector<sys_time<milliseconds>>& instants() {
  static const auto v = sample_instants();
  return v;
}

const erpoll::time_zone& plus_0530() {
  static const auto z = erpoll::time_zone::named("+05:30");
  return z;
}

// The texts every parser reads: the same for all, made by erpoll and checked by the others' round trips.
using seconds_format = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">;
using millis_offset_format = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss.SSSXXX">;

const std::vector<std::string>& seconds_texts() {
  static const auto v = [] {
    std::vector<std::string> t;
    for (auto i : instants()) t.push_back(seconds_format::format(i, erpoll::utc));
    return t;
  }();
  return v;
}

const std::vector<std::string>& millis_offset_texts() {
  static const auto v = [] {
    std::vector<std::string> t;
    for (auto i : instants()) t.push_back(millis_offset_format::format(i, plus_0530()));
    return t;
  }();
  return v;
}

// ---- parse "yyyy-MM-dd'T'HH:mm:ss'Z'"

void parse_seconds_erpoll_compiled(benchmark::State& state) {
  const auto& texts = seconds_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = seconds_format::parse(texts[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(r);
  }
}

void parse_seconds_erpoll_runtime(benchmark::State& state) {
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss'Z'"};
  const auto& texts = seconds_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = f.parse(texts[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(r);
  }
}

void parse_seconds_date_parse(benchmark::State& state) {
  const auto& texts = seconds_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    std::istringstream in(texts[i++ % sample_count]);
    sys_seconds t;
    in >> date::parse("%Y-%m-%dT%H:%M:%SZ", t);
    benchmark::DoNotOptimize(t);
  }
}

void parse_seconds_strptime_timegm(benchmark::State& state) {
  const auto& texts = seconds_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    std::tm tm{};
    strptime(texts[i++ % sample_count].c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::time_t t = timegm(&tm);
    benchmark::DoNotOptimize(t);
  }
}

// ---- parse "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"

void parse_millis_offset_erpoll_compiled(benchmark::State& state) {
  const auto& texts = millis_offset_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = millis_offset_format::parse(texts[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(r);
  }
}

void parse_millis_offset_erpoll_runtime(benchmark::State& state) {
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss.SSSXXX"};
  const auto& texts = millis_offset_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = f.parse(texts[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(r);
  }
}

void parse_millis_offset_date_parse(benchmark::State& state) {
  const auto& texts = millis_offset_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    std::istringstream in(texts[i++ % sample_count]);
    sys_time<milliseconds> t;
    in >> date::parse("%Y-%m-%dT%H:%M:%S%Ez", t);
    benchmark::DoNotOptimize(t);
  }
}

void parse_millis_offset_strptime_timegm(benchmark::State& state) {
  const auto& texts = millis_offset_texts();
  std::size_t i = 0;
  for (auto _ : state) {
    std::tm tm{};
    const char* rest = strptime(texts[i++ % sample_count].c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
    char* end = nullptr;
    const long ms = std::strtol(rest + 1, &end, 10);  // strptime has no fraction of a second
    strptime(end, "%z", &tm);
    const std::time_t t = timegm(&tm) - tm.tm_gmtoff;
    benchmark::DoNotOptimize(t);
    benchmark::DoNotOptimize(ms);
  }
}

// ---- format

void format_seconds_erpoll_compiled(benchmark::State& state) {
  char buffer[seconds_format::max_size];
  std::size_t i = 0;
  for (auto _ : state) {
    char* end = seconds_format::format_to(buffer, instants()[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
}

void format_seconds_erpoll_runtime(benchmark::State& state) {
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss'Z'"};
  std::vector<char> buffer(f.max_size());
  std::size_t i = 0;
  for (auto _ : state) {
    char* end = f.format_to(buffer.data(), instants()[i++ % sample_count], erpoll::utc);
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
}

void format_seconds_date_format(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    std::string s = date::format("%Y-%m-%dT%H:%M:%SZ", floor<seconds>(instants()[i++ % sample_count]));
    benchmark::DoNotOptimize(s);
  }
}

void format_seconds_strftime(benchmark::State& state) {
  char buffer[64];
  std::size_t i = 0;
  for (auto _ : state) {
    const std::time_t t = system_clock::to_time_t(instants()[i++ % sample_count]);
    std::tm tm{};
    gmtime_r(&t, &tm);
    const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
}

void format_millis_offset_erpoll_compiled(benchmark::State& state) {
  char buffer[millis_offset_format::max_size];
  std::size_t i = 0;
  for (auto _ : state) {
    char* end = millis_offset_format::format_to(buffer, instants()[i++ % sample_count], plus_0530());
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
}

void format_millis_offset_erpoll_runtime(benchmark::State& state) {
  const erpoll::runtime_date_format f{"yyyy-MM-dd'T'HH:mm:ss.SSSXXX"};
  std::vector<char> buffer(f.max_size());
  std::size_t i = 0;
  for (auto _ : state) {
    char* end = f.format_to(buffer.data(), instants()[i++ % sample_count], plus_0530());
    benchmark::DoNotOptimize(end);
    benchmark::ClobberMemory();
  }
}

void format_millis_offset_date_format(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    const auto local = instants()[i++ % sample_count] + minutes{offset_minutes};
    std::string s = date::format("%Y-%m-%dT%H:%M:%S+05:30", local);
    benchmark::DoNotOptimize(s);
  }
}

void format_millis_offset_strftime(benchmark::State& state) {
  char buffer[64];
  std::size_t i = 0;
  for (auto _ : state) {
    const auto t = instants()[i++ % sample_count];
    const std::time_t local = system_clock::to_time_t(t) + offset_minutes * 60;
    std::tm tm{};
    gmtime_r(&local, &tm);
    std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &tm);
    n += static_cast<std::size_t>(std::snprintf(buffer + n, sizeof buffer - n, ".%03d+05:30",
                                                static_cast<int>(t.time_since_epoch().count() % 1000)));
    benchmark::DoNotOptimize(n);
    benchmark::ClobberMemory();
  }
}

}  // namespace

BENCHMARK(parse_seconds_erpoll_compiled);
BENCHMARK(parse_seconds_erpoll_runtime);
BENCHMARK(parse_seconds_date_parse);
BENCHMARK(parse_seconds_strptime_timegm);
BENCHMARK(parse_millis_offset_erpoll_compiled);
BENCHMARK(parse_millis_offset_erpoll_runtime);
BENCHMARK(parse_millis_offset_date_parse);
BENCHMARK(parse_millis_offset_strptime_timegm);
BENCHMARK(format_seconds_erpoll_compiled);
BENCHMARK(format_seconds_erpoll_runtime);
BENCHMARK(format_seconds_date_format);
BENCHMARK(format_seconds_strftime);
BENCHMARK(format_millis_offset_erpoll_compiled);
BENCHMARK(format_millis_offset_erpoll_runtime);
BENCHMARK(format_millis_offset_date_format);
BENCHMARK(format_millis_offset_strftime);

// Before measuring: every competitor must read the sample texts to the same instants, or the run is void.
int main(int argc, char** argv) {
  for (std::size_t i = 0; i < sample_count; ++i) {
    const auto expected = instants()[i];
    std::istringstream in(millis_offset_texts()[i]);
    sys_time<milliseconds> by_date;
    in >> date::parse("%Y-%m-%dT%H:%M:%S%Ez", by_date);
    const auto by_erpoll = millis_offset_format::parse(millis_offset_texts()[i], erpoll::utc);
    std::tm tm{};
    strptime(seconds_texts()[i].c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!by_erpoll || *by_erpoll != expected || by_date != expected ||
        timegm(&tm) != system_clock::to_time_t(floor<seconds>(expected))) {
      std::fprintf(stderr, "benchmark inputs disagree at sample %zu: %s\n", i, millis_offset_texts()[i].c_str());
      return 1;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
