"""The emulator under hostile requests: every route it serves (found in its own URL map, so families
added later are fuzzed too), any method, ids with path traversal and odd characters, malformed JSON,
bad UTF-8, lone surrogates, deep nesting, huge bodies, random queries. Every answer is a 4xx or a
success, never a 5xx, and the server logs no traceback.
"""
import json
import re
from urllib.parse import quote

import pytest
import requests
from flask import Flask
from hypothesis import HealthCheck, given, settings, strategies as st

from ansible_collections.huaweicloud.apig.plugins.module_utils.signer import sign
from apig_emulator import families
from reliability_helpers import TRACEBACK, emulator_stderr

EXAMPLES = 150
SESSION = requests.Session()  # keep-alive: the sweep stays quick


def _routes():
    app = Flask("fuzz_routes")
    app.register_blueprint(families.blueprint())
    return sorted(set(rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"))


ROUTES = _routes()
PLACEHOLDER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")

odd_ids = st.one_of(
    st.sampled_from(["..", "../..", "..%2F..%2Fapi-groups", "%2e%2e%2f%2e%2e", "....//....//etc", "%00", "0" * 32,
                     "a" * 5000, "RELEASE", "DEFAULT_ENVIRONMENT_RELEASE_ID", "%", "%ZZ", "null", "-1", "\u202e"]),
    st.text(min_size=1, max_size=40),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)
field_names = st.sampled_from(["name", "remark", "group_id", "env_id", "id", "apis", "action", "type", "req_uri",
                               "req_method", "backend_type", "variable_name", "variable_value", "req_params",
                               "backend_api", "mock_info", "api_id", "app_id", "sign_id", "throttle_id",
                               "acl_id", "authorizer_id", "vpc_channel_id", "members", "bindings"])
bodies = st.one_of(
    st.none(),
    st.binary(max_size=200),                                              # anything, bad UTF-8 included
    st.sampled_from([b"{", b"{\"name\": }", b"\xff\xfe{\"name\": \"x\"}", b"{\"name\": \"\\ud800\"}",
                     b"[" * 50000 + b"]" * 50000, b"{\"name\": \"" + b"\xc3\x28" + b"\"}", b"null", b"[]",
                     b"\"text\"", b"1e999999", b"{\"name\": 1e400}", b"\x00\x00\x00\x00"]),
    st.dictionaries(field_names, json_values, max_size=6).map(lambda d: json.dumps(d).encode()),
    json_values.map(lambda v: json.dumps(v).encode()),
)
queries = st.dictionaries(st.sampled_from(["offset", "limit", "name", "precise_search", "group_id", "env_id",
                                           "action", "id", "x"]), st.text(max_size=12), max_size=3)


@pytest.fixture(scope="module")
def fuzzed(module_emulator):
    return {"emu": module_emulator, "statuses": [], "routes": set()}


def _send(emu, method, path, query, body, signed=True):
    url = emu.endpoint + path + ("?" + "&".join("%s=%s" % (quote(k, safe=""), quote(v, safe=""))
                                             for k, v in sorted(query.items())) if query else "")
    headers = {"Content-Type": "application/json", "X-Project-Id": emu.project_id}
    if signed:
        headers = sign(method, url, headers, body or b"", emu.access_key, emu.secret_key)
    return SESSION.request(method, url, headers=headers, data=body, timeout=30)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(route=st.sampled_from(ROUTES), ids=st.lists(odd_ids, min_size=4, max_size=4),
       method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]),
       body=bodies, query=queries, raw_ids=st.booleans())
def test_no_request_makes_the_emulator_fail(fuzzed, route, ids, method, body, query, raw_ids):
    emu = fuzzed["emu"]
    names = iter(ids)

    def fill(match):
        if match.group(1) == "project_id":
            return emu.project_id
        if match.group(1) == "instance_id":
            return emu.instance_id
        value = next(names)
        # Raw ids carry their slashes and dots as they are; quoted ones reach the handler whole.
        return value if raw_ids else quote(value, safe="")

    path = PLACEHOLDER.sub(fill, route)
    if raw_ids and not path.isascii():
        path = quote(path, safe="/%")
    response = _send(emu, method, path, query, body)
    fuzzed["statuses"].append(response.status_code)
    fuzzed["routes"].add(route)
    assert response.status_code < 500, (method, path, query, body, response.status_code, response.text[:300])
    if response.status_code >= 400 and method != "HEAD":
        assert set(response.json()) == {"error_code", "error_msg"}, response.text[:300]


NASTY_IDS = ["..%2F..%2Fapi-groups", "%2e%2e", "0" * 32, "a" * 3000]
NASTY_BODIES = [b"{", b"\xff\xfe\x00", b"{\"name\": \"\\ud800\"}", b"[]", b"{\"name\": 1, \"apis\": {}}"]


def test_every_route_with_every_method_and_nasty_ids_and_bodies(fuzzed):
    """The deterministic sweep: each route the emulator serves, so none is left to chance."""
    emu = fuzzed["emu"]
    for index, route in enumerate(ROUTES):
        path = PLACEHOLDER.sub(lambda m: {"project_id": emu.project_id, "instance_id": emu.instance_id}.get(
            m.group(1), NASTY_IDS[index % len(NASTY_IDS)]), route)
        for number, method in enumerate(("GET", "POST", "PUT", "DELETE", "PATCH")):
            body = NASTY_BODIES[(index + number) % len(NASTY_BODIES)] if method in ("POST", "PUT", "PATCH") else None
            response = _send(emu, method, path, {"limit": "x" if number % 2 else "500"}, body)
            fuzzed["statuses"].append(response.status_code)
            fuzzed["routes"].add(route)
            assert response.status_code < 500, (method, path, body, response.status_code, response.text[:300])


def test_huge_bodies_and_unsigned_garbage_are_refused_with_4xx(fuzzed):
    emu = fuzzed["emu"]
    path = "/v2/%s/apigw/instances/%s/api-groups" % (emu.project_id, emu.instance_id)
    huge = b"{\"name\": \"" + b"a" * (6 * 1024 * 1024) + b"\"}"
    nested = b"[" * 100000 + b"]" * 100000
    surrogate = b"{\"name\": \"g\\ud800\", \"remark\": \"\\udfff\"}"
    for body, signed in ((huge, True), (huge, False), (b"\xff" * 1000, False), (b"{" * 100000, True),
                         (nested, True), (surrogate, True)):
        try:
            status = _send(emu, "POST", path, {}, body, signed).status_code
        except requests.exceptions.ConnectionError:
            status = "closed"  # the server may close the socket on a body it refused unread
        fuzzed["statuses"].append(status)
        assert status == "closed" or 400 <= status < 500


def test_fuzz_figures(fuzzed, figures):
    emu = fuzzed["emu"]
    statuses = [s for s in fuzzed["statuses"] if isinstance(s, int)]
    assert len(statuses) >= EXAMPLES
    server_errors = sum(s >= 500 for s in statuses)
    figures.add("emulator fuzz requests", len(fuzzed["statuses"]))
    figures.note("emulator fuzz: routes hit / served", "%d / %d" % (len(fuzzed["routes"]), len(ROUTES)))
    figures.note("emulator fuzz: past authentication (not 401)", sum(s != 401 for s in statuses))
    figures.add("emulator 5xx answers", server_errors)
    tracebacks = len(TRACEBACK.findall(emulator_stderr(emu)))
    figures.add("tracebacks", tracebacks)
    assert server_errors == 0 and tracebacks == 0
    assert sum(s != 401 for s in statuses) > len(statuses) // 2, "most requests must get past the signature check"
