#!/usr/bin/env bash
# HTTP download benchmark: SoulSpot Bridge against curl (one 1 GiB file) and aria2c (1000 files of
# 100 KiB, three at a time), all fetching from the same loopback nginx in the same run; ROUNDS
# (default 3) alternating runs of each, medians shown.
# Usage: bench/http_bench.sh [path/to/soulspot-bridge]   (needs nginx-light, curl, aria2, time)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-build/bin/soulspot-bridge}")
work=$(mktemp -d /tmp/soulspot-bench.XXXXXX)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=${BENCH_PORT:-18631}
big_mib=${BIG_MIB:-1024}
small_count=${SMALL_COUNT:-1000}

chmod 755 "$work" # nginx's workers run as www-data
echo "preparing files in $work ..."
mkdir -p "$work/www/small" "$work/logs"
head -c "$((big_mib * 1024 * 1024))" /dev/urandom > "$work/www/big.bin"
for i in $(seq 1 "$small_count"); do head -c 102400 /dev/urandom > "$work/www/small/f$i.bin"; done
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.3

# Runs a command under /usr/bin/time; prints "SECONDS MAX_RSS_KIB". The dirty pages of the run
# before are written out first, so that no run pays for the previous one's writeback.
measure() {
    sync
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/cmd.err" || { cat "$work/cmd.err"; exit 1; }
    cat "$work/time.txt"
}
# The command line of a headless run in its own folder (prepared fresh).
bridge() {
    local dir=$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    echo env HOME="$dir/home" XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share" \
        "$binary" --headless --no-api --quiet --database "$dir/db.sqlite" --download-dir "$dir/out" \
        --exit-when-done "$@"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Each workload runs `rounds` times, the two programs alternating which goes first; the medians
# are shown (the machine is shared, and a disk's writeback varies from run to run).
rounds=${ROUNDS:-3}
: > "$work/results"
# run NAME COMMAND...: one measured run, appended to the results as "NAME SECONDS KIB".
run() { local name=$1; shift; echo "$name $(measure "$@")" >> "$work/results"; }
pick() { awk -v name="$1" -v col="$2" '$1 == name { print $col }' "$work/results" | median; }

echo "http://127.0.0.1:$port/big.bin" > "$work/big.txt"
for i in $(seq 1 "$small_count"); do echo "http://127.0.0.1:$port/small/f$i.bin"; done > "$work/small.txt"
big_curl() {
    run curl curl -sf -o "$work/curl-big.bin" "http://127.0.0.1:$port/big.bin"
    cmp -s "$work/www/big.bin" "$work/curl-big.bin" || { echo "curl's big file differs"; exit 1; }
    rm -f "$work/curl-big.bin"
}
big_bridge() {
    run bridge $(bridge "$work/ss-big" --import "$work/big.txt")
    cmp -s "$work/www/big.bin" "$work/ss-big/out/big.bin" || { echo "soulspot-bridge's big file differs"; exit 1; }
    rm -rf "$work/ss-big"
}
small_aria() {
    rm -rf "$work/aria"
    run aria2c aria2c -q -j 3 -x 1 --dir "$work/aria" -i "$work/small.txt" \
        --allow-overwrite=true --auto-file-renaming=false --file-allocation=none
    local count; count=$(ls "$work/aria" | wc -l)
    [ "$count" -eq "$small_count" ] || { echo "aria2c: expected $small_count files, got $count"; exit 1; }
}
small_bridge() {
    run bridge-small $(bridge "$work/ss-small" --import "$work/small.txt" --max-concurrent 3)
    local count; count=$(ls "$work/ss-small/out" | wc -l)
    [ "$count" -eq "$small_count" ] || { echo "expected $small_count files, got $count"; exit 1; }
}
for round in $(seq 1 "$rounds"); do
    echo "== round $round of $rounds"
    if [ $((round % 2)) -eq 1 ]; then big_curl; big_bridge; small_aria; small_bridge
    else big_bridge; big_curl; small_bridge; small_aria; fi
done

echo "== one ${big_mib} MiB file (medians of $rounds)"
printf "curl:            %6.2f s  %7d KiB peak\n" "$(pick curl 2)" "$(pick curl 3)"
printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.05)\n" "$(pick bridge 2)" \
    "$(pick bridge 3)" "$(python3 -c "print($(pick bridge 2) / $(pick curl 2))")"
echo "== ${small_count} files of 100 KiB, three at a time (medians of $rounds)"
printf "aria2c -j 3:     %6.2f s  %7d KiB peak\n" "$(pick aria2c 2)" "$(pick aria2c 3)"
printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.0)\n" "$(pick bridge-small 2)" \
    "$(pick bridge-small 3)" "$(python3 -c "print($(pick bridge-small 2) / $(pick aria2c 2))")"
