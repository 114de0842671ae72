"""The socket transport against real local servers: keep-alive, what goes on the wire, what the answer
parser reads (scripted raw answers), the three kinds of failure the client tells apart, TLS
verification, proxies (forwarding and CONNECT), multipart bodies."""
import datetime
import email
import http.server
import ipaddress
import http.client
import json
import os
import select
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from urllib3.filepost import encode_multipart_formdata as urllib3_multipart

from ansible_collections.huaweicloud.apig.plugins.module_utils import transport

PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch):
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


class Handler(http.server.BaseHTTPRequestHandler):
    """Echoes what it received as JSON. ``/close`` says it closes, ``/quiet-close`` closes without saying so
    (what a server does to an idle keep-alive connection), ``/drop`` closes without answering."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def _answer(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(dict(method=self.command, target=self.path, peer=self.client_address[1],
                                     headers=[(k, v) for k, v in self.headers.items()], body=body))
        if self.path == "/drop":
            self.close_connection = True
            return
        payload = json.dumps({"target": self.path, "body": body.decode("utf-8", "replace")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("X-Request-Id", "r1")
        self.send_header("Content-Length", str(len(payload)))
        if self.path == "/close":
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        if self.path == "/quiet-close":
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = _answer


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, handler=Handler, context=None):
        super().__init__(("127.0.0.1", 0), handler)
        self.seen = []
        if context is not None:
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self):
        return self.server_address[1]

    def stop(self):
        self.shutdown()
        self.server_close()


@pytest.fixture
def server():
    srv = Server()
    yield srv
    srv.stop()


def test_answer_body_headers_and_keep_alive(server):
    session = transport.Session()
    url = "http://127.0.0.1:%d" % server.port
    first = session.request("POST", url + "/a", headers={"Content-Type": "application/json"}, data=b'{"x": 1}',
                            timeout=5)
    second = session.request("GET", url + "/b", timeout=5)
    assert first.status_code == 200 and first.json() == {"target": "/a", "body": '{"x": 1}'}
    assert first.headers.get("x-request-id") == "r1" and first.headers["CONTENT-TYPE"].startswith("application/json")
    assert json.loads(second.text)["target"] == "/b"
    # One connection served both.
    assert server.seen[0]["peer"] == server.seen[1]["peer"]


def test_a_connection_the_server_closed_is_opened_again(server):
    session = transport.Session()
    url = "http://127.0.0.1:%d" % server.port
    assert session.request("GET", url + "/close", timeout=5).status_code == 200
    assert session.request("GET", url + "/after", timeout=5).json()["target"] == "/after"
    # An idle connection the server closed without saying so is noticed before it is used.
    assert session.request("GET", url + "/quiet-close", timeout=5).status_code == 200
    time.sleep(0.2)  # the server's FIN arrives
    assert session.request("POST", url + "/again", data=b"{}", timeout=5).json()["target"] == "/again"
    assert [s["target"] for s in server.seen] == ["/close", "/after", "/quiet-close", "/again"]
    assert len({s["peer"] for s in server.seen}) == 3


def test_the_request_line_and_host_are_the_callers(server):
    session = transport.Session()
    target = "/v2/p/apis?empty=&name=my%20api%2F%E5%90%8D"
    session.request("GET", "http://127.0.0.1:%d%s" % (server.port, target),
                    headers={"Host": "apig.example.test:8443"}, timeout=5)
    seen = server.seen[0]
    assert seen["target"] == target == transport.request_target("http://x" + target)
    assert [v for k, v in seen["headers"] if k.lower() == "host"] == ["apig.example.test:8443"]


def test_refused_is_a_connect_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(transport.ConnectError) as info:
        transport.Session().request("GET", "http://127.0.0.1:%d/" % port, timeout=5)
    assert not isinstance(info.value, transport.ResponseLost)


def test_unknown_host_is_a_connect_error():
    with pytest.raises(transport.ConnectError):
        transport.Session().request("GET", "http://no-such-host.invalid/", timeout=5)


def test_no_answer_is_a_read_timeout_after_the_request_was_sent():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)  # accepted into the backlog, never answered
        with pytest.raises(transport.ReadTimeout) as info:
            transport.Session().request("POST", "http://127.0.0.1:%d/" % listener.getsockname()[1], data=b"{}",
                                        timeout=0.3)
    assert isinstance(info.value, transport.ResponseLost) and not isinstance(info.value, transport.ConnectError)


def test_a_dropped_connection_is_a_lost_response(server):
    with pytest.raises(transport.ResponseLost) as info:
        transport.Session().request("POST", "http://127.0.0.1:%d/drop" % server.port, data=b"{}", timeout=5)
    assert "RemoteDisconnected" in str(info.value) or "Reset" in str(info.value)
    assert server.seen[0]["method"] == "POST"  # it did reach the server


# -- what the answer parser reads ------------------------------------------------------------

class Close(bytes):
    """A scripted answer after which the server closes the connection."""


class RawServer:
    """Answers each request it reads with the next scripted bytes, sent as they are (a ``Close`` answer is
    followed by closing the connection), one connection at a time. Records (connection number, request
    head lines, body) of each request."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.seen = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(5)
        self.listener.settimeout(10)
        self.port = self.listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        number = 0
        while self.answers:
            try:
                sock = self.listener.accept()[0]
            except OSError:  # stopped, or nobody came
                return
            number += 1
            sock.settimeout(10)
            with sock, sock.makefile("rb") as reader:
                while self.answers:
                    head = []
                    for line in iter(reader.readline, b""):
                        if line == b"\r\n":
                            break
                        head.append(line.decode("latin-1").rstrip("\r\n"))
                    if not head:  # the client closed this connection
                        break
                    length = [int(h.split(":")[1]) for h in head if h.lower().startswith("content-length:")]
                    self.seen.append((number, head, reader.read(length[0] if length else 0)))
                    answer = self.answers.pop(0)
                    sock.sendall(answer)
                    if isinstance(answer, Close):
                        break

    def connections(self):
        return [number for number, _, _ in self.seen]

    def stop(self):
        self.listener.close()


