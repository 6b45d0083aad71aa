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
#   lrs-server.sh halt DIR    stops the server and keeps DIR (its statements, its port)
#   lrs-server.sh restart DIR starts a halted server again on the same port, with the same
#                             credentials and statements
#
# Ralph's file-system LRS backend writes every POST into one file, fs_lrs.jsonl, and by
# default refuses to write to a file that exists ("index"): its second POST of new statements
# answers 500 "Statements bulk indexation failed". A sitecustomize.py in DIR/py, on the
# server's PYTHONPATH, makes that backend append instead, so it takes any number of POSTs.
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
    echo "usage: $0 start DIR | stop DIR | halt DIR | restart DIR" >&2
    exit 64
}

ralph_bin() {
    local bin=${RALPH_BIN:-$root/.venv-lrs/bin/ralph}
    [ -x "$bin" ] || die "no Ralph at $bin: \`make test\` installs it (python3 -m venv .venv-lrs && .venv-lrs/bin/pip install \"ralph-malph[cli,lrs]\"), or set RALPH_BIN"
    echo "$bin"
}

. "$(dirname "$0")/server-common.sh"

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
    mkdir -p "$dir/ralph" "$dir/lrs" "$dir/py"
    cat >"$dir/py/sitecustomize.py" <<'PY'
try:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
except ImportError:
    pass
PY
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
        ( close_inherited; PYTHONPATH="$dir/py" RALPH_APP_DIR="$dir/ralph" exec setsid "$bin" runserver -b fs --fs-default-directory-path "$dir/lrs" \
            -h 127.0.0.1 -p "$port" >"$dir/log" 2>&1 </dev/null ) &
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

restart() {
    local dir=$1 bin url key secret code started
    bin=$(ralph_bin)
    [ -f "$dir/url" ] || die "$dir/url is missing: start a server there first"
    [ ! -e "$dir/pid" ] || die "$dir/pid exists already: halt that server first ($0 halt $dir)"
    url=$(cat "$dir/url")
    key=$(cat "$dir/key")
    secret=$(cat "$dir/secret")
    port=${url#http://127.0.0.1:}
    port=${port%%/*}
    started=$(date +%s)
    ( close_inherited; PYTHONPATH="$dir/py" RALPH_APP_DIR="$dir/ralph" exec setsid "$bin" runserver -b fs --fs-default-directory-path "$dir/lrs" \
        -h 127.0.0.1 -p "$port" >>"$dir/log" 2>&1 </dev/null ) &
    echo "$!" >"$dir/pid"
    while :; do
        code=$(answer "$url" "$key" "$secret")
        [ "$code" != 200 ] || { printf '%s\n' "$url"; return 0; }
        if [ $(($(date +%s) - started)) -ge "${LRS_START_TIMEOUT:-60}" ]; then
            log_tail "$dir"
            stop_server "$dir"
            die "Ralph did not answer again on $url"
        fi
        sleep 0.3
    done
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
halt) stop_server "$2" ;;
restart) restart "$2" ;;
*) usage ;;
esac
