#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 5 in the real kiosk: started with an EMPTY environment (no LANG, no
# vi_VN locale), it still speaks Vietnamese in UTF-8; Telex typed into the
# search field becomes Vietnamese (with a backspace); F3 cycles the typing
# method (shown in the header) and VNI works; F2 switches to English and
# back at run time, redrawing everything. tmux, polling, 5 s caps.
set -u
. "$(dirname "$0")/../tmux_helpers.sh"
tmux_setup kiosk

tmux -L "$SOCK" -f /dev/null new-session -d -s "$S" -x 100 -y 30 \
    "env -i TERM=tmux-256color PATH=/usr/bin:/bin HOME='$T' POSTKIOSK_HOME='$T/home' \
     POSTKIOSK_DATADIR='$PWD/data' '$P' 2>'$T/err'; sleep 60" || fail "tmux did not start"

wait_for "Gửi hồ sơ qua bưu điện"
keys 1
wait_for "Kiểu gõ: Telex"
text "Ddawng kys khai sinhh"
keys BSpace
wait_line '^ *Đăng ký khai sinh *$'    # the search field (the list has it too)
screen | grep -qF "sinhh" && fail "backspace did not delete a letter"

# F3: Telex -> VNI, shown in the header; VNI typing (its tone digits go to
# the search field while a word is typed, not to the list)
keys F3
wait_for "Kiểu gõ: VNI"
i=0
while [ $i -lt 20 ]; do keys BSpace; i=$((i + 1)); done
text "D9a8ng ky1"
wait_line '^ *Đăng ký *$'              # the search field, not a row of the first list
screen | grep -qF "Bước 1/6" || fail "VNI: a tone digit opened a procedure"

# F2: English at run time, everything redrawn; and back to Vietnamese
keys F2
wait_for "Choose the procedure"
screen | grep -qF "Kiểu gõ" && fail "Vietnamese left on the English screen"
keys F2
wait_for "Kiểu gõ: VNI"
exit 0
