// A page of 1,000 realistic NetSuite invoices (~2 KB each, nested custom fields): extraction + change
// detection + notification bodies, for (a) a compile-time descriptor, (b) a dynamic_resource and (c) a
// straightforward nlohmann/json DOM implementation with runtime date parsing. `--peak-memory` instead
// extracts a 50 MB page through the callback API and reports the peak resident memory.
// Run: scripts/bench.sh --benchmark_filter=page
#include <erpoll/erpoll.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

using Invoices = erpoll::netsuite::Invoices;

// One invoice as the reference shows them, with lines and custom fields to reach about 2 KB.
std::string invoice(std::mt19937& random, int i) {
  const auto t = erpoll::instant{std::chrono::seconds{1534778000 + static_cast<long long>(random() % 3600)}};
  const std::string modified = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::format(t, erpoll::gmt);
  const std::string created = erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ss'Z'">::format(
      t - std::chrono::seconds{i % 3 == 0 ? 0 : 86400}, erpoll::gmt);
  std::string r = "{\"internalId\": \"" + std::to_string(14682 + i) + "\", \"tranId\": \"INV" +
                  std::to_string(10000925 + i) + "\", \"createdDate\": \"" + created +
                  "\", \"lastModifiedDate\": \"" + modified +
                  "\", \"entity\": {\"internalId\": \"" + std::to_string(random() % 5000) +
                  "\", \"name\": \"Acme Corporation \\\"West\\\"\"}, \"currency\": {\"name\": \"USD\"}, " +
                  "\"total\": " + std::to_string(random() % 100000) + ".25, \"status\": \"Open\", \"itemList\": {\"item\": [";
  for (int line = 0; line < 6; ++line) {
    if (line) r += ", ";
    r += "{\"line\": " + std::to_string(line + 1) + ", \"item\": {\"internalId\": \"" + std::to_string(random() % 900) +
         "\", \"name\": \"Widget model " + std::to_string(random() % 100) +
         "\"}, \"quantity\": 2, \"rate\": 19.99, \"amount\": 39.98, \"description\": \"Standard widget, blue\"}";
  }
  r += "]}, \"customFieldList\": {\"customField\": [";
  for (int f = 0; f < 8; ++f) {
    if (f) r += ", ";
    r += "{\"scriptId\": \"custbody_field_" + std::to_string(f) + "\", \"internalId\": \"" + std::to_string(100 + f) +
         "\", \"value\": \"caf\\u00e9 value number " + std::to_string(random() % 1000) + "\"}";
  }
  r += "]}}";
  return r;
}

std::string make_page(std::size_t target_bytes) {
  std::mt19937 random(20261203);
  std::string page;
  page.reserve(target_bytes + 8192);  // no growth by doubling: the peak below is the page plus extraction
  page += "[";
  for (int i = 0; page.size() < target_bytes; ++i) {
    if (i) page += ",\n";
    page += invoice(random, i);
  }
  page += "]";
  return page;
}

const std::string& thousand_invoices() {
  static const std::string page = [] {
    std::mt19937 random(20261203);
    std::string p = "[";
    for (int i = 0; i < 1000; ++i) {
      if (i) p += ",\n";
      p += invoice(random, i);
    }
    return p + "]";
  }();
  return page;
}

const erpoll::cursor start_cursor{erpoll::instant{std::chrono::seconds{1534778000}}, {}};
const erpoll::change_options options{};
const erpoll::instant poll_began{std::chrono::seconds{1534790000}};

erpoll::notification_context context() {
  erpoll::notification_context ctx;
  ctx.instance_name = "bench";
  ctx.object_type = "invoices";
  ctx.poll_date = poll_began;
  return ctx;
}

// Decides one record and, for an event, appends it (shared by the three variants).
void add_event(std::vector<erpoll::event>& events, const std::string& id, erpoll::instant updated,
               std::optional<erpoll::instant> created, std::string raw) {
  const auto kind = erpoll::decide(start_cursor, options, poll_began, id, updated, created);
  if (!erpoll::is_event(kind)) return;
  events.push_back({erpoll::event_id("bench", "invoices", id, updated), kind, id, updated, std::move(raw)});
}

std::size_t compile_time_descriptor(const std::string& page) {
  std::vector<erpoll::event> events;
  auto summary = erpoll::extract_page<Invoices>(
      page,
      [&](erpoll::record<Invoices>&& r) {
        add_event(events, r.value.internalId.value, r.value.lastModifiedDate.value, r.value.createdDate.value,
                  std::string(r.raw));
      },
      [](erpoll::record_error&&) { std::abort(); });
  if (!summary) std::abort();
  std::size_t bytes = 0;
  for (const auto& n : erpoll::build_notifications(context(), events)) bytes += n.body.size();
  return bytes;
}

