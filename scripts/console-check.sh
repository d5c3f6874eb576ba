#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `make console-check` (as root, after `make deb`): issue 15 item 11 on the
# real Linux console. A Debian 12 tree (the debootstrap tree of
# scripts/boot-check.sh, copied, never changed) gets the Debian kernel
# (linux-image-amd64) and the package, and boots in QEMU with KVM: the
# kiosk's own unit starts it on tty1 (TERM=linux, its console font, a
# 1280x768 framebuffer: 80x24 cells). scripts/console_drive.py then presses
# the numeric keypad's keys through QEMU's keyboard (QMP send-key: kp_0..
# kp_9, kp_enter, num_lock), with Num Lock off and on, walks a dossier and
# tracking by number, and reads each screen back from the guest's
# /dev/vcsu1 over the serial line; every screen is kept as text and as a
# picture of the real console (QMP screendump) in $CONSOLE_OUT.
# Then the shared modules under the shipped units' sandboxes: F6 makes the
# kiosk's speaking child load pk-speech.so (no sound card: "no sound
# device"), and postkiosk-notify/-sync.service's commands must have
# pk-notify.so / pk-sync.so mapped (a refused dlopen fails the check).
# Needs the network (the Debian mirror) the first time, /dev/kvm and the
# optional check packages of scripts/install-deps.sh; not part of
# `make test` (minutes).
set -eu
DEB_DIR=${DEB_DIR:-/tmp/postkiosk-deb}
BASE=${BOOT_ROOT:-/var/tmp/postkiosk-boot}
ROOT=${CONSOLE_ROOT:-/var/tmp/postkiosk-console}
OUT=${CONSOLE_OUT:-build/console-check}
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "console-check: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root"
deb=$(ls "$DEB_DIR"/postkiosk_*.deb 2>/dev/null | grep -v dbgsym | head -n 1) || true
[ -f "$deb" ] || fail "no package in $DEB_DIR (make deb)"
for tool in debootstrap systemd-nspawn qemu-system-x86_64 mkfs.ext4 python3; do
    command -v "$tool" >/dev/null || fail "$tool missing (scripts/install-deps.sh --checks)"
done
[ -w /dev/kvm ] || echo "console-check: no /dev/kvm: QEMU's TCG (slower)"

mkdir -p /run/systemd/nspawn
mountpoint -q /run/systemd/nspawn || mount -t tmpfs tmpfs /run/systemd/nspawn
nspawn() {
    d=$1
    shift
    systemd-nspawn -q -D "$d" --register=no --keep-unit --pipe \
        --setenv=DEBIAN_FRONTEND=noninteractive "$@"
}

if ! ls "$ROOT"/boot/vmlinuz-* >/dev/null 2>&1; then
    if [ ! -x "$BASE/usr/lib/systemd/systemd" ]; then
        echo "== debootstrap Debian 12 into $BASE"
        rm -rf "$BASE.part"
        debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$BASE.part" \
            http://deb.debian.org/debian >"$BASE.log" 2>&1 || { tail -n 20 "$BASE.log"; fail "debootstrap"; }
        mv "$BASE.part" "$BASE"
    fi
    echo "== copy $BASE to $ROOT, apt install linux-image-amd64"
    rm -rf "$ROOT.part"
    cp -a "$BASE" "$ROOT.part"
    nspawn "$ROOT.part" sh -c 'apt-get update && apt-get install -y --no-install-recommends \
        linux-image-amd64 initramfs-tools kbd' >"$ROOT.log" 2>&1 ||
        { tail -n 20 "$ROOT.log"; fail "kernel install"; }
    mv "$ROOT.part" "$ROOT"
fi

echo "== apt install $(basename "$deb") in $ROOT"
cp "$deb" "$ROOT/opt/"
nspawn "$ROOT" apt-get install -y --reinstall "/opt/$(basename "$deb")" >"$ROOT.install.log" 2>&1 ||
    { tail -n 20 "$ROOT.install.log"; fail "apt install"; }
