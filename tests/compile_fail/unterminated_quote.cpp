// expect: erpoll: the date pattern opens a quote
// expect: ErrorPosition = 10 || unterminated_quote, 10UL>
#include <erpoll/erpoll.hpp>

int main() { return erpoll::date_format<"yyyy-MM-dd'T">::parse("2026-01-01T").has_value() ? 0 : 1; }
