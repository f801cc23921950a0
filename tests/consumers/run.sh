#!/usr/bin/env bash
# Builds and runs a small outside project that consumes erpoll one way.
# usage: run.sh find_package|add_subdirectory|meson_subproject ERPOLL_SOURCE_DIR WORK_DIR [CXX]
set -euo pipefail
kind=$1 src=$2 work=$3 cxx=${4:-c++}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
export CXX=$cxx
case $kind in
  find_package)
    cmake -S "$src" -B "$work/erpoll-build" -G Ninja -DERPOLL_BUILD_TESTS=OFF -DERPOLL_BUILD_EXAMPLES=OFF \
      -DERPOLL_BUILD_BENCHMARKS=OFF -DERPOLL_BUILD_PROGRAMS=OFF -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
    cmake --install "$work/erpoll-build" >/dev/null
    cmake -S "$here/find_package" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
    cmake --build "$work/build"
    "$work/build/consumer"
    # and through pkg-config, from the same install
    flags=$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --cflags --libs erpoll)
    # shellcheck disable=SC2086
    "$cxx" "$here/consumer.cpp" $flags -o "$work/consumer-pkg-config"
    "$work/consumer-pkg-config"
    ;;
  add_subdirectory)
    cmake -S "$here/add_subdirectory" -B "$work/build" -G Ninja -DERPOLL_SOURCE_DIR="$src" >/dev/null
    cmake --build "$work/build"
    "$work/build/consumer"
    ;;
  meson_subproject)
    cp "$here/meson_subproject/meson.build" "$here/consumer.cpp" "$work/"
    mkdir -p "$work/subprojects"
    ln -s "$src" "$work/subprojects/erpoll"
    meson setup "$work/build" "$work" >/dev/null
    meson compile -C "$work/build"
    "$work/build/consumer"
    ;;
  *) echo "unknown consumer kind: $kind" >&2; exit 2 ;;
esac
echo "consumer $kind: ok"
