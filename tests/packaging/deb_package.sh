#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from the build folder (cpack -G DEB) and checks what it holds: the
# binary, the desktop entry, the AppStream metainfo, the user service pointing at /usr/bin, the
# icons (PNGs of the sizes their folders name), nothing of the build (no static library, no test);
# its Depends (the computed libraries and the plug-ins Qt loads); and that the packaged binary runs.
# Usage: deb_package.sh BUILD_DIR   (exit 77, skipped, without dpkg-deb)
set -uo pipefail
build_dir=$(cd "$1" && pwd)
command -v dpkg-deb >/dev/null || { echo "SKIP: no dpkg-deb (tools/install-deps.sh installs dpkg-dev)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" > "$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log"; fail "cpack -G DEB"; exit 1; }
deb=$(ls "$work"/out/soulspot-bridge_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$work/cpack.log"; fail "no soulspot-bridge_*.deb"; exit 1; }
echo "built $(basename "$deb")"

# Files, as dpkg lists them (./usr/...), directories left out.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort > "$work/files"
echo "files:"; sed 's/^/    /' "$work/files"
app_id=io.github.soulspot_bridge.SoulSpotBridge
for want in ./usr/bin/soulspot-bridge \
    ./usr/share/applications/soulspot-bridge.desktop \
    ./usr/share/metainfo/$app_id.metainfo.xml \
    ./usr/lib/systemd/user/soulspot-bridge.service \
    ./usr/share/icons/hicolor/scalable/apps/soulspot-bridge.svg; do
    grep -qxF "$want" "$work/files" || fail "$want is not in the package"
done
for size in 16 22 24 32 48 64 128 256; do
    grep -qxF "./usr/share/icons/hicolor/${size}x${size}/apps/soulspot-bridge.png" "$work/files" ||
        fail "the ${size}x${size} icon is not in the package"
done
unexpected=$(grep -vE '^\./usr/(bin/soulspot-bridge|share/applications/|share/metainfo/|lib/systemd/user/|share/icons/hicolor/)' \
    "$work/files")
[ -z "$unexpected" ] || fail "files that do not belong in the package: $unexpected"

dpkg-deb -x "$deb" "$work/root"
grep -qx 'ExecStart=/usr/bin/soulspot-bridge --headless --quiet' "$work/root/usr/lib/systemd/user/soulspot-bridge.service" ||
    fail "the user service does not run /usr/bin/soulspot-bridge"
for size in 16 22 24 32 48 64 128 256; do
    png=$work/root/usr/share/icons/hicolor/${size}x${size}/apps/soulspot-bridge.png
    # PNG signature, then IHDR's width and height (big endian) at bytes 16..23.
    header=$(od -An -tx1 -N24 "$png" 2>/dev/null | tr -d ' \n')
    want=89504e470d0a1a0a0000000d49484452$(printf '%08x%08x' "$size" "$size")
    [ "$header" = "$want" ] || fail "${size}x${size}/apps/soulspot-bridge.png is not a ${size}x${size} PNG ($header)"
done

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# One package name a line, without its version.
sed -e 's/, /\n/g' <<<"$depends" | sed 's/ .*//' > "$work/depends"
for want in libc6 libstdc++6 libqt6core6 libqt6network6 libqt6sql6 libqt6widgets6 libqt6websockets6 \
    libqt6sql6-sqlite libqt6sql6-psql libqt6svg6; do
    grep -qxF "$want" "$work/depends" || fail "Depends lacks $want"
done

# The packaged binary starts (no display needed for --help).
"$work/root/usr/bin/soulspot-bridge" --help > "$work/help" 2>&1 || fail "usr/bin/soulspot-bridge --help: $(cat "$work/help")"
grep -q -- '--headless' "$work/help" || fail "--help does not mention --headless"

[ "$failures" -eq 0 ] || { echo "$failures problem(s) with the package"; exit 1; }
echo "the package holds what it should"
