"""Authentication: SDK-HMAC-SHA256 signatures, tokens, project scoping, request ids."""
import requests
from huaweicloudsdkapig.v2 import ApigClient
from huaweicloudsdkapig.v2.model import ApiGroupCreate, CreateApiGroupV2Request, ListApiGroupsV2Request
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

from emulator_helpers import Client, error, minutes_ago, unique


def test_signed_request_is_accepted(module_emulator):
    r = Client(module_emulator).get("/api-groups")
    assert r.status_code == 200, r.text
    assert r.headers["X-Request-Id"]


def test_official_sdk_client_round_trip(module_emulator):
    emu = module_emulator
    client = (ApigClient.new_builder()
              .with_credentials(BasicCredentials(emu.access_key, emu.secret_key, emu.project_id))
              .with_endpoint(emu.endpoint).build())
    name = unique("sdk")
    created = client.create_api_group_v2(
        CreateApiGroupV2Request(instance_id=emu.instance_id, body=ApiGroupCreate(name=name, remark="via SDK")))
    assert created.name == name and len(created.id) == 32
    listed = client.list_api_groups_v2(
        ListApiGroupsV2Request(instance_id=emu.instance_id, name=name, precise_search="name"))
    assert listed.total == 1 and listed.groups[0].id == created.id
    try:
        client.create_api_group_v2(CreateApiGroupV2Request(instance_id=emu.instance_id, body=ApiGroupCreate(name=name)))
    except ClientRequestException as exc:
        assert (exc.status_code, exc.error_code) == (400, "APIG.3201")
        assert exc.request_id
    else:
        raise AssertionError("duplicate name accepted")


def test_signed_query_string_is_verified(module_emulator):
    client = Client(module_emulator)
    url, headers, _ = client.signed("GET", client.path("/api-groups"), query={"name": "a b~c/d", "limit": "5"})
    assert requests.get(url, headers=headers).status_code == 200
    tampered = url.replace("limit=5", "limit=6")
    error(requests.get(tampered, headers=headers), 401, "APIG.1002")


def test_tampered_body_is_rejected(module_emulator):
    client = Client(module_emulator)
    url, headers, data = client.signed("POST", client.path("/envs"), body={"name": unique("E")})
    error(requests.post(url, headers=headers, data=data.replace(b'"E_', b'"F_')), 401, "APIG.1002")


def test_tampered_method_and_path_are_rejected(module_emulator):
    client = Client(module_emulator)
    url, headers, _ = client.signed("GET", client.path("/envs"))
    error(requests.delete(url, headers=headers), 401, "APIG.1002")
    error(requests.get(url.replace("/envs", "/api-groups"), headers=headers), 401, "APIG.1002")


def test_unsigned_request_is_rejected(module_emulator):
    msg = error(requests.get(module_emulator.endpoint + Client(module_emulator).path("/envs")), 401, "APIG.1000")
    assert "Token missing" in msg


def test_old_date_is_rejected_even_when_correctly_signed(module_emulator):
    client = Client(module_emulator)
    url, headers, _ = client.signed("GET", client.path("/envs"), date=minutes_ago(20))
    error(requests.get(url, headers=headers), 401, "APIG.1001")
    url, headers, _ = client.signed("GET", client.path("/envs"), date=minutes_ago(10))
    assert requests.get(url, headers=headers).status_code == 200


def test_unknown_access_key_and_wrong_secret_are_rejected(module_emulator):
    error(Client(module_emulator, access_key="AAAAAAAAAAAAAAAAAAAA").get("/envs"), 401, "APIG.1002")
    error(Client(module_emulator, secret_key="x" * 40).get("/envs"), 401, "APIG.1002")


def test_host_must_be_signed(module_emulator):
    client = Client(module_emulator)
    url, headers, _ = client.signed("GET", client.path("/envs"))
    auth = headers["Authorization"]
    headers["Authorization"] = auth.replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;")
    assert headers["Authorization"] != auth
    error(requests.get(url, headers=headers), 401, "APIG.1002")


def test_token_auth(module_emulator):
    assert Client(module_emulator, token=module_emulator.auth_token).get("/envs").status_code == 200
    error(Client(module_emulator, token="not-the-token").get("/envs"), 401, "APIG.1002")


def test_unknown_project_is_forbidden(module_emulator):
    client = Client(module_emulator, project_id="f" * 32)
    msg = error(client.get("/envs"), 403, "APIC.7130")
    assert "other projects" in msg


def test_unknown_route_and_wrong_method(module_emulator):
    client = Client(module_emulator)
    error(client.get("/no-such-thing"), 404, "APIG.0101")
    r = client.delete("/api-groups")
    assert r.status_code == 405 and r.json()["error_code"] == "APIG.2000"