const erpoll::dynamic_resource& dynamic_invoices() {
  static const erpoll::dynamic_resource r = [] {
    erpoll::dynamic_resource_options o;
    o.name = "invoices";
    o.url = "/hubs/erp/invoices?where=lastModifiedDate>='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
    o.id_path = "internalId";
    o.updated_path = "lastModifiedDate";
    o.updated_format = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    o.created_path = "createdDate";
    o.members = {{"tranId", "tranId", erpoll::dynamic_value_type::string},
                 {"total", "total", erpoll::dynamic_value_type::number}};
    return erpoll::dynamic_resource{o};
  }();
  return r;
}

std::size_t dynamic_resource(const std::string& page) {
  std::vector<erpoll::event> events;
  auto summary = erpoll::extract_page(
      dynamic_invoices(), page,
      [&](erpoll::dynamic_record&& r) { add_event(events, r.id, r.updated, r.created, std::string(r.raw)); },
      [](erpoll::record_error&&) { std::abort(); });
  if (!summary) std::abort();
  std::size_t bytes = 0;
  for (const auto& n : erpoll::build_notifications(context(), events)) bytes += n.body.size();
  return bytes;
}

// What one would write with nlohmann/json: a DOM of the page, field look-ups, runtime date parsing, and the
// raw record re-serialised from the DOM.
std::size_t nlohmann_dom(const std::string& page) {
  static const erpoll::runtime_date_format format{"yyyy-MM-dd'T'HH:mm:ss'Z'"};
  const auto doc = nlohmann::json::parse(page);
  std::vector<erpoll::event> events;
  for (const auto& record : doc) {
    const auto& id_value = record.at("internalId");
    const std::string id = id_value.is_string() ? id_value.get<std::string>() : id_value.dump();
    const auto updated = format.parse(record.at("lastModifiedDate").get<std::string>(), erpoll::gmt);
    std::optional<erpoll::instant> created;
    if (auto it = record.find("createdDate"); it != record.end() && it->is_string()) {
      created = *format.parse(it->get<std::string>(), erpoll::gmt);
    }
    const std::string tran_id = record.value("tranId", "");
    const double total = record.value("total", 0.0);
    benchmark::DoNotOptimize(tran_id);
    benchmark::DoNotOptimize(total);
    add_event(events, id, *updated, created, record.dump());
  }
  std::size_t bytes = 0;
  for (const auto& n : erpoll::build_notifications(context(), events)) bytes += n.body.size();
  return bytes;
}

template <std::size_t (*Variant)(const std::string&)>
void page_of_1000_invoices(benchmark::State& state) {
  const std::string& page = thousand_invoices();
  for (auto _ : state) benchmark::DoNotOptimize(Variant(page));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * page.size()));
  state.counters["page_bytes"] = static_cast<double>(page.size());
}

int peak_memory() {
  const std::string page = make_page(50u << 20);
  rusage before{};
  getrusage(RUSAGE_SELF, &before);
  std::size_t records = 0;
  auto summary = erpoll::extract_page<Invoices>(
      page, [&](erpoll::record<Invoices>&& r) { records += r.raw.empty() ? 0 : 1; },
      [](erpoll::record_error&&) { std::abort(); });
  rusage after{};
  getrusage(RUSAGE_SELF, &after);
  if (!summary) return 1;
  const double page_mib = static_cast<double>(page.size()) / (1 << 20);
  const double peak_mib = static_cast<double>(after.ru_maxrss) / 1024;
  std::printf("page: %.1f MiB, %zu records; peak resident memory of the whole process: %.1f MiB = %.2fx the page "
              "(%.1f MiB before extracting)\n",
              page_mib, records, peak_mib, peak_mib / page_mib, static_cast<double>(before.ru_maxrss) / 1024);
  return 0;
}

}  // namespace

BENCHMARK(page_of_1000_invoices<compile_time_descriptor>)->Name("page/a_compile_time_descriptor");
BENCHMARK(page_of_1000_invoices<dynamic_resource>)->Name("page/b_dynamic_resource");
BENCHMARK(page_of_1000_invoices<nlohmann_dom>)->Name("page/c_nlohmann_dom");

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--peak-memory") == 0) return peak_memory();
  // The three variants must produce the same notifications' worth of events before anything is measured.
  const auto a = compile_time_descriptor(thousand_invoices());
  const auto b = dynamic_resource(thousand_invoices());
  if (a != b) {
    std::fprintf(stderr, "variants disagree: %zu vs %zu bytes of notifications\n", a, b);
    return 1;
  }
  std::printf("page of 1000 invoices: %zu bytes; notifications: %zu bytes\n", thousand_invoices().size(), a);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
