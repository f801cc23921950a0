#include <erpoll/erpoll.hpp>

#include <string>

std::string format_in_second(erpoll::instant t) {
  return erpoll::runtime_date_format{"yyyy-MM-dd'T'HH:mm:ssXXX"}.format(t, erpoll::time_zone::named("Europe/Berlin"));
}
