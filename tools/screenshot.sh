#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes docs/screenshot.png: the real window under Xvfb, over a database with downloads in every
# state (made by soulspot-demo-data through the real engine). The demo leaves the queue paused
# (kept in the database), so the window starts paused; the script resumes it, lets three download
# for a few seconds, opens the details of the first running one (a double-click) and pauses the
# whole queue again: the picture shows the details panel and a paused queue with partial files.
# Usage: tools/screenshot.sh [BUILD_DIR] [--lang de]
# (needs xvfb-run, imagemagick's import and xdotool)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
[ $# -gt 0 ] && shift
OUT=$ROOT/docs/screenshot.png
LANG_ARGS=""
if [ "${1:-}" = "--lang" ]; then
    LANG_ARGS="--lang $2"
    OUT=$ROOT/docs/screenshot-$2.png
fi
WORK=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/docs" "$WORK/config" "$WORK/data"

# The helper keeps serving the files while the window runs; closing its stdin stops it.
mkfifo "$WORK/feed"
"$BUILD/bin/soulspot-demo-data" "$WORK/soulspot.db" "$WORK/music" < "$WORK/feed" > "$WORK/demo.out" &
exec 3> "$WORK/feed"
for _ in $(seq 1 120); do
    grep -q READY "$WORK/demo.out" 2>/dev/null && break
    sleep 0.5
done
grep -q READY "$WORK/demo.out" || { echo "demo data was not ready" >&2; exit 1; }

# A clean settings folder: default geometry (1180x680), nothing of the developer's.
XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data \
xvfb-run -a -s "-screen 0 1180x680x24" sh -c "
    '$BUILD/bin/soulspot-bridge' --database '$WORK/soulspot.db' --download-dir '$WORK/music' $LANG_ARGS &
    APP=\$!
    sleep 6
    WINDOW=\$(xdotool search --sync --onlyvisible --class soulspot | head -n 1)
    xdotool windowfocus --sync \$WINDOW
    xdotool key ctrl+shift+r
    sleep 5
    xdotool mousemove 260 88 click --repeat 2 --delay 80 1
    sleep 1
    xdotool key ctrl+shift+p
    sleep 2
    import -window root '$OUT'
    kill -TERM \$APP
    wait \$APP
"
echo "wrote $OUT"