@pytest.fixture
def raw_server():
    servers = []

    def start(*answers):
        servers.append(RawServer(*answers))
        return servers[-1]
    yield start
    for srv in servers:
        srv.stop()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"


def test_the_head_has_what_http_client_adds_when_absent(raw_server):
    requests = [("POST", "/empty", {"X-A": "1"}, None), ("GET", "/get", {}, None),
                ("PUT", "/put?a=%2F", {"Host": "apig.test", "Accept-Encoding": "gzip"}, b"{}")]
    server = raw_server(*[OK] * 6)
    session = transport.Session()
    for method, target, headers, body in requests:
        session.request(method, server.url + target, headers=headers, data=body, timeout=5)
    session.close()  # the server serves one connection at a time
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    for method, target, headers, body in requests:
        conn.request(method, target, body=body, headers=headers)
        conn.getresponse().read()
    conn.close()
    ours, theirs = server.seen[:3], server.seen[3:]
    assert [(h[0], sorted(h[1:]), b) for _, h, b in ours] == [(h[0], sorted(h[1:]), b) for _, h, b in theirs]
    assert "Content-Length: 0" in ours[0][1] and "Accept-Encoding: identity" in ours[0][1]
    assert "Host: 127.0.0.1:%d" % server.port in ours[1][1] and ours[2][1][0] == "PUT /put?a=%2F HTTP/1.1"
    # A str body is sent as UTF-8 (http.client would send latin-1).
    server = raw_server(OK)
    transport.Session().request("POST", server.url + "/text", data="名", timeout=5)
    assert server.seen[0][2] == "名".encode("utf-8") and "Content-Length: 3" in server.seen[0][1]


def test_a_chunked_answer_with_an_extension_and_a_trailer(raw_server):
    server = raw_server(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        b"5;name=value\r\nhello\r\nC\r\n, big world!\r\n0\r\nX-Trailer: t\r\n\r\n", OK)
    session = transport.Session()
    answer = session.request("GET", server.url + "/chunked", timeout=5)
    assert answer.content == b"hello, big world!" and "X-Trailer" not in answer.headers
    # The trailer was read to its end: the next answer on the connection is read right.
    assert session.request("GET", server.url + "/next", timeout=5).content == b"ok"
    assert server.connections() == [1, 1]


