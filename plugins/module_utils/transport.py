# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small HTTP(S) transport on the standard library, for the API client.

It replaces ``requests``, whose import alone cost a module run about 65 ms. It keeps the part of
requests the client used: ``Session.request`` with keep-alive connections, TLS verification against
the default CA store or a CA file/directory, connect and read timeouts, proxies from the environment
(``HTTP_PROXY``, ``HTTPS_PROXY``, ``NO_PROXY``), and ``multipart/form-data`` bodies.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import binascii
import http.client
import json
import os
import select
import socket
import ssl
from urllib.parse import unquote, urlsplit


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


class _Origin(object):
    """One kept-alive connection to a (scheme, host, port), direct or through a proxy."""

    def __init__(self, scheme, host, port, verify, timeout):
        proxy = _proxy_for(scheme, host, port)
        self.proxy_headers = {}
        self.absolute_form = False  # plain http through a proxy: the request line has the whole URL
        if proxy:
            proxy_parts = urlsplit(proxy)
            if proxy_parts.scheme.lower() != "http" or not proxy_parts.hostname:
                raise ConnectError("unsupported proxy %s://%s (only http:// proxies are supported)"
                                   % (proxy_parts.scheme, proxy_parts.hostname))
            if proxy_parts.username is not None:
                credentials = "%s:%s" % (unquote(proxy_parts.username), unquote(proxy_parts.password or ""))
                self.proxy_headers["Proxy-Authorization"] = "Basic " + base64.b64encode(
                    credentials.encode("utf-8")).decode("ascii")
            connect_to = (proxy_parts.hostname, proxy_parts.port or 80)
        else:
            connect_to = (host, port)
        if scheme == "https":
            self.conn = http.client.HTTPSConnection(connect_to[0], connect_to[1], timeout=timeout,
                                                    context=_ssl_context(verify))
            if proxy:
                self.conn.set_tunnel(host, port, headers=self.proxy_headers)
        else:
            self.conn = http.client.HTTPConnection(connect_to[0], connect_to[1], timeout=timeout)
            self.absolute_form = bool(proxy)


class Session(object):
    """Sends requests like ``requests.Session().request``, reusing one connection per origin."""

    def __init__(self):
        self._origins = {}

    def close(self):
        for origin in self._origins.values():
            origin.conn.close()
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
        port = parts.port or (443 if scheme == "https" else 80)
        target = request_target(parts)
        headers = dict(headers or {})
        connect_timeout, read_timeout = _timeouts(timeout)

        key = (scheme, host, port, verify)
        origin = self._origins.get(key)
        if origin is None:
            origin = self._origins[key] = _Origin(scheme, host, port, verify, connect_timeout)
        if origin.absolute_form:
            target = "%s://%s%s" % (scheme, parts.netloc.rpartition("@")[2], target)
            headers.update(origin.proxy_headers)
        conn = origin.conn
        if _is_dropped(conn):
            conn.close()
        if conn.sock is None:
            conn.timeout = connect_timeout
            try:
                conn.connect()
            except ssl.SSLError as exc:  # a certificate error is an SSLError too
                conn.close()
                raise SSLError(str(exc))
            except socket.timeout as exc:
                conn.close()
                raise ConnectTimeout("connecting to %s:%d timed out (%s)" % (host, port, exc))
            except (OSError, http.client.HTTPException) as exc:  # refused, DNS, a failed proxy tunnel
                conn.close()
                raise ConnectError("cannot connect to %s:%d: %s" % (host, port, exc))
        conn.sock.settimeout(read_timeout)
        try:
            # The caller's Host header (it is signed) is kept: http.client adds one only when absent.
            conn.request(method, target, body=data, headers=headers)
            answer = conn.getresponse()
            content = answer.read()
        except socket.timeout as exc:
            conn.close()
            raise ReadTimeout("no answer from %s:%d within %ss (%s)" % (host, port, read_timeout, exc))
        except (OSError, http.client.HTTPException) as exc:  # reset, remote disconnected, bad status line
            conn.close()
            raise ResponseLost("connection to %s:%d lost: %s: %s" % (host, port, type(exc).__name__, exc))
        if answer.will_close:
            conn.close()
        return Response(answer.status, Headers(answer.getheaders()), content, answer.reason)


def _ssl_context(verify):
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
