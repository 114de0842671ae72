"""The standard-library transport against real local servers: keep-alive, what goes on the wire,
the three kinds of failure the client tells apart, TLS verification, proxies, multipart bodies."""
import datetime
import email
import http.server
import ipaddress
import http.client
import json
import shutil
import socket
import ssl
import subprocess
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
    """A forwarding HTTP proxy (absolute-form requests, no CONNECT) that records what it relayed."""
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
