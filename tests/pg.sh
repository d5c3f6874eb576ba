# SPDX-License-Identifier: GPL-3.0-or-later
# A real PostgreSQL for one test script (issue 12), sourced:
#   . tests/pg.sh
#   pg_start [--tcp]   initdb into a new temporary folder, start postgres on a
#                      Unix socket in that folder (listen_addresses='', no TCP;
#                      --tcp also listens on 127.0.0.1:PG_TCP_PORT, without
#                      TLS), create the database "central". Sets PG_DIR,
#                      PG_PORT, PG_BIN, PG_ADMIN (conninfo of the superuser
#                      pkadmin, trusted on the socket) and PG_CONN (the same
#                      place, no user: kiosk roles give theirs).
#                      PG_CONF_EXTRA: postgresql.conf lines added last.
#   pg_sql SQL...      psql as pkadmin, unaligned, tuples only, stops on error
#   pg_stop / pg_start_again   the same data folder (a server restart)
#   pg_cleanup         stops the server and removes the folder; pg_start
#                      sets an EXIT trap that calls it (and $PG_ON_EXIT
#                      first, a command of the calling script), so a failing
#                      test leaves no server and no folder behind.
# Run as root (make test), the server runs as the unprivileged user
# PG_USER (default nobody: initdb refuses root). The binaries are found
# under /usr/lib/postgresql/*/bin (the newest), never through PATH. Every
# wait is bounded (PG_WAIT seconds, default 60).

PG_USER=${PG_USER:-nobody}
PG_WAIT=${PG_WAIT:-60}
PG_DIR=""
PG_PORT=5432
PG_TCP_PORT=""
PG_ON_EXIT=${PG_ON_EXIT:-}

pg__fail() { echo "pg.sh: $*" >&2; exit 1; }

pg__bin() {
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] ||
        pg__fail "no PostgreSQL server under /usr/lib/postgresql/*/bin (scripts/install-deps.sh installs postgresql)"
    echo "$d"
}

# runs a command as the server's user
pg__as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$PG_USER" -- "$@"
    else
        "$@"
    fi
}

pg__conf() {
    conf="$PG_DIR/data/postgresql.conf"
    listen="''"
    [ -n "$PG_TCP_PORT" ] && listen="'127.0.0.1'"
    {
        echo "listen_addresses = $listen"
        echo "port = $PG_PORT"
        echo "unix_socket_directories = '$PG_DIR'"
        echo "unix_socket_permissions = 0700"
        echo "ssl = off"
        echo "max_connections = 40"
        echo "shared_buffers = 16MB"
        echo "fsync = on"
        echo "log_min_messages = warning"
        # a caller's own settings last (the last value wins): the scale
        # bench's memory and bulk-load settings
        [ -n "${PG_CONF_EXTRA:-}" ] && printf '%s\n' "$PG_CONF_EXTRA"
    } >>"$conf"
    # the superuser is trusted on the socket only; every other role (the
    # kiosks, the province) needs its password, on the socket and on TCP
    cat >"$PG_DIR/data/pg_hba.conf" <<EOF
local all pkadmin trust
local all all scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
EOF
}

pg__ctl_start() {
    pg__as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t "$PG_WAIT" start >/dev/null
}

pg_start() {
    PG_BIN=$(pg__bin)
    tcp=0
    [ "${1:-}" = "--tcp" ] && tcp=1
    PG_DIR=$(mktemp -d /tmp/pk-pg.XXXXXX) || pg__fail "mktemp"
    trap pg__exit EXIT
    trap 'exit 130' INT TERM
    if [ "$(id -u)" -eq 0 ]; then
        chown "$PG_USER" "$PG_DIR" || pg__fail "chown $PG_DIR to $PG_USER"
    fi
    pg__as "$PG_BIN/initdb" -D "$PG_DIR/data" -U pkadmin -A trust -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; pg__fail "initdb failed"; }
    cp "$PG_DIR/data/postgresql.conf" "$PG_DIR/postgresql.conf.orig"
    tries=0
    while :; do
        if [ $tcp = 1 ]; then
            # a free port is not known in advance: another one on a clash
            PG_TCP_PORT=$((20000 + ($$ * 7 + tries * 131) % 30000))
            PG_PORT=$PG_TCP_PORT
        fi
        cat "$PG_DIR/postgresql.conf.orig" >"$PG_DIR/data/postgresql.conf"
        pg__conf
        pg__ctl_start && break
        tries=$((tries + 1))
        if [ $tcp = 0 ] || [ $tries -ge 5 ]; then
            cat "$PG_DIR/server.log" >&2
            pg__fail "postgres did not start"
        fi
    done
    PG_ADMIN="host=$PG_DIR port=$PG_PORT user=pkadmin dbname=central connect_timeout=10"
    PG_CONN="host=$PG_DIR port=$PG_PORT dbname=central connect_timeout=10"
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "host=$PG_DIR port=$PG_PORT user=pkadmin dbname=postgres" \
        -c "CREATE DATABASE central" >/dev/null || pg__fail "CREATE DATABASE central"
    export PG_DIR PG_PORT PG_BIN PG_ADMIN PG_CONN PG_TCP_PORT
}

pg_sql() {
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$PG_ADMIN" -c "$*"
}

# stops the server (fast: open sessions are ended), bounded; a server
# that does not stop in time is killed
pg_stop() {
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
    if ! pg__as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t "$PG_WAIT" stop >/dev/null 2>&1; then
        pid=$(head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null)
        [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
        echo "pg.sh: postgres did not stop in ${PG_WAIT}s: killed" >&2
        return 1
    fi
}

pg_start_again() {
    pg__ctl_start || { cat "$PG_DIR/server.log" >&2; pg__fail "postgres did not start again"; }
}

pg_cleanup() {
    [ -n "$PG_DIR" ] || return 0
    pg_stop
    rm -rf "$PG_DIR"
    PG_DIR=""
}

pg__exit() {
    rc=$?
    [ -n "$PG_ON_EXIT" ] && eval "$PG_ON_EXIT"
    pg_cleanup
    exit $rc
}