def test_head_204_and_304_answers_have_no_body_and_keep_the_connection(raw_server):
    server = raw_server(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", b"HTTP/1.1 204 No Content\r\n\r\n",
                        b"HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n", OK)
    session = transport.Session()
    head = session.request("HEAD", server.url + "/h", timeout=2)
    assert (head.status_code, head.headers["content-length"], head.content) == (200, "10", b"")
    deleted = session.request("DELETE", server.url + "/d", timeout=2)
    assert (deleted.status_code, deleted.reason, deleted.content) == (204, "No Content", b"")
    assert session.request("GET", server.url + "/n", timeout=2).status_code == 304
    assert session.request("GET", server.url + "/next", timeout=2).content == b"ok"
    assert server.connections() == [1, 1, 1, 1]


def test_an_http_1_0_or_connection_close_answer_closes_the_connection(raw_server):
    server = raw_server(b"HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok",
                        b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
                        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", OK)
    session = transport.Session()
    for path in ("/1.0-keep-alive", "/1.0", "/close", "/next"):
        assert session.request("GET", server.url + path, timeout=5).content == b"ok"
    # The server kept every connection open: the client closed them after the 2nd and 3rd answers.
    assert server.connections() == [1, 1, 2, 3]


def test_a_body_without_a_length_is_read_until_the_server_closes(raw_server):
    server = raw_server(Close(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it\r\n\r\nand more"), OK)
    session = transport.Session()
    assert session.request("GET", server.url + "/all", timeout=5).content == b"all of it\r\n\r\nand more"
    assert session.request("GET", server.url + "/next", timeout=5).content == b"ok"
    assert server.connections() == [1, 2]


def test_interim_answers_are_skipped(raw_server):
    server = raw_server(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                        b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", OK)
    session = transport.Session()
    answer = session.request("POST", server.url + "/create", data=b"{}", timeout=5)
    assert (answer.status_code, answer.reason, answer.content) == (201, "Created", b"ok")
    assert "Link" not in answer.headers
    assert session.request("GET", server.url + "/next", timeout=5).content == b"ok"
    assert server.connections() == [1, 1]


def test_answer_headers_repeated_and_folded(raw_server):
    server = raw_server(b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Folded: first\r\n \t second\r\nset-cookie: b=2\r\n"
                        + b"X-Many: 1\r\n" * 94  # 100 header lines: the most accepted
                        + b"Content-Length: 2\r\nContent-Length: 2\r\n\r\nok", OK)
    session = transport.Session()
    answer = session.request("GET", server.url + "/h", timeout=5)
    assert answer.headers["SET-COOKIE"] == "a=1, b=2" and answer.headers["x-folded"] == "first second"
    assert answer.headers["x-many"] == ", ".join(["1"] * 94) and answer.content == b"ok"
    assert session.request("GET", server.url + "/next", timeout=5).content == b"ok"  # the same length twice


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\nshort",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n",
], ids=["content-length", "in-a-chunk", "no-last-chunk", "in-the-headers"])
def test_an_answer_cut_short_is_a_lost_response(raw_server, answer):
    server = raw_server(Close(answer))
    with pytest.raises(transport.ResponseLost, match="closed") as info:
        transport.Session().request("POST", server.url + "/cut", data=b"{}", timeout=5)
    assert not isinstance(info.value, transport.ReadTimeout)
    assert server.seen[0][2] == b"{}"


@pytest.mark.parametrize("answer", [
    b"garbage\r\n\r\n", b"SSH-2.0-OpenSSH_9.6\r\n", b"HTTP/1.1 2OO OK\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 99 Low\r\n\r\n", b"HTTP/2 200\r\n\r\n", b"\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
])
def test_a_garbage_status_line_is_a_lost_response(raw_server, answer):
    server = raw_server(Close(answer))
    with pytest.raises(transport.ResponseLost, match="not an HTTP status line"):
        transport.Session().request("GET", server.url + "/", timeout=5)


@pytest.mark.parametrize("answer", [
    b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 65536 + b"\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"X-Many: 1\r\n" * 100 + b"Content-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nok\r\n0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
], ids=["long-line", "101-headers", "signed-chunk-size", "two-lengths"])
def test_an_answer_over_the_limits_or_malformed_is_a_lost_response(raw_server, answer):
    server = raw_server(Close(answer))
    with pytest.raises(transport.ResponseLost) as info:
        transport.Session().request("GET", server.url + "/", timeout=5)
    assert not isinstance(info.value, transport.ReadTimeout)


def test_an_http_request_loads_neither_ssl_nor_http_client(raw_server):
    server = raw_server(OK)
    code = ("import sys\n"
            "from ansible_collections.huaweicloud.apig.plugins.module_utils import transport\n"
            "assert transport.Session().request('GET', %r, timeout=5).content == b'ok'\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ssl', '_ssl', 'http', 'email')))\n"
            % (server.url + "/x"))
    # -S: no site-packages .pth file imports anything; the path is this process's.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- TLS -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, its own CA: (cert.pem, key.pem)."""
    where = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "transport test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = where / "cert.pem", where / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
def tls_server(self_signed):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed)
    srv = Server(context=context)
    yield srv
    srv.stop()


def test_tls_is_verified_by_default(tls_server):
    with pytest.raises(transport.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        transport.Session().request("GET", "https://127.0.0.1:%d/" % tls_server.port, timeout=5)
    assert tls_server.seen == []


def test_tls_with_a_ca_file_or_without_verification(tls_server, self_signed):
    url = "https://127.0.0.1:%d/x" % tls_server.port
    assert transport.Session().request("GET", url, timeout=5, verify=self_signed[0]).json()["target"] == "/x"
    assert transport.Session().request("GET", url, timeout=5, verify=False).status_code == 200


@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl names the hashed CA directory entry")
def test_tls_with_a_ca_directory(tls_server, self_signed, tmp_path):
    subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", self_signed[0]], check=True,
                                  capture_output=True, text=True).stdout.strip()
    shutil.copy(self_signed[0], str(tmp_path / (subject_hash + ".0")))
    url = "https://127.0.0.1:%d/d" % tls_server.port
    assert transport.Session().request("GET", url, timeout=5, verify=str(tmp_path)).json()["target"] == "/d"


def test_a_missing_ca_file_is_a_tls_error(tmp_path):
    with pytest.raises(transport.SSLError, match="cannot load the CA certificates"):
        transport.Session().request("GET", "https://127.0.0.1:1/", timeout=5, verify=str(tmp_path / "none.pem"))


# -- proxies ---------------------------------------------------------------------------------

class ProxyHandler(http.server.BaseHTTPRequestHandler):
    """A forwarding HTTP proxy (absolute-form requests) and a CONNECT tunnel for a client that gives
    credentials (407 without), that records what it was asked."""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass

    def _forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append(dict(target=self.path, auth=self.headers.get("Proxy-Authorization")))
        target = transport.urlsplit(self.path)
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=5)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-authorization"}
        upstream.request(self.command, transport.request_target(target), body=body or None, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        upstream.close()
        self.send_response(answer.status)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Via", "1.1 test-proxy")
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = _forward

    def do_CONNECT(self):  # pylint: disable=invalid-name
        self.server.seen.append(dict(target=self.path, auth=self.headers.get("Proxy-Authorization")))
        if not self.headers.get("Proxy-Authorization"):
            self.send_response(407)
            self.send_header("Proxy-Authenticate", 'Basic realm="test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        host, port = self.path.rsplit(":", 1)
        self.close_connection = True
        with socket.create_connection((host, int(port)), timeout=5) as upstream:
            self.send_response(200, "Connection established")
            self.end_headers()
            while True:  # relay both ways until one end closes (or 5 s of silence)
                readable = select.select([self.connection, upstream], [], [], 5)[0]
                for end in readable:
                    data = end.recv(65536)
                    if not data:
                        return
                    (upstream if end is self.connection else self.connection).sendall(data)
                if not readable:
                    return


def test_requests_go_through_http_proxy_and_no_proxy_bypasses_it(server, monkeypatch):
    proxy = Server(ProxyHandler)
    try:
        monkeypatch.setenv("HTTP_PROXY", "http://user%%40x:p%%3Ass@127.0.0.1:%d" % proxy.port)
        url = "http://127.0.0.1:%d/through?q=1" % server.port
        answer = transport.Session().request("POST", url, data=b"hello", timeout=5)
        assert answer.json() == {"target": "/through?q=1", "body": "hello"}
        assert answer.headers.get("via") == "1.1 test-proxy"
        assert proxy.seen == [dict(target=url, auth="Basic dXNlckB4OnA6c3M=")]  # user@x:p:ss

        monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
        direct = transport.Session().request("GET", "http://127.0.0.1:%d/direct" % server.port, timeout=5)
        assert direct.json()["target"] == "/direct" and "via" not in direct.headers
        assert len(proxy.seen) == 1
    finally:
        proxy.stop()


def test_https_goes_through_a_connect_tunnel(tls_server, self_signed, monkeypatch):
    proxy = Server(ProxyHandler)
    try:
        monkeypatch.setenv("HTTPS_PROXY", "http://user:pw@127.0.0.1:%d" % proxy.port)
        session = transport.Session()
        url = "https://127.0.0.1:%d" % tls_server.port
        first = session.request("POST", url + "/tunnelled?q=1", data=b"hi", timeout=5, verify=self_signed[0])
        second = session.request("GET", url + "/again", timeout=5, verify=self_signed[0])
        session.close()
        assert first.json() == {"target": "/tunnelled?q=1", "body": "hi"} and second.json()["target"] == "/again"
        # One tunnel served both, asked for with the proxy's credentials, which stay out of the tunnel.
        assert proxy.seen == [dict(target="127.0.0.1:%d" % tls_server.port, auth="Basic dXNlcjpwdw==")]
        assert tls_server.seen[0]["peer"] == tls_server.seen[1]["peer"]
        assert not [k for seen in tls_server.seen for k, _ in seen["headers"] if k.lower() == "proxy-authorization"]
    finally:
        proxy.stop()


def test_a_refused_tunnel_is_a_connect_error_and_tls_inside_is_verified(tls_server, monkeypatch):
    proxy = Server(ProxyHandler)
    try:
        url = "https://127.0.0.1:%d/" % tls_server.port
        monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:%d" % proxy.port)  # no credentials: 407
        with pytest.raises(transport.ConnectError, match="407") as info:
            transport.Session().request("GET", url, timeout=5, verify=False)
        assert not isinstance(info.value, transport.ResponseLost)
        monkeypatch.setenv("HTTPS_PROXY", "http://u:p@127.0.0.1:%d" % proxy.port)
        with pytest.raises(transport.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
            transport.Session().request("GET", url, timeout=5)
        assert len(proxy.seen) == 2 and tls_server.seen == []
    finally:
        proxy.stop()


def test_an_unreachable_proxy_is_a_connect_error(monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("HTTPS_PROXY", "127.0.0.1:%d" % port)
    with pytest.raises(transport.ConnectError):
        transport.Session().request("GET", "https://apig.example.test/", timeout=5)


# -- bodies ----------------------------------------------------------------------------------

def test_multipart_is_what_urllib3_encoded():
    fields = {"is_create_group": "false", "group_id": "g1", "name": "组 \"a\"",
              "file_name": ("open api.json", json.dumps({"a": "名"}).encode("utf-8"), "application/json"),
              "raw": ("x.bin", b"\x00\x01")}
    body, content_type = transport.encode_multipart_formdata(fields, boundary="b0undary")
    assert (body, content_type) == urllib3_multipart(fields, boundary="b0undary")
    message = email.message_from_bytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    parts = {p.get_param("name", header="content-disposition"): p for p in message.get_payload()}
    assert json.loads(parts["file_name"].get_payload(decode=True)) == {"a": "名"}
    assert parts["file_name"].get_content_type() == "application/json"
    assert parts["raw"].get_payload(decode=True) == b"\x00\x01"


def test_multipart_boundaries_differ():
    assert transport.encode_multipart_formdata({"a": "1"})[1] != transport.encode_multipart_formdata({"a": "1"})[1]


@pytest.mark.parametrize("content_type, content, text", [
    ("application/json", "名".encode("utf-8"), "名"),
    ("text/plain; charset=gbk", "名".encode("gbk"), "名"),
    ("text/plain; charset=nonsense", b"ok", "ok"),
])
def test_text_follows_the_charset(content_type, content, text):
    assert transport.Response(200, {"Content-Type": content_type}, content).text == text


def test_json_of_a_non_json_body_is_a_value_error():
    with pytest.raises(ValueError):
        transport.Response(502, {}, b"<html>Bad Gateway</html>").json()
    with pytest.raises(ValueError):
        transport.Response(200, {}, b"").json()


def test_headers_join_repeats_and_ignore_case():
    headers = transport.Headers([("Set-Cookie", "a=1"), ("set-cookie", "b=2"), ("Retry-After", "3")])
    assert headers.get("SET-COOKIE") == "a=1, b=2" and headers["retry-after"] == "3"
    headers["RETRY-AFTER"] = "4"
    assert dict(headers) == {"set-cookie": "a=1, b=2", "RETRY-AFTER": "4"}
