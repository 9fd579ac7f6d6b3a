#!/usr/bin/env bash
# HTTP download benchmark: SoulSpot Bridge against curl (one 1 GiB file) and aria2c (1000 files of
# 100 KiB, three at a time), all fetching from the same loopback nginx in the same run.
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

# Runs a command under /usr/bin/time; prints "SECONDS MAX_RSS_KIB".
measure() {
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

echo "== one ${big_mib} MiB file"
read -r curl_s curl_kib < <(measure curl -sf -o "$work/curl-big.bin" "http://127.0.0.1:$port/big.bin")
echo "http://127.0.0.1:$port/big.bin" > "$work/big.txt"
read -r ss_s ss_kib < <(measure $(bridge "$work/ss-big" --import "$work/big.txt"))
cmp -s "$work/www/big.bin" "$work/curl-big.bin" || { echo "curl's big file differs"; exit 1; }
cmp -s "$work/www/big.bin" "$work/ss-big/out/big.bin" || { echo "soulspot-bridge's big file differs"; exit 1; }
rm -f "$work/curl-big.bin"; rm -rf "$work/ss-big/out"
printf "curl:            %6.2f s  %7d KiB peak\n" "$curl_s" "$curl_kib"
printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.05)\n" "$ss_s" "$ss_kib" \
    "$(python3 -c "print($ss_s / $curl_s)")"

echo "== ${small_count} files of 100 KiB, three at a time"
for i in $(seq 1 "$small_count"); do echo "http://127.0.0.1:$port/small/f$i.bin"; done > "$work/small.txt"
read -r aria_s aria_kib < <(measure aria2c -q -j 3 -x 1 --dir "$work/aria" -i "$work/small.txt" \
    --allow-overwrite=true --auto-file-renaming=false --file-allocation=none)
read -r ss2_s ss2_kib < <(measure $(bridge "$work/ss-small" --import "$work/small.txt" --max-concurrent 3))
count=$(ls "$work/ss-small/out" | wc -l)
aria_count=$(ls "$work/aria" | wc -l)
[ "$aria_count" -eq "$small_count" ] || { echo "aria2c: expected $small_count files, got $aria_count"; exit 1; }
[ "$count" -eq "$small_count" ] || { echo "expected $small_count files, got $count"; exit 1; }
printf "aria2c -j 3:     %6.2f s  %7d KiB peak\n" "$aria_s" "$aria_kib"
printf "soulspot-bridge: %6.2f s  %7d KiB peak   time ratio %.3f (goal <= 1.0)\n" "$ss2_s" "$ss2_kib" \
    "$(python3 -c "print($ss2_s / $aria_s)")"
