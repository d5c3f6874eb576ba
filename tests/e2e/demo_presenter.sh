#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Demonstration mode end to end in a real pseudo-terminal (tmux, its own
# server), in English: `postkiosk demo` shows the slides, digits jump, P
# starts practice on the sandbox (badge, MAU- example to track, F9 starts
# again, F10 back to the slides), T lists the tours and one plays on the
# real screens with its caption; Space pauses it, → steps, Esc stops it;
# F10 leaves. The sandbox is gone afterwards and the live database has no
# sample in it. Polls the screen (no fixed sleeps, 5 s cap).
set -u
. "$(dirname "$0")/../tmux_helpers.sh"
tmux_setup demo sqlite3
printf '[kiosk]\nlanguage = en\ninfo_url = https://dichvucong.gov.vn\n' > "$T/en.ini"

tmux -L "$SOCK" -f /dev/null new-session -d -s "$S" -x 80 -y 24 \
    "LANG=C.UTF-8 TERM=tmux-256color POSTKIOSK_HOME='$H' '$P' --config '$T/en.ini' demo 2>'$T/err'; echo \"EXIT=\$?\"; sleep 30"

wait_for "Send your papers by post, save the journey"
wait_for "T: guided tours"
keys 7
wait_for "Learn more"
wait_for "https://dichvucong.gov.vn"
keys 2
wait_for "Which procedures can go by post?"

# practice: the sandbox, with its example dossier to track
keys p
wait_for "PRACTICE"
wait_for "What would you like to do?"
[ -e "$H/practice.db" ] || fail "no sandbox while practising"
keys 4
wait_for "Track my dossier"
keys -l "MAU-000001"
keys Enter
wait_for "Last 4 digits"
keys -l "0001"
keys Enter
wait_for "Being processed"
keys F9                               # start again: welcome, fresh sandbox
wait_for "What would you like to do?"
keys F10                              # back to the slides
wait_for "T: guided tours"
[ -e "$H/practice.db" ] && fail "the sandbox outlived practice"

# a tour on the real screens, with the presenter's keys
keys t
wait_for "Guided tours"
keys 2
wait_for "Guided tour"
wait_for "Once it is sent, you still know where your dossier is"
keys Space
wait_for "(paused)"
keys Right                            # one step while paused: the tour types 4
wait_for "Track my dossier"
keys Escape                           # stop: back to the slides
wait_for "T: guided tours"
keys F10
wait_for "EXIT=0"
[ -e "$H/practice.db" ] && fail "the sandbox outlived the tour"
[ "$(sqlite3 "$H/postkiosk.db" "SELECT count(*) FROM dossiers WHERE sample = 1 OR ref LIKE 'MAU-%'")" = 0 ] ||
    fail "a sample in the live database"
exit 0
