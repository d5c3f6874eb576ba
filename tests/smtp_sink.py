#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server for the notify tests (aiosmtpd, 127.0.0.1 only).

  smtp_sink.py PORTFILE MAILDIR [--gate FILE] [--auth USER:PASS] [--tls DIR]
               [--max-seconds N]

Binds a free port and writes it to PORTFILE, then stores each message it
accepts as MAILDIR/N.eml (raw bytes, as received). With --gate, a message
is stored, then answered only once FILE is gone (MAILDIR/waiting marks the
wait), so that a test can kill the client between the delivery and its
record.
With --auth, AUTH PLAIN/LOGIN is required (allowed without TLS: a test on
127.0.0.1 only) unless --tls DIR (cert.pem, key.pem) makes STARTTLS
required, AUTH then only after it. Exits by itself after --max-seconds (default 120).
"""
import asyncio, os, socket, ssl, sys, threading, time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    portfile, maildir = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    gate = auth = tls = None
    max_seconds = 120
    while args:
        opt, val = args[0], args[1]
        args = args[2:]
        if opt == "--gate":
            gate = val
        elif opt == "--auth":
            auth = val.encode()
        elif opt == "--tls":
            tls = val
        elif opt == "--max-seconds":
            max_seconds = int(val)
    os.makedirs(maildir, exist_ok=True)

    class Handler:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Handler.count += 1
            path = os.path.join(maildir, "%d.eml" % Handler.count)
            with open(path + ".tmp", "wb") as f:
                f.write(b"X-Rcpt: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
                f.write(envelope.original_content or envelope.content)
            os.rename(path + ".tmp", path)
            if gate:   # delivered; the client hears so only when the gate opens
                open(os.path.join(maildir, "waiting"), "w").close()
                deadline = time.time() + 30
                while os.path.exists(gate) and time.time() < deadline:
                    await asyncio.sleep(0.05)
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and data.login + b":" + data.password == auth
        return AuthResult(success=ok, handled=False)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    kw = {}
    if auth:
        kw = dict(authenticator=authenticator, auth_required=True, auth_require_tls=bool(tls))
    if tls:   # DIR with cert.pem and key.pem: STARTTLS offered and required
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(os.path.join(tls, "cert.pem"), os.path.join(tls, "key.pem"))
        kw.update(tls_context=ctx, require_starttls=True)
    ctl = Controller(Handler(), hostname="127.0.0.1", port=port, **kw)
    ctl.start()
    with open(portfile + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(portfile + ".tmp", portfile)
    stop = threading.Event()
    try:
        stop.wait(max_seconds)
    finally:
        ctl.stop()


if __name__ == "__main__":
    main()
