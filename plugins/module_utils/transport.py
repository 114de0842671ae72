# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small HTTP/1.1 client written on ``socket``, for the API client.

It replaces ``requests``, whose import alone cost a module run about 65 ms, and then ``http.client``,
whose import (it pulls in ``email`` and ``ssl``) cost every module run about 8 ms more: every task
starts a module, so its start-up is most of a converged task's time. ``ssl`` is imported only when
an https origin is first connected. It keeps the part of requests the client used:
``Session.request`` with keep-alive connections, TLS verification against the default CA store or a
CA file/directory, connect and read timeouts, proxies from the environment (``HTTP_PROXY``,
``HTTPS_PROXY``, ``NO_PROXY``; https goes through a ``CONNECT`` tunnel), and ``multipart/form-data``
bodies. It reads what an HTTP/1.x server answers: interim 1xx answers are skipped, a body is
``chunked``, ``Content-Length`` long, or ends where the server closes the connection.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import json
import os
import select
import socket
from urllib.parse import unquote, urlsplit

_MAX_LINE = 65536  # the longest status, header or chunk-size line accepted (as http.client)
_MAX_HEADERS = 100  # the most header lines in one answer (as http.client)
_READ_PIECE = 1 << 20  # a body is read in pieces: a huge announced length allocates nothing up front
_HEX = b"0123456789abcdefABCDEF"
# Sent "Content-Length: 0" when they have no body, as http.client does (some servers want a length).
_LENGTH_REQUIRED = frozenset(("POST", "PUT", "PATCH"))


class TransportError(Exception):
    """No HTTP answer was received."""


class SSLError(TransportError):
    """The TLS handshake failed (an untrusted certificate, a protocol mismatch): nothing was sent."""


class ConnectError(TransportError):
    """The connection was never made (refused, unreachable, unknown host): nothing reached the server."""


class ConnectTimeout(ConnectError):
    """The connection was not made within the timeout."""


class ResponseLost(TransportError):
    """The connection failed after the request was (perhaps) sent: it may have reached the server."""


class ReadTimeout(ResponseLost):
    """No answer within the timeout once the request was sent."""


class _BadAnswer(Exception):
    """What came back is not a whole HTTP answer: a garbage status line, a body cut short."""


class _RemoteDisconnected(_BadAnswer):
    """The server closed the connection before the status line (http.client's name for it)."""


class Headers(dict):
    """Response headers, looked up by any case of their name; a repeated header's values joined by ", "."""

    def __init__(self, items=()):
        super(Headers, self).__init__()
        self._names = {}
        for name, value in (items.items() if isinstance(items, dict) else items):
            self.add(name, value)

    def add(self, name, value):
        """Set ``name``, or append ``value`` to it when it is already there (a repeated header)."""
        if name in self:
            value = self[name] + ", " + value
        self[name] = value

    def __setitem__(self, name, value):
        old = self._names.pop(name.lower(), None)
        if old is not None:
            dict.__delitem__(self, old)
        self._names[name.lower()] = name
        dict.__setitem__(self, name, value)

    def __getitem__(self, name):
        return dict.__getitem__(self, self._names[name.lower()])

    def __delitem__(self, name):
        dict.__delitem__(self, self._names.pop(name.lower()))

    def __contains__(self, name):
        return isinstance(name, str) and name.lower() in self._names

    def get(self, name, default=None):
        return self[name] if name in self else default

    def setdefault(self, name, default=None):
        if name not in self:
            self[name] = default
        return self[name]


class Response(object):
    """What the client reads of an answer: ``status_code``, ``headers``, ``content``, ``text``, ``json()``."""

    def __init__(self, status_code, headers=None, content=b"", reason=None):
        self.status_code = status_code
        self.headers = headers if isinstance(headers, Headers) else Headers(headers or {})
        self.content = content
        self.reason = reason

    @property
    def encoding(self):
        for param in (self.headers.get("Content-Type") or "").split(";")[1:]:
            name, dummy, value = param.strip().partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None

    @property
    def text(self):
        try:
            return self.content.decode(self.encoding or "utf-8", "replace")
        except LookupError:  # an unknown charset
            return self.content.decode("utf-8", "replace")

    def json(self):
        """The body parsed as JSON; ``ValueError`` when it is not JSON."""
        if self.encoding:
            return json.loads(self.text)
        return json.loads(self.content)


