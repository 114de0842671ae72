# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP client every module uses to talk to the APIG V2 API."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import random
import time
from urllib.parse import quote

from ansible_collections.huaweicloud.apig.plugins.module_utils import transport
from ansible_collections.huaweicloud.apig.plugins.module_utils.signer import canonical_query, sign

USER_AGENT = "huaweicloud.apig-ansible-collection"
JSON_CONTENT_TYPE = "application/json;charset=UTF-8"
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
# Throttled (9008) and route-sync failures (3500, 3711) clear up on their own.
RETRY_ERROR_CODES = frozenset(("APIG.9008", "APIG.3500", "APIG.3711"))
# A feature changes at most once a minute (APIG.3711): a short backoff would spend every retry
# inside that minute, so without a Retry-After these wait the longest delay.
SLOW_RETRY_ERROR_CODES = frozenset(("APIG.3711",))
# Methods the server can safely receive twice; a lost POST may have created something.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "DELETE"))
# Answers that say the request was refused before any work: a POST may be re-sent after them.
REFUSED_STATUSES = frozenset((429,))
REFUSED_ERROR_CODES = frozenset(("APIG.9008",))
RETRY_BASE_DELAY = 1.0
MAX_ERROR_TEXT = 500


class APIGError(Exception):
    """A failed API call: HTTP status, APIG error code and message, request id."""

    def __init__(self, message, status=None, error_code=None, error_msg=None, request_id=None,
                 method=None, url=None):
        super(APIGError, self).__init__(message)
        self.message = message
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.method = method
        self.url = url

    def __str__(self):
        if self.error_msg and self.error_code:
            return "%s (%s)" % (self.error_msg, self.error_code)
        return self.message

    def to_dict(self):
        return {
            "status": self.status,
            "error_code": self.error_code,
            "error_msg": self.error_msg,
            "request_id": self.request_id,
            "method": self.method,
            "url": self.url,
        }


class WriteInCheckMode(APIGError):
    """A read-only (check mode) client was asked to write; nothing was sent."""


def _parse_error_body(response):
    """Return (error_code, error_msg) from any of the error body shapes the API uses."""
    try:
        data = response.json()
    except ValueError:
        return None, (response.text or "").strip()[:MAX_ERROR_TEXT] or None
    if isinstance(data, dict):
        nested = data.get("error")
        if isinstance(nested, dict):
            return nested.get("code"), nested.get("message")
        if "error_code" in data or "error_msg" in data:
            return data.get("error_code"), data.get("error_msg")
    return None, json.dumps(data)[:MAX_ERROR_TEXT]


def _retry_after(response):
    try:
        return max(0.0, float(response.headers.get("Retry-After")))
    except (TypeError, ValueError):
        return None


def _connect_failed(exc):
    """True when the connection was never made, so nothing reached the server."""
    return isinstance(exc, transport.ConnectError)


