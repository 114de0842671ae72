"""The client's rules for writes that may or may not have been applied, on a scripted transport.

A POST with a lookup (``recover``) is looked up after a lost answer or a 5xx and sent again only when
the lookup finds nothing; a 429 is a refusal and is simply re-sent; a DELETE re-sent after such an
answer that then finds nothing had worked; ``ca_path`` becomes the transport's ``verify``.
"""
import json

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils import transport
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, APIGError

PATH = "/v2/p/apigw/instances/i/api-groups"


def answer(status, body=None):
    return transport.Response(status, {"Content-Type": "application/json"},
                              json.dumps(body).encode() if body is not None else b"")


def lost():
    return transport.ResponseLost("connection to apig.test:443 lost: ConnectionResetError: [Errno 104]")


class Script:
    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)
        self.methods = []
        self.verify = []

    def request(self, method, url, **kwargs):
        self.methods.append(method)
        self.verify.append(kwargs.get("verify"))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def client(*outcomes, **options):
    session = Script(*outcomes)
    return APIGClient("p", endpoint="https://apig.test", access_key="AK", secret_key="SK", session=session,
                      sleep=lambda s: None, **options), session


class Lookup:
    def __init__(self, *results):
        self.results = list(results)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.results.pop(0)


@pytest.mark.parametrize("failure", [answer(500, {"error_code": "APIG.9999", "error_msg": "System error"}),
                                     answer(502), lost()], ids=["500", "502", "lost"])
def test_a_create_that_may_have_happened_is_looked_up_not_resent(failure):
    api, session = client(failure)
    found = {"id": "g1", "name": "shop"}
    assert api.post(PATH, {"name": "shop"}, recover=Lookup(found)) == found
    assert session.methods == ["POST"]


@pytest.mark.parametrize("failure", [answer(503), lost()], ids=["503", "lost"])
def test_a_create_the_lookup_does_not_find_is_sent_again(failure):
    api, session = client(failure, answer(201, {"id": "g1"}))
    lookup = Lookup(None)
    assert api.post(PATH, {"name": "shop"}, recover=lookup) == {"id": "g1"}
    assert session.methods == ["POST", "POST"] and lookup.calls == 1


def test_a_refused_create_is_sent_again_without_a_lookup():
    api, session = client(answer(429, {"error_code": "APIG.9008", "error_msg": "Too many requests"}),
                          answer(201, {"id": "g1"}))
    lookup = Lookup()
    assert api.post(PATH, {"name": "shop"}, recover=lookup) == {"id": "g1"}
    assert lookup.calls == 0 and session.methods == ["POST", "POST"]


def test_when_every_attempt_is_lost_the_error_says_so():
    api, session = client(*[lost()] * 3, max_retries=2)
    with pytest.raises(APIGError) as info:
        api.post(PATH, {"name": "shop"}, recover=Lookup(None, None, None))
    assert info.value.error_code == "timeout" and "may or may not have been applied" in str(info.value)
    assert session.methods == ["POST"] * 3


def test_a_delete_that_worked_before_its_answer_was_lost_is_done():
    api, session = client(answer(500), answer(404, {"error_code": "APIG.3001", "error_msg": "gone"}))
    assert api.delete(PATH + "/g1") is None
    assert session.methods == ["DELETE", "DELETE"]


def test_a_delete_of_nothing_is_still_an_error():
    api, _ = client(answer(404, {"error_code": "APIG.3001", "error_msg": "API group g1 does not exist"}))
    with pytest.raises(APIGError) as info:
        api.delete(PATH + "/g1")
    assert str(info.value) == "API group g1 does not exist (APIG.3001)"


@pytest.mark.parametrize("options, verify", [({}, True), ({"ca_path": "/ca.pem"}, "/ca.pem"),
                                             ({"ca_path": "/ca.pem", "validate_certs": False}, False)])
def test_ca_path_is_what_the_transport_verifies_with(options, verify):
    api, session = client(answer(200, {}), **options)
    api.get(PATH)
    assert session.verify == [verify]
