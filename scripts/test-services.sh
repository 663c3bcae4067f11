#!/usr/bin/env bash
# Run a command (the test suite) with a throw-away PostgreSQL server beside it.
#
#   scripts/test-services.sh .venv/bin/python -m pytest -q
#
# Installs Debian's postgresql package when the server programs are missing and apt-get can be
# used (as root, or through password-less sudo), creates a cluster in a temporary folder,
# starts it on a free local port, exports DATELINE_TEST_POSTGRES=postgresql://... for the
# command, and stops and deletes the cluster when the command ends, however it ends.
# Where no server can be had, the command still runs: the PostgreSQL tests then skip with a
# message, except under CI=true, where they fail. A DATELINE_TEST_POSTGRES already set is used
# as it is.
set -uo pipefail

log() { echo "test-services: $*" >&2; }
# shellcheck source=scripts/apt-install.sh
. "$(dirname "$0")/apt-install.sh"

run_command() {
    if [ "$#" -gt 0 ]; then "$@"; else true; fi
}

if [ -n "${DATELINE_TEST_POSTGRES:-}" ]; then
    log "using the PostgreSQL server given in DATELINE_TEST_POSTGRES"
    run_command "$@"
    exit $?
fi

find_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir="$(pg_config --bindir 2>/dev/null)"
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    fi
    # Debian keeps the server programs out of PATH, one folder per major version.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"; return 0
    fi
    return 1
}


BINDIR="$(find_bindir)" || { apt_install postgresql && BINDIR="$(find_bindir)"; } || BINDIR=""
if [ -z "$BINDIR" ]; then
    log "no PostgreSQL server available; PostgreSQL tests will skip (or fail under CI=true)"
    run_command "$@"
    exit $?
fi

# initdb refuses to run as root: run the server as an unprivileged account.
AS=()
if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS=""
    for candidate in postgres nobody; do
        if id "$candidate" >/dev/null 2>&1; then PGUSER_OS="$candidate"; break; fi
    done
    if [ -z "$PGUSER_OS" ] || ! command -v runuser >/dev/null 2>&1; then
        log "running as root without a postgres account or runuser; PostgreSQL tests will skip"
        run_command "$@"
        exit $?
    fi
    AS=(runuser -u "$PGUSER_OS" --)
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/dateline-pg.XXXXXX")"
DATA="$WORK/data"
[ "${#AS[@]}" -gt 0 ] && chown "$PGUSER_OS" "$WORK"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

cleanup() {
    if [ -f "$DATA/postmaster.pid" ]; then
        "${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
    "${AS[@]}" "$BINDIR/initdb" -D "$DATA" -U dateline --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$WORK/initdb.log" 2>&1 \
        || "${AS[@]}" "$BINDIR/initdb" -D "$DATA" -U dateline --auth=trust -E UTF8 --locale=C \
        >"$WORK/initdb.log" 2>&1 || { log "initdb failed:"; tail -5 "$WORK/initdb.log" >&2; return 1; }
    # A test cluster: no durability needed, sockets in the temp folder, TCP on localhost only.
    "${AS[@]}" "$BINDIR/pg_ctl" -D "$DATA" -l "$WORK/server.log" -w -t 60 \
        -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
        start >/dev/null || { log "pg_ctl start failed:"; tail -5 "$WORK/server.log" >&2; return 1; }
    "${AS[@]}" "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U dateline dateline_test \
        || { log "createdb failed"; return 1; }
}

if start_server; then
    export DATELINE_TEST_POSTGRES="postgresql://dateline@127.0.0.1:$PORT/dateline_test"
    log "PostgreSQL $("$BINDIR/pg_ctl" --version | awk '{print $3}') on port $PORT"
else
    log "could not start PostgreSQL; PostgreSQL tests will skip (or fail under CI=true)"
fi
run_command "$@"
exit $?