def encode_multipart_formdata(fields, boundary=None):
    """``(body, content_type)`` of ``fields`` as ``multipart/form-data``.

    ``fields``: a dict or a list of (name, value) pairs; a value is text, bytes, or a file as a
    ``(filename, data)`` or ``(filename, data, content_type)`` tuple (urllib3's format).
    """
    boundary = boundary or binascii.hexlify(os.urandom(16)).decode("ascii")
    parts = [_part(name, value) for name, value in (fields.items() if isinstance(fields, dict) else fields)]
    body = b"".join(b"--" + boundary.encode("ascii") + b"\r\n" + part + b"\r\n" for part in parts)
    body += b"--" + boundary.encode("ascii") + b"--\r\n"
    return body, "multipart/form-data; boundary=%s" % boundary


def _part(name, value):
    disposition = 'form-data; name="%s"' % _quote_param(name)
    content_type = None
    if isinstance(value, tuple):
        disposition += '; filename="%s"' % _quote_param(value[0])
        content_type = value[2] if len(value) > 2 and value[2] else "application/octet-stream"
        value = value[1]
    if not isinstance(value, bytes):
        value = str(value).encode("utf-8")
    head = "Content-Disposition: %s\r\n" % disposition
    if content_type:
        head += "Content-Type: %s\r\n" % content_type
    return head.encode("utf-8") + b"\r\n" + value


def _quote_param(value):
    # The HTML5 form encoding of a name or filename (what urllib3 does by default).
    return str(value).replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _proxy_for(scheme, host, port):
    """The proxy URL for a request to ``scheme://host:port``, or None (environment, as requests reads it)."""
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        return None  # the common case, without importing urllib.request (~1.5 ms of every run)
    import urllib.request  # pylint: disable=import-outside-toplevel
    proxies = urllib.request.getproxies()
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    if urllib.request.proxy_bypass(host) or urllib.request.proxy_bypass("%s:%d" % (host, port)):
        return None
    return proxy if "://" in proxy else "http://" + proxy


def request_target(url):
    """The path and query sent on the request line for ``url``, exactly as given (nothing re-encoded)."""
    parts = urlsplit(url) if isinstance(url, str) else url
    return (parts.path or "/") + ("?" + parts.query if parts.query else "")


def _timeouts(timeout):
    """(connect, read) seconds from a number or a pair (None: no limit)."""
    if isinstance(timeout, (tuple, list)):
        return timeout[0], timeout[1]
    return timeout, timeout


def _is_dropped(conn):
    """True when an idle kept-alive connection was closed by the server (it is readable: EOF)."""
    sock = conn.sock
    if sock is None:
        return False
    try:
        readable = select.select([sock], [], [], 0)[0]
    except (OSError, ValueError):
        return True
    return bool(readable)


def _bracketed(host):
    return "[%s]" % host if ":" in host else host  # an IPv6 address


def _request_head(method, target, headers, body, authority):
    """The request line and headers as bytes: the caller's, plus what http.client adds when absent."""
    names = set(name.lower() for name in headers)
    lines = ["%s %s HTTP/1.1" % (method, target)]
    if "host" not in names:  # the caller's Host is signed: it is never replaced
        lines.append("Host: " + authority)
    if "accept-encoding" not in names:
        lines.append("Accept-Encoding: identity")  # this client does not decompress
    if "content-length" not in names and (body is not None or method in _LENGTH_REQUIRED):
        lines.append("Content-Length: %d" % len(body or b""))
    lines.extend("%s: %s" % item for item in headers.items())
    if any("\r" in line or "\n" in line for line in lines):  # (not shown: a header may hold a token)
        raise ValueError("a line break in the request line or a header value")
    # latin-1, as http.client: the signer hands over UTF-8 header values decoded as latin-1.
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _read_line(reader):
    line = reader.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise _BadAnswer("a line longer than %d bytes" % _MAX_LINE)
    return line


def _read_headers(reader):
    """The header lines up to the empty line; a folded (obs-fold) line continues the one before."""
    headers = Headers()
    name = None
    for dummy in range(_MAX_HEADERS + 1):
        line = _read_line(reader)
        if line in (b"\r\n", b"\n"):
            return headers
        if not line:
            raise _BadAnswer("the connection closed in the headers")
        text = line.decode("latin-1").strip()
        if line[:1] in (b" ", b"\t") and name:
            headers[name] = headers[name] + " " + text
            continue
        name, sep, value = text.partition(":")
        name = name.strip() if sep else None  # a line without a colon is dropped
        if name:
            headers.add(name, value.strip())
    raise _BadAnswer("more than %d header lines" % _MAX_HEADERS)