class APIGClient(object):
    """Signed (AK/SK) or token-authenticated calls to ``/v2/{project_id}/apigw/...``.

    Retries throttling, server errors and connection failures with capped,
    fully jittered exponential backoff, re-signing every attempt.
    """

    def __init__(self, project_id, endpoint=None, region=None, access_key=None, secret_key=None,
                 security_token=None, auth_token=None, validate_certs=True, timeout=30,
                 max_retries=5, retry_max_delay=30.0, read_only=False, session=None, sleep=time.sleep,
                 ca_path=None):
        if endpoint:
            self.base_url = endpoint.rstrip("/")
        elif region:
            self.base_url = "https://apig.%s.myhuaweicloud.com" % region
        else:
            raise APIGError("one of endpoint or region is required")
        if not (access_key and secret_key) and not auth_token:
            raise APIGError("access_key and secret_key, or auth_token, are required")
        self.project_id = project_id
        self.access_key = access_key
        self._secret_key = secret_key
        self._security_token = security_token
        self._auth_token = auth_token
        self.validate_certs = validate_certs
        # The transport's ``verify``: a CA bundle file (or directory) to trust, or whether to verify at all
        self.verify = (ca_path or True) if validate_certs else False
        self.timeout = timeout
        self.max_retries = max_retries
        self.retry_max_delay = retry_max_delay
        self.read_only = read_only
        self.session = session if session is not None else transport.Session()
        self._sleep = sleep

    def path(self, *segments):
        """``/v2/{project_id}/apigw/<segments>``, each segment URL-quoted."""
        return "/" + "/".join(quote(str(s), safe="") for s in ("v2", self.project_id, "apigw") + segments)

    def get(self, path, query=None):
        return self.request("GET", path, query=query)

    def post(self, path, body=None, files=None, recover=None):
        if recover is None:
            return self.request("POST", path, body=body, files=files)
        return self.request("POST", path, body=body, files=files, recover=recover)

    def put(self, path, body=None):
        return self.request("PUT", path, body=body)

    def read_post(self, path, body=None, query=None):
        """A POST that only reads (an OpenAPI export): sent in check mode too, re-sent like a GET."""
        return self.request("POST", path, query=query, body=body, reads=True)

    def delete(self, path, query=None):
        return self.request("DELETE", path, query=query)

    def list_all(self, path, list_key, query=None, page_size=500):
        """Every item of a paged list: walks ``offset`` until ``total`` items or a short page."""
        items = []
        while True:
            page_query = dict(query or {}, offset=len(items), limit=page_size)
            page = self.get(path, page_query) or {}
            batch = page.get(list_key) or []
            items.extend(batch)
            total = page.get("total")
            if len(batch) < page_size or (total is not None and len(items) >= total):
                return items

    def request(self, method, path, query=None, body=None, files=None, recover=None, reads=False):
        """Send one API call and return its parsed JSON (text for non-JSON, None when empty).

        ``files`` sends ``multipart/form-data`` (fields as accepted by
        ``transport.encode_multipart_formdata``, urllib3's format) instead of a JSON ``body``.
        ``recover`` (for a POST that creates something): called when the POST may or may not
        have been applied (no answer, or a 5xx after it reached the server); it returns what the
        POST created, found by a lookup, or None, and then the POST is sent again. Without it
        such a POST is not re-sent after a lost answer.
        A DELETE re-sent after such an answer that then finds nothing (404) had worked.
        ``reads``: the call changes nothing whatever its method (see ``read_post``).
        """
        method = method.upper()
        query_string = canonical_query(query or {})
        url = self.base_url + path + ("?" + query_string if query_string else "")
        if self.read_only and method != "GET" and not reads:
            raise WriteInCheckMode("refusing to send %s in check mode" % method, method=method, url=url)
        data, content_type = self._encode_body(body, files)

        uncertain = False  # an earlier attempt may have been applied
        for attempt in range(max(0, self.max_retries) + 1):
            can_retry = attempt < self.max_retries
            try:
                response = self.session.request(
                    method, url, headers=self._headers(method, url, data, content_type), data=data,
                    timeout=self.timeout, verify=self.verify, allow_redirects=False)
            except transport.SSLError as exc:
                raise APIGError("TLS error: %s" % exc, error_code="ssl_error", method=method, url=url)
            except transport.TransportError as exc:
                reached = not _connect_failed(exc)
                uncertain = uncertain or reached
                # A POST that may have reached the server is not re-sent blindly: the caller's
                # lookup says whether it was applied.
                if reached and method not in IDEMPOTENT_METHODS and not reads:
                    found = recover() if recover else None
                    if found is not None:
                        return found
                    if recover is None or not can_retry:
                        raise APIGError("no response to %s %s, it may or may not have been applied: %s"
                                        % (method, path, exc), error_code="timeout", method=method, url=url)
                if not can_retry:
                    raise APIGError("%s %s failed after %d attempts: %s" % (method, path, attempt + 1, exc),
                                    error_code="connection_error", method=method, url=url)
                self._sleep(self._backoff(attempt))
                continue

            if 200 <= response.status_code < 300:
                return self._parse_success(response)
            if uncertain and method == "DELETE" and response.status_code == 404:
                return None
            error = self._error(response, method, url)
            refused = response.status_code in REFUSED_STATUSES or error.error_code in REFUSED_ERROR_CODES
            if recover and response.status_code >= 500 and not refused:
                found = recover()
                if found is not None:
                    return found
            uncertain = uncertain or (response.status_code >= 500 and not refused)
            if can_retry and (response.status_code in RETRY_STATUSES or error.error_code in RETRY_ERROR_CODES):
                delay = _retry_after(response)
                if delay is None and error.error_code in SLOW_RETRY_ERROR_CODES:
                    delay = self.retry_max_delay
                self._sleep(min(delay, self.retry_max_delay) if delay is not None else self._backoff(attempt))
                continue
            raise error

    def _encode_body(self, body, files):
        if files is not None:
            return transport.encode_multipart_formdata(files)
        if body is None:
            return None, None
        return json.dumps(body, ensure_ascii=False).encode("utf-8"), JSON_CONTENT_TYPE

    def _headers(self, method, url, data, content_type):
        headers = {"User-Agent": USER_AGENT, "X-Project-Id": self.project_id}
        if content_type:
            headers["Content-Type"] = content_type
        if self._auth_token:
            headers["X-Auth-Token"] = self._auth_token
            return headers
        return sign(method, url, headers, data, self.access_key, self._secret_key,
                    security_token=self._security_token)

    def _backoff(self, attempt):
        return random.uniform(0, min(self.retry_max_delay, RETRY_BASE_DELAY * 2 ** attempt))

    @staticmethod
    def _parse_success(response):
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            return response.text

    @staticmethod
    def _error(response, method, url):
        error_code, error_msg = _parse_error_body(response)
        message = "%s %s returned HTTP %s" % (method, url, response.status_code)
        if error_msg:
            message += ": " + str(error_msg)
        return APIGError(message, status=response.status_code, error_code=error_code, error_msg=error_msg,
                         request_id=response.headers.get("X-Request-Id"), method=method, url=url)
