# Warnings for erpoll's own targets (tests, examples, benchmarks); never imposed on users of erpoll::erpoll.
add_library(erpoll_warnings INTERFACE)
target_compile_options(erpoll_warnings INTERFACE -Wall -Wextra -Wpedantic -Werror)

option(ERPOLL_SANITIZE "Build erpoll's own targets with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(ERPOLL_SANITIZE)
  target_compile_options(erpoll_warnings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all
                                                   -fno-omit-frame-pointer)
  target_link_options(erpoll_warnings INTERFACE -fsanitize=address,undefined)
endif()
