#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The touch set-up (README "Deploying at a post office"): the shipped
# x11/xinitrc and x11/Xresources start a real xterm under Xvfb, resized to
# the whole screen with no window manager, running the real binary (inside
# tmux, so that the test can read the screen). A click with xdotool on
# "English" of the welcome screen must switch it to English: the click
# travelled X -> xterm's mouse reporting -> ncurses -> the kiosk. Saves the
# screen as $BUILD/touch-xterm.png for review. Bounded: 10 s per wait.
set -u
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
for tool in Xvfb xterm xdotool xrdb tmux import; do
    command -v "$tool" >/dev/null 2>&1 || { echo "touch_xterm.sh: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
T=$(mktemp -d)
SOCK="pktouch$$"
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
# where "English" is: its row and column on the screen, then the centre of
# that cell in pixels (the cells share the window evenly)
line=$(screen | grep -n -F "English" | head -n 1)
row=$(( ${line%%:*} - 1 ))
text=${line#*:}
before=${text%%English*}
col=$(printf '%s' "$before" | wc -m)
x=$(( (col + 3) * W / cols )); y=$(( row * H / rows + H / rows / 2 ))
screen | grep -qF "Send a dossier by post" && fail "already in English before the click"
xdotool mousemove --window "$wid" "$x" "$y" click 1
wait_long "Send a dossier by post"
import -window root "$BUILD/touch-xterm.png" 2>/dev/null || fail "no screenshot"
[ -s "$BUILD/touch-xterm.png" ] || fail "empty screenshot"
exit 0
