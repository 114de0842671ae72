"""APIGClient against a scripted fake transport: retries, errors, paging, auth headers."""
import json
import socket
from urllib.parse import parse_qsl, urlsplit

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest

from ansible_collections.huaweicloud.apig.plugins.module_utils import client as client_module, transport
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, APIGError, WriteInCheckMode

PROJECT = "0123456789abcdef0123456789abcdef"
AK = "HPUAFAKEACCESSKEY001"
SK = "fake-secret-key-never-in-output"
TOKEN = "fake-security-token-never-in-output"
AUTH_TOKEN = "fake-iam-token-never-in-output"
ENDPOINT = "https://apig.example.test:8443/"


def response(status=200, body=None, headers=None, text=None):
    resp = transport.Response(status, headers or {})
    if text is not None:
        resp.content = text.encode("utf-8")
    elif body is not None:
        resp.content = json.dumps(body).encode("utf-8")
        resp.headers.setdefault("Content-Type", "application/json")
    return resp


def refused():
    """What the transport raises when nothing listens on the port."""
    return transport.ConnectError("cannot connect to apig.example.test:8443: [Errno 111] Connection refused")


def aborted():
    """What the transport raises when the server drops the connection after the request was sent."""
    return transport.ResponseLost("connection to apig.example.test:8443 lost: ConnectionResetError: [Errno 104]")


class FakeSession:
    """Plays scripted outcomes (responses or exceptions) and records every request."""

    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.calls = []

    def request(self, method, url, headers=None, data=None, timeout=None, verify=None, allow_redirects=None):
        # What the transport really puts on the wire for this URL (test_transport.py checks it on a server).
        wire_url = "%s://%s%s" % (urlsplit(url).scheme, urlsplit(url).netloc, transport.request_target(url))
        self.calls.append(dict(method=method, url=url, wire_url=wire_url, headers=dict(headers),
                               data=data, timeout=timeout, verify=verify))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def make(*outcomes, **kwargs):
    session = FakeSession(*outcomes)
    sleeps = Sleeps()
    options = dict(project_id=PROJECT, endpoint=ENDPOINT, access_key=AK, secret_key=SK,
                   session=session, sleep=sleeps)
    options.update(kwargs)
    return APIGClient(**options), session, sleeps


def assert_no_secret(*texts):
    for text in texts:
        for secret in (SK, TOKEN, AUTH_TOKEN, "Signature="):
            assert secret not in text


# -- construction and paths ------------------------------------------------------------------

def test_base_url_from_endpoint_or_region():
    assert make()[0].base_url == "https://apig.example.test:8443"
    assert make(endpoint=None, region="cn-north-4")[0].base_url == "https://apig.cn-north-4.myhuaweicloud.com"
    with pytest.raises(APIGError, match="endpoint or region"):
        make(endpoint=None)
    with pytest.raises(APIGError, match="auth_token"):
        make(secret_key=None)


def test_path_quotes_each_segment():
    api = make()[0]
    assert api.path("instances", "i-1", "api-groups") == "/v2/%s/apigw/instances/i-1/api-groups" % PROJECT
    assert api.path("envs", "a b/c", "名") == "/v2/%s/apigw/envs/a%%20b%%2Fc/%%E5%%90%%8D" % PROJECT


# -- success bodies and auth headers ---------------------------------------------------------

@pytest.mark.parametrize("resp, expected", [
    (response(200, {"id": "g1"}), {"id": "g1"}),
    (response(201, [1, 2]), [1, 2]),
    (response(204), None),
    (response(200), None),
    (response(200, text="openapi: 3.0.0\n"), "openapi: 3.0.0\n"),
])
def test_success_bodies(resp, expected):
    api, session, _ = make(resp)
    assert api.get("/x") == expected


def test_aksk_request_headers_and_json_body():
    api, session, _ = make(response(201, {"id": "g1"}), timeout=7, validate_certs=False)
    assert api.post(api.path("instances", "i", "api-groups"), {"name": "组", "remark": None}) == {"id": "g1"}
    call = session.calls[0]
    headers = call["headers"]
    assert headers["Content-Type"] == "application/json;charset=UTF-8"
    assert headers["X-Project-Id"] == PROJECT
    assert "huaweicloud.apig" in headers["User-Agent"]
    assert headers["Host"] == "apig.example.test:8443"
    assert headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=%s, " % AK)
    assert "X-Auth-Token" not in headers and "X-Security-Token" not in headers
    assert json.loads(call["data"].decode("utf-8")) == {"name": "组", "remark": None}
    assert call["timeout"] == 7 and call["verify"] is False


def test_security_token_is_sent_and_signed():
    api, session, _ = make(response(200, {}), security_token=TOKEN)
    api.get("/x")
    headers = session.calls[0]["headers"]
    assert headers["X-Security-Token"] == TOKEN
    assert "x-security-token" in headers["Authorization"]


