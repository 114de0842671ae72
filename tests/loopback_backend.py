"""The loopback HTTP backend the ``loopback_backend`` fixture serves (see conftest.py)."""
import json
from http.server import BaseHTTPRequestHandler

LOOPBACK_ANSWER = "hello from the loopback backend"


class EchoBackend(BaseHTTPRequestHandler):
    def do_GET(self):
        payload = json.dumps({"answer": LOOPBACK_ANSWER, "method": self.command, "path": self.path,
                              "x_demo": self.headers.get("X-Demo")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass
