#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make bench`: runs every benchmark (bench/) and prints one table: figure,
# measured, target, ratio to the peer or limit measured in the same run,
# met or not. The store figures at each size of BENCH_SIZES (default
# 10,000, 100,000 and 1,000,000 dossiers; the databases are generated once
# and kept in $BUILD), the screens at 0 dossiers too. Each benchmark prints
# its rows as "@row<TAB>..." lines (bench/bench.h); anything else it prints
# goes to the log. Exit status 1 when a benchmark failed to run (a missed
# target is a figure, not a failure: the table says so).
#   BUILD=build BENCH_SIZES="10000 100000 1000000" scripts/bench.sh
# Smaller runs (tests/e2e/bench_sizes.sh): BENCH_RECEIPT_RUNS (2000),
# BENCH_IME_ROUNDS (8), BENCH_KEYS (2000 per screen), BENCH_INSERTS (300),
# BENCH_NOTIFY (300 registrations of each kind), BENCH_SYNC (10000 outbox rows),
# BENCH_CENTRAL (2000000 dossiers at 13,000 offices: the scale simulation,
# some 10 minutes and 6 GB in /tmp on a loaded 2-core machine).
set -u
BUILD=${BUILD:-build}
export BUILD
SIZES=${BENCH_SIZES:-10000 100000 1000000}
rows=$(mktemp)
log=$(mktemp)
errors=""
trap 'rm -f "$rows" "$log"' EXIT

run() {
    echo "== $*" >&2
    if ! "$BUILD/$@" >"$log" 2>&1; then
        errors="$errors $*"
        cat "$log" >&2
    fi
    grep '^@row' "$log" >>"$rows"
    grep -v '^@row' "$log" >&2
}

start=$(date +%s)
run bench_receipt ${BENCH_RECEIPT_RUNS:-2000}
run bench_ime ${BENCH_IME_ROUNDS:-8}
run bench_notify ${BENCH_NOTIFY:-300}
run bench_sync ${BENCH_SYNC:-10000}
run bench_central ${BENCH_CENTRAL:-2000000}
run bench_ui 0
for n in $SIZES; do
    run bench_store "$n"
    run bench_clerk "$n"
    run bench_ui "$n"
done

echo
awk -F '\t' '
    { fig[NR] = $2; mea[NR] = $3; tgt[NR] = $4; rat[NR] = $5; met[NR] = $6
      if (length($2) > w1) w1 = length($2); if (length($3) > w2) w2 = length($3)
      if (length($4) > w3) w3 = length($4); if (length($5) > w4) w4 = length($5)
      if ($6 == "met") ok++; else if ($6 == "MISSED") missed++ }
    END {
      if (w1 < 6) w1 = 6; if (w2 < 8) w2 = 8; if (w3 < 6) w3 = 6; if (w4 < 5) w4 = 5
      printf "%-" w1 "s  %-" w2 "s  %-" w3 "s  %-" w4 "s  %s\n", "figure", "measured", "target", "ratio", "met"
      for (i = 1; i <= NR; i++)
        printf "%-" w1 "s  %-" w2 "s  %-" w3 "s  %-" w4 "s  %s\n", fig[i], mea[i], tgt[i], rat[i], met[i]
      printf "\nbench: %d targets met, %d missed\n", ok, missed
    }' "$rows"
echo "bench: done in $(( $(date +%s) - start )) s"
if [ -n "$errors" ]; then
    echo "bench: these failed to run:$errors"
    exit 1
fi
