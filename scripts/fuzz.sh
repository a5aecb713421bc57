#!/usr/bin/env bash
# Fuzzes the parsers that take input from outside with libFuzzer, each for a bounded time:
#   FuzzEnvelope        envelopes from peers (and every payload type)
#   FuzzEntryValidator  entries as JSON: decode, normalize, validate, index
#   FuzzCSVImport       CSV catalogs
#   FuzzSearchQuery     search text
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 60 s, every target)
#
# Builds Fuzz/ (a package of its own) with -sanitize=fuzzer,address into .build-fuzz (the first
# build takes several minutes). Starts from
# the seed corpus in Fuzz/Corpus/TARGET and grows a working corpus in .build-fuzz/corpus/TARGET.
# A crash is written to Fuzz/Crashes/TARGET-*; turn each into a regression test, then delete it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzEnvelope FuzzEntryValidator FuzzCSVImport FuzzSearchQuery)

# Every Swift module is built with coverage instrumentation, so libFuzzer is guided by the code
# under test, not only by the harnesses.
flags=(--package-path Fuzz --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" >&2
bin=$(swift build "${flags[@]}" --show-bin-path)
mkdir -p Fuzz/Crashes
status=0
for target in "${targets[@]}"; do
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$corpus"
    echo "== $target for ${seconds}s" >&2
    if ! "$bin/$target" "$corpus" "Fuzz/Corpus/$target" -max_total_time="$seconds" -max_len=65536 \
        -artifact_prefix="Fuzz/Crashes/$target-" -print_final_stats=1 2>"$corpus.log"; then
        echo "$target: CRASH, see Fuzz/Crashes/ and $corpus.log" >&2
        status=1
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "$corpus.log" | tail -3 >&2 || true
done
exit $status