def _read_head(reader):
    """(version, status, reason, headers) of the final answer: interim 1xx answers are skipped."""
    while True:
        line = _read_line(reader)
        if not line:
            raise _RemoteDisconnected("the server closed the connection without an answer")
        version, code, reason = (line.decode("latin-1").split(None, 2) + ["", "", ""])[:3]
        status = int(code) if len(code) == 3 and code.isascii() and code.isdigit() else 0
        if not version.startswith("HTTP/1.") or status < 100:
            raise _BadAnswer("not an HTTP status line: %r" % line[:80])
        headers = _read_headers(reader)
        if status >= 200:
            return version, status, reason.strip(), headers


def _read_exactly(reader, size):
    pieces = []
    while size > 0:
        piece = reader.read(min(size, _READ_PIECE))
        if not piece:
            raise _BadAnswer("the connection closed %d bytes before the end of the body" % size)
        pieces.append(piece)
        size -= len(piece)
    return b"".join(pieces)


def _read_chunked(reader):
    """A ``Transfer-Encoding: chunked`` body; chunk extensions and trailers are dropped."""
    chunks = []
    while True:
        line = _read_line(reader)
        if not line:
            raise _BadAnswer("the connection closed before the last chunk")
        size = line.split(b";", 1)[0].strip()
        if not size or size.strip(_HEX):  # int(x, 16) would take "-1", "0x1" or "1_0"
            raise _BadAnswer("not a chunk size: %r" % size[:80])
        size = int(size, 16)
        if not size:
            break
        chunks.append(_read_exactly(reader, size))
        if _read_line(reader) not in (b"\r\n", b"\n"):
            raise _BadAnswer("a chunk longer than its size")
    _read_headers(reader)  # the trailer, up to its empty line
    return b"".join(chunks)


def _read_answer(reader, method):
    """(status, reason, headers, content, keep_alive) of the answer to a ``method`` request."""
    version, status, reason, headers = _read_head(reader)
    tokens = set(token.strip().lower() for token in headers.get("Connection", "").split(","))
    keep_alive = "close" not in tokens and (version != "HTTP/1.0" or "keep-alive" in tokens)
    if method == "HEAD" or status in (204, 304):
        content = b""
    elif "chunked" in headers.get("Transfer-Encoding", "").lower():
        content = _read_chunked(reader)
    elif "Content-Length" in headers:
        # A repeated header is joined by ", ": the same length twice is still that length.
        lengths = set(value.strip() for value in headers["Content-Length"].split(","))
        length = lengths.pop()
        if lengths or not (length.isascii() and length.isdigit()):
            raise _BadAnswer("not a Content-Length: %r" % headers["Content-Length"])
        content = _read_exactly(reader, int(length))
    else:  # the body ends where the server closes the connection
        content, keep_alive = reader.read(), False
    return status, reason, headers, content, keep_alive


class _Origin(object):
    """One kept-alive connection to a (scheme, host, port), direct or through a proxy."""

    def __init__(self, scheme, host, port, verify):
        self.host, self.port = host, port
        self.sock = self.reader = None
        proxy = _proxy_for(scheme, host, port)
        self.proxy_headers = {}
        self.absolute_form = False  # plain http through a proxy: the request line has the whole URL
        self.tunnel = False  # https through a proxy: CONNECT, then TLS inside the tunnel
        if proxy:
            proxy_parts = urlsplit(proxy)
            if proxy_parts.scheme.lower() != "http" or not proxy_parts.hostname:
                raise ConnectError("unsupported proxy %s://%s (only http:// proxies are supported)"
                                   % (proxy_parts.scheme, proxy_parts.hostname))
            if proxy_parts.username is not None:
                credentials = "%s:%s" % (unquote(proxy_parts.username), unquote(proxy_parts.password or ""))
                self.proxy_headers["Proxy-Authorization"] = "Basic " + base64.b64encode(
                    credentials.encode("utf-8")).decode("ascii")
            self.address = (proxy_parts.hostname, proxy_parts.port or 80)
            self.absolute_form, self.tunnel = scheme == "http", scheme == "https"
        else:
            self.address = (host, port)
        self.context = _ssl_context(verify) if scheme == "https" else None

    def connect(self, timeout):
        """Open the connection, the tunnel and TLS. Raises OSError, ``_BadAnswer``, ``SSLError`` or
        ``ConnectError``: in any case nothing was sent to the origin."""
        sock = socket.create_connection(self.address, timeout)
        try:
            # The head and body go out in one sendall: Nagle's algorithm would only delay its end.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tunnel:
                self._open_tunnel(sock)
            if self.context is not None:
                import ssl  # pylint: disable=import-outside-toplevel
                try:
                    sock = self.context.wrap_socket(sock, server_hostname=self.host)
                except ssl.SSLError as exc:  # a certificate error is an ssl.SSLError too
                    raise SSLError(str(exc))
        except BaseException:
            sock.close()
            raise
        self.sock, self.reader = sock, sock.makefile("rb")

    def _open_tunnel(self, sock):
        authority = "%s:%d" % (_bracketed(self.host), self.port)
        head = "CONNECT %s HTTP/1.1\r\nHost: %s\r\n" % (authority, authority)
        head += "".join("%s: %s\r\n" % item for item in self.proxy_headers.items())
        sock.sendall((head + "\r\n").encode("latin-1"))
        # The proxy sends nothing after its answer until TLS starts: this reader buffers nothing more.
        with sock.makefile("rb") as reader:
            status, reason = _read_head(reader)[1:3]
        if status // 100 != 2:
            raise ConnectError("the proxy refused a tunnel to %s: %d %s" % (authority, status, reason))

    def close(self):
        if self.reader is not None:
            self.reader.close()
        if self.sock is not None:
            self.sock.close()
        self.sock = self.reader = None


