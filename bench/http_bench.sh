#!/usr/bin/env bash
# HTTP download benchmark: SoulSpot Bridge against curl (one 1 GiB file) and aria2c (1000 files of
# 100 KiB, three at a time), and against both on one 64 MiB file from a server that throttles each
# connection (nginx's limit_rate, THROTTLE_KIB per connection, default 4096), where aria2c opens
# eight (-x8 -s8 -k1M) and we our default; all fetching from the same loopback nginx in the same
# run; ROUNDS (default 3) alternating runs of each, medians shown. WORKLOADS picks some of
# big,small,throttled (default all).
# Usage: bench/http_bench.sh [path/to/soulspot-bridge]   (needs nginx-light, curl, aria2, time)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-build/bin/soulspot-bridge}")
work=$(mktemp -d /tmp/soulspot-bench.XXXXXX)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=${BENCH_PORT:-18631}
big_mib=${BIG_MIB:-1024}
small_count=${SMALL_COUNT:-1000}
throttle_kib=${THROTTLE_KIB:-4096}
throttled_mib=${THROTTLED_MIB:-64}
workloads=${WORKLOADS:-big,small,throttled}
wants() { [[ ",$workloads," == *",$1,"* ]]; }

chmod 755 "$work" # nginx's workers run as www-data
echo "preparing files in $work ..."
mkdir -p "$work/www/small" "$work/logs"
if wants big; then head -c "$((big_mib * 1024 * 1024))" /dev/urandom > "$work/www/big.bin"; fi
if wants small; then
    for i in $(seq 1 "$small_count"); do head -c 102400 /dev/urandom > "$work/www/small/f$i.bin"; done
fi
if wants throttled; then head -c "$((throttled_mib * 1024 * 1024))" /dev/urandom > "$work/www/throttled.bin"; fi
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
    # A host that caps each connection, as many file hosts and CDNs do.
    server { listen 127.0.0.1:$((port + 1)); root $work/www; limit_rate ${throttle_kib}k; }
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
throttled_url="http://127.0.0.1:$((port + 1))/throttled.bin"
echo "$throttled_url" > "$work/throttled.txt"
throttled_check() { cmp -s "$work/www/throttled.bin" "$1" || { echo "$2: the throttled file differs"; exit 1; }; }
throttled_curl() {
    run curl-throttled curl -sf -o "$work/curl-throttled.bin" "$throttled_url"
    throttled_check "$work/curl-throttled.bin" curl; rm -f "$work/curl-throttled.bin"
}
throttled_aria() {
    rm -rf "$work/aria-throttled"
    run aria2c-throttled aria2c -q -x8 -s8 -k1M --dir "$work/aria-throttled" -o throttled.bin \
        --allow-overwrite=true --auto-file-renaming=false --file-allocation=none "$throttled_url"
    throttled_check "$work/aria-throttled/throttled.bin" aria2c; rm -rf "$work/aria-throttled"
}
throttled_bridge() {
    run bridge-throttled $(bridge "$work/ss-throttled" --import "$work/throttled.txt")
    throttled_check "$work/ss-throttled/out/throttled.bin" soulspot-bridge; rm -rf "$work/ss-throttled"
}
for round in $(seq 1 "$rounds"); do
    echo "== round $round of $rounds"
    if [ $((round % 2)) -eq 1 ]; then
        if wants big; then big_curl; big_bridge; fi
        if wants small; then small_aria; small_bridge; fi
        if wants throttled; then throttled_aria; throttled_bridge; throttled_curl; fi
    else
        if wants big; then big_bridge; big_curl; fi
        if wants small; then small_bridge; small_aria; fi
        if wants throttled; then throttled_bridge; throttled_aria; throttled_curl; fi
    fi
done

ratio() { python3 -c "print($(pick "$1" 2) / $(pick "$2" 2))"; }
if wants big; then
    echo "== one ${big_mib} MiB file (medians of $rounds)"
    printf "curl:            %6.2f s  %7d KiB peak\n" "$(pick curl 2)" "$(pick curl 3)"
    printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.05)\n" "$(pick bridge 2)" \
        "$(pick bridge 3)" "$(ratio bridge curl)"
fi
if wants small; then
    echo "== ${small_count} files of 100 KiB, three at a time (medians of $rounds)"
    printf "aria2c -j 3:     %6.2f s  %7d KiB peak\n" "$(pick aria2c 2)" "$(pick aria2c 3)"
    printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.0)\n" "$(pick bridge-small 2)" \
        "$(pick bridge-small 3)" "$(ratio bridge-small aria2c)"
fi
if wants throttled; then
    echo "== one ${throttled_mib} MiB file, ${throttle_kib} KiB/s per connection (medians of $rounds)"
    printf "curl:            %6.2f s  %7d KiB peak\n" "$(pick curl-throttled 2)" "$(pick curl-throttled 3)"
    printf "aria2c -x8 -s8:  %6.2f s  %7d KiB peak\n" "$(pick aria2c-throttled 2)" "$(pick aria2c-throttled 3)"
    printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio to aria2c %.3f (goal <= 1.0, memory < 64 MiB)\n" \
        "$(pick bridge-throttled 2)" "$(pick bridge-throttled 3)" "$(ratio bridge-throttled aria2c-throttled)"
fi
