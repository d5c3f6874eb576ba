#!/bin/sh
# Fuzzing: builds every tests/fuzz/fuzz_*.c (a libFuzzer target defining
# LLVMFuzzerTestOneInput) with clang -fsanitize=fuzzer,address,undefined
# against the project sources, runs each for $FUZZ_SECONDS seconds starting
# from its committed seed corpus tests/fuzz/corpus/NAME/ (new inputs go to
# $FUZZ_BUILD/corpus/NAME, not into the repository), then replays the seed
# corpus. Exits non-zero on any crash, leak, sanitizer report or timeout; the
# crashing input is left in $FUZZ_BUILD/ (artifact printed).
#   FUZZ_SECONDS=20  FUZZ_BUILD=build-fuzz  tests/fuzz/run.sh [NAME...]
set -eu
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
OUT=${FUZZ_BUILD:-build-fuzz}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
PKGS="ncursesw sqlite3 libqrencode libutf8proc libsodium freetype2 libpng inih"

if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang is not installed (scripts/install-deps.sh)" >&2
    exit 1
fi

mkdir -p "$OUT"
# The project library, instrumented for coverage, through the Makefile so
# that rebuilds are incremental.
make --no-print-directory BUILD="$OUT" CC=clang \
    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $SAN" "$OUT/libpostkiosk.a" >"$OUT/build.log" 2>&1 || {
    cat "$OUT/build.log" >&2
    echo "fuzz: building the project library failed" >&2
    exit 1
}

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

# Every source folder, as the Makefile puts them on the include path.
incs=$(find kiosk screens i18n printers -type d -not -name po | sort | sed 's/^/-I/' | tr '\n' ' ')
failed=0
for src in $targets; do
    name=$(basename "$src" .c)
    name=${name#fuzz_}
    bin="$OUT/fuzz_$name"
    seeds="tests/fuzz/corpus/$name"
    work="$OUT/corpus/$name"
    mkdir -p "$seeds" "$work"
    # shellcheck disable=SC2046
    if ! clang -std=c11 -g -O1 -fsanitize=fuzzer $SAN -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED \
            $(pkg-config --cflags $PKGS) $incs -I"$OUT/gen" \
            -o "$bin" "$src" "$OUT/libpostkiosk.a" $(pkg-config --libs $PKGS) -lm; then
        echo "fuzz: $name: build FAILED" >&2
        failed=$((failed + 1))
        continue
    fi
    echo "fuzz: $name: ${FUZZ_SECONDS}s from $(ls "$seeds" | wc -l) seeds"
    # a target may take longer inputs: "fuzz-max-len: N" in its source
    max_len=$(sed -n 's/.*fuzz-max-len: *\([0-9][0-9]*\).*/\1/p' "$src" | head -n 1)
    opts="-max_len=${max_len:-256} -timeout=5 -rss_limit_mb=1024 -artifact_prefix=$OUT/crash-$name-"
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
