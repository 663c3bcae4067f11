# Sourced by the test scripts: apt_install PACKAGE... installs Debian packages when apt-get can be
# used (as root, or through password-less sudo) and returns non-zero where it cannot.
# The caller defines log(). Packages' own services are not started on install (policy-rc.d),
# since the tests start what they need themselves.

apt_install() {
    command -v apt-get >/dev/null 2>&1 || { log "apt-get is not available"; return 1; }
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo="sudo -n"
        else
            log "not root and no password-less sudo: cannot install $*"
            return 1
        fi
    fi
    log "installing Debian's $* package(s)"
    local policy=/usr/sbin/policy-rc.d created_policy=""
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" \
            && created_policy=1
    fi
    local status=0
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" \
        >/dev/null 2>&1 || status=$?
    [ -n "$created_policy" ] && $sudo rm -f "$policy"
    [ "$status" -eq 0 ] || log "apt-get install $* failed (exit $status)"
    return "$status"
}
