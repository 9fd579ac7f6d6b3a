#!/usr/bin/env bash
# Kill storm (issue #12, item 3): soulspot-bridge fetches many tiny files, CONCURRENCY at a time,
# from a loopback server that ignores Range, and is killed with SIGKILL a fraction of a second
# after each start, ROUNDS times; a last run finishes the queue. Then the folder must hold exactly
# one file per download (no "NAME (1).mp3", no stray .part), each with the right SHA-256, and
# every row must be completed.
# Usage: bench/chaos_kill.sh [path/to/soulspot-bridge]   (needs python3)
# Tunables: FILES (200), CONCURRENCY (3), ROUNDS (20), SEED (random).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-build/bin/soulspot-bridge}")
files=${FILES:-200}
concurrency=${CONCURRENCY:-3}
rounds=${ROUNDS:-20}
seed=${SEED:-$RANDOM}
work=$(mktemp -d /tmp/soulspot-chaos.XXXXXX)
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
RANDOM=$seed
echo "seed $seed: $files files, $concurrency at a time, $rounds kills, in $work"

# Tiny "MP3" files: an ID3 header, then random bytes (16 to 80 KiB).
mkdir -p "$work/www" "$work/out" "$work/home"
for i in $(seq -w 1 "$files"); do
    { printf 'ID3\x04\x00\x00\x00\x00\x00\x00'; head -c $((16384 + RANDOM % 65536)) /dev/urandom; } > "$work/www/t$i.mp3"
done
(cd "$work/www" && sha256sum -- *.mp3) > "$work/expected.sha256"

# A server that ignores Range (and If-Range): always 200 with the whole file, sent in small
# pieces so that a kill often lands in the middle of one.
cat > "$work/server.py" <<'PY'
import http.server, os, sys, time
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        path = os.path.join(sys.argv[2], os.path.basename(self.path))
        if not os.path.isfile(path):
            self.send_error(404); return
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", self.date_time_string(int(os.path.getmtime(path))))
        self.end_headers()
        try:
            for start in range(0, len(data), 8192):
                self.wfile.write(data[start:start + 8192]); self.wfile.flush(); time.sleep(0.004)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client was killed
    def log_message(self, *args): pass
class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address): pass  # clients killed mid-answer
Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
port=${CHAOS_PORT:-18641}
python3 "$work/server.py" "$port" "$work/www" & server_pid=$!
sleep 0.5
for i in $(seq -w 1 "$files"); do echo "http://127.0.0.1:$port/t$i.mp3"; done > "$work/list.txt"

# A headless run (env execs the binary, so a background run's $! is the binary's own pid).
bridge=(env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
        "$binary" --headless --no-api --quiet --database "$work/db.sqlite" --download-dir "$work/out"
        --max-concurrent "$concurrency")

start=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
    if [ "$round" = 1 ]; then args=(--import "$work/list.txt"); else args=(); fi
    "${bridge[@]}" "${args[@]}" &
    pid=$!
    # The first kill waits for the import to be stored (the first file appears).
    if [ "$round" = 1 ]; then while [ -z "$(ls -A "$work/out")" ]; do sleep 0.05; done; fi
    sleep "0.$((100 + RANDOM % 600))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done
"${bridge[@]}" --exit-when-done
elapsed=$(python3 -c "import time; print(round(time.time() - $start, 1))")

count=$(find "$work/out" -type f | wc -l)
numbered=$(find "$work/out" -name '*(*)*' | wc -l)
partial=$(find "$work/out" -name '*.part' | wc -l)
(cd "$work/out" && sha256sum --quiet -c "$work/expected.sha256") && sums=ok || sums=WRONG
rows=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(*c.execute(\"select count(*), sum(status='completed') from downloads\").fetchone())" "$work/db.sqlite")
echo "after $rounds kills and a last run ($elapsed s): $count files for $files downloads," \
     "$numbered numbered, $partial .part, checksums $sums, rows (all, completed): $rows"
[ "$count" = "$files" ] && [ "$numbered" = 0 ] && [ "$partial" = 0 ] && [ "$sums" = ok ] && [ "$rows" = "$files $files" ]
