"""Our signer against the official SDK's: same Authorization, same URI, for many requests."""
import hashlib
import json
import random
from datetime import datetime, timezone
from urllib.parse import quote

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest

from ansible_collections.huaweicloud.apig.plugins.module_utils import signer

AK = "HPUAEXAMPLEAK0000001"
SK = "exampleSecretKey/with+chars=0123456789abcdef"
DATE = "20240305T101112Z"
FIXED_NOW = datetime(2024, 3, 5, 10, 11, 12, tzinfo=timezone.utc)
HOSTS = ["apig.cn-north-4.myhuaweicloud.com", "127.0.0.1:8443", "localhost"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "get"]
# Characters that exercise the encoders: reserved, unreserved, space, percent, unicode.
TEXT = "abcXYZ019-_.~ !*'();:@&=+$,/?#[]%\"<>\\^`{|}中文éß😀"
CASES = 250


def _text(rng, max_len=8, min_len=0):
    return "".join(rng.choice(TEXT) for _ in range(rng.randint(min_len, max_len)))


def _path(rng):
    segments = ["v2", "0123456789abcdef", "apigw"] + [_text(rng, 6, 1) for _ in range(rng.randint(0, 4))]
    # The client quotes each segment exactly as the SDK quotes path parameters.
    path = "/" + "/".join(quote(s, safe="") for s in segments)
    return path + "/" if rng.random() < 0.2 else path


def _query(rng):
    query = {}
    for _ in range(rng.randint(0, 5)):
        kind = rng.choice(["str", "int", "bool", "list", "intlist", "empty"])
        value = {
            "str": lambda: _text(rng),
            "int": lambda: rng.randint(-5, 600),
            "bool": lambda: rng.random() < 0.5,
            "list": lambda: [_text(rng, 4) for _ in range(rng.randint(1, 3))],
            "intlist": lambda: [rng.randint(0, 20) for _ in range(rng.randint(1, 3))],
            "empty": lambda: "",
        }[kind]()
        query[_text(rng, 5, 1)] = value
    return query


def _body(rng, headers):
    kind = rng.choice(["none", "empty", "json", "json-bytes", "multipart", "octet"])
    if kind in ("json", "json-bytes"):
        headers["Content-Type"] = "application/json;charset=UTF-8"
        doc = json.dumps({"name": _text(rng), "remark": _text(rng, 20), "n": rng.randint(0, 9)},
                         ensure_ascii=rng.random() < 0.5)
        return doc if kind == "json" else doc.encode("utf-8")
    if kind == "multipart":
        headers["Content-Type"] = "multipart/form-data; boundary=b0undary"
        return b"--b0undary\r\nContent-Disposition: form-data; name=\"file_name\"\r\n\r\nx\r\n--b0undary--\r\n"
    if kind == "octet":
        headers["Content-Type"] = "application/octet-stream"
        return bytes(rng.randint(0, 255) for _ in range(16))
    return None if kind == "none" else b""


def _headers(rng):
    headers = {"X-Project-Id": "0123456789abcdef", "User-Agent": "huaweicloud.apig-test"}
    if rng.random() < 0.5:
        headers["X-Custom-Header"] = "  padded value \t"
    if rng.random() < 0.3:
        headers["X-Unicode"] = "名字-" + _text(rng, 4)
    if rng.random() < 0.3:
        headers["X_Not_Signed"] = "underscore headers are sent but never signed"
    return headers


def _case(seed):
    rng = random.Random(seed)
    headers = _headers(rng)
    body = _body(rng, headers)
    return {
        "method": rng.choice(METHODS),
        "host": rng.choice(HOSTS),
        "path": _path(rng),
        "query": _query(rng),
        "headers": headers,
        "body": body,
        "token": "temporary-token-" + _text(rng, 10, 1) if rng.random() < 0.3 else None,
        "date_in_header": rng.random() < 0.5,
    }


def _sdk_sign(case):
    headers = dict(case["headers"], **{"X-Sdk-Date": DATE})
    # The SDK sorts list values in place: hand it copies.
    query = [(k, list(v) if isinstance(v, list) else v) for k, v in case["query"].items()]
    request = SdkRequest(method=case["method"], schema="https", host=case["host"],
                         resource_path=case["path"], query_params=query, header_params=headers,
                         body=case["body"])
    credentials = BasicCredentials(AK, SK)
    if case["token"]:
        credentials = credentials.with_security_token(case["token"])
    credentials.sign_request(request)
    return request


