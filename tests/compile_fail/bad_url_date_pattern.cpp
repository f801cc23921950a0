// expect: erpoll: invalid date pattern in a URL template placeholder
// expect: ErrorPosition = 20 || invalid_date_pattern, 20UL>
#include <erpoll/erpoll.hpp>

int main() { return erpoll::url_template<"/x?d=${gmtDate:yyyy-QQ}">::expand(erpoll::instant{}).empty() ? 1 : 0; }
