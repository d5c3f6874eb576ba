#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 17 item 8: command-line conventions. getopt_long for every
# subcommand ("--from=DATE" and "--from DATE" alike, unknown options and
# missing values are usage errors, exit 2); "--help" per subcommand on
# stdout, translated, exit 0; one language rule for command-line messages
# ([kiosk] language if set, else the environment's, else Vietnamese); test
# hooks only with POSTKIOSK_TEST=1.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/data"
unset POSTKIOSK_CLOCK POSTKIOSK_IDLE POSTKIOSK_TEST POSTKIOSK_LOG LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
fail() { echo "cli_conventions.sh: $*" >&2; exit 1; }
"$P" dossier list >/dev/null || fail "first start"

# --help for every command of the table: usage on stdout, exit 0
for c in $(sed -n 's/^    {"\([a-z-]*\)", cli_[a-z_]*,.*/\1/p' kiosk/main.c); do
    out=$("$P" "$c" --help 2>"$T/err") || fail "$c --help: exit $?"
    [ -s "$T/err" ] && fail "$c --help wrote to stderr: $(cat "$T/err")"
    echo "$out" | grep -q "^Cách dùng: postkiosk $c" || fail "$c --help: $out"
done
printf '[kiosk]\nlanguage = en\n' > "$T/en.ini"
"$P" --config "$T/en.ini" purge --help | grep -q "^Usage: postkiosk purge --older-than" ||
    fail "purge --help in English"

# --opt=VALUE and --opt VALUE
# (each report is audited: the audit head line differs)
a=$("$P" report --from=2026-01-01 --to=2026-12-31 --csv | grep -v '^audit,') || fail "report --from=DATE"
b=$("$P" report --from 2026-01-01 --to 2026-12-31 --csv | grep -v '^audit,') || fail "report --from DATE"
echo "$a" | grep -q "^period,2026-12-31," && [ "$a" = "$b" ] || fail "report differs: $a / $b"
c=$("$P" report --csv --to 2026-12-31 --from=2026-01-01 | grep -v '^audit,') || fail "report, options in another order"
[ "$a" = "$c" ] || fail "report with options reordered differs"
"$P" dossier list --limit=1 >/dev/null || fail "dossier list --limit=1"

# usage errors: exit 2, the reason and the usage on stderr, nothing on stdout
expect2() {
    out=$("$P" "$@" 2>"$T/err"); rc=$?
    [ $rc -eq 2 ] || fail "$*: exit $rc, want 2"
    [ -z "$out" ] || fail "$*: wrote to stdout: $out"
    grep -qF -- "$want" "$T/err" || fail "$*: stderr lacks \"$want\": $(cat "$T/err")"
}
want="không có tùy chọn --bogus"; expect2 report --bogus
want="--from cần một giá trị"; expect2 report --to 2026-12-31 --from
want="không có tùy chọn --csv=yes"; expect2 report --from 2026-01-01 --to 2026-01-02 --csv=yes
want="không có tùy chọn --nope"; expect2 --nope
want="--db cần một giá trị"; expect2 --db

# the language rule: the configured language, else the environment's, else Vietnamese
LANG=en_US.UTF-8 "$P" report --bogus 2>&1 | grep -q "unknown option --bogus" ||
    fail "the environment's language (en) is not used"
printf '[kiosk]\nlanguage = vi\n' > "$T/vi.ini"
LANG=en_US.UTF-8 "$P" --config "$T/vi.ini" report --bogus 2>&1 | grep -q "không có tùy chọn" ||
    fail "the configured language (vi) does not win over the environment"
"$P" report --bogus 2>&1 | grep -q "không có tùy chọn" || fail "not Vietnamese by default"

# test hooks: ignored without POSTKIOSK_TEST=1 (a warning in the log), honoured with it
POSTKIOSK_LOG="$T/log" "$P" backup "$T/b" >/dev/null || fail "backup"
[ -e "$T/log" ] && fail "POSTKIOSK_LOG honoured without POSTKIOSK_TEST=1"
POSTKIOSK_TEST=1 POSTKIOSK_LOG="$T/log" "$P" backup "$T/b" >/dev/null || fail "backup (test)"
grep -q "TEST MODE: the log goes to $T/log" "$T/log" || fail "no TEST MODE line: $(cat "$T/log")"
grep -q "backup: .* written and checked" "$T/log" || fail "no backup line: $(cat "$T/log")"
POSTKIOSK_TEST=yes POSTKIOSK_LOG="$T/log2" "$P" backup "$T/b" >/dev/null || fail "backup (yes)"
[ -e "$T/log2" ] && fail "POSTKIOSK_TEST=yes counted as 1"
exit 0
