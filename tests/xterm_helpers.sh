# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the end-to-end scripts that drive the real binary in a real
# xterm under Xvfb (touch_xterm.sh, keypad_xterm.sh,
# touch_keyboard_xterm.sh): sourced after setting SOCK (a tmux server of the
# script's own). Starts an X server on the first free display, the shipped
# x11/xinitrc session running the kiosk inside tmux (so the script can read
# the screen), waits until xterm covers the whole 1366x768 screen, and on
# exit stops all of it. Defines P, T, S, DISPLAY, wid (the xterm window),
# screen/fail (tmux_helpers.sh) and wait_long. Bounded: 10 s per wait.
BUILD=${BUILD:-build}
P="$PWD/$BUILD/postkiosk"
for tool in Xvfb xterm xdotool xrdb tmux import; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$(basename "$0"): $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
T=$(mktemp -d)
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
    poll 200 -F "$1" || fail "\"$1\" did not appear"
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