def test_token_auth_headers():
    api, session, _ = make(response(200, {}), access_key=None, secret_key=None, auth_token=AUTH_TOKEN)
    api.get("/x", {"a": 1})
    headers = session.calls[0]["headers"]
    assert headers["X-Auth-Token"] == AUTH_TOKEN
    assert headers["X-Project-Id"] == PROJECT
    assert "Authorization" not in headers and "X-Sdk-Date" not in headers
    assert "Content-Type" not in headers


def test_multipart_files_are_sent_unsigned_payload():
    api, session, _ = make(response(200, {"success": []}))
    api.post("/import", files={"file_name": ("api.yaml", b"swagger: '2.0'\n", "application/x-yaml"),
                               "is_create_group": "true"})
    headers = session.calls[0]["headers"]
    assert headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert headers["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert b"swagger: '2.0'" in session.calls[0]["data"]


def test_query_sent_is_the_query_signed():
    """The URL on the wire, checked by the official SDK signer, yields our Authorization."""
    api, session, _ = make(response(200, {}))
    api.get(api.path("instances", "i 1", "apis"),
            {"name": "my api/名", "precise_search": "name", "flag": True, "skip": None, "limit": 500,
             "empty": ""})
    call = session.calls[0]
    assert call["wire_url"] == call["url"]  # the transport does not re-encode it
    parts = urlsplit(call["url"])
    assert parts.query == "empty=&flag=true&limit=500&name=my%20api%2F%E5%90%8D&precise_search=name"
    headers = {k: v for k, v in call["headers"].items() if k != "Authorization"}
    sdk = SdkRequest(method="GET", schema="https", host=parts.netloc, resource_path=parts.path,
                     query_params=parse_qsl(parts.query, keep_blank_values=True), header_params=headers)
    BasicCredentials(AK, SK).sign_request(sdk)
    assert sdk.header_params["Authorization"] == call["headers"]["Authorization"]
    assert sdk.url == call["url"]


# -- check mode ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_read_only_blocks_writes_before_sending(method):
    api, session, _ = make(read_only=True)
    with pytest.raises(WriteInCheckMode) as info:
        getattr(api, method)("/x")
    assert session.calls == []
    assert info.value.method == method.upper()


def test_read_only_allows_reads():
    api, session, _ = make(response(200, {"total": 0}), read_only=True)
    assert api.get("/x") == {"total": 0}


# -- retries ---------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_retries_retryable_statuses(status):
    api, session, sleeps = make(response(status, {"error_code": "APIG.0000", "error_msg": "busy"}),
                                response(201, {"id": "x"}))
    assert api.post("/x", {"name": "a"}) == {"id": "x"}
    assert len(session.calls) == 2 and len(sleeps) == 1


@pytest.mark.parametrize("code", ["APIG.9008", "APIG.3500", "APIG.3711"])
def test_retries_retryable_error_codes(code):
    api, session, sleeps = make(response(400, {"error_code": code, "error_msg": "try again"}),
                                response(200, {"ok": True}))
    assert api.put("/x", {"a": 1}) == {"ok": True}
    assert len(session.calls) == 2 and len(sleeps) == 1


def test_each_attempt_is_signed_again(monkeypatch):
    signed = []
    real_sign = client_module.sign

    def counting_sign(*args, **kwargs):
        signed.append(args[1])
        return real_sign(*args, **kwargs)

    monkeypatch.setattr(client_module, "sign", counting_sign)
    api, session, _ = make(response(503), response(503), response(200, {}))
    api.get("/x", {"a": "b"})
    assert len(signed) == 3
    assert all(call["headers"]["Authorization"] for call in session.calls)


def test_client_errors_are_not_retried():
    api, session, sleeps = make(response(400, {"error_code": "APIG.2012", "error_msg": "Invalid parameter"}))
    with pytest.raises(APIGError) as info:
        api.post("/x", {})
    assert str(info.value) == "Invalid parameter (APIG.2012)"
    assert len(session.calls) == 1 and sleeps == []


def test_gives_up_after_max_retries():
    api, session, sleeps = make(*[response(503, {"error_code": "APIG.9999", "error_msg": "down"})] * 4,
                                max_retries=3)
    with pytest.raises(APIGError) as info:
        api.get("/x")
    assert info.value.status == 503
    assert len(session.calls) == 4 and len(sleeps) == 3


def test_zero_retries_means_one_attempt():
    api, session, sleeps = make(response(429), max_retries=0)
    with pytest.raises(APIGError):
        api.get("/x")
    assert len(session.calls) == 1 and sleeps == []


def test_backoff_is_capped_exponential_with_full_jitter(monkeypatch):
    bounds = []
    monkeypatch.setattr(client_module.random, "uniform", lambda low, high: bounds.append((low, high)) or high / 2)
    api, _, sleeps = make(*[response(500)] * 8, max_retries=7, retry_max_delay=10)
    with pytest.raises(APIGError):
        api.get("/x")
    assert bounds == [(0, 1), (0, 2), (0, 4), (0, 8), (0, 10), (0, 10), (0, 10)]
    assert sleeps == [high / 2 for _, high in bounds]


def test_backoff_is_random_within_cap():
    api, _, sleeps = make(*[response(502)] * 21, max_retries=20, retry_max_delay=3)
    with pytest.raises(APIGError):
        api.get("/x")
    assert len(sleeps) == 20
    assert all(0 <= s <= 3 for s in sleeps)
    assert len(set(sleeps)) > 10


@pytest.mark.parametrize("header, expected", [("7", 7.0), ("0", 0.0), ("120", 30.0)])
def test_retry_after_is_honoured_up_to_the_cap(header, expected):
    api, _, sleeps = make(response(429, headers={"Retry-After": header}), response(200, {}))
    api.get("/x")
    assert sleeps == [expected]


def test_unparseable_retry_after_falls_back_to_backoff():
    api, _, sleeps = make(response(503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
                          response(200, {}), retry_max_delay=0.5)
    api.get("/x")
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 0.5


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
def test_connection_refused_is_retried_for_every_method(method):
    api, session, sleeps = make(refused(), transport.ConnectTimeout("connect timed out"),
                                response(200, {"ok": 1}))
    assert getattr(api, method)("/x") == {"ok": 1}
    assert len(session.calls) == 3 and len(sleeps) == 2


def test_connection_errors_give_up_after_max_retries():
    api, session, sleeps = make(refused(), refused(), refused(), max_retries=2)
    with pytest.raises(APIGError) as info:
        api.get("/x")
    assert info.value.error_code == "connection_error"
    assert len(session.calls) == 3 and len(sleeps) == 2


@pytest.mark.parametrize("lost", [transport.ReadTimeout("read timed out"), aborted()])
def test_post_with_lost_response_is_not_resent(lost):
    api, session, sleeps = make(lost, response(201, {"id": "dup"}))
    with pytest.raises(APIGError) as info:
        api.post("/x", {"name": "a"})
    assert info.value.error_code == "timeout"
    assert info.value.method == "POST"
    assert len(session.calls) == 1 and sleeps == []


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_idempotent_methods_with_lost_response_are_retried(method):
    api, session, _ = make(transport.ReadTimeout("read timed out"), aborted(), response(200, {}))
    assert getattr(api, method)("/x") == {}
    assert len(session.calls) == 3


def test_real_refused_connection_is_retried_then_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    sleeps = Sleeps()
    api = APIGClient(PROJECT, endpoint="http://127.0.0.1:%d" % port, access_key=AK, secret_key=SK,
                     max_retries=1, sleep=sleeps)
    with pytest.raises(APIGError) as info:
        api.post("/x", {"name": "a"})
    assert info.value.error_code == "connection_error" and len(sleeps) == 1


def test_real_read_timeout_on_post_is_not_resent():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)  # accepts into the backlog, never answers
        sleeps = Sleeps()
        api = APIGClient(PROJECT, endpoint="http://127.0.0.1:%d" % server.getsockname()[1],
                         access_key=AK, secret_key=SK, timeout=0.3, sleep=sleeps)
        with pytest.raises(APIGError) as info:
            api.post("/x", {"name": "a"})
    assert info.value.error_code == "timeout" and sleeps == []


def test_tls_errors_fail_at_once():
    api, session, sleeps = make(transport.SSLError("certificate verify failed"))
    with pytest.raises(APIGError, match="TLS error") as info:
        api.get("/x")
    assert info.value.error_code == "ssl_error" and sleeps == []


# -- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("resp, code, msg, text", [
    (response(404, {"error_code": "APIG.3001", "error_msg": "API group not found"}),
     "APIG.3001", "API group not found", "API group not found (APIG.3001)"),
    (response(401, {"error": {"code": "APIG.1002", "message": "Incorrect token"}}),
     "APIG.1002", "Incorrect token", "Incorrect token (APIG.1002)"),
    (response(400, {"error_msg": "no code here"}),
     None, "no code here", "GET %s/x returned HTTP 400: no code here" % ENDPOINT.rstrip("/")),
    (response(502, text="<html>Bad Gateway</html>"),
     None, "<html>Bad Gateway</html>", "GET %s/x returned HTTP 502: <html>Bad Gateway</html>" % ENDPOINT.rstrip("/")),
    (response(409, {"message": "odd shape"}),
     None, '{"message": "odd shape"}', 'GET %s/x returned HTTP 409: {"message": "odd shape"}' % ENDPOINT.rstrip("/")),
    (response(403), None, None, "GET %s/x returned HTTP 403" % ENDPOINT.rstrip("/")),
])
def test_error_body_shapes(resp, code, msg, text):
    resp.headers["X-Request-Id"] = "req-123"
    api, _, _ = make(resp, max_retries=0)
    with pytest.raises(APIGError) as info:
        api.get("/x")
    err = info.value
    assert (err.error_code, err.error_msg, str(err)) == (code, msg, text)
    assert err.to_dict() == {"status": resp.status_code, "error_code": code, "error_msg": msg,
                             "request_id": "req-123", "method": "GET", "url": ENDPOINT.rstrip("/") + "/x"}


