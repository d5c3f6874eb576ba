#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The keypad walk of scripts/console-check.sh on a booted QEMU guest.

console_drive.py TMPDIR OUTDIR FONT: FONT is the kiosk's console font
installed in the guest (every character drawn must have a glyph in it, and
tty1 must keep its 80x24 cells); TMPDIR holds QEMU's QMP and serial
sockets. Keys go in through QEMU's keyboard (QMP send-key, so the guest
kernel's keymap and Num Lock turn them into bytes, as on a kiosk); each
screen comes back as text from /dev/vcsu1 (read by a root shell on the
serial line) and as a PNG of the framebuffer (QMP screendump). Every step
waits for the screen to change, bounded; the first failure stops the walk
with the last screen printed."""
import base64
import gzip
import json
import os
import re
import socket
import struct
import sys
import time

TMP, OUT, FONT = sys.argv[1], sys.argv[2], sys.argv[3]
BOOT_S = 240      # bounds, not timings: a slow machine only waits longer
STEP_S = 45


def connect(path, bound):
    end = time.monotonic() + bound
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            return s
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


class Qmp:
    def __init__(self, path):
        self.s = connect(path, 30)
        self.f = self.s.makefile("rw")
        json.loads(self.f.readline())                   # the greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        self.f.write(json.dumps({"execute": name, "arguments": args}) + "\n")
        self.f.flush()
        while True:
            r = json.loads(self.f.readline())
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError(f"QMP {name}: {r['error']}")

    def key(self, *names):
        self.cmd("send-key", keys=[{"type": "qcode", "data": n} for n in names],
                 **{"hold-time": 60})


class Serial:
    """A root shell on the guest's ttyS0 (agetty --autologin root)."""

    def __init__(self, path):
        self.s = connect(path, 30)
        self.s.settimeout(1)
        self.buf = b""

    def read_until(self, pat, bound):
        end = time.monotonic() + bound
        while time.monotonic() < end:
            m = re.search(pat, self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                return m
            try:
                chunk = self.s.recv(65536)
                if not chunk:
                    break
                self.buf += chunk
            except socket.timeout:
                pass
        raise TimeoutError(f"serial: no {pat!r} in {bound} s; got {self.buf[-300:]!r}")

    def run(self, cmd, bound=30):
        self.buf = b""
        # the marker is split in the command so that its echo never matches
        self.s.sendall(cmd.encode() + b"; echo '@@E''ND' $?\n")
        m = self.read_until(rb"(.*)@@END (\d+)", bound)
        return m.group(1).decode("utf-8", "replace"), int(m.group(2))


def login(ser):
    end = time.monotonic() + BOOT_S
    while time.monotonic() < end:
        try:
            ser.s.sendall(b"\n")     # times out while the guest's UART is not open yet
            ser.read_until(rb"# ", 3)
            out, rc = ser.run("stty -echo; echo ready", 10)
            if rc == 0:
                return
        except TimeoutError:
            pass
    raise TimeoutError("no root shell on the serial line")


def screen(ser):
    """tty1's text, one line per row, trailing spaces cut. A line garbled
    on the serial line (a kernel message in between) is read again."""
    for attempt in range(5):
        try:
            return screen_once(ser)
        except (ValueError, IndexError, EOFError, OSError) as e:
            err = e
            time.sleep(0.5)
    raise RuntimeError(f"reading /dev/vcsu1 five times: {err}")


def screen_once(ser):
    # gzip: the serial line is slow under TCG, and a screen is mostly spaces
    out, rc = ser.run("head -c 4 /dev/vcsa1 | base64 -w0; echo; "
                      "iconv -f UTF-32LE -t UTF-8 /dev/vcsu1 | gzip -1 | base64 -w0; echo", 90)
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    if rc != 0 or len(lines) < 2:
        raise RuntimeError(f"reading /dev/vcsu1: {out!r}")
    rows, cols = base64.b64decode(lines[-2])[:2]
    cells = gzip.decompress(base64.b64decode(lines[-1])).decode("utf-8").replace("\0", " ")
    text = []
    for y in range(rows):
        row = cells[y * cols:(y + 1) * cols]
        text.append(row.rstrip())
    return "\n".join(text)


class Walk:
    def __init__(self):
        self.qmp = Qmp(os.path.join(TMP, "qmp.sock"))
        self.ser = Serial(os.path.join(TMP, "serial.sock"))
        self.n = 0
        self.last = ""

    def keep(self, name):
        self.n += 1
        base = os.path.join(OUT, f"{self.n:02d}-{name}")
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write(self.last + "\n")
        self.qmp.cmd("screendump", filename=os.path.abspath(base + ".png"), format="png")

    def wait_for(self, *texts, bound=STEP_S, name=None):
        """Until every text is on tty1; the screen is kept as evidence."""
        end = time.monotonic() + bound
        while True:
            self.last = screen(self.ser)
            if all(t in self.last for t in texts):
                break
            if time.monotonic() > end:
                self.keep("FAILED")
                raise AssertionError(f"not on the console after {bound} s: {texts}\n{self.last}")
            time.sleep(0.3)
        if name:
            self.keep(name)
        return self.last

    def settle(self, before):
        """Until the screen differs from before and stays the same a moment."""
        end = time.monotonic() + STEP_S
        prev = None
        while time.monotonic() < end:
            cur = screen(self.ser)
            if cur != before and cur == prev:
                self.last = cur
                return cur
            prev = cur
            time.sleep(0.3)
        self.last = screen(self.ser)
        return self.last

    def press(self, *keys):
        """Each key in turn; waits for the screen to change after the last."""
        before = screen(self.ser)
        for k in keys:
            self.qmp.key(k)
            time.sleep(0.08)
        return self.settle(before)

    def numlock(self):
        out, _ = self.ser.run("setleds </dev/tty1")
        m = re.search(r"Current flags:\s+NumLock (on|off)", out)
        if not m:
            raise RuntimeError(f"setleds: {out!r}")
        return m.group(1) == "on"

    def set_numlock(self, on):
        """Num Lock's state on tty1. The key itself cannot change it while
        the kiosk runs: in application mode the console sends it to the
        kiosk as ESC O P (fn_num), so the state is set with setleds."""
        self.ser.run(f"setleds {'+num' if on else '-num'} </dev/tty1")
        if self.numlock() != on:
            raise AssertionError("Num Lock did not change")
        print(f"console-check: Num Lock {'on' if on else 'off'}")

    def numlock_key_harmless(self, title):
        """The Num Lock key pressed: the screen stays (no Help, no text)."""
        before = screen(self.ser)
        self.qmp.key("num_lock")
        time.sleep(2)
        self.last = screen(self.ser)
        if title not in self.last or self.last.count("\n") != before.count("\n"):
            self.keep("FAILED")
            raise AssertionError(f"the Num Lock key changed the screen:\n{self.last}")

    def type_text(self, text):
        """Letters and spaces from the main keyboard, digits from the keypad."""
        before = screen(self.ser)
        for ch in text:
            if ch == " ":
                self.qmp.key("spc")
            elif ch.isdigit():
                self.qmp.key("kp_" + ch)
            elif ch.isupper():
                self.qmp.key("shift", ch.lower())
            else:
                self.qmp.key(ch)
            time.sleep(0.08)
        return self.settle(before)

    def digit_before(self, text):
        """The digit in front of the first line holding text, or 0."""
        for line in self.last.splitlines():
            if text in line:
                m = re.match(r"[\s\u25b8\u2192>]*([1-9])\s", line)
                if m:
                    return int(m.group(1))
        return 0

    def pick(self, text, more=True):
        """Presses 9 (more) until text has a number, then that number."""
        for _ in range(8):
            d = self.digit_before(text)
            if d:
                return self.press(f"kp_{d}")
            if not more:
                break
            self.press("kp_9")
        self.keep("FAILED")
        raise AssertionError(f"no number in front of {text!r}:\n{self.last}")


def speech_module(w):
    """F6 on the welcome screen under the kiosk's own unit: the speaking
    child loads /usr/lib/postkiosk/pk-speech.so (espeak-ng) inside the
    unit's sandbox (MemoryDenyWriteExecute, SystemCallFilter, ...). The VM
    has no sound card: "no sound device" is the child's answer after
    espeak-ng ran; a module the sandbox refuses leaves the toggle at "on"
    (the child answers 'E') and the child without the module mapped."""
    w.press("f6")
    try:
        w.wait_for("Đọc thành tiếng: không có loa", name="speech-no-sound-device")
    except AssertionError as e:
        log, _ = w.ser.run("journalctl -b -u postkiosk.service --no-pager | tail -n 20")
        raise AssertionError(f"{e}\n{log}")
    main_pid, _ = w.ser.run("systemctl show -p MainPID --value postkiosk.service")
    kids, _ = w.ser.run(f"cat /proc/{main_pid.split()[-1]}/task/*/children")
    maps = ""   # only the lines looked for: a whole maps file is slow on the serial line
    for pid in kids.split():
        maps += w.ser.run(f"grep -e pk-speech -e libespeak-ng /proc/{pid}/maps")[0]
    for lib in ("/usr/lib/postkiosk/pk-speech.so", "libespeak-ng.so"):
        if lib not in maps:
            raise AssertionError(f"the speaking child (pids {kids.split()}) has no {lib} mapped")
    print("console-check: F6 under postkiosk.service: the speaking child loaded "
          "pk-speech.so and espeak-ng; no sound card, \"no sound device\" shown")
    w.press("f6")
    w.wait_for("Đọc thành tiếng: tắt", "Tra cứu hồ sơ", name="speech-off")


def unit_module(w, unit, name, lib):
    """The unit started as shipped: its running command has
    /usr/lib/postkiosk/pk-NAME.so and LIB mapped (a module refused by the
    sandbox ends the command with its message in the journal)."""
    w.ser.run(f"systemctl start {unit}")
    end = time.monotonic() + STEP_S
    while True:
        pid = w.ser.run(f"systemctl show -p MainPID --value {unit}")[0].split()[-1]
        maps = w.ser.run(f"grep -e pk-{name} -e {lib} /proc/{pid}/maps")[0] if pid != "0" else ""
        if f"/usr/lib/postkiosk/pk-{name}.so" in maps and lib in maps:
            break
        if time.monotonic() > end:
            log, _ = w.ser.run(f"journalctl -b -u {unit} --no-pager | tail -n 20")
            raise AssertionError(f"{unit}: no pk-{name}.so and {lib} mapped by its command "
                                 f"(pid {pid}) after {STEP_S} s:\n{log}")
        time.sleep(1)
    w.ser.run(f"systemctl stop {unit}")
    print(f"console-check: {unit} loaded pk-{name}.so ({lib}) under its sandbox")


def font_map(path):
    """The code points the kiosk's console font (PSF1 or PSF2, gzip) has
    glyphs for, from its Unicode table (sequences of several code points
    are skipped)."""
    data = gzip.open(path).read()
    cps = set()
    if data[:2] == b"\x36\x04" and data[2] & 0x02:            # PSF1
        n = 512 if data[2] & 0x01 else 256
        table = data[4 + n * data[3]:]
        units = struct.unpack(f"<{len(table) // 2}H", table[:len(table) // 2 * 2])
        seq = False
        for u in units:
            if u == 0xFFFF:
                seq = False
            elif u == 0xFFFE:
                seq = True
            elif not seq:
                cps.add(u)
    elif data[:4] == b"\x72\xb5\x4a\x86":                      # PSF2
        _, hsize, flags, n, size = struct.unpack("<IIIII", data[4:24])
        for entry in data[hsize + n * size:].split(b"\xff") if flags & 1 else []:
            cps.update(ord(c) for c in entry.split(b"\xfe")[0].decode("utf-8", "replace"))
    if len(cps) < 200:
        raise RuntimeError(f"{path}: no console font with a Unicode table")
    return cps


def main():
    w = Walk()
    login(w.ser)
    print("console-check: guest " + w.ser.run("uname -r")[0].strip())
    # the kiosk's own unit on tty1, its font loaded: 16x32 cells, 80x24 at
    # 1280x768 (the kernel's 8x16 font would give 160x48)
    end = time.monotonic() + BOOT_S
    while True:
        out, _ = w.ser.run("head -c 2 /dev/vcsa1 | od -An -tu1")
        if out.split()[-2:] == ["24", "80"]:
            break
        if time.monotonic() > end:
            w.last = screen(w.ser)
            w.keep("FAILED-font")
            raise AssertionError(f"tty1 is {out.split()[-2:]} rows x columns, not 24 x 80: "
                                 "the kiosk's console font is not loaded")
        time.sleep(1)
    w.wait_for("4", "Tra c", bound=BOOT_S)
    if "Tra cứu hồ sơ" not in w.last:
        w.press("kp_enter")                      # the attract screen: any key
    w.wait_for("Tra cứu hồ sơ", name="welcome")
    glyphs = font_map(FONT)
    seen = set(w.last)

    # Num Lock off, as the console boots: the keypad's digits must work
    w.set_numlock(False)
    w.press("kp_3")                              # send and receive by post
    w.wait_for("Chọn thủ tục", name="procedures-numlock-off")
    seen |= set(w.last)
    w.pick("Đăng ký khai sinh")
    w.wait_for("Những gì bạn cần", name="procedure")
    w.press("kp_enter")
    w.wait_for("Giấy tờ của bạn", name="documents")
    w.press("kp_1")
    w.press("kp_2")
    w.keep("documents-ticked")
    w.press("kp_enter")
    w.wait_for("Thông tin cá nhân của bạn", name="consent")
    w.press("kp_1")
    w.wait_for("— Thông tin của bạn", name="applicant")
    seen |= set(w.last)
    w.numlock_key_harmless("— Thông tin của bạn")
    w.type_text("Nguyeenx Vawn An")
    w.wait_for("Nguyễn Văn An", name="applicant-name")
    w.press("kp_enter")
    # Num Lock on for the numbers
    w.set_numlock(True)
    w.type_text("020090001234")
    w.wait_for("020090001234", name="applicant-id-numlock-on")
    w.press("kp_enter")
    w.type_text("0912345678")
    w.press("kp_enter")
    w.press("kp_enter")                          # no e-mail
    w.wait_for("Nơi nhận kết quả", name="address")
    seen |= set(w.last)
    w.press("kp_1")                              # the first group of names
    w.keep("address-units")
    w.press("kp_1")                              # its first commune
    w.wait_for(", Lạng Sơn", name="address-commune")   # ✓ is v in the console font
    w.type_text("12 Tran Dang Ninh")
    w.press("kp_enter")
    w.press("kp_enter")                          # I receive it
    w.wait_for("Kiểm tra và xác nhận", name="review")
    seen |= set(w.last)
    w.press("kp_enter")
    text = w.wait_for("Hồ sơ của bạn đã được đăng ký", name="done")
    m = re.search(r"\b([A-Z]{2}\d{2}-(\d{6}))\b", text)
    if not m:
        w.keep("FAILED")
        raise AssertionError(f"no dossier number on the done screen:\n{text}")
    ref, seq = m.group(1), m.group(2).lstrip("0")
    seen |= set(w.last)
    print(f"console-check: dossier {ref} registered by keypad")
    time.sleep(2)
    w.press("kp_enter")
    w.wait_for("Tra cứu hồ sơ", "English")

    # tracking by number, Num Lock off again
    w.set_numlock(False)
    w.press("kp_4")
    w.wait_for("Mã số trên biên nhận", name="track")
    w.type_text(seq)
    w.press("kp_enter")
    w.type_text("1234")
    w.press("kp_enter")
    w.wait_for("Hồ sơ " + ref, "Đăng ký khai sinh", name="track-found")
    seen |= set(w.last)
    w.press("esc")
    w.wait_for("Tra cứu hồ sơ", name="welcome-again")
    speech_module(w)
    # the notify and sync units' commands load theirs under their sandboxes
    w.ser.run("printf '\\n[notify]\\nsmtp_url = smtp://127.0.0.1:9\\nfrom = buudien@example.vn\\n"
              "[sync]\\nconninfo = host=127.0.0.1 port=9 dbname=pk user=pk connect_timeout=2\\n'"
              " >>/etc/postkiosk/postkiosk.ini")
    unit_module(w, "postkiosk-notify.service", "notify", "libcurl.so")
    unit_module(w, "postkiosk-sync.service", "sync", "libpq.so")

    out, _ = w.ser.run("head -c 2 /dev/vcsa1 | od -An -tu1")
    if out.split()[-2:] != ["24", "80"]:
        raise AssertionError(f"tty1 lost the kiosk's font during the walk: {out.split()[-2:]}")
    missing = sorted(c for c in seen if ord(c) > 0x7f and ord(c) not in glyphs)
    if missing:
        raise AssertionError("drawn without a glyph in the console font: " +
                             " ".join(f"U+{ord(c):04X}" for c in missing))
    print(f"console-check: every character drawn has a glyph in tty1's font "
          f"({len([c for c in seen if ord(c) > 0x7f])} non-ASCII)")


if __name__ == "__main__":
    main()
