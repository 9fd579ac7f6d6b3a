#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The style checks cannot pass silently: on a copy of the tree, tools/check-layers.sh and
# tools/check-format.sh pass as it is, and fail (naming the file and line) on a planted wrong-way
# include, a public header that pulls in an inner part, a sneaky "../" path, an emptied exception
# list, and a planted unformatted line.
# Usage: checks_catch_plants.sh SOURCE_DIR
set -uo pipefail
source_dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fresh_copy() {
    rm -rf "$work/tree" && mkdir -p "$work/tree/tools"
    cp -r "$source_dir/src" "$source_dir/.clang-format" "$work/tree/"
    cp "$source_dir"/tools/check-*.sh "$source_dir"/tools/layers.conf "$source_dir"/tools/layer-exceptions.txt \
        "$work/tree/tools/"
}

# expect STATUS PATTERN COMMAND...: COMMAND exits with STATUS and its output matches PATTERN.
expect() {
    local want=$1 pattern=$2; shift 2
    local output status
    output=$("$@" 2>&1); status=$?
    if [ "$status" -ne "$want" ] || ! grep -qE -- "$pattern" <<<"$output"; then
        echo "FAIL: $* exited $status (wanted $want) with output matching /$pattern/; it said:"
        sed 's/^/    /' <<<"$output"
        failures=$((failures + 1))
    else
        echo "ok: $* -> $status, /$pattern/"
    fi
}

plant() { # plant FILE AFTER_LINE TEXT
    sed -i "$2a $3" "$work/tree/$1"
}

fresh_copy
expect 0 'check-layers: ok' "$work/tree/tools/check-layers.sh" "$work/tree"
expect 0 'check-format: ok' "$work/tree/tools/check-format.sh" "$work/tree"

plant src/gui/trayicon.cpp 2 '#include "storage/database.h"'
expect 1 'src/gui/trayicon.cpp:3: .*gui may not include storage' "$work/tree/tools/check-layers.sh" "$work/tree"

fresh_copy
plant src/core/storage/database.cpp 2 '#include "service/downloadservice.h"'
expect 1 'src/core/storage/database.cpp:3: .*storage may not include service' \
    "$work/tree/tools/check-layers.sh" "$work/tree"

fresh_copy
plant src/api/router.cpp 2 '#include "../core/queue/jobqueue.h"'
expect 1 'src/api/router.cpp:3: .*api may not include queue' "$work/tree/tools/check-layers.sh" "$work/tree"

fresh_copy
plant src/core/service/importparser.h 3 '#include "storage/database.h"'
expect 1 'src/core/service/importparser.h:4: .*header of service.*may not include storage' \
    "$work/tree/tools/check-layers.sh" "$work/tree"

fresh_copy
plant src/core/domain/track.h 3 '#include "gui/mainwindow.h"'
expect 1 'src/core/domain/track.h:4: .*domain may not include gui' "$work/tree/tools/check-layers.sh" "$work/tree"

# Without the exceptions, every known violation is reported (nothing is quietly allowed).
fresh_copy
known=$(grep -c '^src/' "$work/tree/tools/layer-exceptions.txt" || true)
if [ "$known" -gt 0 ]; then
    first=$(grep -m1 '^src/' "$work/tree/tools/layer-exceptions.txt" | awk '{print $1}')
    : > "$work/tree/tools/layer-exceptions.txt"
    expect 1 "^$first:[0-9]+: " "$work/tree/tools/check-layers.sh" "$work/tree"
fi

# An exception without a reason is refused.
fresh_copy
echo 'src/gui/trayicon.cpp storage/database.h' >> "$work/tree/tools/layer-exceptions.txt"
expect 1 'needs FILE INCLUDE -- REASON' "$work/tree/tools/check-layers.sh" "$work/tree"

# A folder of src/ that layers.conf does not know.
fresh_copy
mkdir -p "$work/tree/src/core/cache" && printf '#include "domain/track.h"\n' > "$work/tree/src/core/cache/cache.cpp"
expect 1 'cache is no part' "$work/tree/tools/check-layers.sh" "$work/tree"

fresh_copy
plant src/gui/trayicon.cpp 3 'int   planted ( ) {return 1;}'
expect 1 '^src/gui/trayicon.cpp:4: not clang-formatted' "$work/tree/tools/check-format.sh" "$work/tree"

[ "$failures" -eq 0 ] || { echo "$failures check(s) did not behave"; exit 1; }
echo "all plants caught"
