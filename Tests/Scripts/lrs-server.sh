#!/usr/bin/env bash
# A throwaway learning record store (LRS) for the tests (`make test` starts and stops it):
# Ralph (https://github.com/openfun/ralph), an open-source xAPI 1.0.3 LRS, on its file-system
# backend.
#
#   lrs-server.sh start DIR   statements in DIR/lrs, Ralph's settings in DIR/ralph, log in
#                             DIR/log; prints the statements endpoint's base URL
#                             (http://127.0.0.1:PORT/xAPI/) and writes it to DIR/url, the
#                             Basic auth key and secret to DIR/key and DIR/secret (0600)
#   lrs-server.sh stop DIR    stops the server, then removes DIR (a missing DIR is fine)
#
# The server listens on 127.0.0.1 only, on a free port, with HTTP Basic authentication: the
# user `parcours` with a password generated at each start, all scopes, its agent an account on
# https://example.invalid. Ralph comes from the virtual environment .venv-lrs at the
# repository's root (`make test` makes it: `pip install "ralph-malph[cli,lrs]"`); RALPH_BIN
# overrides the `ralph` executable. LRS_START_TIMEOUT (seconds, default 60) bounds the wait
# for the server to answer.
set -euo pipefail

USER_NAME=parcours
root=$(cd "$(dirname "$0")/../.." && pwd)

die() {
    echo "lrs-server: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start DIR | stop DIR" >&2
    exit 64
}

ralph_bin() {
    local bin=${RALPH_BIN:-$root/.venv-lrs/bin/ralph}
    [ -x "$bin" ] || die "no Ralph at $bin: \`make test\` installs it (python3 -m venv .venv-lrs && .venv-lrs/bin/pip install \"ralph-malph[cli,lrs]\"), or set RALPH_BIN"
    echo "$bin"
}

log_tail() {
    if [ -f "$1/log" ]; then
        echo "--- last lines of $1/log ---" >&2
        tail -n 30 "$1/log" >&2
        echo "---" >&2
    fi
}

port_taken() {
    # A connection that succeeds means something listens there already.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        port_taken "$port" || {
            echo "$port"
            return
        }
    done
    die "no free port found on 127.0.0.1"
}

# The HTTP status of an authenticated GET of the statements resource, or 000.
answer() {
    local url=$1 key=$2 secret=$3
    curl --silent --output /dev/null --write-out '%{http_code}' --max-time 2 \
        --user "$key:$secret" --header 'X-Experience-API-Version: 1.0.3' \
        "${url}statements?limit=1" 2>/dev/null || true
}

start() {
    local dir=$1 bin secret port url pid started code
    bin=$(ralph_bin)
    command -v curl >/dev/null || die "curl is needed to wait for the server"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    [ ! -e "$dir/pid" ] || die "$dir/pid exists already: stop that server first ($0 stop $dir)"
    mkdir -p "$dir/ralph" "$dir/lrs"
    secret=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '%s\n' "$USER_NAME" >"$dir/key" && printf '%s\n' "$secret" >"$dir/secret")
    # Ralph hashes the password into DIR/ralph/auth.json.
    if ! RALPH_APP_DIR="$dir/ralph" RALPH_RUNSERVER_BACKEND=fs "$bin" auth -u "$USER_NAME" -p "$secret" \
        -s all -A "$USER_NAME" https://example.invalid -w >"$dir/auth.log" 2>&1; then
        cat "$dir/auth.log" >&2
        die "ralph auth failed"
    fi

    local timeout=${LRS_START_TIMEOUT:-60}
    for attempt in 1 2 3 4 5; do
        port=$(free_port)
        url="http://127.0.0.1:$port/xAPI/"
        started=$(date +%s)
        # setsid: the server in a process group of its own, so that stop ends it and its
        # workers, and an interrupt of the caller's terminal does not reach it first.
        RALPH_APP_DIR="$dir/ralph" setsid "$bin" runserver -b fs --fs-default-directory-path "$dir/lrs" \
            -h 127.0.0.1 -p "$port" >"$dir/log" 2>&1 </dev/null &
        pid=$!
        echo "$pid" >"$dir/pid"
        while :; do
            code=$(answer "$url" "$USER_NAME" "$secret")
            if [ "$code" = 200 ]; then
                (umask 077 && printf '%s\n' "$url" >"$dir/url")
                echo "lrs-server: Ralph ready on 127.0.0.1:$port in $(($(date +%s) - started)) s ($dir)" >&2
                printf '%s\n' "$url"
                return 0
            fi
            if ! kill -0 "$pid" 2>/dev/null; then
                break
            fi
            if [ $(($(date +%s) - started)) -ge "$timeout" ]; then
                log_tail "$dir"
                stop_server "$dir"
                die "Ralph did not answer on $url within $timeout s (last HTTP status: $code)"
            fi
            sleep 0.3
        done
        stop_server "$dir"
        # The port was taken between our check and the server's bind: try another.
        if grep -q "address already in use\|Address already in use" "$dir/log" 2>/dev/null; then
            echo "lrs-server: port $port taken, trying another (attempt $attempt)" >&2
            continue
        fi
        log_tail "$dir"
        die "Ralph exited before answering on $url (see its log above)"
    done
    log_tail "$dir"
    die "no port could be bound after 5 attempts"
}

# Stops the server of DIR/pid if it runs: SIGTERM to its process group, then SIGKILL.
stop_server() {
    local dir=$1 pid
    [ -f "$dir/pid" ] || return 0
    pid=$(cat "$dir/pid" 2>/dev/null || true)
    rm -f "$dir/pid"
    [ -n "$pid" ] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    echo "lrs-server: killing Ralph ($pid)" >&2
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

stop() {
    local dir=$1
    [ -e "$dir" ] || return 0
    stop_server "$dir"
    rm -rf "$dir"
}

[ $# -eq 2 ] || usage
[ -n "$2" ] || usage
case $1 in
start) start "$2" ;;
stop) stop "$2" ;;
*) usage ;;
esac