class Session(object):
    """Sends requests like ``requests.Session().request``, reusing one connection per origin."""

    def __init__(self):
        self._origins = {}

    def close(self):
        for origin in self._origins.values():
            origin.close()
        self._origins.clear()

    def request(self, method, url, headers=None, data=None, timeout=None, verify=True, allow_redirects=False):
        """Send one request and read its whole answer (redirects are never followed).

        ``verify``: True (the default CA store), False (no verification), or a CA file or directory.
        ``timeout``: seconds, or (connect, read). Raises ``SSLError``, ``ConnectError`` (nothing was
        sent), or ``ResponseLost`` (the request may have reached the server).
        """
        del allow_redirects  # never followed; the argument mirrors requests'
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise ConnectError("unsupported URL %s" % url)
        host = parts.hostname
        default_port = 443 if scheme == "https" else 80
        port = parts.port or default_port
        target = request_target(parts)
        headers = dict(headers or {})
        if isinstance(data, str):
            data = data.encode("utf-8")
        connect_timeout, read_timeout = _timeouts(timeout)

        key = (scheme, host, port, verify)
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin(scheme, host, port, verify)
        if origin.absolute_form:
            target = "%s://%s%s" % (scheme, parts.netloc.rpartition("@")[2], target)
            headers.update(origin.proxy_headers)
        authority = _bracketed(host) + (":%d" % port if port != default_port else "")
        message = _request_head(method, target, headers, data, authority) + (data or b"")
        if _is_dropped(origin):
            origin.close()
        if origin.sock is None:
            try:
                origin.connect(connect_timeout)
            except socket.timeout as exc:
                raise ConnectTimeout("connecting to %s:%d timed out (%s)" % (host, port, exc))
            except (OSError, _BadAnswer) as exc:  # refused, DNS, a proxy that does not speak HTTP
                raise ConnectError("cannot connect to %s:%d: %s" % (host, port, exc))
        origin.sock.settimeout(read_timeout)
        try:
            origin.sock.sendall(message)
            status, reason, answer_headers, content, keep_alive = _read_answer(origin.reader, method)
        except socket.timeout as exc:
            origin.close()
            raise ReadTimeout("no answer from %s:%d within %ss (%s)" % (host, port, read_timeout, exc))
        except (OSError, _BadAnswer) as exc:  # reset, closed without an answer, not HTTP, a body cut short
            origin.close()
            raise ResponseLost("connection to %s:%d lost: %s: %s"
                               % (host, port, type(exc).__name__.lstrip("_"), exc))
        if not keep_alive:
            origin.close()
        return Response(status, answer_headers, content, reason)


def _ssl_context(verify):
    # Imported here: only https needs it, and its import is ~4 ms of every module run's start-up.
    import ssl  # pylint: disable=import-outside-toplevel
    try:
        if verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        if verify is True or verify is None:
            return ssl.create_default_context()
        if os.path.isdir(verify):
            return ssl.create_default_context(capath=verify)
        return ssl.create_default_context(cafile=verify)
    except (OSError, ValueError) as exc:  # a missing or unreadable CA file (ssl.SSLError is an OSError)
        raise SSLError("cannot load the CA certificates %s: %s" % (verify, exc))
