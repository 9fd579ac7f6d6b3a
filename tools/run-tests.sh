#!/usr/bin/env bash
# Builds SoulSpot Bridge with its tests and runs every Qt Test suite through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOULSPOT_BUILD_TESTS=ON
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 "$@"