@pytest.mark.parametrize("auth", [dict(security_token=TOKEN),
                                  dict(access_key=None, secret_key=None, auth_token=AUTH_TOKEN)])
@pytest.mark.parametrize("outcome", [
    response(400, {"error_code": "APIG.2012", "error_msg": "bad"}),
    response(500, text="internal"),
    transport.ReadTimeout("read timed out"),
    refused(),
])
def test_no_secret_in_errors(auth, outcome):
    api, _, _ = make(outcome, max_retries=0, **auth)
    with pytest.raises(APIGError) as info:
        api.post("/x", {"name": "a"})
    err = info.value
    assert_no_secret(str(err), repr(err), err.message, json.dumps(err.to_dict()))


# -- paging ----------------------------------------------------------------------------------

def page(items, total):
    return response(200, {"total": total, "size": len(items), "groups": items})


def test_list_all_walks_pages_until_total():
    api, session, _ = make(page([1, 2], 5), page([3, 4], 5), page([5], 5))
    assert api.list_all("/groups", "groups", {"name": "a", "skip": None}, page_size=2) == [1, 2, 3, 4, 5]
    queries = [dict(parse_qsl(urlsplit(c["url"]).query)) for c in session.calls]
    assert queries == [{"name": "a", "offset": str(o), "limit": "2"} for o in (0, 2, 4)]


