// expect: erpoll: unknown placeholder in the URL template
// expect: ErrorPosition = 5 || unknown_placeholder, 5UL>
#include <erpoll/erpoll.hpp>

int main() { return erpoll::url_template<"/x?d=${lastPoll}">::expand(erpoll::instant{}).empty() ? 1 : 0; }
