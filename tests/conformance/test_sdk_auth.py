"""Authentication as the cloud does it: SDK-HMAC-SHA256 signatures checked strictly, or a token."""
import datetime
import json

import pytest
import requests
from apig_wire import TIMEOUT, assert_auth_rejected, sdk_client, unique
from huaweicloudsdkapig.v2 import ListApiGroupsV2Request
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

GROUPS = "/api-groups"


def _utc_now():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _names(wire, name):
    return [g["name"] for g in wire.get_json(GROUPS, {"name": name, "precise_search": "name"})["groups"]]


def test_sdk_signed_request_is_accepted(sdk, instance_id):
    response = sdk.list_api_groups_v2(ListApiGroupsV2Request(instance_id=instance_id, limit=1))
    assert response.status_code == 200
    assert response.size == len(response.groups) <= 1


def test_raw_request_signed_by_sdk_signer_is_accepted(wire):
    name = unique("wire_ok")
    created = wire.call("POST", GROUPS, body={"name": name, "remark": "signed raw"})
    assert created.status_code == 201, created.text
    assert _names(wire, name) == [name]
    assert wire.call("DELETE", GROUPS + "/" + created.json()["id"]).status_code == 204


def _unsigned(request):
    del request.header_params["Authorization"]


def _flip_signature(request):
    auth = request.header_params["Authorization"]
    last = auth[-1]
    request.header_params["Authorization"] = auth[:-1] + ("0" if last != "0" else "1")


def _unknown_access_key(request):
    auth = request.header_params["Authorization"]
    access = auth.split("Access=")[1].split(",")[0]
    request.header_params["Authorization"] = auth.replace(access, "UNKNOWNACCESSKEY0000")


def _tamper_query(request):
    request.uri = request.uri.replace("limit=5", "limit=6")


def _tamper_signed_header(request):
    request.header_params["X-Project-Id"] = "0" * 32


@pytest.mark.parametrize("tamper", [_unsigned, _flip_signature, _unknown_access_key, _tamper_query,
                                    _tamper_signed_header])
def test_tampered_get_is_rejected(wire, tamper):
    request = wire.sign("GET", GROUPS, {"limit": 5, "offset": 0})
    assert wire.send(request).status_code == 200, "the untampered request must pass first"
    request = wire.sign("GET", GROUPS, {"limit": 5, "offset": 0})
    tamper(request)
    assert_auth_rejected(wire.send(request))


def test_tampered_body_is_rejected_and_creates_nothing(wire):
    name, other = unique("wire_body"), unique("wire_body")
    request = wire.sign("POST", GROUPS, body={"name": name})
    request.body = json.dumps({"name": other}).encode()
    assert_auth_rejected(wire.send(request))
    assert _names(wire, name) == [] and _names(wire, other) == []


def test_wrong_secret_key_is_rejected(wire):
    assert_auth_rejected(wire.send(wire.sign("GET", GROUPS, secret_key="not-the-secret-key")))


@pytest.mark.parametrize("skew_minutes", [-20, 20])
def test_signature_outside_clock_skew_is_rejected(wire, skew_minutes):
    sdk_date = _utc_now() + datetime.timedelta(minutes=skew_minutes)
    assert_auth_rejected(wire.send(wire.sign("GET", GROUPS, sdk_date=sdk_date)))


def test_signature_within_clock_skew_is_accepted(wire):
    sdk_date = _utc_now() - datetime.timedelta(minutes=5)
    assert wire.send(wire.sign("GET", GROUPS, sdk_date=sdk_date)).status_code == 200


def test_sdk_with_wrong_secret_key_raises_401(module_emulator, instance_id):
    client = sdk_client(module_emulator, secret_key="not-the-secret-key")
    with pytest.raises(ClientRequestException) as info:
        client.list_api_groups_v2(ListApiGroupsV2Request(instance_id=instance_id))
    client.close()
    assert info.value.status_code == 401
    assert info.value.error_code.startswith(("APIG.", "APIC.")), str(info.value)


def _token_call(wire, method, path, token, body=None):
    url = "%s://%s/v2/%s/apigw/instances/%s%s" % (wire.scheme, wire.host, wire.emu.project_id,
                                                 wire.emu.instance_id, path)
    return requests.request(method, url,
                            headers={"X-Auth-Token": token, "Content-Type": "application/json"},
                            data=json.dumps(body) if body is not None else None, timeout=TIMEOUT)


def test_token_auth_reads_and_writes(wire, module_emulator):
    token = module_emulator.auth_token
    name = unique("token")
    created = _token_call(wire, "POST", GROUPS, token, {"name": name})
    assert created.status_code == 201, created.text
    listed = _token_call(wire, "GET", GROUPS + "?name=%s&precise_search=name" % name, token)
    assert listed.status_code == 200 and [g["id"] for g in listed.json()["groups"]] == [created.json()["id"]]
    assert _token_call(wire, "DELETE", GROUPS + "/" + created.json()["id"], token).status_code == 204


def test_wrong_token_is_rejected(wire):
    assert_auth_rejected(_token_call(wire, "GET", GROUPS, "not-a-valid-token"))


def test_other_project_is_not_visible(wire):
    """Correctly signed, but for a project the key was not issued for: nothing may leak."""
    response = wire.send(wire.sign("GET", GROUPS, project_id="f" * 32))
    assert response.status_code in (401, 403, 404), response.text
    assert response.json()["error_code"].startswith(("APIG.", "APIC.")), response.text
