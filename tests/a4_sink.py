#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The network side of an A4 printer for the papers test: a raw
(AppSocket / JetDirect) port on 127.0.0.1, what the CUPS socket backend
speaks. CUPS connects, sends the job's bytes (our PDF, the queue being
raw) and closes.

  a4_sink.py PORTFILE DIR [MAX_SECONDS]

Writes its port to PORTFILE; saves job N as DIR/job-N.pdf (written as
.part and renamed once the connection closes, so a reader never sees half
a job). Exits by itself after MAX_SECONDS (120).
"""
import os, socket, sys, threading


def main():
    portfile, folder = sys.argv[1], sys.argv[2]
    max_seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 120
    os.makedirs(folder, exist_ok=True)
    threading.Timer(max_seconds, lambda: os._exit(0)).start()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    n = 0
    while True:
        conn, _ = srv.accept()
        n += 1
        part = os.path.join(folder, "job-%d.part" % n)
        with conn, open(part, "wb") as out:
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                out.write(data)
        os.rename(part, os.path.join(folder, "job-%d.pdf" % n))


if __name__ == "__main__":
    main()