rm -f "$ROOT/opt/$(basename "$deb")"
# CONSOLE_BINARY=build/postkiosk: that build replaces the package's binary
# (a quick try of a change without `make deb`; the rest is the package's)
if [ -n "${CONSOLE_BINARY:-}" ]; then
    install -m 0755 "$CONSOLE_BINARY" "$ROOT/usr/bin/postkiosk"
fi

# The machine: the kiosk's unit enabled as the package documents it; a
# root shell on the serial line (the driver's way in, never on tty1); a
# fresh kiosk database each run.
mkdir -p "$ROOT/etc/systemd/system/multi-user.target.wants" \
         "$ROOT/etc/systemd/system/serial-getty@ttyS0.service.d"
ln -sf /lib/systemd/system/postkiosk.service \
    "$ROOT/etc/systemd/system/multi-user.target.wants/postkiosk.service"
printf '[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --keep-baud 115200 %%I dumb\n' \
    >"$ROOT/etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf"
printf '/dev/vda / ext4 rw 0 1\n' >"$ROOT/etc/fstab"
echo postkiosk-console >"$ROOT/etc/hostname"
rm -rf "${ROOT:?}/var/lib/postkiosk"

tmp=$(mktemp -d)
qemu=""
cleanup() {
    [ -z "$qemu" ] || { kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null; }
    rm -rf "$tmp"
}
trap cleanup EXIT
echo "== disk image"
mkfs.ext4 -q -F -L pkroot -d "$ROOT" "$tmp/root.img" 3G || fail "mkfs.ext4 -d"
kernel=$(ls "$ROOT"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$ROOT"/boot/initrd.img-* | sort -V | tail -n 1)

# boot ACCEL: QEMU in the background; its serial output also in serial.log
boot() {
    rm -f "$tmp/serial.sock" "$tmp/qmp.sock" "$tmp/serial.log"
    qemu-system-x86_64 -accel "$1" -m 1024 -smp 1 -nodefaults -no-user-config \
        -kernel "$kernel" -initrd "$initrd" \
        -append "root=/dev/vda rw console=ttyS0,115200 video=1280x768 earlyprintk=ttyS0" \
        -drive "file=$tmp/root.img,format=raw,if=virtio" \
        -vga std -display none -nic none \
        -chardev "socket,id=ser,path=$tmp/serial.sock,server=on,wait=off,logfile=$tmp/serial.log" \
        -serial chardev:ser -qmp "unix:$tmp/qmp.sock,server=on,wait=off" \
        >"$tmp/qemu.log" 2>&1 &
    qemu=$!
}
# KVM first. A host whose KVM is PVM (kvm_pvm: nested, without hardware
# virtualisation) runs only kernels built as PVM guests: Debian's stops
# after "Probing EDD". Then the same machine under TCG, minutes slower.
echo "== boot $(basename "$kernel") in QEMU with KVM"
boot kvm
i=0
until grep -q "Linux version" "$tmp/serial.log" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 60 ] || ! kill -0 "$qemu" 2>/dev/null; then
        kill "$qemu" 2>/dev/null; wait "$qemu" 2>/dev/null || true
        [ -d /sys/module/kvm_pvm ] && why="the host's KVM is kvm_pvm" || why="no kernel output in 60 s"
        echo "== the kernel did not start under KVM ($why): QEMU's TCG instead"
        boot tcg
        break
    fi
    sleep 1
done
rm -rf "$OUT"
mkdir -p "$OUT"
python3 "$here/console_drive.py" "$tmp" "$OUT" "$ROOT/usr/share/postkiosk/console/postkiosk-vn.psf.gz" || {
    cat "$tmp/qemu.log" >&2
    fail "the walk on the console failed (screens so far in $OUT)"
}
echo "console-check: ok (keypad with Num Lock off and on, on tty1; screens in $OUT)"
