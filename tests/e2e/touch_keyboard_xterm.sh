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
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
for tool in Xvfb xterm xdotool xrdb tmux import; do
    command -v "$tool" >/dev/null 2>&1 || { echo "touch_xterm.sh: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
T=$(mktemp -d)
SOCK="pkosk$$"
S="kiosk"
xvfb=""
session=""
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    [ -n "$session" ] && kill "$session" 2>/dev/null
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT INT TERM
. "$(dirname "$0")/../tmux_helpers.sh"
# wait_for with a 10 s cap: an X server and xterm start slower than tmux
wait_long() {
    i=0
    while [ $i -lt 200 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    fail "\"$1\" did not appear"
}

# an X server on the first free display (-displayfd names it); -noreset as
# under xinit: the resources xrdb loads outlive its connection
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp -noreset 3>"$T/display" 2>"$T/xvfb.err" &
xvfb=$!
i=0
while [ ! -s "$T/display" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -s "$T/display" ] || fail "Xvfb did not start: $(cat "$T/xvfb.err")"
DISPLAY=":$(cat "$T/display")"
export DISPLAY

# the kiosk in tmux, mouse passed through to it, under the shipped session
mkdir -p "$T/home"
printf 'set -g mouse on\nset -g status off\nset -g default-terminal tmux-256color\n' >"$T/tmux.conf"
cat >"$T/run" <<RUN
#!/bin/sh
cd '$PWD' && exec tmux -L '$SOCK' -f '$T/tmux.conf' new-session -s '$S' \
  "LANG=C.UTF-8 LC_ALL=C.UTF-8 POSTKIOSK_HOME='$T/home' POSTKIOSK_DATADIR='$PWD/data' '$P' 2>'$T/err'"
RUN
chmod +x "$T/run"
POSTKIOSK_X11_DIR="$PWD/x11" POSTKIOSK_X11_CMD="$T/run" sh x11/xinitrc >"$T/session.log" 2>&1 &
session=$!

wait_long "Tiếng Việt"
wait_long "English"
# the window covers the screen (no window manager: the xinitrc's resize)
wid=$(xdotool search --onlyvisible --class PostKiosk | head -n 1)
[ -n "$wid" ] || fail "no xterm window"
i=0
while :; do
    geo=$(xdotool getwindowgeometry --shell "$wid")
    W=$(echo "$geo" | sed -n 's/^WIDTH=//p'); H=$(echo "$geo" | sed -n 's/^HEIGHT=//p')
    cols=$(tmux -L "$SOCK" display -p -t "$S" '#{pane_width}')
    rows=$(tmux -L "$SOCK" display -p -t "$S" '#{pane_height}')
    [ "$W" = 1366 ] && [ "$H" = 768 ] && [ "$cols" -ge 80 ] && [ "$rows" -ge 24 ] && break
    [ $i -lt 200 ] || fail "xterm is ${W}x${H} (${cols}x${rows} cells), not the whole 1366x768 screen: $(cat "$T/session.log")"
    sleep 0.05
    i=$((i + 1))
done
wait_long "English"     # redrawn at the new size
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
