#!/usr/bin/env bash
# Run a command (the test suite) with a headless Chromium available to the browser tests.
#
#   scripts/test-browser.sh .venv/bin/python -m pytest -q
#
# The browser tests drive Debian's chromium package through Playwright for Python; Playwright's
# own browser download is never used. When no chromium is on the PATH and apt-get can be used
# (as root, or through password-less sudo), this installs it, then exports its path in
# DATELINE_TEST_CHROMIUM for the command. Where no Chromium can be had, the command still runs:
# the browser tests then skip with a message, except under CI=true, where they fail. A
# DATELINE_TEST_CHROMIUM already set is used as it is.
set -uo pipefail

log() { echo "test-browser: $*" >&2; }
# shellcheck source=scripts/apt-install.sh
. "$(dirname "$0")/apt-install.sh"

run_command() {
    if [ "$#" -gt 0 ]; then "$@"; else true; fi
}

find_chromium() {
    local candidate
    for candidate in chromium chromium-browser; do
        if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
    done
    return 1
}


if [ -n "${DATELINE_TEST_CHROMIUM:-}" ]; then
    log "using the Chromium given in DATELINE_TEST_CHROMIUM"
    run_command "$@"
    exit $?
fi

CHROMIUM="$(find_chromium)" || { apt_install chromium fonts-dejavu-core && CHROMIUM="$(find_chromium)"; } || CHROMIUM=""
if [ -z "$CHROMIUM" ]; then
    log "no Chromium available; browser tests will skip (or fail under CI=true)"
else
    export DATELINE_TEST_CHROMIUM="$CHROMIUM"
    log "$("$CHROMIUM" --version 2>/dev/null | head -1) at $CHROMIUM"
fi
run_command "$@"
exit $?
