#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every .c/.h/.sh/.py carries the SPDX licence line (scripts/spdx.sh
# --check). First proves the check can fail and the fix is idempotent, on a
# scratch tree: a file without the line is named, the fix adds it once.
set -u
fail() { echo "spdx: $*" >&2; exit 1; }
here=$(pwd)
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
printf 'int x;\n' >"$t/a.c"
printf '#!/bin/sh\necho hi\n' >"$t/b.sh"
printf 'print(1)\n' >"$t/c.py"
"$here/scripts/spdx.sh" --check "$t" 2>"$t/err" && fail "--check passed a file without the line"
grep -q 'a.c' "$t/err" || fail "--check did not name a.c"
"$here/scripts/spdx.sh" "$t" && "$here/scripts/spdx.sh" "$t" || fail "the fix failed"
[ "$(head -n 1 "$t/a.c")" = "/* SPDX-License-Identifier: GPL-3.0-or-later */" ] || fail "a.c: line 1 wrong"
[ "$(sed -n 2p "$t/b.sh")" = "# SPDX-License-Identifier: GPL-3.0-or-later" ] || fail "b.sh: line 2 wrong"
[ "$(head -n 1 "$t/b.sh")" = "#!/bin/sh" ] || fail "b.sh: shebang moved"
[ "$(grep -c SPDX "$t/c.py")" = 1 ] || fail "c.py: not exactly one line after two runs"
"$here/scripts/spdx.sh" --check "$t" || fail "--check failed after the fix"
# the script itself without the line: it rewrites itself while it runs
u=$(mktemp -d)
sed '2{/^# SPDX-License-Identifier/d}' "$here/scripts/spdx.sh" >"$u/spdx.sh"
(cd "$u" && sh spdx.sh . && sh spdx.sh --check .) || { rm -rf "$u"; fail "the script broke on itself"; }
rm -rf "$u"
# the real tree
"$here/scripts/spdx.sh" --check "$here"
