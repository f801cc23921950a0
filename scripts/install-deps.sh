#!/usr/bin/env bash
# Installs the Debian 12 packages erpoll needs that are missing (nothing when all are there).
# usage: scripts/install-deps.sh [--tests]   (--tests adds what the full test run needs: clang, meson, ...)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config python3 ccache tzdata
          libhowardhinnant-date-dev libboost1.81-dev libssl-dev libsqlite3-dev nlohmann-json3-dev)
if [[ ${1:-} == --tests ]]; then
  packages+=(catch2 meson clang-14 libbenchmark-dev python3-jsonschema)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "== installing Debian packages: ${missing[*]}"
sudo=""
if [[ $(id -u) != 0 ]]; then sudo=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
