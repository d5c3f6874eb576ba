#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every test: the CUnit suites, the translation check, then each
# end-to-end script in tests/e2e/ (real binary in tmux). Prints a closing
# "N passed, N failed" line and exits non-zero on any failure.
set -u
BUILD=${BUILD:-build}
export BUILD LANG=C.UTF-8 LC_ALL=C.UTF-8
passed=0
failed=0

out=$(mktemp)
# the runner's own status (a pipeline's is tee's): a crash or a sanitizer
# abort mid-suite prints no summary and must count as a failure
{ "$BUILD/test-runner" 2>"$out.err"; echo $? >"$out.rc"; } | tee "$out"
rc=$(cat "$out.rc")
cat "$out.err" >&2
u=$(sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$out.err")
if [ -n "$u" ]; then
    passed=$((passed + ${u% *})); failed=$((failed + ${u#* }))
fi
if [ "$rc" -ne 0 ] && { [ -z "$u" ] || [ "${u#* }" = "0" ]; }; then
    echo "unit: the test runner stopped with status $rc" >&2
    failed=$((failed + 1))
fi
rm -f "$out" "$out.err" "$out.rc"

for t in tests/e2e/*.sh; do
    [ -e "$t" ] || continue
    if sh "$t"; then
        echo "e2e: $t ... passed"; passed=$((passed + 1))
    else
        echo "e2e: $t ... FAILED"; failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
