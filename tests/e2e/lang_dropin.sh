#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A language is added by dropping in a catalog: the real binary, pointed at
# a locale directory holding vi, en and a partial "tay" catalog compiled
# from tests/fixtures/i18n/tay.po, speaks "tay" where it has a translation
# and Vietnamese everywhere else; English and Vietnamese still work, under
# C.UTF-8 with no vi_VN locale installed.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
bin="$BUILD/postkiosk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
no() { echo "lang_dropin: $*" >&2; fail=1; }

cp -R "$BUILD/locale" "$tmp/locale" || exit 1
mkdir -p "$tmp/locale/tay/LC_MESSAGES"
msgfmt --check -o "$tmp/locale/tay/LC_MESSAGES/postkiosk.mo" tests/fixtures/i18n/tay.po || exit 1
export POSTKIOSK_LOCALEDIR="$tmp/locale"
unset LC_ALL LC_MESSAGES LANGUAGE

LANG=tay "$bin" --help >"$tmp/tay" 2>&1 || no "tay: --help failed"
grep -q '\[tay\] show this help' "$tmp/tay" || no "tay: its own translation is not used"
grep -q 'tệp cơ sở dữ liệu' "$tmp/tay" || no "tay: untranslated messages do not fall back to Vietnamese"

LANG=C.UTF-8 "$bin" --help >"$tmp/vi" 2>&1 || no "vi: --help failed"
grep -q 'tệp cơ sở dữ liệu' "$tmp/vi" || no "vi: not Vietnamese by default"
grep -q '\[tay\]' "$tmp/vi" && no "vi: shows the tay catalog"

LANG=en_US.UTF-8 "$bin" --help >"$tmp/en" 2>&1 || no "en: --help failed"
grep -q 'database file' "$tmp/en" || no "en: not English"
exit $fail
