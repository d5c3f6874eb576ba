#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An SMS gateway stand-in for the notify tests (http.server, 127.0.0.1).

  sms_gateway.py PORTFILE DIR [--max-seconds N]

Writes its port to PORTFILE; stores each request as DIR/N.req (method,
path, headers, blank line, body) and answers with the status code in
DIR/status (default 200). While DIR/hang exists it keeps each request it
has read unanswered for that many seconds (a reply lost mid-send). Exits by
itself after --max-seconds (120).
"""
import http.server, os, socketserver, sys, threading, time


def main():
    portfile, folder = sys.argv[1], sys.argv[2]
    max_seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 120
    os.makedirs(folder, exist_ok=True)
    count = [0]

    class H(http.server.BaseHTTPRequestHandler):
        def handle_any(self):
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n) if n else b""
            count[0] += 1
            path = os.path.join(folder, "%d.req" % count[0])
            with open(path + ".tmp", "wb") as f:
                f.write(("%s %s\n%s\n" % (self.command, self.path, self.headers)).encode())
                f.write(body)
            os.rename(path + ".tmp", path)
            try:
                time.sleep(float(open(os.path.join(folder, "hang")).read().strip()))
            except OSError:
                pass
            try:
                code = int(open(os.path.join(folder, "status")).read().strip())
            except OSError:
                code = 200
            self.send_response(code)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        do_POST = do_PUT = do_GET = handle_any

        def log_message(self, *a):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True   # a hung request does not hold the others

    srv = Server(("127.0.0.1", 0), H)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    threading.Timer(max_seconds, srv.shutdown).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
