#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 15 item 12, the touch-only path in a real terminal: the shipped
# x11/xinitrc starts a real xterm under Xvfb running the real binary
# (inside tmux, so that the test can read the screen), and a whole dossier
# is registered with xdotool clicks alone, the name and the street typed
# on the on-screen keyboard (its tone keys included): X -> xterm's mouse
# reporting -> tmux -> ncurses -> the kiosk's one input loop. Saves the
# keyboard with the name typed as $BUILD/touch-keyboard.png for review.
# Bounded: 10 s per wait.
set -u
SOCK="pkosk$$"
. "$(dirname "$0")/../xterm_helpers.sh"
# the cell of TEXT (at or below row MIN), or of the key labelled LABEL
# (a token standing alone between wide gaps, below the field), as "row col"
cell() {
    screen | python3 -c '
import re, sys
mode, want, minrow = sys.argv[1], sys.argv[2], int(sys.argv[3])
for row, line in enumerate(sys.stdin.read().split("\n")):
    if row < minrow:
        continue
    if mode == "text":
        i = line.find(want)
        if i >= 0:
            print(row, i); break
    else:
        for m in re.finditer(r"(?:(?<=  )|^)(\S+(?: \S+)?)(?=  |$)", line):
            if m.group(1) == want:
                print(row, m.start() + len(want) // 2); sys.exit(0)
' "$1" "$2" "$3"
}
# xterm's cells are whole pixels (no internal border, x11/Xresources); the
# rest of the window is slack at the right and bottom: the cell size is
# rounded down
click_at() {
    ch=$(( H / rows )); cw=$(( W / cols ))
    x=$(( $2 * cw + cw / 2 )); y=$(( $1 * ch + ch / 2 ))
    xdotool mousemove --window "$wid" "$x" "$y" click 1
    sleep 0.15
}
click_text() {
    rc=$(cell text "$1" "${2:-1}")
    [ -n "$rc" ] || fail "\"$1\" is not on the screen"
    click_at $rc
}
click_key() {
    for k in "$@"; do
        rc=$(cell key "$k" 4)
        [ -n "$rc" ] || fail "no key \"$k\" on the on-screen keyboard"
        click_at $rc
    done
}

click_text "Cả hai: gửi hồ sơ và nhận kết quả" 2
wait_long "Chọn thủ tục"
click_text "Gõ vài chữ" 2
line=$(cell text "Gõ vài chữ" 2); click_at $(( ${line%% *} + 1 )) 10     # the search field
wait_long "Tìm kiếm"
click_key K h a i "dấu cách" S i n h
click_key Xong
wait_long "Đăng ký khai sinh"
click_text "Đăng ký khai sinh" 8
wait_long "Tiếp tục"
click_text "Tiếp tục" 3
wait_long "Giấy tờ của bạn"
click_text "Tờ khai" 4
click_text "Tiếp tục" 3
wait_long "Tôi đồng ý"
click_text "Tôi đồng ý" 3
wait_long "Họ và tên"
click_text "Họ và tên" 3
wait_long "dấu cách"
click_key N g u y ê n ã "dấu cách" V ă n "dấu cách" A n
wait_long "Nguyễn Văn An"
import -window root "$BUILD/touch-keyboard.png" 2>/dev/null || fail "no screenshot"
click_key Xong
wait_long "Số thẻ căn cước"
click_text "Số thẻ căn cước" 3
wait_long "Xong"
click_key 0 2 0 0 9 0 0 0 1 2 3 4 Xong
wait_long "Số điện thoại"
click_text "Số điện thoại" 3
wait_long "Xong"
click_key 0 9 1 2 3 4 5 6 7 8 Xong
wait_long "Số điện thoại"
i=0
while ! screen | grep -qF "Nơi nhận kết quả"; do
    [ $i -lt 4 ] || fail "the applicant screen did not go on"
    click_text "Tiếp" 20
    i=$((i + 1))
done
click_text " 1  " 5                                   # the first group of communes
click_text " 1  " 5                                   # its first unit
wait_long "✓ "
click_text "Số nhà, đường phố" 3
wait_long "dấu cách"
click_key 1 2 "dấu cách" T r â n à "dấu cách" Đ ă n g "dấu cách" N i n h Xong
wait_long "12 Trần Đăng Ninh"
i=0
while ! screen | grep -qF "Kiểm tra và xác nhận"; do
    [ $i -lt 4 ] || fail "the address screen did not go on"
    click_text "Tiếp" 20
    i=$((i + 1))
done
screen | grep -qF "Nguyễn Văn An" || fail "the review lacks the name typed by touch"
click_text "Xác nhận và in biên nhận" 15
wait_long "Mã hồ sơ của bạn"
screen | grep -q 'LS01-[0-9]\{6\}' || fail "no reference on the done screen"
exit 0
