#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The .po merge driver (scripts/po-merge, .gitattributes' `pomerge`) merges
# entry by entry against the common ancestor, in a real git repository:
#   - an entry only the other side changed takes the other side's text (the
#     driver before, `msgcat --use-first`, kept ours and lost it);
#   - an entry only our side changed keeps ours; entries added on either side
#     stay; an entry one side removed and the other left alone goes; plurals
#     merge like the rest;
#   - an entry both sides changed differently is a conflict: git stops, ours
#     is kept, marked fuzzy, with theirs in a comment.
# POMERGE_DRIVER overrides the driver (to see the old one fail).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DRIVER=${POMERGE_DRIVER:-"$ROOT/scripts/po-merge %O %A %B"}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "po_merge: $*" >&2; exit 1; }
command -v msgfmt >/dev/null || fail "gettext is missing (scripts/install-deps.sh)"
/usr/bin/python3 -c 'import polib' 2>/dev/null || fail "python3-polib is missing (scripts/install-deps.sh)"

git init -q "$T/repo"
cd "$T/repo"
git config user.email t@localhost.invalid
git config user.name test
git config merge.pomerge.driver "$DRIVER"
echo '*.po merge=pomerge' > .gitattributes

po() {   # po FILE: a header and the entries given as "msgid|msgstr" lines on stdin
    {
        printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        printf '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        while IFS='|' read -r id str; do
            case "$id" in
                PLURAL) printf 'msgid "%s"\nmsgid_plural "%ss"\nmsgstr[0] "%s"\n\n' \
                               "$str" "$str" "$(echo "$str" | tr a-z A-Z)" ;;
                PLURAL2) printf 'msgid "%s"\nmsgid_plural "%ss"\nmsgstr[0] "%s (new)"\n\n' \
                               "$str" "$str" "$(echo "$str" | tr a-z A-Z)" ;;
                *) printf 'msgid "%s"\nmsgstr "%s"\n\n' "$id" "$str" ;;
            esac
        done
    } > "$1"
}
has() { grep -qxF "$2" "$1" || fail "$1 lacks: $2"; }
lacks() { ! grep -qxF "$2" "$1" || fail "$1 still has: $2"; }

po vi.po <<'EOF'
Theirs fix|bản cũ
Our fix|bản cũ
Both|gốc
Removed there|bỏ đi
PLURAL|dossier
EOF
git add . && git commit -qm base
git checkout -qb other
po vi.po <<'EOF'
Theirs fix|bản đã sửa
Our fix|bản cũ
Both|của họ
PLURAL2|dossier
Added there|thêm ở đó
EOF
git commit -qam other
git checkout -q -
git checkout -qb mine
po vi.po <<'EOF'
Theirs fix|bản cũ
Our fix|bản của ta
Both|gốc
Removed there|bỏ đi
PLURAL|dossier
Added here|thêm ở đây
EOF
git commit -qam mine

# 1. no conflict: everything but "Both" (ours left it as it was)
git merge -q --no-edit other >"$T/merge.out" 2>&1 || { cat "$T/merge.out" >&2; fail "a clean merge stopped"; }
has vi.po 'msgstr "bản đã sửa"'
lacks vi.po 'msgstr "bản cũ"'
has vi.po 'msgstr "bản của ta"'
has vi.po 'msgstr "của họ"'
has vi.po 'msgstr "thêm ở đó"'
has vi.po 'msgstr "thêm ở đây"'
lacks vi.po 'msgid "Removed there"'
has vi.po 'msgstr[0] "DOSSIER (new)"'
msgfmt --check -o /dev/null vi.po || fail "the merged catalog does not compile"
[ "$(grep -c '^msgid "' vi.po)" -eq 7 ] || fail "expected 6 entries and the header"

# 2. both sides changed one entry: a conflict, ours kept and marked
git reset -q --hard HEAD~1
po vi.po <<'EOF'
Theirs fix|bản cũ
Our fix|bản của ta
Both|của ta
Removed there|bỏ đi
PLURAL|dossier
Added here|thêm ở đây
EOF
git commit -qam "mine changes Both"
if git merge -q --no-edit other >"$T/merge.out" 2>&1; then
    fail "a merge where both sides changed one entry did not stop"
fi
grep -q "both sides changed 'Both'" "$T/merge.out" || { cat "$T/merge.out" >&2; fail "no conflict named"; }
has vi.po 'msgstr "của ta"'
has vi.po '# po-merge conflict, theirs: của họ'
grep -B3 '^msgid "Both"' vi.po | grep -q '^#, fuzzy' || fail "the conflicting entry is not fuzzy"
has vi.po 'msgstr "bản đã sửa"'
echo "po_merge: ok"
