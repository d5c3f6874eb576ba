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
SOCK="pktouch$$"
. "$(dirname "$0")/../xterm_helpers.sh"
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
