#!/usr/bin/env python3
"""A misbehaving peer for tests: serves plain HTTP on 127.0.0.1 and answers every request for the
change feed in one hostile way. Prints the port it listens on, then serves until killed.

usage: hostile-peer.py MODE [ARGS]
modes: endless    an endless body
       huge       a Content-Length of 10 GB
       slow       the headers, then a byte every second
       badutf8    a feed whose envelope line is not UTF-8
       nested     a feed whose envelope line is JSON nested 100,000 deep
       redirect   a redirect to another server
       badstatus  a 500 whose reason phrase is an escape sequence and 2,000 bytes of text
       garbage    a body that is not a feed at all
       junk BYTES WINDOW
                  feed pages of 100 lines that are not envelopes, each with a payloadType of BYTES
                  bytes; a feed without end, WINDOW lines per pull (more is false at each multiple)
       files DIR  serves DIR/changes.ndjson (envelope lines, the whole feed in one page),
                  DIR/endorsements.ndjson (trust statements) and DIR/node.json (/v1/node) as a
                  node would
"""
import hashlib
import json
import os
import socketserver
import sys
import time
import urllib.parse

MODE = sys.argv[1]
HEADER = b'{"count":1,"next":1,"more":false}\n'


def ndjson(header, lines):
    return json.dumps(header).encode() + b"\n" + b"".join(line + b"\n" for line in lines)


def read_lines(name):
    path = os.path.join(sys.argv[2], name)
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return [line.rstrip(b"\n") for line in f if line.strip()]


def answer(send, body):
    send(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)


def feed(path, query):
    """The body of a feed or statements answer in the modes that play a node."""
    if path == "/v1/node" and MODE == "files":
        with open(os.path.join(sys.argv[2], "node.json"), "rb") as f:
            return f.read()
    if path == "/v1/endorsements":
        lines = read_lines("endorsements.ndjson") if MODE == "files" else []
        return ndjson({"count": len(lines)}, lines)
    since = int(query.get("since", ["0"])[0])
    if MODE == "junk":
        size, window = int(sys.argv[2]), int(sys.argv[3])
        junk = json.dumps({"payloadType": "\x1b[2J" + "A" * size, "payload": "e30=", "signatures": [{"keyid": "x#1", "sig": "AA=="}]}).encode()
        nxt = since + 100
        header = {"count": 100, "next": nxt, "more": nxt % window != 0, "endorsements": "sha256:none", "last": nxt}
        return ndjson(header, [junk] * 100)
    lines = read_lines("changes.ndjson") if since == 0 else []
    statements = read_lines("endorsements.ndjson")
    digest = "sha256:" + hashlib.sha256(b"\n".join(statements)).hexdigest()
    total = len(read_lines("changes.ndjson"))
    header = {"count": len(lines), "next": since + len(lines), "more": False, "endorsements": digest, "last": total}
    return ndjson(header, lines)


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            request = self.rfile.readline().decode("latin-1").split(" ")
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # the headers
            target = urllib.parse.urlparse(request[1] if len(request) > 1 else "/")
            send = self.wfile.write
            if MODE in ("junk", "files"):
                answer(send, feed(target.path, urllib.parse.parse_qs(target.query)))
            elif MODE == "endless":
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
                send(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
            elif MODE == "badstatus":
                send(b"HTTP/1.1 500 \x1b[2J" + b"A" * 2000 + b"\r\nContent-Length: 0\r\n\r\n")
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
