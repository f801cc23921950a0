#include <erpoll/erpoll.hpp>

#include <cstdio>
#include <string>

std::string format_in_first(erpoll::instant t);
std::string format_in_second(erpoll::instant t);

int main() {
  const erpoll::instant t{std::chrono::sys_days{std::chrono::year{2026} / 7 / 1}};
  const std::string a = format_in_first(t), b = format_in_second(t);
  std::printf("%s\n%s\n", a.c_str(), b.c_str());
  return a == b && a == "2026-07-01T02:00:00+02:00" ? 0 : 1;
}
