# Shared by the end-to-end scripts that drive the real binary in tmux
# (sourced, not run: it lives outside tests/e2e/ so run.sh does not take it
# for a test). The caller sets SOCK (its own tmux server), S (the session)
# and T (a temporary folder; T/err holds the program's stderr).

screen() { tmux -L "$SOCK" capture-pane -p -t "$S" 2>/dev/null; }
fail() {
    echo "$(basename "$0"): $*" >&2
    echo "---- screen ----" >&2
    screen >&2
    [ -s "$T/err" ] && { echo "---- stderr ----" >&2; cat "$T/err" >&2; }
    exit 1
}
# wait_for TEXT: polls the screen every 50 ms, 5 s at most
wait_for() {
    i=0
    while [ $i -lt 100 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    fail "\"$1\" did not appear"
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
