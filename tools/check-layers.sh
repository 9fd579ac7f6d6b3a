#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails on an #include in src/ that points the wrong way (tools/layers.conf), unless
# tools/layer-exceptions.txt lists it. Quoted includes only; <...> are Qt's and the system's.
# Usage: tools/check-layers.sh [ROOT]   (ROOT defaults to the checkout holding this script)
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
conf=$root/tools/layers.conf
exceptions=$root/tools/layer-exceptions.txt
[ -f "$conf" ] || { echo "check-layers: $conf is missing" >&2; exit 2; }
[ -f "$exceptions" ] || exceptions=/dev/null
cd "$root"

# Inputs to one awk pass: every file under src/ (to resolve includes relative to the including
# file), the graph, the exceptions, then every quoted #include as FILE:LINE:TEXT.
find src -type f \( -name '*.cpp' -o -name '*.h' \) | sort > "${TMPDIR:-/tmp}/check-layers.$$"
trap 'rm -f "${TMPDIR:-/tmp}/check-layers.$$"' EXIT
files=${TMPDIR:-/tmp}/check-layers.$$

xargs -r grep -Hn -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' < "$files" |
awk -v files="$files" -v conf="$conf" -v exceptions="$exceptions" '
function part_of(path,    f) {      # src/core/PART/... -> PART, src/LAYER/... -> LAYER
    split(path, f, "/")
    return f[2] == "core" ? f[3] : f[2]
}
function dir_of(path) { sub(/\/[^\/]*$/, "", path); return path }
function normalize(path,    n, i, f, out, k) {   # folds "a/../b" and "./" so ".." cannot hide a part
    n = split(path, f, "/"); k = 0
    for (i = 1; i <= n; i++) {
        if (f[i] == "." || f[i] == "") continue
        if (f[i] == ".." && k > 0 && out[k] != "..") { k--; continue }
        out[++k] = f[i]
    }
    path = out[1]
    for (i = 2; i <= k; i++) path = path "/" out[i]
    return path
}
BEGIN {
    while ((getline line < files) > 0) exists[line] = 1
    while ((getline line < conf) > 0) {
        sub(/#.*/, "", line)
        if (line !~ /:/) continue
        name = line; sub(/:.*/, "", name); gsub(/[[:space:]]/, "", name)
        rest = line; sub(/^[^:]*:/, "", rest)
        n = split(rest, deps, /[[:space:]]+/)
        if (name == "public") { for (i = 1; i <= n; i++) if (deps[i] != "") public[deps[i]] = 1; continue }
        known[name] = 1; allowed[name, name] = 1; list[name] = ""
        for (i = 1; i <= n; i++) if (deps[i] != "") { allowed[name, deps[i]] = 1; list[name] = list[name] " " deps[i] }
    }
    while ((getline line < exceptions) > 0) {
        if (line ~ /^[[:space:]]*(#|$)/) continue
        n = split(line, f, /[[:space:]]+/)
        if (n < 4 || f[3] != "--") { printf "%s: a line needs FILE INCLUDE -- REASON: %s\n", exceptions, line; bad = 1; continue }
        excepted[f[1], f[2]] = 1; order[++nexc] = f[1] SUBSEP f[2]
    }
}
{
    # FILE:LINE:   #include "X" ...
    file = $0; sub(/:.*/, "", file)
    rest = substr($0, length(file) + 2); lineno = rest; sub(/:.*/, "", lineno)
    inc = rest; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
    from = part_of(file)
    if (!(from in known)) { printf "%s:%s: %s is no part in tools/layers.conf\n", file, lineno, from; bad = 1; next }

    local = normalize(dir_of(file) "/" inc)
    if (local in exists)              target = local           # next to the including file
    else if (inc !~ /\//)             next                     # generated: ui_*.h, *.moc
    else {
        split(inc, f, "/")
        if (f[1] == "core" || f[1] == "api" || f[1] == "gui" || f[1] == "app") target = "src/" inc
        else if (f[1] in known)       target = "src/core/" inc # "storage/x.h": a part of core
        else next                                              # not ours
    }
    target = normalize(target)
    if (target !~ /^src\//) { printf "%s:%s: \"%s\" leaves src/\n", file, lineno, inc; bad = 1; next }
    to = part_of(target)
    if (!(to in known)) next

    why = ""
    if (!((from, to) in allowed))
        why = sprintf("%s may not include %s (%s may include:%s)", from, to, from, list[from] == "" ? " nothing" : list[from])
    else if (file ~ /\.h$/ && (from in public) && !(to in public))
        why = sprintf("a header of %s, which front ends include, may not include %s", from, to)
    if (why == "") next
    if ((file, inc) in excepted) { used[file, inc] = 1; excused++; next }
    printf "%s:%s: #include \"%s\": %s\n", file, lineno, inc, why
    bad = 1
}
END {
    for (i = 1; i <= nexc; i++)
        if (!(order[i] in used)) {
            split(order[i], f, SUBSEP)
            printf "check-layers: warning: exception no longer needed, remove it: %s %s\n", f[1], f[2] > "/dev/stderr"
        }
    if (bad) { print "check-layers: includes point the wrong way (see tools/layers.conf)"; exit 1 }
    printf "check-layers: ok (%d known exceptions in tools/layer-exceptions.txt)\n", excused
}'
