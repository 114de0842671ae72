"""Auth: accounts keep tenants apart; unsigned, tampered, expired and cross-account calls are refused;
TLS is verified by default and ``ca_path`` trusts a private CA."""
import json
from datetime import datetime, timedelta, timezone

import pytest
import requests

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import connection_errors
from ansible_collections.huaweicloud.apig.plugins.module_utils.signer import sign
from ansible_runner import module
from reliability_helpers import client_of, instance_path

B_PROJECT, B_SECOND = "b" * 32, "c" * 32
B_KEY, B_SECRET, B_TOKEN = "TENANTBACCESSKEY0001", "tenant-b-secret-key-0123456789abcdefghij", "tenant-b-token"
ACCOUNT_B = {"name": "tenant-b", "projects": {B_PROJECT: None, B_SECOND: None}, "keys": {B_KEY: B_SECRET},
             "tokens": {B_TOKEN: B_PROJECT}}


@pytest.fixture
def tenants(start_emulator):
    return start_emulator("--account", json.dumps(ACCOUNT_B))


def raw(emu, method, project_id, instance_id, suffix="/api-groups", body=None, key=None, secret=None,
        token=None, now=None, tamper=None):
    """One request as an outsider would send it: signed with ``key``/``secret`` or a ``token``."""
    url = "%s/v2/%s/apigw/instances/%s%s" % (emu.endpoint, project_id, instance_id, suffix)
    data = json.dumps(body).encode() if body is not None else b""
    headers = {"Content-Type": "application/json", "X-Project-Id": project_id}
    if token:
        headers["X-Auth-Token"] = token
    elif key:
        headers = sign(method, url, headers, data, key, secret, now=now)
    if tamper:
        data = tamper(data)
    return requests.request(method, url, headers=headers, data=data, timeout=10)


def refused(response, status, codes=("APIC.7130",)):
    assert response.status_code == status, response.text
    assert response.json()["error_code"] in codes, response.text
    return response.text


def b_instance(emu, project_id=B_PROJECT):
    return next(p["instance_id"] for a in emu.info["accounts"] for p in a["projects"] if p["project_id"] == project_id)


def test_a_key_or_token_reaches_only_its_own_accounts_projects(tenants, figures):
    emu = tenants
    a_client = client_of(emu)
    a_path = instance_path(a_client, emu)
    secret_group = a_client.post(a_path + "/api-groups", {"name": "a_private", "remark": "tenant A only"})
    a = (emu.project_id, emu.instance_id)
    tried = 0
    for creds in (dict(key=B_KEY, secret=B_SECRET), dict(token=B_TOKEN)):
        texts = [
            refused(raw(emu, "GET", *a, **creds), 403),
            refused(raw(emu, "GET", *a, suffix="/api-groups/" + secret_group["id"], **creds), 403),
            refused(raw(emu, "POST", *a, body={"name": "b_was_here"}, **creds), 403),
            refused(raw(emu, "PUT", *a, suffix="/api-groups/" + secret_group["id"], body={"name": "b_renamed"},
                        **creds), 403),
            refused(raw(emu, "DELETE", *a, suffix="/api-groups/" + secret_group["id"], **creds), 403),
        ]
        tried += len(texts)
        assert not any("a_private" in t or secret_group["id"] in t for t in texts)  # nothing shown
    # A's own token is scoped to A's project: B's projects are out of its reach too.
    refused(raw(emu, "GET", B_PROJECT, b_instance(emu), token=emu.auth_token), 403)
    # B's token is scoped to B's first project; B's key reaches both of B's projects.
    refused(raw(emu, "GET", B_SECOND, b_instance(emu, B_SECOND), token=B_TOKEN), 403)
    tried += 2
    assert raw(emu, "GET", B_PROJECT, b_instance(emu), token=B_TOKEN).json()["groups"] == []
    assert raw(emu, "GET", B_SECOND, b_instance(emu, B_SECOND), key=B_KEY, secret=B_SECRET).status_code == 200
    # Nothing was written: A's group is as it was, and is alone.
    groups = a_client.list_all(a_path + "/api-groups", "groups")
    assert [(g["name"], g["remark"]) for g in groups] == [("a_private", "tenant A only")]
    writes = [r for r in emu.requests() if r["method"] != "GET" and r["status"] < 300]
    assert len(writes) == 1
    figures.add("cross-account requests refused", tried)


