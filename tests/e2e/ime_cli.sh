#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `postkiosk ime`: the real binary turns lines of keystrokes into text, one
# line per line (BS / DEL = Backspace), and answers bad arguments with the
# usage on stderr and exit status 2.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
bin="$BUILD/postkiosk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
check() { # name expected-file actual-file
    if ! cmp -s "$2" "$3"; then
        echo "ime_cli: $1: output differs" >&2
        diff "$2" "$3" >&2
        fail=1
    fi
}

printf 'Nguyeenx Thij Huwowng\nLajng Sown, Cao Loocj, Kyf Luwfa\nemail windows facebook\nNguyeenx\010n\177\177eexn\n' >"$tmp/in"
printf 'Nguyễn Thị Hương\nLạng Sơn, Cao Lộc, Kỳ Lừa\nemail windows facebook\nNguyễn\n' >"$tmp/want"
"$bin" ime telex <"$tmp/in" >"$tmp/out" 2>"$tmp/err" || { echo "ime_cli: telex exit $?" >&2; fail=1; }
check telex "$tmp/want" "$tmp/out"

printf 'Hoa2 Khoe3 Thuy3\nD9o62ng D9a8ng\n' >"$tmp/in"
printf 'Hoà Khoẻ Thuỷ\nĐồng Đăng\n' >"$tmp/want"
"$bin" ime vni --tone-style new <"$tmp/in" >"$tmp/out" 2>"$tmp/err" || { echo "ime_cli: vni exit $?" >&2; fail=1; }
check vni-new "$tmp/want" "$tmp/out"

for args in "" "unikey" "telex --tone-style" "telex --tone-style bold"; do
    # shellcheck disable=SC2086
    "$bin" ime $args </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 2 ] || ! grep -q 'ime telex|vni' "$tmp/err" || [ -s "$tmp/out" ]; then
        echo "ime_cli: 'ime $args': exit $rc, want 2 with usage on stderr" >&2
        fail=1
    fi
done
exit $fail
