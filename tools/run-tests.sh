#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds SoulSpot Bridge with its tests (the build checks includes and formatting first) and runs every
# suite through ctest. On a machine without the tools (no cmake, no Qt) it installs them first.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
# Everything the build and the suites use, as tools/install-deps.sh installs it.
missing_tools() {
    local tool module
    for tool in cmake ninja c++ clang-format xvfb-run dpkg-deb desktop-file-validate appstreamcli; do
        command -v "$tool" >/dev/null 2>&1 || return 0
    done
    for module in Widgets Svg WebSockets LinguistTools Test; do
        compgen -G "/usr/lib/*/cmake/Qt6$module/Qt6${module}Config.cmake" >/dev/null || return 0
    done
    [ -f /usr/include/sqlite3.h ] || return 0 # libsqlite3-dev: storage reads pages through SQLite's API
    [ -f /usr/include/postgresql/libpq-fe.h ] || return 0 # libpq-dev: storage asks libpq if the server hung up
    return 1
}
if missing_tools; then
    echo "run-tests: build tools or Qt are missing; installing them first (tools/install-deps.sh)"
    bash tools/install-deps.sh
fi
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOULSPOT_BUILD_TESTS=ON
cmake --build "$build_dir" --parallel "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 "$@"
