#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzing: builds every tests/fuzz/fuzz_*.c (a libFuzzer target defining
# LLVMFuzzerTestOneInput) with clang -fsanitize=fuzzer,address,undefined
# against the project sources, runs each for $FUZZ_SECONDS seconds starting
# from its committed seed corpus tests/fuzz/corpus/NAME/ (new inputs go to
# $FUZZ_BUILD/corpus/NAME, not into the repository), then replays the seed
# corpus. Inputs are up to 256 bytes, or the number in
# tests/fuzz/corpus/NAME/.max_len. Exits non-zero on any crash, leak,
# sanitizer report or timeout; the crashing input is left in $FUZZ_BUILD/
# (artifact printed).
#   FUZZ_SECONDS=20  FUZZ_BUILD=build-fuzz  tests/fuzz/run.sh [NAME...]
set -eu
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
OUT=${FUZZ_BUILD:-build-fuzz}

if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang is not installed (scripts/install-deps.sh)" >&2
    exit 1
fi

if [ $# -gt 0 ]; then
    targets=""
    for n in "$@"; do targets="$targets tests/fuzz/fuzz_$n.c"; done
else
    targets=$(ls tests/fuzz/fuzz_*.c 2>/dev/null || true)
fi
if [ -z "$targets" ]; then
    echo "fuzz: no targets in tests/fuzz/" >&2
    exit 0
fi

mkdir -p "$OUT"
# The targets and the project library, instrumented for coverage, through
# the Makefile (fuzz-build): rebuilds are incremental and the packager's
# CPPFLAGS / CFLAGS / LDFLAGS reach every line, as in every other build.
names=$(for src in $targets; do n=$(basename "$src" .c); echo "${n#fuzz_}"; done | tr '\n' ' ')
if ! make --no-print-directory FUZZ_BUILD="$OUT" FUZZ_TARGETS="$names" fuzz-build >"$OUT/build.log" 2>&1; then
    cat "$OUT/build.log" >&2
    echo "fuzz: building the targets failed" >&2
    exit 1
fi

failed=0
for src in $targets; do
    name=$(basename "$src" .c)
    name=${name#fuzz_}
    bin="$OUT/fuzz_$name"
    seeds="tests/fuzz/corpus/$name"
    work="$OUT/corpus/$name"
    mkdir -p "$seeds" "$work"
    echo "fuzz: $name: ${FUZZ_SECONDS}s from $(ls "$seeds" | wc -l) seeds"
    # inputs up to 256 bytes unless the corpus says otherwise (.max_len)
    max_len=256
    [ -f "$seeds/.max_len" ] && max_len=$(cat "$seeds/.max_len")
    opts="-max_len=$max_len -timeout=5 -rss_limit_mb=1024 -artifact_prefix=$OUT/crash-$name-"
    if ! "$bin" $opts -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 "$work" "$seeds" \
            >"$OUT/fuzz_$name.log" 2>&1; then
        tail -n 40 "$OUT/fuzz_$name.log" >&2
        echo "fuzz: $name: FAILED (log $OUT/fuzz_$name.log)" >&2
        failed=$((failed + 1))
        continue
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$OUT/fuzz_$name.log" | sed "s/^/fuzz: $name: /"
    # replay the committed corpus
    if ! "$bin" $opts -runs=0 "$seeds" >"$OUT/replay_$name.log" 2>&1; then
        tail -n 40 "$OUT/replay_$name.log" >&2
        echo "fuzz: $name: corpus replay FAILED" >&2
        failed=$((failed + 1))
        continue
    fi
    echo "fuzz: $name: passed"
done
[ "$failed" -eq 0 ]
