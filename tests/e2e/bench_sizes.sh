#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every benchmark accepts 0 and small sizes (issue 18: `bench_clerk 0`
# divided by zero) and prints table rows: each bench binary at 0 and 10
# runs to the end with status 0, prints its "@row" lines with 6 fields,
# and no figure is nan or inf; a size that is not a number is refused.
# Then scripts/bench.sh at 10 dossiers prints one table with a row for each
# figure. A behaviour test: no figure is compared with its target here.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# the generated databases go to a temporary folder, not the cache of $BUILD
mkdir -p "$tmp/build"
for f in postkiosk locale bench_store bench_clerk bench_ui bench_receipt bench_ime bench_notify bench_sync bench_central; do
    ln -s "$PWD/$BUILD/$f" "$tmp/build/$f"
done
fail=0
no() { echo "bench_sizes: $*" >&2; fail=1; }
export BENCH_KEYS=40 BENCH_INSERTS=5 BENCH_BULK=20

for b in bench_store bench_clerk bench_ui bench_receipt bench_ime bench_notify bench_sync bench_central; do
    [ -x "$BUILD/$b" ] || { no "$BUILD/$b is missing"; continue; }
    b=$tmp/build/$b
    for n in 0 10; do
        out="$tmp/${b##*/}-$n.out"
        if ! BUILD="$tmp/build" "$b" "$n" >"$out" 2>"$tmp/err"; then
            no "$b $n failed:"; cat "$tmp/err" >&2; continue
        fi
        rows=$(grep -c '^@row' "$out")
        [ "$rows" -gt 0 ] || no "$b $n printed no table row"
        bad=$(awk -F '\t' '/^@row/ && NF != 6' "$out")
        [ -z "$bad" ] || no "$b $n: rows without 6 fields: $bad"
        if grep -qi 'nan\|inf ' "$out"; then no "$b $n printed nan or inf:"; cat "$out" >&2; fi
    done
    if "$b" ten >/dev/null 2>&1; then no "$b accepted the size 'ten'"; fi
done
# a size of 0 takes no measurement: nothing to meet, not "met"
grep '^@row' "$tmp/bench_receipt-0.out" | awk -F '\t' '$6 != "-"' | grep . >/dev/null &&
    no "bench_receipt 0 claims a target with no run"

BENCH_SIZES=10 BENCH_RECEIPT_RUNS=5 BENCH_IME_ROUNDS=1 BENCH_NOTIFY=5 BENCH_SYNC=10 BENCH_CENTRAL=10 BUILD="$tmp/build" \
    sh scripts/bench.sh >"$tmp/table" 2>"$tmp/log" || {
    no "scripts/bench.sh failed:"; cat "$tmp/log" >&2; }
for fig in "receipt 80mm" "input method, Telex" "start-up to first frame, real binary on a pty, 0" \
           "start-up to first frame, real binary on a pty, 10" "peak memory" \
           "keystroke -> frame p99, clerk queue, 10" "keystroke -> frame p99, Track, 10" \
           "durable dossier insert p50, 10" "registration queueing 2 messages p50" "sync ingest, Unix socket, 10" \
           "province quarter report, 1 of 63 provinces, 10" "tracking lookup p99, 13,000 offices, 10" \
           "central database size, 10" "clerk page p99 (CPU), phone start / last 4 ID digits, 10"; do
    grep -q "^$fig" "$tmp/table" || no "the table has no row \"$fig\""
done
grep -q '^figure  *measured  *target  *ratio  *met$' "$tmp/table" || no "the table has no header"
grep -q '^bench: [0-9]* targets met, [0-9]* missed$' "$tmp/table" || no "the table has no summary"
[ $fail -eq 0 ] || { cat "$tmp/table" >&2; }
exit $fail
