#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop entry passes desktop-file-validate and the AppStream metainfo passes
# `appstreamcli validate --no-net` with no error and no warning; the entry opens what the import
# reads and nothing else. Usage: validate_desktop_files.sh SOURCE_DIR (exit 77 without the tools)
set -uo pipefail
packaging=$(cd "$1" && pwd)/packaging
for tool in desktop-file-validate appstreamcli; do
    command -v "$tool" >/dev/null || { echo "SKIP: no $tool (tools/install-deps.sh)"; exit 77; }
done
failures=0

desktop=$packaging/soulspot-bridge.desktop
if ! report=$(desktop-file-validate "$desktop" 2>&1) || grep -qE ' (error|warning): ' <<<"$report"; then
    echo "FAIL: desktop-file-validate:"; echo "$report"; failures=$((failures + 1))
else
    echo "ok: desktop-file-validate${report:+ (}${report}${report:+)}"
fi
grep -qx 'Exec=soulspot-bridge %U' "$desktop" || { echo "FAIL: Exec is not 'soulspot-bridge %U'"; failures=$((failures + 1)); }
mime=$(sed -n 's/^MimeType=//p' "$desktop")
[ "$mime" = "x-scheme-handler/slsk;audio/x-mpegurl;application/vnd.apple.mpegurl;" ] ||
    { echo "FAIL: MimeType=$mime (slsk: links, .m3u and .m3u8 are what the import reads)"; failures=$((failures + 1)); }

for metainfo in "$packaging"/*.metainfo.xml; do
    if ! report=$(appstreamcli validate --no-net "$metainfo" 2>&1) || grep -qE '^[EW]: ' <<<"$report"; then
        echo "FAIL: appstreamcli validate --no-net $(basename "$metainfo"):"; echo "$report"; failures=$((failures + 1))
    else
        echo "ok: appstreamcli validate --no-net $(basename "$metainfo"): $(tail -1 <<<"$report")"
    fi
    for element in '<screenshot ' '<description>' '<project_license>' '<releases>' '<content_rating '; do
        grep -qF "$element" "$metainfo" || { echo "FAIL: $(basename "$metainfo") has no $element"; failures=$((failures + 1)); }
    done
done
[ "$failures" -eq 0 ] || exit 1
echo "the desktop entry and the metainfo are valid"
