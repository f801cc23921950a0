// expect: erpoll: too many repetitions of the letter
// expect: ErrorPosition = 3 || too_many_letters, 3UL>
#include <erpoll/erpoll.hpp>

int main() { return erpoll::date_format<"HH zzzz">::format(erpoll::instant{}).empty() ? 1 : 0; }
