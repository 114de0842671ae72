"""Request authentication like the cloud: SDK-HMAC-SHA256 AK/SK signatures or an X-Auth-Token.

The verifier rebuilds the canonical request from the request exactly as received
(method, raw path, query string, headers, raw body), following the algorithm of
``huaweicloudsdkcore/signer/signer.py``.
"""
import hashlib
import hmac
import logging
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, quote, unquote

from .errors import ApiError

ALGORITHM = "SDK-HMAC-SHA256"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
MAX_CLOCK_SKEW = timedelta(minutes=15)
EMPTY_HASH = hashlib.sha256(b"").hexdigest()
_AUTH_RE = re.compile(r"^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)$")

log = logging.getLogger(__name__)


def _incorrect(reason):
    log.info("authentication rejected: %s", reason)
    return ApiError("APIG.1002", "Incorrect token or token resolution failed")


def authenticate(request, settings):
    """The caller's ``(account, projects it may use)``; raise ``ApiError`` (401) unless the request
    carries a valid signature or token. A key reaches its account's projects, a token one project."""
    authorization = request.headers.get("Authorization")
    token = request.headers.get("X-Auth-Token")
    if authorization:
        access_key = verify_signature(request, authorization, settings.secrets())
        account = settings.account_of_key(access_key)
        return account, set(account.projects)
    if token:
        known = [t for a in settings.accounts() for t in a.tokens]
        # compare against every token, so the time taken does not tell which one nearly matched
        matches = [t for t in known if hmac.compare_digest(token.encode(), t.encode())]
        if not matches:
            raise _incorrect("unknown token")
        account, project_id = settings.token_scope(matches[0])
        return account, {project_id}
    raise ApiError("APIG.1000", "Token missing. Log in again or try again later.")


def _wire_header(request, name):
    """A header value as the client put it on the wire (the SDK sends UTF-8 bytes)."""
    value = request.headers.get(name)
    if value is None:
        return None
    try:
        value = value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return value.strip()


def canonical_uri(raw_path):
    segments = [quote(s, safe="~") for s in unquote(raw_path).split("/")]
    path = "/".join(segments)
    return path if path.endswith("/") else path + "/"


def canonical_query(raw_query):
    pairs = sorted(parse_qsl(raw_query, keep_blank_values=True))
    return "&".join("%s=%s" % (quote(k, safe="~"), quote(v, safe="~")) for k, v in pairs)


def verify_signature(request, authorization, secrets):
    """The access key of a request whose signature is valid; ``ApiError`` (401) otherwise."""
    match = _AUTH_RE.match(authorization.strip())
    if not match:
        raise _incorrect("malformed Authorization header")
    access_key, signed, signature = match.groups()
    secret = secrets.get(access_key)
    if secret is None:
        raise _incorrect("unknown access key")
    signed_headers = signed.split(";")
    if "host" not in signed_headers:
        raise _incorrect("host is not a signed header")

    sdk_date = request.headers.get("X-Sdk-Date", "")
    try:
        when = datetime.strptime(sdk_date, DATE_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        raise _incorrect("missing or malformed X-Sdk-Date") from None
    if abs(datetime.now(timezone.utc) - when) > MAX_CLOCK_SKEW:
        log.info("authentication rejected: X-Sdk-Date outside the allowed clock skew")
        raise ApiError("APIG.1001", "Session expired. Please try again later.")

    canonical_headers = ""
    for name in signed_headers:
        value = _wire_header(request, name)
        if value is None:
            raise _incorrect("signed header %s is missing" % name)
        canonical_headers += "%s:%s\n" % (name, value)

    body = request.get_data(cache=True)
    payload_hash = EMPTY_HASH
    if body:
        payload_hash = request.headers.get("X-Sdk-Content-Sha256") or hashlib.sha256(body).hexdigest()

    raw_uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
    raw_path = raw_uri.split("?", 1)[0]
    raw_query = request.query_string.decode("latin-1")
    canonical_request = "\n".join([
        request.method.upper(), canonical_uri(raw_path), canonical_query(raw_query),
        canonical_headers, signed, payload_hash])
    string_to_sign = "\n".join([ALGORITHM, sdk_date, hashlib.sha256(canonical_request.encode()).hexdigest()])
    expected = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.lower()):
        raise _incorrect("signature mismatch")
    return access_key
