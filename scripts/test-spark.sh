#!/usr/bin/env bash
# Run a command (the test suite) with a Java runtime for the Spark tests.
#
#   scripts/test-spark.sh .venv/bin/python -m pytest -q
#
# PySpark starts a Java virtual machine: Spark 4 needs Java 17 or later. When no java is on the
# PATH and apt-get can be used (as root, or through password-less sudo), this installs Debian's
# openjdk-17-jre-headless, then exports JAVA_HOME for the command. Where no Java can be had, the
# command still runs: the Spark tests then skip with a message, except under CI=true, where they
# fail. A JAVA_HOME already set is used as it is.
set -uo pipefail

log() { echo "test-spark: $*" >&2; }
# shellcheck source=scripts/apt-install.sh
. "$(dirname "$0")/apt-install.sh"

run_command() {
    if [ "$#" -gt 0 ]; then "$@"; else true; fi
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    log "using the Java runtime in JAVA_HOME ($JAVA_HOME)"
    run_command "$@"
    exit $?
fi

java_home() {
    local java
    java="$(command -v java)" || return 1
    # /usr/bin/java -> /etc/alternatives/java -> /usr/lib/jvm/<jre>/bin/java
    dirname "$(dirname "$(readlink -f "$java")")"
}

JAVA_DIR="$(java_home)" || { apt_install openjdk-17-jre-headless && JAVA_DIR="$(java_home)"; } || JAVA_DIR=""
if [ -z "$JAVA_DIR" ]; then
    log "no Java runtime available; Spark tests will skip (or fail under CI=true)"
else
    export JAVA_HOME="$JAVA_DIR"
    log "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1) at $JAVA_HOME"
fi
run_command "$@"
exit $?
