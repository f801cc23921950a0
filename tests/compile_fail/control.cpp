// The harness's control: this file must compile, so a failing compiler invocation cannot pass for a test.
// expect-success
#include <erpoll/erpoll.hpp>

int main() { return erpoll::date_format<"yyyy-MM-dd">::parse("2026-01-01").has_value() ? 0 : 1; }
