#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The build honours a packager's flags: with CPPFLAGS / CFLAGS / LDFLAGS from
# `dpkg-buildflags` (hardening=+all), every compile line of the library, the
# program, the test runner, the benchmarks and the fuzz targets carries
# CPPFLAGS and CFLAGS, and every link line carries CFLAGS and LDFLAGS.
# -Werror is on for `make test`, `make asan` and `make fuzz` (what CI runs)
# and by default for the test runner, off for a plain `make` / `make install`
# unless WERROR=1. A dry run (`make -nB` into a temporary BUILD dir): nothing
# is compiled.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
no() { echo "build_flags: $*" >&2; fail=1; }

if ! command -v dpkg-buildflags >/dev/null 2>&1; then
    echo "build_flags: dpkg-buildflags is not installed (scripts/install-deps.sh)" >&2
    exit 1
fi
# not the flags of the make that runs this test (make test passes WERROR=1)
unset MAKEFLAGS MFLAGS MAKELEVEL WERROR CC
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
export CPPFLAGS CFLAGS LDFLAGS
for v in "$CPPFLAGS" "$CFLAGS" "$LDFLAGS"; do
    [ -n "$v" ] || { echo "build_flags: dpkg-buildflags gave an empty flag set" >&2; exit 1; }
done
case "$CFLAGS $LDFLAGS" in
    *-fstack-protector*-z,relro*) ;;
    *) echo "build_flags: no hardening flags from dpkg-buildflags: $CFLAGS $LDFLAGS" >&2; exit 1 ;;
esac

# $1: make's dry-run output; $2: what to call it; $3: "werror" or "no-werror".
# Checks every compile and link line that writes into $tmp.
check() {
    out=$1 what=$2 want=$3
    ncomp=0 nlink=0
    while IFS= read -r line; do
        case "$line" in
            *" -c -o $tmp/"*) kind=compile; need="$CPPFLAGS $CFLAGS"; ncomp=$((ncomp + 1)) ;;
            *" -o $tmp/"*/postkiosk" "* | *" -o $tmp/"*/test-runner" "* | *" -o $tmp/"*/bench_*" "* | \
            *" -o $tmp/"*/fuzz_*" "*)
                kind=link; need="$CFLAGS $LDFLAGS"; nlink=$((nlink + 1)) ;;
            *) continue ;;
        esac
        for f in $need; do
            case " $line " in
                *" $f "*) ;;
                *) no "$what: $f missing from a $kind line: ${line%% -o *} -o ${line#* -o }"; return ;;
            esac
        done
        [ $kind = compile ] || continue
        has=no
        case " $line " in *" -Werror "*) has=yes ;; esac
        if [ $want = werror ] && [ $has = no ]; then no "$what: a compile line without -Werror"; return; fi
        if [ $want = no-werror ] && [ $has = yes ]; then no "$what: a compile line with -Werror"; return; fi
    done <<EOF
$out
EOF
    [ $ncomp -gt 50 ] || no "$what: only $ncomp compile lines in the dry run"
    [ $nlink -gt 0 ] || no "$what: no link line in the dry run"
}

dry() { make -nB --no-print-directory "$@" 2>"$tmp/err" || { cat "$tmp/err" >&2; no "make -n $* failed"; }; }

b="$tmp/build"
check "$(dry BUILD="$b" all bench-build)" "make" no-werror
check "$(dry BUILD="$b" PREFIX="$tmp/usr" install)" "make install" no-werror
check "$(dry BUILD="$b" WERROR=1 all)" "make WERROR=1" werror
check "$(dry BUILD="$b" "$b/test-runner")" "make BUILD/test-runner" werror
check "$(dry BUILD="$b" WERROR=0 "$b/test-runner")" "make WERROR=0 BUILD/test-runner" no-werror
check "$(dry BUILD="$b" test)" "make test" werror
check "$(dry FUZZ_BUILD="$tmp/fuzz" fuzz-build)" "make fuzz-build" werror
# asan writes into build-asan, not $tmp: point its lines at $tmp to check them
check "$(dry asan | sed "s# -o build-asan/# -o $tmp/build-asan/#g")" "make asan" werror

# Objects depend on a stamp of the compile flags, binaries on one of the
# link flags; a stamp is rewritten only when its flags change (same flags: no
# rebuild; WERROR=1 after a plain make: everything recompiled with -Werror).
db=$(make -pq --no-print-directory BUILD="$b" 2>/dev/null)
printf '%s\n' "$db" | grep -q "^$b/obj/%.o: %.c $b/gen/cflags" || no "objects do not depend on the flag stamp"
printf '%s\n' "$db" | grep -q "^$b/postkiosk: .*$b/gen/ldflags" || no "the program does not depend on the link stamp"
stamps() { make --no-print-directory BUILD="$b" "$@" "$b/gen/cflags" "$b/gen/ldflags" >/dev/null 2>&1 || no "stamps not written"; }
stamps
grep -q -- "-fstack-protector-strong" "$b/gen/cflags" || no "the compile stamp lacks CFLAGS"
grep -q -- "-z,now" "$b/gen/ldflags" || no "the link stamp lacks LDFLAGS"
touch -d 2000-01-01 "$b/gen/cflags" "$b/gen/ldflags"
stamps
[ -z "$(find "$b/gen/cflags" "$b/gen/ldflags" -newermt 2001-01-01)" ] || no "the same flags rewrote a stamp"
stamps WERROR=1
[ -n "$(find "$b/gen/cflags" -newermt 2001-01-01)" ] || no "WERROR=1 did not change the compile stamp"
grep -q -- " -Werror " "$b/gen/cflags" || no "the compile stamp lacks -Werror"

# An object whose source moved to another folder (its .d names the old
# path) is rebuilt from the new place instead of stopping the build.
mkdir -p "$b/obj"
printf '%s: old/place/util.c kiosk/base/util.h\n' "$b/obj/util.o" >"$b/obj/util.d"
touch "$b/obj/util.o"
out=$(make -n --no-print-directory BUILD="$b" "$b/obj/util.o" 2>&1) || no "a moved source stops the build: $out"
case "$out" in *" -c -o $b/obj/util.o kiosk/base/util.c"*) ;; *) no "the moved source is not rebuilt from its new place" ;; esac
[ ! -e "$b/obj/util.d" ] || no "the stale .d of a moved source was kept"
exit $fail
