"""Loopback recording HTTP server.

Listens on 127.0.0.1 only, on a port the OS chooses, in a daemon thread of the
recorder's own process. Every request is recorded (method, HTTP version, raw
path, raw query string, parsed query pairs in order, headers in arrival order,
raw body and parsed JSON body) and answered with the response the driver
planned for the call in progress (`RecordingServer.plan`), because the right
answer depends on the action being called, which the server cannot know.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


class _Handler(BaseHTTPRequestHandler):
    server_version = "LosantConformanceRecorder/1"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep stdout clean
        pass

    def _handle(self):
        # Use the request target exactly as sent: http.server rewrites a
        # leading "//" in self.path, which would hide a doubled slash.
        parts = self.requestline.split(" ")
        raw_target = parts[1] if len(parts) >= 2 else self.path
        path, _, raw_query = raw_target.partition("?")
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        text = raw_body.decode("utf-8", "replace")
        parsed = None
        is_json = False
        if raw_body:
            try:
                parsed = json.loads(text)
                is_json = True
            except ValueError:
                pass
        status, payload = self.server.planned
        out = json.dumps(payload).encode("utf-8")
        self.server.recorded.append({
            "method": self.command,
            "httpVersion": self.request_version,
            "path": path,
            "rawQuery": raw_query,
            "queryPairs": [list(p) for p in parse_qsl(raw_query, keep_blank_values=True)],
            "headers": [[k, v] for k, v in self.headers.items()],
            "bodyRaw": text if raw_body else None,
            "body": parsed if is_json else None,
            "bodyIsJson": is_json,
        })
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = do_HEAD = do_OPTIONS = _handle


class RecordingServer(object):
    """Context manager: a loopback-only recording server in a daemon thread."""

    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.recorded = []
        self.httpd.planned = (200, {})
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self):
        return self.httpd.server_address[1]

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    def plan(self, status, payload):
        """Set the answer (status, JSON payload) for the next requests."""
        self.httpd.planned = (status, payload)

    def take(self):
        """Return and clear the requests recorded so far."""
        out = list(self.httpd.recorded)
        del self.httpd.recorded[:]
        return out

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        return False