def test_the_collection_client_gets_the_refusal_as_an_error(tenants):
    client = client_of(tenants, access_key=B_KEY, secret_key=B_SECRET)
    with pytest.raises(APIGError) as info:
        client.get(instance_path(client, tenants) + "/api-groups")
    assert (info.value.status, info.value.error_code) == (403, "APIC.7130")


def _flip_last_byte(data):
    return data[:-1] + (b"}" if data[-1:] != b"}" else b" ")


def _change_name(data):
    return data.replace(b"honest", b"forged")


@pytest.mark.parametrize("case, expected", [
    (dict(), ("APIG.1000",)),
    (dict(key="APIGEMULATORAK000001", secret="not-the-secret"), ("APIG.1002",)),
    (dict(key="NOSUCHACCESSKEY00001", secret="x"), ("APIG.1002",)),
    (dict(token="not-a-token"), ("APIG.1002",)),
    (dict(tamper=_change_name), ("APIG.1002",)),
    (dict(tamper=_flip_last_byte), ("APIG.1002",)),
    (dict(skew=-16), ("APIG.1001",)),
    (dict(skew=16), ("APIG.1001",)),
], ids=["unsigned", "wrong-secret", "unknown-key", "unknown-token", "tampered-body", "tampered-json",
        "expired-16-min-ago", "dated-16-min-ahead"])
def test_bad_credentials_are_refused_and_write_nothing(module_emulator, figures, case, expected):
    emu = module_emulator
    if "skew" in case:  # dated when the test runs, not when it was collected
        case = dict(now=datetime.now(timezone.utc) + timedelta(minutes=case["skew"]))
    signer = {"key": emu.access_key, "secret": emu.secret_key} if "tamper" in case or "now" in case else {}
    response = raw(emu, "POST", emu.project_id, emu.instance_id, body={"name": "honest_group"},
                   **dict(signer, **case))
    refused(response, 401, expected)
    names = [g["name"] for g in raw(emu, "GET", emu.project_id, emu.instance_id, key=emu.access_key,
                                    secret=emu.secret_key).json()["groups"]]
    assert "honest_group" not in names and "forged_group" not in names
    figures.add("bad-credential requests refused")


@pytest.mark.parametrize("minutes", [-14, 14])
def test_clock_skew_within_fifteen_minutes_is_accepted(module_emulator, minutes):
    emu = module_emulator
    now = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    assert raw(emu, "GET", emu.project_id, emu.instance_id, key=emu.access_key, secret=emu.secret_key,
               now=now).status_code == 200


@pytest.fixture
def https_emulator(start_emulator, tls_files):
    _, cert, key = tls_files
    emu = start_emulator("--tls-cert", cert, "--tls-key", key)
    assert emu.endpoint.startswith("https://127.0.0.1:")
    return emu


def test_tls_is_verified_by_default_and_ca_path_trusts_a_private_ca(https_emulator, tls_files, figures):
    ca = tls_files[0]
    emu = https_emulator
    client = client_of(emu)
    with pytest.raises(APIGError) as info:
        client.get(instance_path(client, emu) + "/api-groups")
    assert info.value.error_code == "ssl_error" and "CERTIFICATE_VERIFY_FAILED" in str(info.value)
    trusted = client_of(emu, ca_path=ca)
    assert trusted.get(instance_path(trusted, emu) + "/api-groups")["groups"] == []
    unverified = client_of(emu, validate_certs=False)
    assert unverified.get(instance_path(unverified, emu) + "/api-groups")["total"] == 0
    # The same through a module: refused without the CA, served with ca_path.
    proc = module(emu, "api_group_info", "")
    assert proc.returncode != 0 and "CERTIFICATE_VERIFY_FAILED" in proc.stdout and "Traceback" not in proc.stdout
    proc = module(emu, "api_group_info", json.dumps({"ca_path": ca}))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert connection_errors(dict(endpoint=emu.endpoint, access_key="a", secret_key="s", ca_path=ca + ".missing")) \
        == ["ca_path %s.missing does not exist" % ca]
    figures.note("TLS: unverified cert refused / ca_path accepted", "yes / yes")
