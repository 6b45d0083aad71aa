#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (`make test` starts and stops it).
#
#   postgres-server.sh start DIR   cluster in DIR/data, socket in DIR, log in DIR/log;
#                                  prints the superuser URL and writes it to DIR/url
#   postgres-server.sh stop DIR    fast shutdown, then removes DIR (a missing DIR is fine)
#   postgres-server.sh pause DIR   fast shutdown, keeping the cluster (a test of a server
#                                  that goes away mid-session)
#   postgres-server.sh resume DIR  starts a paused cluster again, on the same port
#
# The server listens on 127.0.0.1 only, on a free port, with password authentication
# (scram-sha-256), so role and password tests meet real authentication. The superuser is
# `parcours_admin`, with a password generated at each start. Run as root, the server runs as
# the `postgres` user (initdb refuses root); otherwise it runs as the caller.
#
# PG_BINDIR overrides where the server binaries are (default: /usr/lib/postgresql/15/bin,
# else the newest /usr/lib/postgresql/*/bin). PG_START_TIMEOUT (seconds, default 60) bounds
# the wait for the server to accept connections.
set -euo pipefail

ADMIN=parcours_admin

die() {
    echo "postgres-server: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start DIR | stop DIR | pause DIR | resume DIR" >&2
    exit 64
}

bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
        echo /usr/lib/postgresql/15/bin
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$newest" ] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install Debian's \`postgresql\` package (make deps does), or set PG_BINDIR"
    echo "$newest"
}

# Runs a command as the server's owner: `postgres` when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

. "$(dirname "$0")/server-common.sh"

start() {
    local dir=$1 bin password port url
    bin=$(bindir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    [ ! -e "$dir/data" ] || die "$dir/data exists already: stop that server first ($0 stop $dir)"
    # Unix socket paths are limited to 107 bytes; the socket is $dir/.s.PGSQL.PORT.
    [ "${#dir}" -le 90 ] || die "$dir is too long for a socket directory; use a shorter TMPDIR"

    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "no \`postgres\` user: install Debian's \`postgresql\` package"
        chown postgres: "$dir"
        chmod 700 "$dir"
        runuser -u postgres -- test -w "$dir" ||
            die "the postgres user cannot write to $dir (is a parent directory private? set TMPDIR to /tmp)"
    fi

    password=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    as_owner sh -c 'umask 077 && cat > "$1"' sh "$dir/password" <<<"$password"
    # --no-sync: initdb's own final flush only. The server runs with fsync on.
    if ! as_owner "$bin/initdb" --pgdata="$dir/data" --username="$ADMIN" --pwfile="$dir/password" \
        --auth=scram-sha-256 --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        die "initdb failed"
    fi
    rm -f "$dir/password"
    # TLS with a self-signed certificate, so that sslmode=require is tested against a real
    # handshake and verify-full against a certificate no authority signed.
    as_owner openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1 \
        || die "openssl could not make the test certificate"
    as_owner chmod 600 "$dir/data/server.key"
    as_owner sh -c 'cat >> "$1"' sh "$dir/data/postgresql.conf" <<EOF
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'

# parcours tests (Tests/Scripts/postgres-server.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 300
fsync = on
synchronous_commit = on
full_page_writes = on
password_encryption = 'scram-sha-256'
EOF

    local started timeout=${PG_START_TIMEOUT:-60}
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        started=$(date +%s)
        # --wait: pg_ctl returns once the server accepts connections, or fails when it exits
        # or the timeout passes.
        if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/log" --options="-p $port" \
            --wait --timeout="$timeout" start >/dev/null; then
            # pg_isready over TCP, as the tests will connect: the socket alone is not enough.
            for _ in $(seq 1 50); do
                if "$bin/pg_isready" --quiet --host=127.0.0.1 --port="$port" --timeout=2; then
                    url="postgresql://$ADMIN:$password@127.0.0.1:$port/postgres"
                    (umask 077 && printf '%s\n' "$url" >"$dir/url")
                    printf '%s\n' "$port" >"$dir/port"
                    echo "postgres-server: PostgreSQL ready on 127.0.0.1:$port in" \
                        "$(($(date +%s) - started)) s ($dir)" >&2
                    printf '%s\n' "$url"
                    return 0
                fi
                sleep 0.2
            done
            log_tail "$dir"
            stop_server "$dir" "$bin"
            die "the server started but 127.0.0.1:$port does not answer pg_isready"
        fi
        stop_server "$dir" "$bin"
        # The port was taken between our check and the server's bind: try another.
        if grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" \
            "$dir/log" 2>/dev/null; then
            echo "postgres-server: port $port taken, trying another (attempt $attempt)" >&2
            as_owner sh -c ': > "$1"' sh "$dir/log"
            continue
        fi
        log_tail "$dir"
        die "the server did not start on 127.0.0.1:$port: it exited (see its log above) or was not ready within $timeout s"
    done
    log_tail "$dir"
    die "no port could be bound after 5 attempts"
}

# Stops the server in DIR/data if it runs: fast shutdown, then immediate, then SIGKILL.
stop_server() {
    local dir=$1 bin=$2 pid
    [ -f "$dir/data/postmaster.pid" ] || return 0
    if ! as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --timeout=30 stop >/dev/null 2>&1; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --timeout=30 stop >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        # Still there: the postmaster's pid is the file's first line.
        pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            echo "postgres-server: killing postmaster $pid" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

stop() {
    local dir=$1
    [ -e "$dir" ] || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        stop_server "$dir" "$(bindir)"
    fi
    rm -rf "$dir"
}

# Stops the server of DIR and keeps its cluster, to be resumed on the same port.
pause() {
    local dir=$1
    [ -f "$dir/port" ] || die "no server started in $dir"
    as_owner "$(bindir)/pg_ctl" --pgdata="$dir/data" --mode=fast --timeout=30 stop >/dev/null ||
        die "the server in $dir did not stop"
}

# Starts the paused cluster of DIR on the port it had.
resume() {
    local dir=$1 bin port started
    bin=$(bindir)
    [ -f "$dir/port" ] || die "no server started in $dir"
    port=$(cat "$dir/port")
    started=$(date +%s)
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/log" --options="-p $port" \
        --wait --timeout="${PG_START_TIMEOUT:-60}" start >/dev/null || {
        log_tail "$dir"
        die "the server in $dir did not start again on 127.0.0.1:$port (port taken meanwhile?)"
    }
    for _ in $(seq 1 50); do
        if "$bin/pg_isready" --quiet --host=127.0.0.1 --port="$port" --timeout=2; then
            echo "postgres-server: PostgreSQL back on 127.0.0.1:$port in $(($(date +%s) - started)) s" >&2
            return 0
        fi
        sleep 0.2
    done
    log_tail "$dir"
    die "the server in $dir started again but 127.0.0.1:$port does not answer pg_isready"
}

[ $# -eq 2 ] || usage
[ -n "$2" ] || usage
case $1 in
start | resume) close_inherited ;;
esac
case $1 in
start) start "$2" ;;
stop) stop "$2" ;;
pause) pause "$2" ;;
resume) resume "$2" ;;
*) usage ;;
esac
