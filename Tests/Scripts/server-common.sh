# What the throwaway test servers' scripts share (postgres-server.sh, lrs-server.sh source
# it): a free port on 127.0.0.1, the tail of a server's log, and descriptors closed before a
# server starts. The sourcing script defines `die`.

# Closes every descriptor above 2 this shell inherited, so that a server (a daemon that
# outlives the script) holds none of its caller's: Foundation's Process on Linux learns that
# a child ended when a pipe or socket the child inherited closes, so a test that runs the
# script would otherwise wait for the server itself to stop. Bash's own 255 is left: it
# closes on exec.
close_inherited() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null && [ "$fd" -ne 255 ]; then
            eval "exec $fd>&-" 2>/dev/null || true
        fi
    done
    return 0
}

# The last lines of DIR/log, on standard error, when a server did not come up.
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
