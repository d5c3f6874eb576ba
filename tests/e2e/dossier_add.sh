#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `postkiosk dossier add`: a dossier typed at the counter from "key = value"
# lines (a file or stdin) goes through the kiosk's checks and commit and
# prints its reference (--print: the receipt too). Each kind of bad value
# gets the screens' message, exit status 2, and nothing is stored.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export POSTKIOSK_HOME="$T/home" POSTKIOSK_DATADIR="$PWD/tests/fixtures/catalog"
fail() { echo "dossier_add.sh: $*" >&2; exit 1; }
mkdir "$T/rc"
printf '[kiosk]\nlanguage = en\n[printer]\nspec = file:%s/rc\n' "$T" > "$T/en.ini"
p() { "$P" --config "$T/en.ini" "$@"; }
sql() { sqlite3 "$T/home/postkiosk.db" "$1"; }

cat > "$T/good.txt" <<'END'
# a citizen at the counter
procedure = LS.0001
form = both
name = Nguyễn Văn An
id_number = 020095001234
phone = 0912345678
email = an@example.org
address = Số 5 ngõ 3 Trần Phú
unit = Đông Kinh
return_address = 12 Lê Lợi
return_unit = phường Lương Văn Tri
notify = sms
consent = yes
END

ref=$(p dossier add "$T/good.txt") || fail "a good dossier was refused"
[ "$ref" = LS01-000001 ] || fail "reference: $ref"
[ "$(sql "SELECT status || '|' || form || '|' || unit_name || '|' || street || '|' || consent_sms || '|' || fee_proc FROM dossiers")" = \
  "registered|3|phường Lương Văn Tri|12 Lê Lợi|1|200000" ] || fail "stored: $(sql 'SELECT status, form, unit_name, street FROM dossiers')"
# the same transaction as the kiosk: the dossier, its consent evidence, its event by "cli"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'consent' AND actor = 'cli' AND object = 'LS01-000001'")" = 1 ] ||
    fail "no consent evidence"
[ "$(sql "SELECT actor FROM events")" = cli ] || fail "event actor"
[ -z "$(ls "$T/rc")" ] || fail "printed without --print"

# stdin, --print: the kiosk's receipt
ref=$(p dossier add --print < "$T/good.txt") || fail "stdin --print"
[ "$ref" = LS01-000002 ] || fail "second reference: $ref"
grep -q "LS01-000002" "$T/rc/LS01-000002.txt" || fail "no receipt printed"
grep -q "Nguyễn V. A." "$T/rc/LS01-000002.txt" || fail "receipt name not masked as the kiosk's"
grep -q "020095001234" "$T/rc/LS01-000002.txt" && fail "ID number in clear on the receipt"

# a bad value: the screens' message, status 2, nothing stored
bad() {   # sed-expression expected-message
    sed "$1" "$T/good.txt" > "$T/bad.txt"
    err=$(p dossier add "$T/bad.txt" 2>&1 >/dev/null); rc=$?
    [ "$rc" -eq 2 ] || fail "$1: exit status $rc (want 2)"
    echo "$err" | grep -qF "$2" || fail "$1: message: $err"
    [ "$(sql 'SELECT count(*) FROM dossiers')" = 2 ] || fail "$1: something was stored"
}
bad 's/^consent = yes/consent = no/' "consent: Please read and accept how your personal data is used."
bad '/^consent/d' "consent: Please read and accept how your personal data is used."
bad 's/^unit = .*/unit = Hà Nội/' "unit: Please choose your commune or ward from the list."
bad 's/^return_unit = .*/return_unit = phường Không Có/' "return_unit: Please choose your commune or ward from the list."
bad 's/^id_number = .*/id_number = 02009500123x/' "id_number: The ID number may contain only digits."
bad 's/^id_number = .*/id_number = 0200950012/' "id_number: "
bad 's/^name = .*/name = Nguy\xffn Văn An/' "name: Some characters could not be read."
bad 's/^name = .*/name = Nguy\x01n Văn An/' "name: Please remove the special (invisible) characters."
bad 's/^address = .*/address = =HYPERLINK("http:\/\/x")/' "address: "
bad 's/^name = .*/name = =1+2/' "name: A name may contain only letters"
bad '$a colour = red' "unknown key; the keys are: procedure, form"
bad '$a name = Lê Văn Bình' "name: given twice"
bad 's/^form = .*/form = post/' "form: form must be send, return or both"
bad 's/^procedure = .*/procedure = 1.000894/' "procedure: Please choose a procedure that can be done by post."
bad 's/^notify = .*/notify = email/; /^email/d' "email: Please type an e-mail address to be told by e-mail."
bad '$a this line has no equals sign' "expected key = value"

# Vietnamese by default, as the screens
sed 's/^consent = yes/consent = no/' "$T/good.txt" | "$P" dossier add 2>&1 >/dev/null |
    grep -q "Vui lòng đọc và đồng ý" || fail "message not in the configured language"
p dossier add --bogus < "$T/good.txt" 2>/dev/null; [ $? -eq 2 ] || fail "unknown option"
[ "$(sql 'SELECT count(*) FROM dossiers')" = 2 ] || fail "stored after refusals"
exit 0