def test_list_all_stops_when_total_is_reached_on_a_full_page():
    api, session, _ = make(page([1, 2], 4), page([3, 4], 4))
    assert api.list_all("/groups", "groups", page_size=2) == [1, 2, 3, 4]
    assert len(session.calls) == 2


def test_list_all_stops_on_a_short_page_without_total():
    api, session, _ = make(response(200, {"groups": [1, 2]}), response(200, {"groups": [3]}))
    assert api.list_all("/groups", "groups", page_size=2) == [1, 2, 3]
    assert len(session.calls) == 2


def test_list_all_empty_and_default_page_size():
    api, session, _ = make(page([], 0))
    assert api.list_all("/groups", "groups") == []
    assert dict(parse_qsl(urlsplit(session.calls[0]["url"]).query)) == {"offset": "0", "limit": "500"}


def test_list_all_never_swallows_a_read_error():
    api, _, _ = make(page([1, 2], 5), response(404, {"error_code": "APIG.3030", "error_msg": "gone"}))
    with pytest.raises(APIGError, match="APIG.3030"):
        api.list_all("/groups", "groups", page_size=2)


# -- against the real emulator ----------------------------------------------------------------

@pytest.mark.parametrize("auth", ["aksk", "token"])
def test_round_trip_against_the_emulator(emulator, auth):
    credentials = (dict(access_key=emulator.access_key, secret_key=emulator.secret_key) if auth == "aksk"
                   else dict(auth_token=emulator.auth_token))
    api = APIGClient(emulator.project_id, endpoint=emulator.endpoint, max_retries=0, **credentials)
    groups = api.path("instances", emulator.instance_id, "api-groups")
    created = [api.post(groups, {"name": "client_%s_%d" % (auth, n), "remark": "组 %d" % n}) for n in range(3)]
    listed = api.list_all(groups, "groups", {"name": "client_%s" % auth}, page_size=2)
    assert sorted(g["id"] for g in listed) == sorted(g["id"] for g in created)
    with pytest.raises(APIGError) as info:
        api.get(api.path("instances", emulator.instance_id, "api-groups", "no such/group"))
    assert info.value.status == 404 and info.value.request_id


def test_emulator_rejects_a_wrong_secret_key(emulator):
    api = APIGClient(emulator.project_id, endpoint=emulator.endpoint, access_key=emulator.access_key,
                     secret_key="not-" + emulator.secret_key, max_retries=0)
    with pytest.raises(APIGError) as info:
        api.get(api.path("instances", emulator.instance_id, "api-groups"))
    assert info.value.status == 401
    assert emulator.secret_key not in json.dumps(info.value.to_dict()) + str(info.value)
