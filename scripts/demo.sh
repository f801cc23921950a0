#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs the demo.
# (Until the erpoll-run demo exists, the demo is the dates example.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DERPOLL_BUILD_TESTS=OFF -DERPOLL_BUILD_BENCHMARKS=OFF -DERPOLL_BUILD_EXAMPLES=ON
cmake --build build/demo -j2
build/demo/examples/erpoll-dates-example "$@"