def _our_sign(case):
    query = signer.canonical_query(case["query"])
    url = "https://%s%s%s" % (case["host"], case["path"], "?" + query if query else "")
    headers = dict(case["headers"])
    now = None
    if case["date_in_header"]:
        headers["X-Sdk-Date"] = DATE
    else:
        now = FIXED_NOW
    signed = signer.sign(case["method"], url, headers, case["body"], AK, SK, now=now,
                         security_token=case["token"])
    return url, signed


@pytest.mark.parametrize("seed", range(CASES))
def test_matches_sdk_signer(seed):
    case = _case(seed)
    sdk = _sdk_sign(case)
    url, ours = _our_sign(case)

    assert ours["Authorization"] == sdk.header_params["Authorization"]
    assert url == sdk.url
    # Every header the SDK would send, we send with the same (encoded) value.
    for name, value in sdk.header_params.items():
        assert ours[name] == value, name
    assert set(ours) == set(sdk.header_params)


def test_case_generator_covers_the_interesting_shapes():
    cases = [_case(seed) for seed in range(CASES)]
    assert any(c["token"] for c in cases)
    assert any(c["headers"].get("Content-Type", "").startswith("multipart") for c in cases)
    assert any(c["body"] == b"" for c in cases) and any(c["body"] is None for c in cases)
    assert any(isinstance(v, list) for c in cases for v in c["query"].values())
    assert any(isinstance(v, bool) for c in cases for v in c["query"].values())
    assert any(v == "" for c in cases for v in c["query"].values())
    assert any("%20" in c["path"] and "%E4" in c["path"] for c in cases)


def test_authorization_has_expected_shape_and_signed_headers():
    signed = signer.sign("GET", "https://h.example.com/v2/p/apigw/instances?limit=500&offset=0",
                         {"X-Project-Id": "p", "X_Skip": "1"}, None, AK, SK, now=FIXED_NOW)
    assert signed["X-Sdk-Date"] == DATE
    assert signed["Host"] == "h.example.com"
    assert signed["Authorization"].startswith(
        "SDK-HMAC-SHA256 Access=%s, SignedHeaders=host;x-project-id;x-sdk-date, Signature=" % AK)
    assert SK not in json.dumps(signed)


def test_security_token_is_added_and_signed():
    signed = signer.sign("GET", "https://h/v2/p", {}, None, AK, SK, now=FIXED_NOW, security_token="tok")
    assert signed["X-Security-Token"] == "tok"
    assert "x-security-token" in signed["Authorization"]


def test_multipart_payload_is_unsigned():
    headers = {"Content-Type": "multipart/form-data; boundary=x"}
    one = signer.sign("POST", "https://h/p", headers, b"--x\r\nA\r\n--x--", AK, SK, now=FIXED_NOW)
    two = signer.sign("POST", "https://h/p", headers, b"--x\r\nB\r\n--x--", AK, SK, now=FIXED_NOW)
    assert one["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert one["Authorization"] == two["Authorization"]


def test_json_body_changes_signature():
    headers = {"Content-Type": "application/json"}
    one = signer.sign("POST", "https://h/p", headers, '{"a": 1}', AK, SK, now=FIXED_NOW)
    two = signer.sign("POST", "https://h/p", headers, '{"a": 2}', AK, SK, now=FIXED_NOW)
    assert one["Authorization"] != two["Authorization"]
    assert "X-Sdk-Content-Sha256" not in one


def test_empty_hash_constant_matches_sdk():
    assert signer.EMPTY_HASH == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert signer.EMPTY_HASH == hashlib.sha256(b"").hexdigest()


@pytest.mark.parametrize("params, expected", [
    ({}, ""),
    ({"b": 1, "a": "x y"}, "a=x%20y&b=1"),
    ({"flag": True, "off": False}, "flag=true&off=false"),
    ({"id": ["b", "a", "c"]}, "id=a&id=b&id=c"),
    ({"name": "", "skip": None}, "name="),
    ({"名": "值/~"}, "%E5%90%8D=%E5%80%BC%2F~"),
    ([("k", "2"), ("k", "1")], "k=1&k=2"),
])
def test_canonical_query(params, expected):
    assert signer.canonical_query(params) == expected


@pytest.mark.parametrize("path, expected", [
    ("", "/"),
    ("/v2/p/apigw", "/v2/p/apigw/"),
    ("/v2/p/apigw/", "/v2/p/apigw/"),
    ("/a%20b/c~d", "/a%20b/c~d/"),
    ("/a b/%E4%B8%AD", "/a%20b/%E4%B8%AD/"),
])
def test_canonical_uri(path, expected):
    assert signer.canonical_uri(path) == expected
