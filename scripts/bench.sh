#!/usr/bin/env bash
# The benchmark: every budget of the federation and search, measured beside its reference in the
# same run, on a synthetic national federation. Prints a table and writes the figures as JSON.
#
#   scripts/bench.sh [clusterbench options]     e.g. --million, --entries 20000, --out FILE
#
# Builds clusternode and clusterbench in release mode (into .build-release), then runs
# clusterbench, which keeps generated federations in .build-bench/ (a second run reuses them).
# Needs openssl, sqlite3, curl and wrk. `scripts/bench.sh --help` lists the options.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in openssl sqlite3 curl wrk; do
    command -v "$tool" >/dev/null || { echo "bench.sh needs $tool" >&2; exit 2; }
done
swift build -c release --scratch-path .build-release --product clusternode >&2
swift build -c release --scratch-path .build-release --product clusterbench >&2
bin=$(swift build -c release --scratch-path .build-release --show-bin-path)
exec "$bin/clusterbench" --clusternode "$bin/clusternode" "$@"
