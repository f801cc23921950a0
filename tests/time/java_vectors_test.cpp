// Both date forms must agree with Java on every vector of tests/data/date_vectors.tsv (made by
// tests/java/DateVectors.java): the same text when formatting, the same instant when parsing.
#include <erpoll/erpoll.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct vector_line {
  std::string pattern, zone, text, parsed;
  long long instant_us = 0;
  int line = 0;
};

std::vector<vector_line> read_vectors() {
  std::ifstream in(ERPOLL_TEST_DATA_DIR "/date_vectors.tsv");
  REQUIRE(in.good());
  std::vector<vector_line> lines;
  std::string row;
  int number = 0;
  while (std::getline(in, row)) {
    ++number;
    if (row.empty() || row[0] == '#') continue;
    std::istringstream cells(row);
    vector_line v;
    std::string instant;
    std::getline(cells, v.pattern, '\t');
    std::getline(cells, v.zone, '\t');
    std::getline(cells, instant, '\t');
    std::getline(cells, v.text, '\t');
    std::getline(cells, v.parsed, '\t');
    v.instant_us = std::stoll(instant);
    v.line = number;
    lines.push_back(v);
  }
  return lines;
}

erpoll::instant at(long long us) { return erpoll::instant{std::chrono::microseconds{us}}; }

// The compile-time form of every pattern in the vectors file.
struct compiled_form {
  std::function<std::string(erpoll::instant, const erpoll::time_zone&)> format;
  std::function<erpoll::expected<erpoll::instant, erpoll::parse_error>(std::string_view, const erpoll::time_zone&)>
      parse;
};

template <erpoll::fixed_string P>
std::pair<std::string, compiled_form> compiled() {
  using F = erpoll::date_format<P>;
  return {std::string(P.view()),
          compiled_form{[](erpoll::instant t, const erpoll::time_zone& z) { return F::format(t, z); },
                        [](std::string_view s, const erpoll::time_zone& z) { return F::parse(s, z); }}};
}

const std::map<std::string, compiled_form>& compiled_forms() {
  static const std::map<std::string, compiled_form> forms{
      compiled<"yyyy-MM-dd'T'HH:mm:ss'Z'">(),        compiled<"yyyy-MM-dd'T'HH:mm:ss.SSSXXX">(),
      compiled<"yyyy-MM-dd'T'HH:mm:ssXXX">(),        compiled<"yyyy-MM-dd'T'HH:mm:ssX">(),
      compiled<"yyyy-MM-dd'T'HH:mm:ssXX">(),         compiled<"yyyy-MM-dd'T'HH:mm:ss.SSSZ">(),
      compiled<"yyyy-MM-dd HH:mm:ss">(),             compiled<"EEE, d MMM yyyy HH:mm:ss z">(),
      compiled<"EEEE, MMMM dd, yyyy h:mm a">(),      compiled<"MM/dd/yy hh:mm:ss a">(),
      compiled<"yyyyMMddHHmmss">(),                  compiled<"G yyyy-MM-dd D u">(),
      compiled<"yyyy-MM-dd K:mm a">(),               compiled<"yyyy-MM-dd kk:mm">(),
      compiled<"yyyy-MM-dd hh 'o''clock' a">(),      compiled<"dd MMM yyyy HH:mm:ss.SSS">(),
      compiled<"yyyy.MM.dd G 'at' HH:mm:ss z">(),    compiled<"EEE MMM dd HH:mm:ss z yyyy">(),
      compiled<"LLLL yyyy">(),                       compiled<"y-M-d H:m:s">(),
      compiled<"yyyy-DDD'T'HH:mm">(),                compiled<"E dd.MM.yyyy HH:mm:ss Z">(),
      compiled<"yyyy-MM-dd'T'HH:mm:ss.SSSSSS">(),    compiled<"yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX">(),
      compiled<"yyyy-MM-dd'T'HH:mm:ss.S">(),         compiled<"yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX">(),
      compiled<"yyyy-MM-dd HH:mm:ss.SS">(),          compiled<"milliseconds">(),
      compiled<"seconds">(),
  };
  return forms;
}

}  // namespace

TEST_CASE("date_format and runtime_date_format agree with Java on every vector", "[time][java]") {
  const auto vectors = read_vectors();
  REQUIRE(vectors.size() > 20000);
  std::map<std::string, erpoll::runtime_date_format> runtime_forms;
  std::map<std::string, erpoll::time_zone> zones;
  std::size_t formatted = 0, parsed = 0, failures = 0;
  for (const auto& v : vectors) {
    auto zone_it = zones.try_emplace(v.zone, erpoll::time_zone::named(v.zone)).first;
    const erpoll::time_zone& zone = zone_it->second;
    const auto& runtime = runtime_forms.try_emplace(v.pattern, v.pattern).first->second;
    const auto compiled_it = compiled_forms().find(v.pattern);
    REQUIRE(compiled_it != compiled_forms().end());  // every pattern of the file has a compile-time form here
    const compiled_form& compiled = compiled_it->second;

    const std::string runtime_text = runtime.format(at(v.instant_us), zone);
    const std::string compiled_text = compiled.format(at(v.instant_us), zone);
    if (runtime_text != v.text || compiled_text != v.text) {
      if (++failures <= 20) {
        FAIL_CHECK("line " << v.line << ": format " << v.pattern << " in " << v.zone << ": Java '" << v.text
                           << "', runtime '" << runtime_text << "', compiled '" << compiled_text << "'");
      }
    }
    ++formatted;
    if (v.parsed == "-") continue;
    const long long expected = std::stoll(v.parsed);
    const auto r = runtime.parse(v.text, zone);
    const auto c = compiled.parse(v.text, zone);
    const bool ok = r && c && r->time_since_epoch().count() == expected && c->time_since_epoch().count() == expected;
    if (!ok && ++failures <= 20) {
      FAIL_CHECK("line " << v.line << ": parse '" << v.text << "' with " << v.pattern << " in " << v.zone
                         << ": Java " << expected << ", runtime "
                         << (r ? std::to_string(r->time_since_epoch().count()) : r.error().message())
                         << ", compiled "
                         << (c ? std::to_string(c->time_since_epoch().count()) : c.error().message()));
    }
    ++parsed;
  }
  CHECK(failures == 0);
  CHECK(formatted > 20000);
  CHECK(parsed > 20000);
}
