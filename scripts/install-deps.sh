#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages postkiosk needs to build, run and test
# (debian/control's Build-Depends among them: tests/e2e/shipping.sh checks).
# Idempotent: checks what is installed first and only calls apt-get for what
# is missing. Refreshes the package lists when they are empty or older than
# a day (a fresh Debian machine has none). `--check` only reports.
# `--with-checks` also installs CHECK_PACKAGES, needed only by the optional
# checks outside `make test` (`make console-check`: QEMU with KVM).
set -eu

PACKAGES="
make gcc clang pkg-config dpkg-dev
libclang-rt-dev
libncurses-dev ncurses-term
libsqlite3-dev sqlite3
libqrencode-dev
libcunit1-dev
libutf8proc-dev
libsodium-dev
libfreetype-dev fonts-dejavu-core
libpng-dev
libinih-dev
libcurl4-openssl-dev
libespeak-ng-dev espeak-ng-data
postgresql libpq-dev
libcairo2-dev libpango1.0-dev libcups2-dev libzint-dev
poppler-utils cups
libzbar-dev zbar-tools
gettext
tmux
python3-aiosmtpd python3-polib
valgrind
debhelper lintian blhc devscripts mandoc systemd kbd
debootstrap systemd-container
xfonts-unifont pcf2bdf bdf2psf
xvfb xterm xdotool x11-xserver-utils xinit imagemagick
"
# optional: make console-check (scripts/console-check.sh)
CHECK_PACKAGES="
qemu-system-x86 e2fsprogs
"
if [ "${1:-}" = "--with-checks" ]; then
    PACKAGES="$PACKAGES $CHECK_PACKAGES"
    shift
fi

missing=""
for p in $PACKAGES; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "missing Debian packages:$missing" >&2
    exit 1
fi

echo "postkiosk: installing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "postkiosk: run as root (or install sudo) to install:$missing" >&2
        exit 1
    fi
fi
lists=/var/lib/apt/lists
if [ -z "$(find "$lists" -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
    $SUDO apt-get update -q
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
