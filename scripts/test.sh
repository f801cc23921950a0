#!/usr/bin/env bash
# Every test: installs what is missing, then builds and runs all tests
#   1. GCC 12, CMake + CTest (with the consumer tests: find_package, add_subdirectory, meson subproject)
#   2. Clang 14, CMake + CTest
#   3. meson + meson test
#   4. GCC 12 with AddressSanitizer + UndefinedBehaviorSanitizer, CMake + CTest
# and builds the benchmarks (it does not run them: speed is measured by scripts/bench.sh, never by tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
jobs=2
export CTEST_OUTPUT_ON_FAILURE=1

step() { printf '\n== %s\n' "$*"; }

summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

cmake_run() {  # name, then extra cmake arguments
  local name=$1; shift
  cmake -S . -B "build/$name" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@" >/dev/null
  cmake --build "build/$name" -j"$jobs"
  ctest --test-dir "build/$name" -j"$jobs" | tee -a "$summary"
}

step "GCC 12: CMake build and CTest"
cmake_run gcc -DCMAKE_CXX_COMPILER=g++
step "Clang 14: CMake build and CTest"
cmake_run clang -DCMAKE_CXX_COMPILER=clang++-14 -DERPOLL_CONSUMER_TESTS=OFF -DERPOLL_BUILD_BENCHMARKS=OFF
step "meson build and meson test"
[[ -f build/meson/build.ninja ]] || meson setup build/meson >/dev/null
meson compile -C build/meson -j "$jobs"
meson test -C build/meson --print-errorlogs | tee -a "$summary"
step "GCC 12 with AddressSanitizer + UndefinedBehaviorSanitizer: CMake build and CTest"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  cmake_run sanitize -DCMAKE_CXX_COMPILER=g++ -DERPOLL_SANITIZE=ON -DERPOLL_CONSUMER_TESTS=OFF \
  -DERPOLL_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
# One closing line for all four runs (each run stops this script at its first failure).
ctest_total=$(grep -oE 'tests failed out of [0-9]+' "$summary" | awk '{s += $5} END {print s + 0}')
meson_total=$(grep -E '^(Ok|Expected Fail): ' "$summary" | awk '{s += $NF} END {print s + 0}')
step "all test runs passed (CTest: $ctest_total, meson: $meson_total)"
echo "$((ctest_total + meson_total)) passed, 0 failed"
