#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the curl examples of the seed document (shared/seed/download-management.md) as written
# against the real binary: `soulspot-bridge --headless --api-port 0`, with the "API listening on"
# line telling where. Only the address (localhost:8000 -> the free port) and the {download_id}
# placeholders are filled in. Needs curl and sqlite3 (tools/install-deps.sh installs both).
set -euo pipefail

BINARY=${1:-${SOULSPOT_BINARY:-}}
[ -x "$BINARY" ] || { echo "usage: $0 path/to/soulspot-bridge" >&2; exit 2; }
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/home/.config XDG_DATA_HOME=$WORK/home/.local/share
unset SOULSPOT_API_TOKEN
DB=$WORK/soulspot.db
FAILURES=0

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
expect_contains() { # what body needle
    case "$2" in *"$3"*) echo "ok: $1" ;; *) fail "$1: expected $3 in: $2" ;; esac
}
field() { # body name -> the value of a top-level JSON string field
    sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$1"
}

# The seed's batch example names three tracks: put them in the library first, as a sync would.
"$BINARY" --headless --no-api --database "$DB" --download-dir "$WORK/music" --exit-when-done --quiet
for i in 0 1 2; do
    sqlite3 "$DB" "INSERT INTO tracks (id, title, artist, created_at, sequence) VALUES \
        ('550e8400-e29b-41d4-a716-44665544000$i', 'Seed song $i', 'Seed', '2026-11-25T09:00:00.00${i}Z', $((i + 1)));"
done

"$BINARY" --headless --api-port 0 --database "$DB" --download-dir "$WORK/music" >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
for _ in $(seq 100); do
    grep -q '^API listening on http://' "$WORK/out" && break
    sleep 0.1
done
BASE=$(sed -n 's/^API listening on \(http:\/\/[^ ]*\)$/\1/p' "$WORK/out")
[ -n "$BASE" ] || { echo "no 'API listening on' line; stderr:" >&2; cat "$WORK/err" >&2; exit 1; }
PORT=${BASE##*:}
echo "server at $BASE"
LOCALHOST="http://localhost:$PORT" # the seed writes http://localhost:8000

# Example 3: Pause Queue During Maintenance (first: the seed's tracks have no source, and a
# running queue would fail them at once; the examples below want them queued)
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/pause)
expect_contains "pause queue" "$OUT" '{"message":"Download queue paused successfully","status":"paused"}'

# Example 2: Batch Download with Priority
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/batch \
  -H "Content-Type: application/json" \
  -d '{
    "track_ids": [
      "550e8400-e29b-41d4-a716-446655440000",
      "550e8400-e29b-41d4-a716-446655440001",
      "550e8400-e29b-41d4-a716-446655440002"
    ],
    "priority": 0
  }')
expect_contains "batch" "$OUT" '"message":"Batch download initiated for 3 tracks"'
expect_contains "batch total" "$OUT" '"total_tracks":3'
IDS=$(grep -o '"job_ids":\[[^]]*\]' <<<"$OUT" | grep -o '[0-9a-f-]\{36\}' || true)
FIRST=$(head -n1 <<<"$IDS")
SECOND=$(sed -n 2p <<<"$IDS")
[ "$(wc -l <<<"$IDS")" -eq 3 ] || fail "batch: three job ids expected in $OUT"

# Example 4: Monitor Queue Status (and Troubleshooting 1, Queue Congestion 1)
OUT=$(curl -sS $LOCALHOST/api/downloads/status)
for key in paused max_concurrent_downloads active_downloads queued_downloads total_jobs completed failed cancelled; do
    expect_contains "status has $key" "$OUT" "\"$key\":"
done
expect_contains "status total" "$OUT" '"total_jobs":3'
expect_contains "status paused" "$OUT" '"paused":true'

# Troubleshooting: stuck and failed downloads
OUT=$(curl -sS 'http://localhost:'"$PORT"'/api/downloads?status=downloading')
expect_contains "list downloading" "$OUT" '"items":['
OUT=$(curl -sS 'http://localhost:'"$PORT"'/api/downloads?status=failed')
expect_contains "list failed" "$OUT" '"total":'

# Pause/Resume API, individual (the HTTP blocks of the seed, sent with curl)
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/$FIRST/pause)
expect_contains "pause one" "$OUT" "{\"download_id\":\"$FIRST\",\"message\":\"Download paused\",\"status\":\"paused\"}"
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/$FIRST/resume)
expect_contains "resume one" "$OUT" '"message":"Download resumed"'

# Update download priority (POST /api/downloads/{download_id}/priority)
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/$FIRST/priority -H "Content-Type: application/json" \
  -d '{
  "priority": 0
}')
expect_contains "priority" "$OUT" "{\"download_id\":\"$FIRST\",\"message\":\"Priority updated\",\"priority\":0}"

# Batch Actions
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/batch-action -H "Content-Type: application/json" \
  -d "{\"download_ids\": [\"$FIRST\", \"$SECOND\"], \"action\": \"pause\", \"priority\": 0}")
expect_contains "batch action" "$OUT" "\"message\":\"Batch action 'pause' completed\""
expect_contains "batch action counts" "$OUT" '"successful":2'
expect_contains "batch action errors" "$OUT" '"errors":[]'

# Queue Congestion 3: Cancel specific download
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/$SECOND/cancel)
expect_contains "cancel" "$OUT" "{\"download_id\":\"$SECOND\",\"message\":\"Download cancelled\",\"status\":\"cancelled\"}"
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/$SECOND/retry)
expect_contains "retry" "$OUT" '"message":"Download retry queued"'

# One download, the list, the OpenAPI document, and an error.
OUT=$(curl -sS $LOCALHOST/api/downloads/$FIRST)
[ "$(field "$OUT" id)" = "$FIRST" ] || fail "get one: $OUT"
OUT=$(curl -sS "$LOCALHOST/api/downloads?skip=0&limit=2")
expect_contains "list" "$OUT" '"limit":2'
OUT=$(curl -sS $LOCALHOST/api/openapi.json)
expect_contains "openapi" "$OUT" '"openapi"'
CODE=$(curl -sS -o "$WORK/body" -w '%{http_code}' -X POST $LOCALHOST/api/downloads/$FIRST/priority -d '{"priority": 7}')
[ "$CODE" = 422 ] || fail "priority 7 gave $CODE"
expect_contains "422 detail" "$(cat "$WORK/body")" '"detail":'

# A second server on the same port cannot listen: exit status 2 and a message.
set +e
"$BINARY" --headless --api-port "$PORT" --database "$WORK/other.db" --download-dir "$WORK/music" \
    >"$WORK/second.out" 2>"$WORK/second.err"
CODE=$?
set -e
[ "$CODE" = 2 ] || fail "second server on port $PORT exited $CODE"
expect_contains "second server message" "$(cat "$WORK/second.err")" "cannot listen"

# Example 3, after the maintenance
OUT=$(curl -sS -X POST $LOCALHOST/api/downloads/resume)
expect_contains "resume queue" "$OUT" '{"message":"Download queue resumed successfully","status":"active"}'

if [ "$FAILURES" -ne 0 ]; then
    echo "$FAILURES check(s) failed" >&2
    exit 1
fi
echo "all seed examples answered as documented"
