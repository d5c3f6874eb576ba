#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the kiosk's Linux console font: Unifont's 8x16 glyphs for
# console-setup's Vietnamese.512 set (every Vietnamese letter, box drawing,
# arrows), loaded doubled to 16x32 by `setfont -d` (postkiosk.service).
# console-setup's own Vietnamese Terminus fonts lack U+01A0/U+01AF and most
# of U+1EA0-U+1EF9, so they cannot show Vietnamese (README, "Deploying").
#   scripts/console-font.sh OUT.psf.gz
# Needs xfonts-unifont, pcf2bdf, bdf2psf (scripts/install-deps.sh).
set -eu
out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat /usr/share/fonts/X11/misc/unifont.pcf.gz >"$tmp/unifont.pcf"
pcf2bdf -o "$tmp/unifont.bdf" "$tmp/unifont.pcf"
bdf2psf --fb "$tmp/unifont.bdf" /usr/share/bdf2psf/standard.equivalents \
    /usr/share/bdf2psf/fontsets/Vietnamese.512 512 "$tmp/font.psf" >/dev/null
mkdir -p "$(dirname "$out")"
gzip -n -9 <"$tmp/font.psf" >"$out.tmp"
mv "$out.tmp" "$out"
