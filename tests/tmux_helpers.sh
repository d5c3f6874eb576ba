# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the end-to-end scripts that drive the real binary in tmux
# (sourced, not run: it lives outside tests/e2e/ so run.sh does not take it
# for a test). The script calls tmux_setup first; T/err holds the program's
# stderr.

# tmux_setup SESSION [TOOL...]: the start every such script shares. Sets P
# (the binary under $BUILD), T (a temporary folder), H (T/home, made), S
# (the session) and SOCK (a tmux server of the script's own); stops when tmux
# or a TOOL is missing; on exit the server and T are removed.
tmux_setup() {
    S=$1
    shift
    BUILD=${BUILD:-build}
    P="$PWD/$BUILD/postkiosk"
    for tool in tmux "$@"; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$(basename "$0"): $tool missing" >&2; exit 1; }
    done
    T=$(mktemp -d)
    SOCK="pk$S$$"
    H="$T/home"
    mkdir -p "$H"
    trap tmux_cleanup EXIT INT TERM
}
tmux_cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"; }

screen() { tmux -L "$SOCK" capture-pane -p -t "$S" 2>/dev/null; }
fail() {
    echo "$(basename "$0"): $*" >&2
    echo "---- screen ----" >&2
    screen >&2
    [ -s "$T/err" ] && { echo "---- stderr ----" >&2; cat "$T/err" >&2; }
    exit 1
}
# poll TRIES MODE PATTERN: polls the screen every 50 ms, TRIES times at
# most, until a line matches PATTERN (MODE -F: as text, -G: as a regex)
poll() {
    i=0
    while [ $i -lt "$1" ]; do
        screen | grep -q "$2" -- "$3" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
# wait_for TEXT: until TEXT is on the screen, 5 s at most
wait_for() {
    poll 100 -F "$1" || fail "\"$1\" did not appear"
}
# wait_line REGEX: the same, until a whole screen line matches REGEX (a
# field's own line, when the same words may be in a list below it)
wait_line() {
    poll 100 -G "$1" || fail "no line matching \"$1\" appeared"
}
# wait_gone TEXT: the same, until TEXT has left the screen
wait_gone() {
    i=0
    while [ $i -lt 100 ]; do
        screen | grep -qF -- "$1" || return 0
        sleep 0.05
        i=$((i + 1))
    done
    fail "\"$1\" did not go away"
}
keys() { tmux -L "$SOCK" send-keys -t "$S" "$@"; }
# text STRING: types STRING as it is (no key names)
text() { tmux -L "$SOCK" send-keys -t "$S" -l "$1"; }
