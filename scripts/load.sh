#!/usr/bin/env bash
# Load test: drives a serving node from other processes on loopback, bounded in time, and prints
# throughput, latency percentiles and errors.
#
#   scripts/load.sh [SECONDS] [CONNECTIONS]        (defaults: 20 s, 16 connections)
#
# Builds clusternode in release mode (into .build-release), makes two nodes in a temporary
# directory: a source cluster with the example federation's catalogs' entries, and a target agency
# that pulls from it. The target serves HTTPS while wrk sends /v1/changes and /v1/search requests
# at it and `clusternode sync` pulls into it again and again. Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-16}
command -v wrk >/dev/null || { echo "load.sh needs wrk (apt-get install wrk)" >&2; exit 2; }

swift build -c release --scratch-path .build-release --product clusternode >&2
bin=$(swift build -c release --scratch-path .build-release --show-bin-path)/clusternode

work=$(mktemp -d /tmp/clusternode-load.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin" init --dir "$work/source" --name source --display-name Source --level cluster --region DE-BW >/dev/null
"$bin" init --dir "$work/target" --name target --display-name Target --level agency --region DE-BW >/dev/null
for catalog in examples/*/catalog.json; do
    # One origin holds every example entry; ids are unique across the example catalogs.
    python3 - "$catalog" >>"$work/all.jsonl" <<'PY'
import json, sys
for entry in json.load(open(sys.argv[1], encoding="utf-8"))["entries"]:
    print(json.dumps(entry, ensure_ascii=False))
PY
done
python3 -c "
import json, sys
entries = [json.loads(line) for line in open('$work/all.jsonl', encoding='utf-8')]
json.dump({'entries': entries}, open('$work/all.json', 'w', encoding='utf-8'), ensure_ascii=False)
"
"$bin" entries import --dir "$work/source" "$work/all.json" >/dev/null

# Not called in $(...): a subshell's pids would not reach the cleanup.
serve() { # DIR; the port ends up in DIR.port
    "$bin" serve --dir "$1" --host 127.0.0.1 --port 0 --no-sync >"$1.out" 2>"$1.err" &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q listening "$1.out" 2>/dev/null && break
        sleep 0.1
    done
    sed 's/.*://' "$1.out" >"$1.port"
}
serve "$work/source"
source_port=$(cat "$work/source.port")
"$bin" peers add --dir "$work/target" --url "https://127.0.0.1:$source_port" --ca "$work/source/tls/cert.pem" --yes >/dev/null
"$bin" sync --dir "$work/target" >/dev/null
serve "$work/target"
target_port=$(cat "$work/target.port")
url="https://127.0.0.1:$target_port"

cat >"$work/mixed.lua" <<'LUA'
local paths = {
  "/v1/changes?since=0&limit=100", "/v1/search?q=Medizintechnik", "/v1/search?q=Laser%20Sicherheit&type=training",
  "/v1/changes?since=50&limit=500", "/v1/search?q=technik&facets=true", "/v1/node", "/v1/heads",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA

# Concurrent syncs into the target while it is under load.
(
    syncs=0; failed=0
    end=$((SECONDS + seconds))
    while [ $SECONDS -lt $end ]; do
        if "$bin" sync --dir "$work/target" >/dev/null 2>&1; then syncs=$((syncs + 1)); else failed=$((failed + 1)); fi
    done
    echo "$syncs $failed" >"$work/syncs"
) &
sync_pid=$!

echo "Load: ${seconds}s, $connections connections, mixed /v1/changes and /v1/search against $url" >&2
wrk --threads 2 --connections "$connections" --duration "${seconds}s" --latency --script "$work/mixed.lua" "$url" | tee "$work/wrk.out"
wait "$sync_pid"
read -r syncs failed <"$work/syncs"
errors=$(grep -E "Non-2xx|Socket errors" "$work/wrk.out" || true)
echo
echo "concurrent syncs into the node: $syncs completed, $failed failed"
if [ -n "$errors" ] || [ "$failed" != 0 ]; then
    echo "ERRORS: ${errors:-none from wrk}" >&2
    exit 1
fi
echo "zero errors"
