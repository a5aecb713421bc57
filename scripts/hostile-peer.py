#!/usr/bin/env python3
"""A misbehaving peer for tests: serves plain HTTP on 127.0.0.1 and answers every request for the
change feed in one hostile way. Prints the port it listens on, then serves until killed.

usage: hostile-peer.py MODE
modes: endless    an endless body
       huge       a Content-Length of 10 GB
       slow       the headers, then a byte every second
       badutf8    a feed whose envelope line is not UTF-8
       nested     a feed whose envelope line is JSON nested 100,000 deep
       redirect   a redirect to another server
       garbage    a body that is not a feed at all
"""
import socketserver
import sys
import time

MODE = sys.argv[1]
HEADER = b'{"count":1,"next":1,"more":false}\n'


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # the request line and headers
            send = self.wfile.write
            if MODE == "endless":
                send(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                chunk = b"x" * 65536
                while True:
                    send(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            elif MODE == "huge":
                send(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n" + b"x" * 1024)
                time.sleep(5)
            elif MODE == "slow":
                send(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
                for _ in range(1000):
                    send(b"x")
                    self.wfile.flush()
                    time.sleep(1)
            elif MODE in ("badutf8", "nested", "garbage"):
                body = {
                    "badutf8": HEADER + b'{"payload":"\xff\xfe\xfd","payloadType":"x","signatures":[]}\n',
                    "nested": HEADER + b"[" * 100000 + b"\n",
                    "garbage": b"<html>hello</html>",
                }[MODE]
                send(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            elif MODE == "redirect":
                send(b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/v1/changes\r\nContent-Length: 0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


with Server(("127.0.0.1", 0), Handler) as server:
    print(server.server_address[1], flush=True)
    server.serve_forever()
