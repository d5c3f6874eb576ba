#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 15 item 11, the keypad-only path in a real terminal: the shipped
# x11/xinitrc starts a real xterm under Xvfb running the real binary
# (inside tmux, so that the test can read the screen), and a whole dossier
# is registered and then tracked with the numeric keypad's keys alone
# (xdotool key KP_1 ... KP_Enter, Escape), typing only the name and the
# street: X -> xterm -> tmux -> ncurses (keypad application mode) -> the
# kiosk. Saves the screen as $BUILD/keypad-xterm.png. Bounded: 10 s a wait.
set -u
SOCK="pkkeypad$$"
. "$(dirname "$0")/../xterm_helpers.sh"
# the keyboard goes to the window under the pointer (no window manager)
xdotool mousemove --window "$wid" 20 20
kp() { for k in "$@"; do xdotool key "$k"; sleep 0.05; done; }
# a new screen ignores the key that opened it for 300 ms (a held key,
# RELIABILITY 2.4): wait that long before the same key again
settle() { wait_long "$1"; sleep 0.35; }
kp_digits() { for d in $(printf '%s' "$1" | sed 's/./& /g'); do kp "KP_$d"; done; }
# the number in front of the row holding TEXT, on the screen now
row_digit() { screen | grep -F -- "$1" | head -n 1 | sed -n 's/^[^0-9]*\([1-9]\)  .*/\1/p'; }

kp KP_3                                    # send and receive by post
wait_long "Chọn thủ tục"
i=0
while [ -z "$(row_digit "Đăng ký khai sinh")" ]; do
    [ $i -lt 40 ] || fail "Đăng ký khai sinh is on no page"
    screen | grep -qF "Xem thêm thủ tục" || fail "no 9 = more on the procedure list"
    kp KP_9
    sleep 0.1
    i=$((i + 1))
done
kp "KP_$(row_digit "Đăng ký khai sinh")"
settle "Tiếp tục"
kp KP_Enter                                # what you need -> papers
settle "Giấy tờ của bạn"
kp KP_1 KP_Enter
wait_long "Tôi đồng ý"
kp KP_1                                    # consent
wait_long "Họ và tên"
xdotool type --delay 40 "Nguyeenx Vawn An"
kp KP_Enter
kp_digits 020090001234
kp KP_Enter
kp_digits 0912345678
kp KP_Enter KP_Enter                       # no e-mail
wait_long "nhấn số của nhóm"
kp KP_1
wait_long "Nhấn số của xã hoặc phường"
kp KP_1
wait_long "✓ "
xdotool type --delay 40 "12 Traafn DDawng Ninh"
kp KP_Enter KP_Enter                       # the street, I receive it
settle "Kiểm tra và xác nhận"
kp KP_Enter
wait_long "Mã hồ sơ của bạn"
ref=$(screen | grep -o 'LS01-[0-9]\{6\}' | head -n 1)
[ -n "$ref" ] || fail "no reference on the done screen"
import -window root "$BUILD/keypad-xterm.png" 2>/dev/null || fail "no screenshot"
sleep 2.2                                  # the done screen ignores a double press at first
kp KP_Enter
wait_long "Tra cứu hồ sơ"
kp KP_4
wait_long "Mã số trên biên nhận"
kp_digits "$(printf '%s' "${ref#LS01-}" | sed 's/^0*//')"
kp KP_Enter
wait_long "4 số cuối"
kp_digits 1234
kp KP_Enter
wait_long "$ref"
screen | grep -qF "Tiếp nhận" || screen | grep -qF "$ref" || fail "tracking did not show $ref"
kp Escape
wait_long "Tra cứu hồ sơ"
exit 0
