#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The layers are a fact of the build, not only of tools/check-layers.sh: compiled with the exact
# flags the build uses for a part (compile_commands.json), an include the part may use compiles and
# one pointing the wrong way is "No such file or directory".
# Usage: layers_in_the_build.sh BUILD_DIR
set -uo pipefail
build_dir=$(cd "$1" && pwd)
commands=$build_dir/compile_commands.json
[ -f "$commands" ] || { echo "no $commands (CMAKE_EXPORT_COMPILE_COMMANDS)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# The build's command for FILE (a path under src/), as a shell word list without "-o X -c FILE".
command_for() {
    awk -v file="/src/$1\"" '
        /"command":/ { command = $0 }
        /"file":/ && index($0, file) { print command; exit }' "$commands" |
        sed -e 's/^ *"command": "//' -e 's/",$//' -e 's/\\"/"/g' -e 's/ -o [^ ]* -c [^ ]*$//'
}

# try FILE INCLUDE WANT: compile a file holding only `#include "INCLUDE"` with FILE's flags.
try() {
    local command output status
    command=$(command_for "$1")
    [ -n "$command" ] || { echo "FAIL: no compile command for src/$1"; failures=$((failures + 1)); return; }
    printf '#include "%s"\n' "$2" > "$work/plant.cpp"
    output=$(cd "$build_dir" && eval "$command -fsyntax-only $work/plant.cpp" 2>&1); status=$?
    if [ "$3" = compiles ] && [ "$status" -eq 0 ]; then
        echo "ok: $2 compiles with the flags of src/$1"
    elif [ "$3" = refused ] && [ "$status" -ne 0 ] && grep -q "No such file or directory" <<<"$output"; then
        echo "ok: $2 is not found with the flags of src/$1"
    else
        echo "FAIL: $2 with the flags of src/$1: wanted $3, exit $status:"
        sed 's/^/    /' <<<"$output" | head -5
        failures=$((failures + 1))
    fi
}

try gui/trayicon.cpp service/queuestats.h compiles
try gui/trayicon.cpp sources/httpsource.h refused
try gui/trayicon.cpp api/router.h refused
try api/router.cpp gui/icons.h refused
try core/storage/database.cpp domain/track.h compiles
try core/storage/database.cpp service/downloadservice.h refused
try core/storage/database.cpp queue/jobqueue.h refused
try core/domain/statemachine.cpp config/settings.h refused
try core/queue/jobqueue.cpp sources/downloadsource.h refused
try core/sources/httpsource.cpp service/importparser.h refused

[ "$failures" -eq 0 ] || { echo "$failures include(s) not as the layers say"; exit 1; }
echo "the build enforces the layers"
