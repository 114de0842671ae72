# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""AK/SK request signing, algorithm ``SDK-HMAC-SHA256``.

A byte-for-byte re-implementation of ``huaweicloudsdkcore.signer.Signer`` using
only the standard library, so modules do not depend on the SDK.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import hmac
from datetime import datetime, timezone
from urllib.parse import quote, unquote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
HEADER_DATE = "X-Sdk-Date"
HEADER_CONTENT = "X-Sdk-Content-Sha256"
HEADER_TOKEN = "X-Security-Token"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
EMPTY_HASH = hashlib.sha256(b"").hexdigest()
# Bodies of these types are hashed; any other declared type (multipart) is not.
HASHED_CONTENT_TYPES = ("application/json", "application/bson")


def _encode(value):
    return quote(value, safe="~")


def _query_value(value):
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def canonical_query(params):
    """Return the canonical query string for ``params``.

    ``params`` is a mapping or a list of ``(key, value)`` pairs.  Keys are sorted,
    list values are sorted and repeated, booleans are lower-case, ``None`` values
    are dropped and everything is percent-encoded with ``%20`` for spaces.  Send
    exactly this string: it is the one :func:`sign` signs.
    """
    pairs = params.items() if hasattr(params, "items") else params
    parts = []
    for key, value in sorted((k, v) for k, v in pairs if v is not None):
        values = sorted(value) if isinstance(value, (list, tuple)) else [_query_value(value)]
        parts.extend("%s=%s" % (_encode(key), _encode(str(v))) for v in values)
    return "&".join(parts)


def canonical_uri(path):
    """The signed form of a URL path: decoded, re-encoded per segment, ending in ``/``."""
    uri = "/".join(_encode(segment) for segment in unquote(path or "/").split("/"))
    return uri if uri.endswith("/") else uri + "/"


def _header(headers, name):
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _payload_hash(body, headers):
    if not body:
        return EMPTY_HASH
    if _header(headers, HEADER_CONTENT):
        return _header(headers, HEADER_CONTENT)
    return hashlib.sha256(body).hexdigest()


def sign(method, url, headers, body, access_key, secret_key, now=None, security_token=None):
    """Sign a request and return the headers to send with it.

    ``url`` is the full URL to send; its query string must already be canonical
    (built with :func:`canonical_query`), it is signed verbatim.  ``body`` is
    ``bytes``, ``str`` or ``None``.  The returned dict is a copy of ``headers``
    plus ``X-Sdk-Date``, ``Host``, ``Authorization`` and, when needed,
    ``X-Security-Token`` and ``X-Sdk-Content-Sha256``.
    """
    parts = urlsplit(url)
    signed = dict(headers or {})
    if isinstance(body, str):
        body = body.encode("utf-8")
    if security_token:
        signed[HEADER_TOKEN] = security_token
    content_type = _header(signed, "Content-Type")
    if content_type and not content_type.startswith(HASHED_CONTENT_TYPES):
        signed[HEADER_CONTENT] = UNSIGNED_PAYLOAD
    date = _header(signed, HEADER_DATE)
    if date is None:
        date = (now or datetime.now(timezone.utc)).strftime(DATE_FORMAT)
        signed[HEADER_DATE] = date
    if _header(signed, "Host") is None:
        signed["Host"] = parts.netloc

    canonical_headers = {}
    for key in signed:
        value = str(signed[key]).strip()
        canonical_headers[key.lower()] = value
        # http.client sends str headers as latin-1: this makes it send UTF-8 bytes.
        signed[key] = value.encode("utf-8").decode("iso-8859-1")
    # Like the SDK: every header is signed except those with "_" in the name.
    signed_names = sorted(key.lower() for key in signed if "_" not in key)

    canonical_request = "\n".join([
        method.upper(),
        canonical_uri(parts.path),
        parts.query,
        "".join("%s:%s\n" % (name, canonical_headers[name]) for name in signed_names),
        ";".join(signed_names),
        _payload_hash(body, signed),
    ])
    string_to_sign = "\n".join([
        ALGORITHM, date, hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()])
    signature = hmac.new(secret_key.encode("utf-8"), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    signed["Authorization"] = "%s Access=%s, SignedHeaders=%s, Signature=%s" % (
        ALGORITHM, access_key, ";".join(signed_names), signature)
    return signed
