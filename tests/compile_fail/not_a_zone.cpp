// expect: erpoll: the zone argument must be
#include <erpoll/erpoll.hpp>

int main() {
  return erpoll::date_format<"yyyy">::format(erpoll::instant{}, "America/New_York").empty() ? 1 : 0;
}
