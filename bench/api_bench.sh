#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The REST API under load, side by side with aria2's JSON-RPC on the same machine:
#  1. a database of 100,000 downloads (and tracks), made with sqlite3;
#  2. soulspot-bridge --headless on it, and aria2c --enable-rpc;
#  3. wrk -c 16 on GET /api/downloads/status, GET /api/downloads?limit=100&skip=50000, random deep
#     pages by skip and by keyset cursor (uncached) and
#     aria2.getGlobalStat (POSTed JSON-RPC, wrk Lua script);
#  4. 100 calls of POST /api/downloads/batch with 1000 track ids each (one curl, keep-alive).
# Each wrk run is repeated three times, alternating with the others, and the medians are shown
# (the machine is shared: alternating spreads the noise over all calls alike). Prints requests/s,
# p99 latencies and the ratios. Needs wrk, aria2c, curl, sqlite3.
#   bench/api_bench.sh [path/to/soulspot-bridge] [seconds per wrk run, default 10]
set -euo pipefail

BINARY=${1:-$(dirname "$0")/../build/bin/soulspot-bridge}
DURATION=${2:-10}
for tool in wrk aria2c curl sqlite3; do
    command -v $tool >/dev/null || { echo "$tool is missing (apt-get install wrk aria2 curl sqlite3)" >&2; exit 2; }
done
[ -x "$BINARY" ] || { echo "no binary at $BINARY (build first)" >&2; exit 2; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
unset SOULSPOT_API_TOKEN
DB=$WORK/soulspot.db
ROWS=100000

echo "== preparing $ROWS downloads"
"$BINARY" --headless --no-api --database "$DB" --download-dir "$WORK/music" --exit-when-done --quiet
sqlite3 "$DB" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO tracks (id, title, artist, created_at, sequence)
SELECT printf('track-%06d', i), 'Song ' || i, 'Artist ' || (i % 500),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25 09:00:00', '+' || (i / 1000.0) || ' seconds'), i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO downloads (id, track_id, status, priority, target_path, source_url, progress_percent, created_at,
                       updated_at, completed_at, attempts, max_retries, bytes_downloaded, total_bytes, sequence,
                       queue_position)
SELECT printf('00000000-0000-4000-8000-%012d', i), printf('track-%06d', i),
       CASE i % 20 WHEN 0 THEN 'failed' WHEN 1 THEN 'cancelled' WHEN 2 THEN 'paused' ELSE 'completed' END,
       i % 3, '/music/song-' || i || '.mp3', 'http://example.org/' || i || '.mp3', 100.0,
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25 09:00:00', '+' || (i / 1000.0) || ' seconds'),
       strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25 10:00:00'), strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-25 10:00:00'),
       1, 3, 4000000, 4000000, i, i FROM n;
COMMIT;
SQL

"$BINARY" --headless --api-port 0 --database "$DB" --download-dir "$WORK/music" --quiet >"$WORK/out" 2>"$WORK/err" &
PIDS+=($!)
for _ in $(seq 200); do grep -q '^API listening on' "$WORK/out" && break; sleep 0.05; done
BASE=$(sed -n 's/^API listening on \(http:\/\/[^ ]*\)$/\1/p' "$WORK/out")
[ -n "$BASE" ] || { cat "$WORK/err" >&2; exit 1; }

ARIA_PORT=$(( (RANDOM % 20000) + 30000 ))
aria2c --enable-rpc --rpc-listen-port=$ARIA_PORT --rpc-listen-all=false --dir="$WORK/aria" --quiet \
       --no-conf >/dev/null 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
    curl -s "http://127.0.0.1:$ARIA_PORT/jsonrpc" -d '{"jsonrpc":"2.0","id":"1","method":"aria2.getGlobalStat"}' \
        >/dev/null 2>&1 && break
    sleep 0.05
done
cat >"$WORK/aria.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"jsonrpc":"2.0","id":"bench","method":"aria2.getGlobalStat"}'
wrk.headers["Content-Type"] = "application/json"
LUA

# wrk URL [script] -> "requests/s p99(ms)"
run_wrk() {
    local out
    out=$(wrk -t1 -c16 -d"${DURATION}s" --latency ${2:+-s "$2"} "$1")
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    # wrk prints 1.23ms, 456.00us or 1.02s: in milliseconds
    p99=$(awk -v v="$p99" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }')
    local errors
    errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
    [ -z "$errors" ] || echo "   ($1: $errors)" >&2
    echo "$rps $p99"
}

cat >"$WORK/cold.lua" <<'LUA'
-- A different page each time: every request misses the page cache (the cold cost).
request = function()
  return wrk.format("GET", "/api/downloads?limit=100&skip=" .. math.random(40000, 60000))
