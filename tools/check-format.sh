#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a C++ file is not formatted as .clang-format says (clang-format 14, Debian 12's).
# Usage: tools/check-format.sh [ROOT]   (ROOT defaults to the checkout holding this script)
# Fix: clang-format -i FILE...
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root"
clang_format=${CLANG_FORMAT:-$(command -v clang-format || command -v clang-format-14 || true)}
[ -n "$clang_format" ] || { echo "check-format: clang-format is missing (tools/install-deps.sh)" >&2; exit 2; }
[ -f .clang-format ] || { echo "check-format: $root/.clang-format is missing" >&2; exit 2; }

# Our C++ files; build trees and anything generated are not ours to format.
mapfile -d '' files < <(find src tests bench fuzz tools packaging -type f \( -name '*.cpp' -o -name '*.h' \) \
    -not -path '*/build*/*' -print0 2>/dev/null | sort -z)
[ "${#files[@]}" -gt 0 ] || { echo "check-format: no C++ files under $root" >&2; exit 2; }
if ! report=$(printf '%s\0' "${files[@]}" |
        xargs -0 -n 40 -P "$(nproc)" "$clang_format" --style=file --dry-run --Werror 2>&1); then
    # One line per FILE:LINE (clang-format reports every column it would change).
    printf '%s\n' "$report" | sed -n 's/^\([^ :]*:[0-9]*\):[0-9]*: error: .*/\1: not clang-formatted/p' | sort -u
    echo "check-format: run clang-format -i on the files above" >&2
    exit 1
fi
echo "check-format: ok (${#files[@]} files)"
