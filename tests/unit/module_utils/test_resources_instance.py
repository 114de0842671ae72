"""The gateway helpers: the APIG.3711 wait, feature config checks and comparison, instance views."""
import json

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils import transport
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient
from ansible_collections.huaweicloud.apig.plugins.module_utils.features import config_problems, config_text, parse_config
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_instance import INSTANCE, InstanceEngine, ZoneList


class Answers:
    """A session answering each request with the next scripted (status, body, headers)."""

    def __init__(self, *answers):
        self.answers = list(answers)

    def request(self, method, url, **_):
        status, body, headers = self.answers.pop(0)
        return transport.Response(status, headers, json.dumps(body).encode())


BUSY = {"error_code": "APIG.3711", "error_msg": "A configuration parameter can be modified only once per minute"}


@pytest.mark.parametrize("headers, expected", [({}, 30.0), ({"Retry-After": "12"}, 12.0)])
def test_apig_3711_waits_the_longest_delay_or_retry_after(headers, expected):
    sleeps = []
    client = APIGClient("p", endpoint="http://apig.test", auth_token="t", sleep=sleeps.append,
                        session=Answers((409, BUSY, headers), (409, BUSY, headers), (200, {"ok": True}, {})))
    assert client.post("/features", {"name": "cors", "enable": True}) == {"ok": True}
    # Two waits of 30 s cover the minute the service wants between two changes of a feature.
    assert sleeps == [expected, expected]


@pytest.mark.parametrize("text, value", [
    ('{ "api_limits" : 500 }', {"api_limits": 500}), ("on", "on"), ("104857600", 104857600),
    ({"max_timeout": 1}, {"max_timeout": 1}), (None, None)])
def test_configs_compare_as_values(text, value):
    assert parse_config(text) == value


def test_config_text_is_compact_sorted_json_for_objects():
    assert config_text({"b": 1, "a": [2]}) == '{"a":[2],"b":1}'
    assert (config_text("on"), config_text(104857600)) == ("on", "104857600")


@pytest.mark.parametrize("name, config, problems", [
    ("ratelimit", {"api_limits": 1000000}, []),
    ("ratelimit", {"api_limits": 0}, ["config.api_limits must be an integer from 1 to 1000000, got 0"]),
    ("backend_timeout", {"max_timeout": True}, ["config.max_timeout must be an integer from 1 to 600000, got true"]),
    ("request_body_size", 1024, ["config must be an integer from 1048576 to 9999220736, got 1024"]),
    ("app_jwt", {"enable": "yes", "auth_header": "X"}, ["config.enable must be 'on' or 'off', got \"yes\""]),
    ("app_basic", "off", []),
    ("ssl_ciphers", {"ssl_ciphers": []}, ["config.ssl_ciphers must be a non-empty list of: " + ", ".join(sorted([
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA384"])) + ", got []"]),
    ("lts", {"group_id": "g"}, []),
])
def test_feature_ranges_are_checked_locally(name, config, problems):
    assert config_problems(name, config) == problems


def test_zone_list_reads_the_instance_text():
    assert ZoneList.decode("[cn-north-4a, cn-north-4b]") == ["cn-north-4a", "cn-north-4b"]
    assert ZoneList.decode(["x"]) == ["x"]


class FakeModule:
    def __init__(self, **params):
        self.params, self.warnings, self.client = params, [], None

    def warn(self, text):
        self.warnings.append(text)


def _view(resource, **params):
    module = FakeModule(**params)
    return InstanceEngine(module, INSTANCE).comparable(resource), module.warnings


def test_instance_view_maps_spec_and_a_closed_egress():
    view, _ = _view({"spec": "BASIC", "nat_eip_address": "", "bandwidth_size": 5})
    assert (view["spec_id"], view["bandwidth_size"]) == ("BASIC", 0)
    assert _view({"spec": "BASIC", "nat_eip_address": "1.2.3.4", "bandwidth_size": 5})[0]["bandwidth_size"] == 5


@pytest.mark.parametrize("address, params, eip_id, warned", [
    ("", {"eip_id": "eip-1"}, "", False),                                  # none bound: a bind is due
    ("1.2.3.4", {"eip_id": ""}, None, False),                              # one bound: an unbind is due
    ("1.2.3.4", {"eip_id": "eip-1", "eip_address": "1.2.3.4"}, "eip-1", False),   # the same EIP
    ("1.2.3.4", {"eip_id": "eip-1", "eip_address": "5.6.7.8"}, None, False),      # another EIP: rebind
    ("1.2.3.4", {"eip_id": "eip-1"}, "eip-1", True),                       # can't tell: left alone, said so
])
def test_the_bound_eip_is_known_by_its_address_only(address, params, eip_id, warned):
    view, warnings = _view({"eip_address": address}, **params)
    assert view["eip_id"] == eip_id
    assert bool(warnings) == warned