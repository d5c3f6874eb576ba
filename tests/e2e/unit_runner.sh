#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The test runner counts a suite whose set-up or clean-up fails as a
# failure: non-zero status and a "failed" count tests/run.sh adds up. A
# failed set-up runs none of the suite's tests; before this was counted,
# `make test` stayed green with a whole suite unrun.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
fail=0
no() { echo "unit_runner: $*" >&2; fail=1; }
err=$(mktemp)
trap 'rm -f "$err"' EXIT INT TERM

PK_RUNNER_SELFTEST=init "$BUILD/test-runner" runner_selftest >/dev/null 2>"$err"
rc=$?
[ "$rc" -ne 0 ] || no "a failed suite set-up left the runner's status 0"
grep -q '^unit: 0 passed, 1 failed$' "$err" || no "a failed suite set-up is not counted: $(tail -1 "$err")"

PK_RUNNER_SELFTEST=clean "$BUILD/test-runner" runner_selftest >/dev/null 2>"$err"
rc=$?
[ "$rc" -ne 0 ] || no "a failed suite clean-up left the runner's status 0"
grep -q '^unit: 1 passed, 1 failed$' "$err" || no "a failed suite clean-up is not counted: $(tail -1 "$err")"

# the suite is not wanted otherwise: the plain run does not see it
PK_RUNNER_SELFTEST= "$BUILD/test-runner" runner_selftest >/dev/null 2>"$err"
rc=$?
[ "$rc" -eq 0 ] || no "the self-test suite ran when not asked for (status $rc)"
grep -q '^unit: 0 passed, 0 failed$' "$err" || no "the self-test suite ran when not asked for: $(tail -1 "$err")"
exit $fail
