// With second.cpp: the same erpoll headers in two translation units must link into one program (ODR).
#include <erpoll/erpoll.hpp>

#include <string>

std::string format_in_first(erpoll::instant t) {
  return erpoll::date_format<"yyyy-MM-dd'T'HH:mm:ssXXX">::format(t, erpoll::time_zone::named("Europe/Berlin"));
}
