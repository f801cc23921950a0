// expect: erpoll: unknown letter in the date pattern
// expect: ErrorPosition = 5 || unknown_letter, 5UL>
#include <erpoll/erpoll.hpp>

int main() { return erpoll::date_format<"yyyy-QQ">::parse("2026-01").has_value() ? 0 : 1; }
