// expect: erpoll: the date pattern is empty
#include <erpoll/erpoll.hpp>

int main() { return erpoll::date_format<"">::format(erpoll::instant{}).empty() ? 0 : 1; }