end
LUA

cat >"$WORK/keyset.lua" <<'LUA'
-- A different deep page each time through keyset paging: the cursor of row i, as the server writes
-- it (qPRIORITY.PLACE.ID) for the rows made above (priority i % 3, queue_position i, the id below).
request = function()
  local i = math.random(40000, 60000)
  return wrk.format("GET", "/api/downloads?limit=100&cursor=q" .. (i % 3) .. "." .. i .. "." ..
                    string.format("00000000-0000-4000-8000-%012d", i))
end
LUA

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "== wrk -t1 -c16, ${DURATION}s per run, 3 rounds alternating"
: >"$WORK/results"
for round in 1 2 3; do
    echo "status $(run_wrk "$BASE/api/downloads/status")" >>"$WORK/results"
    echo "aria2 $(run_wrk "http://127.0.0.1:$ARIA_PORT/jsonrpc" "$WORK/aria.lua")" >>"$WORK/results"
    echo "list $(run_wrk "$BASE/api/downloads?limit=100&skip=50000")" >>"$WORK/results"
    echo "cold $(run_wrk "$BASE/api/downloads?limit=100&skip=50000" "$WORK/cold.lua")" >>"$WORK/results"
    echo "keyset $(run_wrk "$BASE/api/downloads?limit=100" "$WORK/keyset.lua")" >>"$WORK/results"
done
pick() { awk -v name="$1" -v col="$2" '$1 == name { print $col }' "$WORK/results" | median; }
STATUS_RPS=$(pick status 2); STATUS_P99=$(pick status 3)
ARIA_RPS=$(pick aria2 2); ARIA_P99=$(pick aria2 3)
LIST_RPS=$(pick list 2); LIST_P99=$(pick list 3)
COLD_RPS=$(pick cold 2); COLD_P99=$(pick cold 3)
KEYSET_RPS=$(pick keyset 2); KEYSET_P99=$(pick keyset 3)

echo "== 100 x POST /api/downloads/batch (1000 ids each)"
curl -s -X POST "$BASE/api/downloads/pause" >/dev/null # measure the enqueueing, not the transfers
: >"$WORK/curl.cfg"
for call in $(seq 0 99); do
    ids=$(seq -f "\"track-%06g\"" $((call * 1000 + 1)) $((call * 1000 + 1000)) | paste -sd, -)
    echo "{\"track_ids\": [$ids], \"priority\": 2}" >"$WORK/batch$call.json"
    {
        echo "url = \"$BASE/api/downloads/batch\""
        echo "header = \"Content-Type: application/json\""
        echo "data-binary = \"@$WORK/batch$call.json\""
        echo "output = \"$WORK/batch$call.out\""
        echo "write-out = \"%{http_code}\\n\""
        [ "$call" -lt 99 ] && echo "next"
    } >>"$WORK/curl.cfg"
done
START=$(date +%s.%N)
CODES=$(curl -s -K "$WORK/curl.cfg")
END=$(date +%s.%N)
BATCH_SECONDS=$(awk -v a="$START" -v b="$END" 'BEGIN { printf "%.2f", b - a }')
OK_CALLS=$(grep -c '^200$' <<<"$CODES" || true)
TOTAL=$(curl -s "$BASE/api/downloads/status" | sed -n 's/.*"total_jobs":\([0-9]*\).*/\1/p')

printf '\n%-44s %12s %10s\n' "call" "requests/s" "p99 ms"
printf '%-44s %12s %10s\n' "GET /api/downloads/status" "$STATUS_RPS" "$STATUS_P99"
printf '%-44s %12s %10s\n' "GET /api/downloads?limit=100&skip=50000" "$LIST_RPS" "$LIST_P99"
printf '%-44s %12s %10s\n' "  same, a random page each time (uncached)" "$COLD_RPS" "$COLD_P99"
printf '%-44s %12s %10s\n' "  a random deep page by cursor (uncached)" "$KEYSET_RPS" "$KEYSET_P99"
printf '%-44s %12s %10s\n' "aria2 JSON-RPC aria2.getGlobalStat" "$ARIA_RPS" "$ARIA_P99"
awk -v s="$STATUS_RPS" -v l="$LIST_RPS" -v a="$ARIA_RPS" 'BEGIN {
    printf "\nratio status / aria2: %.2f   list / aria2: %.2f\n", s / a, l / a }'
echo "batch: $OK_CALLS of 100 calls answered 200 in ${BATCH_SECONDS} s; total_jobs now $TOTAL (expected $((ROWS * 2)))"
