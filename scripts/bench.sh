#!/usr/bin/env bash
# Builds the benchmarks in Release and runs them; extra arguments go to the Google Benchmark programs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DERPOLL_BUILD_TESTS=OFF -DERPOLL_BUILD_EXAMPLES=OFF -DERPOLL_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build/bench -j2
build/bench/benchmarks/erpoll-dates-benchmark "$@"
build/bench/benchmarks/erpoll-page-benchmark "$@"
build/bench/benchmarks/erpoll-page-benchmark --peak-memory
# The poller end to end (plain program; the drift runs take 3 minutes each).
build/bench/benchmarks/erpoll-poller-benchmark throughput --store sqlite
build/bench/benchmarks/erpoll-poller-benchmark throughput --store memory
build/bench/benchmarks/erpoll-poller-benchmark idle
build/bench/benchmarks/erpoll-poller-benchmark idle --dynamic
build/bench/benchmarks/erpoll-poller-benchmark drift --minutes 3
build/bench/benchmarks/erpoll-poller-benchmark drift --minutes 3 --spread
