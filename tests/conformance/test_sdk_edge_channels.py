"""VPC channels and their members (§3.18, 8 operations) and OpenAPI export/import (§3.17, 2 operations)
through the SDK's typed requests, the import as the SDK's own multipart upload."""
import json
import os
import tempfile

import pytest
import yaml
from apig_wire import MISSING_ID, api_error, check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import AddingBackendInstancesV2Request, ApiBackendVpcReq, ApiConditionBase, ApiCreate, \
    ApiPolicyHttpCreate, AssociateRequestThrottlingPolicyV2Request, BackendApiCreate, \
    CreateRequestThrottlingPolicyV2Request, CreateVpcChannelV2Request, DeleteApiGroupV2Request, DeleteApiV2Request, \
    DeleteBackendInstanceV2Request, DeleteRequestThrottlingPolicyV2Request, DeleteVpcChannelV2Request, \
    ExportApiDefinitionsV2Request, ExportOpenApiReq, ImportApiDefinitionsV2Request, \
    ImportApiDefinitionsV2RequestBody, ListApisV2Request, ListBackendInstancesV2Request, ListVpcChannelsV2Request, \
    MemberInfo, ShowDetailsOfApiV2Request, ShowDetailsOfVpcChannelV2Request, ThrottleApiBindingCreate, \
    ThrottleBaseInfo, UpdateApiV2Request, UpdateVpcChannelV2Request, VpcCreate, VpcHealthConfig, VpcMemberCreate
from huaweicloudsdkcore.http.formdata import FormFile

RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"

# Response fields as §3.18 documents them.
MEMBER = {"host": str, "weight": int, "is_backup": bool, "member_group_name": str, "status": int, "port": int,
          "ecs_id": str, "ecs_name": str, "id": str, "vpc_channel_id": str, "create_time": "time",
          "member_group_id": str}
MEMBER_REQUIRED = ("host", "weight", "status", "id", "vpc_channel_id", "create_time")
HEALTH = {"protocol": str, "path": str, "method": str, "port": int, "threshold_normal": int,
          "threshold_abnormal": int, "time_interval": int, "http_code": str, "enable_client_ssl": bool,
          "status": int, "timeout": int, "vpc_channel_id": str, "id": str, "create_time": "time"}
CHANNEL = {"name": str, "port": int, "balance_strategy": int, "member_type": str, "type": int,
           "create_time": "time", "id": str, "status": int}
CHANNEL_REQUIRED = ("name", "port", "balance_strategy", "member_type", "type", "create_time", "id", "status")
CHANNEL_DETAIL = dict(CHANNEL, members=(MEMBER,), vpc_health_config=HEALTH)
IMPORT_SUCCESS = {"path": str, "method": str, "action": str, "id": str}
IMPORT_FAILURE = {"path": str, "method": str, "error_code": str, "error_msg": str}


def health(**fields):
    config = dict(protocol="HTTP", path="/health", method="GET", port=8080, threshold_normal=2,
                  threshold_abnormal=3, time_interval=10, timeout=5, http_code="200-299")
    config.update(fields)
    return VpcHealthConfig(**config)


def channel_body(name=None, members=None, **fields):
    body = dict(name=name or unique("vpc"), type=2, port=8080, balance_strategy=1, member_type="ip",
                members=members if members is not None else [MemberInfo(host="192.168.0.5", weight=1),
                                                             MemberInfo(host="192.168.0.6", weight=2)],
                vpc_health_config=health())
    body.update(fields)
    return VpcCreate(**body)


class Channels:
    """Creates channels through the SDK; deletes what is left at the end."""

    def __init__(self, sdk, instance_id):
        self.sdk, self.instance_id, self.ids = sdk, instance_id, []

    def create(self, **fields):
        response = self.sdk.create_vpc_channel_v2(CreateVpcChannelV2Request(
            instance_id=self.instance_id, body=channel_body(**fields)))
        self.ids.append(response.id)
        return response

    def cleanup(self):
        for channel_id in reversed(self.ids):
            try:
                self.sdk.delete_vpc_channel_v2(DeleteVpcChannelV2Request(
                    instance_id=self.instance_id, vpc_channel_id=channel_id))
            except Exception:  # already deleted by the test
                pass


@pytest.fixture
def channels(sdk, instance_id):
    made = Channels(sdk, instance_id)
    yield made
    made.cleanup()


def _show(sdk, instance_id, channel_id):
    return sdk.show_details_of_vpc_channel_v2(ShowDetailsOfVpcChannelV2Request(
        instance_id=instance_id, vpc_channel_id=channel_id))


def _members(sdk, instance_id, channel_id, **query):
    return sdk.list_backend_instances_v2(ListBackendInstancesV2Request(
        instance_id=instance_id, vpc_channel_id=channel_id, **query))


def _add(sdk, instance_id, channel_id, *members):
    return sdk.adding_backend_instances_v2(AddingBackendInstancesV2Request(
        instance_id=instance_id, vpc_channel_id=channel_id, body=VpcMemberCreate(members=list(members))))


# ---------------------------------------------------------------- §3.18 VPC channels

def test_create_returns_201_and_show_has_members_and_health_check(sdk, instance_id, channels):
    name = unique("vpc_create")
    response = channels.create(name=name)
    assert response.status_code == 201
    raw = check_response(response, CHANNEL, CHANNEL_REQUIRED)
    assert (raw["name"], raw["type"], raw["port"], raw["member_type"], raw["status"]) == (name, 2, 8080, "ip", 1)
    shown = _show(sdk, instance_id, response.id)
    detail = check_response(shown, CHANNEL_DETAIL, CHANNEL_REQUIRED + ("members", "vpc_health_config"))
    assert sorted((m["host"], m["weight"]) for m in detail["members"]) == [("192.168.0.5", 1), ("192.168.0.6", 2)]
    assert {m["vpc_channel_id"] for m in detail["members"]} == {response.id}
    config = detail["vpc_health_config"]
    assert (config["protocol"], config["http_code"], config["timeout"], config["vpc_channel_id"]) == \
        ("HTTP", "200-299", 5, response.id)


def test_type_1_channel_has_exactly_one_member(sdk, instance_id, channels):
    single = channels.create(type=1, members=[MemberInfo(host="10.0.0.1", weight=1)])
    assert single.type == 1
    with api_error(400, "APIG.2011"):
        channels.create(type=1)
    with api_error(403, "APIG.3110"):
        _add(sdk, instance_id, single.id, MemberInfo(host="10.0.0.2", weight=1))
    # The same address again is an update, not a second member.
    added = _add(sdk, instance_id, single.id, MemberInfo(host="10.0.0.1", weight=7))
    assert [(m.host, m.weight) for m in added.members] == [("10.0.0.1", 7)]


@pytest.mark.parametrize("change, status, code", [
    (dict(vpc_health_config=health(time_interval=5, timeout=5)), 400, "APIG.2011"),   # interval must exceed timeout
    (dict(vpc_health_config=health(http_code="")), 400, "APIG.2001"),               # required for HTTP
    (dict(vpc_health_config=health(http_code="200-99")), 400, "APIG.2011"),
    (dict(vpc_health_config=health(timeout=31)), 400, "APIG.2003"),
    (dict(port=None), 400, "APIG.2001"),                                              # required for type 2
    (dict(members=[MemberInfo(host="1.1.1.1", weight=10001)]), 400, "APIG.2004"),
    (dict(members=[MemberInfo(weight=1)]), 400, "APIG.2001"),                         # ip members need host
    (dict(name="1bad"), 400, "APIG.2011"),
])
def test_create_rules(channels, change, status, code):
    with api_error(status, code):
        channels.create(**change)


def test_quotas_30_channels_and_200_members(sdk, instance_id, channels):
    with api_error(403, "APIG.3110"):
        channels.create(members=[MemberInfo(host="10.1.%d.%d" % (i // 200, i % 200), weight=1) for i in range(201)])
    existing = sdk.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=instance_id)).total
    for _ in range(30 - existing):
        channels.create(members=[MemberInfo(host="10.0.0.1", weight=1)])
    with api_error(403, "APIG.3109"):
        channels.create()


def test_duplicate_name_is_3208(channels):
    name = unique("vpc_dup")
    channels.create(name=name)
    with api_error(400, "APIG.3208"):
        channels.create(name=name)


def test_update_replaces_settings_and_members_keeping_ids(sdk, instance_id, channels):
    created = channels.create()
    before = {m.host: m.id for m in _show(sdk, instance_id, created.id).members}
    body = channel_body(name=created.name, port=9090, balance_strategy=2,
                        members=[MemberInfo(host="192.168.0.5", weight=5), MemberInfo(host="192.168.0.9", weight=1)],
                        vpc_health_config=health(protocol="TCP", path=None, http_code=None))
    response = sdk.update_vpc_channel_v2(UpdateVpcChannelV2Request(
        instance_id=instance_id, vpc_channel_id=created.id, body=body))
    assert response.status_code == 200
    raw = check_response(response, CHANNEL, CHANNEL_REQUIRED)
    assert (raw["port"], raw["balance_strategy"], raw["create_time"]) == \
        (9090, 2, json.loads(created.raw_content)["create_time"])
    members = {m.host: m for m in _show(sdk, instance_id, created.id).members}
    assert sorted(members) == ["192.168.0.5", "192.168.0.9"]
    assert members["192.168.0.5"].id == before["192.168.0.5"] and members["192.168.0.5"].weight == 5


def test_update_missing_channel_is_3023(sdk, instance_id):
    with api_error(404, "APIG.3023"):
        sdk.update_vpc_channel_v2(UpdateVpcChannelV2Request(
            instance_id=instance_id, vpc_channel_id=MISSING_ID, body=channel_body()))


def test_list_filters_and_paging(sdk, wire, instance_id, channels):
    prefix = unique("vpc_list")
    made = [channels.create(name="%s_%d" % (prefix, i)) for i in range(3)]
    listed = sdk.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=instance_id, name=prefix, limit=2))
    assert (listed.total, listed.size) == (3, 2)
    raw = json.loads(listed.raw_content)
    for raw_item, sdk_item in zip(raw["vpc_channels"], sdk_dict(listed)["vpc_channels"]):
        check_fields(CHANNEL, CHANNEL_REQUIRED, raw_item, sdk_item)
        assert "members" not in raw_item
    exact = sdk.list_vpc_channels_v2(ListVpcChannelsV2Request(
        instance_id=instance_id, name=made[1].name, precise_search="name"))
    assert [c.id for c in exact.vpc_channels] == [made[1].id]
    by_id = sdk.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=instance_id, id=made[2].id))
    assert [c.name for c in by_id.vpc_channels] == [made[2].name]
    assert wire.get_json("/vpc-channels", {"name": prefix, "offset": 2})["size"] == 1


def test_members_add_update_list_delete(sdk, instance_id, channels):
    channel_id = channels.create().id
    added = _add(sdk, instance_id, channel_id, MemberInfo(host="192.168.0.7", weight=3),
                 MemberInfo(host="192.168.0.6", weight=9), MemberInfo(host="192.168.0.7", weight=4))
    assert added.status_code == 201
    raw = json.loads(added.raw_content)
    for raw_item, sdk_item in zip(raw["members"], sdk_dict(added)["members"]):
        check_fields(MEMBER, MEMBER_REQUIRED, raw_item, sdk_item)
    # An address already present is updated; the first of two definitions of one address wins.
    weights = {m.host: m.weight for m in added.members}
    assert weights == {"192.168.0.5": 1, "192.168.0.6": 9, "192.168.0.7": 3}
    page = _members(sdk, instance_id, channel_id, limit=2)
    assert (page.total, page.size) == (3, 2)
    victim = next(m.id for m in added.members if m.host == "192.168.0.7")
    response = sdk.delete_backend_instance_v2(DeleteBackendInstanceV2Request(
        instance_id=instance_id, vpc_channel_id=channel_id, member_id=victim))
    assert response.status_code == 204
    assert sorted(m.host for m in _members(sdk, instance_id, channel_id).members) == ["192.168.0.5", "192.168.0.6"]
    with api_error(404, "APIG.3024"):
        sdk.delete_backend_instance_v2(DeleteBackendInstanceV2Request(
            instance_id=instance_id, vpc_channel_id=channel_id, member_id=victim))


def test_ecs_members_are_keyed_by_instance_id(sdk, instance_id, channels):
    channel_id = channels.create(member_type="ecs", members=[
        MemberInfo(ecs_id="ecs-1", ecs_name="web01", host="192.168.1.1", weight=1)]).id
    _add(sdk, instance_id, channel_id, MemberInfo(ecs_id="ecs-1", ecs_name="web01", host="192.168.1.1", weight=6),
         MemberInfo(ecs_id="ecs-2", ecs_name="web02", host="192.168.1.2", weight=1))
    assert sorted((m.ecs_id, m.weight) for m in _members(sdk, instance_id, channel_id).members) == \
        [("ecs-1", 6), ("ecs-2", 1)]
    named = _members(sdk, instance_id, channel_id, name="web02", precise_search="name")
    assert [m.ecs_id for m in named.members] == ["ecs-2"]


def test_member_calls_on_a_missing_channel_are_3023(sdk, instance_id):
    with api_error(404, "APIG.3023"):
        _members(sdk, instance_id, MISSING_ID)
    with api_error(404, "APIG.3023"):
        _add(sdk, instance_id, MISSING_ID, MemberInfo(host="1.1.1.1", weight=1))


def _vpc_api(group_id, channel_id, **fields):
    body = dict(group_id=group_id, name=unique("api_vpc"), type=1, req_protocol="HTTPS", req_method="GET",
                req_uri="/" + unique("vpc"), auth_type="NONE", backend_type="HTTP",
                backend_api=BackendApiCreate(req_protocol="HTTP", req_method="GET", req_uri="/v", timeout=5000,
                                             vpc_channel_status=1,
                                             vpc_channel_info=ApiBackendVpcReq(vpc_channel_id=channel_id)))
    body.update(fields)
    return body


def test_channel_used_by_an_api_cannot_be_deleted(sdk, instance_id, made, channels):
    group_id = made.group(unique("grp_vpc")).id
    channel_id = channels.create().id
    api = made.api(**_vpc_api(group_id, channel_id))
    with api_error(403, "APIG.3414"):
        sdk.delete_vpc_channel_v2(DeleteVpcChannelV2Request(instance_id=instance_id, vpc_channel_id=channel_id))
    # Detaching the API frees the channel.
    detached = dict(_vpc_api(group_id, channel_id, name=api.name, req_uri=api.req_uri),
                    backend_api=BackendApiCreate(req_protocol="HTTP", req_method="GET", req_uri="/v", timeout=5000,
                                                 url_domain="10.0.0.9:80", vpc_channel_status=2))
    sdk.update_api_v2(UpdateApiV2Request(instance_id=instance_id, api_id=api.id, body=ApiCreate(**detached)))
    response = sdk.delete_vpc_channel_v2(DeleteVpcChannelV2Request(instance_id=instance_id, vpc_channel_id=channel_id))
    assert response.status_code == 204
    with api_error(404, "APIG.3023"):
        _show(sdk, instance_id, channel_id)
    with api_error(404, "APIG.3023"):
        _members(sdk, instance_id, channel_id)


# ---------------------------------------------------------------- §3.17 OpenAPI

def _export(sdk, instance_id, oas_version=None, **body):
    response = sdk.export_api_definitions_v2(ExportApiDefinitionsV2Request(
        instance_id=instance_id, oas_version=oas_version, body=ExportOpenApiReq(**body)))
    return response


def _export_doc(sdk, instance_id, **body):
    """The exported file, read through the SDK's download stream."""
    received = []
    _export(sdk, instance_id, **body).consume_download_stream(received.append)
    http = received[0]
    assert http.status_code == 200
    assert http.headers["Content-Disposition"].startswith("attachment;")
    expected = "application/json" if body.get("type", "json") == "json" else "application/x-yaml"
    assert http.headers["Content-Type"].startswith(expected)
    return yaml.safe_load(http.content.decode())


def _import(sdk, instance_id, document, **form):
    """Upload ``document`` from a file, the way the SDK sends files (multipart, UNSIGNED-PAYLOAD)."""
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "openapi.json")
        with open(path, "wb") as f:
            f.write(data)
        upload = FormFile(path, "application/json")
        try:
            return sdk.import_api_definitions_v2(ImportApiDefinitionsV2Request(
                instance_id=instance_id, body=ImportApiDefinitionsV2RequestBody(file_name=upload, **form)))
        finally:
            upload.close()


def _swagger(title="imported"):
    return {
        "swagger": "2.0", "info": {"title": title, "version": "1.0"}, "basePath": "/v1",
        "securityDefinitions": {"iam": {"type": "apiKey", "name": "unused", "in": "header",
                                        "x-apigateway-auth-type": "IAM"}},
        "paths": {
            "/users/{id}": {"get": {
                "operationId": "get_user", "description": "one user", "schemes": ["https"],
                "security": [{"iam": []}],
                "parameters": [{"name": "id", "in": "path", "type": "string", "required": True},
                               {"name": "verbose", "in": "query", "type": "integer", "minimum": 1}],
                "responses": {"200": {"description": "ok"}},
                "x-apigateway-request-type": "private", "x-apigateway-match-mode": "NORMAL",
                "x-apigateway-backend": {"type": "HTTP", "httpEndpoints": {
                    "address": "10.0.0.5:8080", "scheme": "http", "method": "GET", "path": "/users/{id}",
                    "timeout": 3000},
                    "parameters": [{"name": "id", "value": "id", "in": "path", "origin": "REQUEST"}]}}},
            "/ping": {"x-apigateway-any-method": {
                "operationId": "ping", "responses": {"default": {"description": "pong"}},
                "x-apigateway-backend": {"type": "MOCK", "mockEndpoints": {"result-content": "pong"}}}},
        }}


def test_import_creates_apis_then_a_rerun_ignores_them(sdk, instance_id, made):
    group = made.group(unique("grp_import"))
    response = _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=group.id)
    assert response.status_code == 200
    raw = json.loads(response.raw_content)
    assert raw["group_id"] == group.id and raw["failure"] == []
    # Items name the API's request path, Swagger's basePath included.
    for raw_item, sdk_item in zip(raw["success"], sdk_dict(response)["success"]):
        check_fields(IMPORT_SUCCESS, tuple(IMPORT_SUCCESS), raw_item, sdk_item)
    assert sorted((s["method"], s["path"], s["action"]) for s in raw["success"]) == \
        [("ANY", "/v1/ping", "create"), ("GET", "/v1/users/{id}", "create")]
    user_id = next(s["id"] for s in raw["success"] if s["method"] == "GET")
    api = sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=instance_id, api_id=user_id))
    assert (api.name, api.req_uri, api.auth_type, api.type, api.req_protocol) == \
        ("get_user", "/v1/users/{id}", "IAM", 2, "HTTPS")
    assert (api.backend_api.url_domain, api.backend_api.timeout) == ("10.0.0.5:8080", 3000)
    assert {(p.name, p.location, p.type) for p in api.req_params} == {("id", "PATH", "STRING"),
                                                                      ("verbose", "QUERY", "NUMBER")}
    _cleanup_group_apis(sdk, instance_id, made, group.id)
    again = _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=group.id)
    assert (again.success, again.failure) == ([], [])
    assert sorted((i.method, i.path) for i in again.ignore) == [("ANY", "/v1/ping"), ("GET", "/v1/users/{id}")]


def test_import_merge_reports_a_changed_api_and_override_updates_it(sdk, instance_id, made):
    group = made.group(unique("grp_mode"))
    _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=group.id)
    changed = _swagger()
    changed["paths"]["/ping"]["x-apigateway-any-method"]["x-apigateway-backend"]["mockEndpoints"][
        "result-content"] = "PONG"
    merged = json.loads(_import(sdk, instance_id, changed, is_create_group=False, group_id=group.id).raw_content)
    assert [(f["method"], f["path"], f["error_code"]) for f in merged["failure"]] == [("ANY", "/v1/ping", "APIG.3301")]
    for raw_item in merged["failure"]:
        check_fields(IMPORT_FAILURE, tuple(IMPORT_FAILURE), raw_item, raw_item)
    overridden = _import(sdk, instance_id, changed, is_create_group=False, group_id=group.id, api_mode="override")
    assert [(s.method, s.action) for s in overridden.success] == [("ANY", "update")]
    _cleanup_group_apis(sdk, instance_id, made, group.id)


def test_import_override_keeps_the_backend_policies(sdk, instance_id, made):
    group = made.group(unique("grp_policy"))
    _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=group.id)
    _cleanup_group_apis(sdk, instance_id, made, group.id)
    api = next(a for a in sdk.list_apis_v2(ListApisV2Request(instance_id=instance_id, group_id=group.id)).apis
               if a.name == "get_user")
    detail = json.loads(sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(
        instance_id=instance_id, api_id=api.id)).raw_content)
    body = {k: detail[k] for k in ("group_id", "name", "type", "req_protocol", "req_method", "req_uri", "auth_type",
                                   "backend_type", "backend_api", "req_params", "backend_params")}
    body["policy_https"] = [ApiPolicyHttpCreate(
        name="policy_internal", effect_mode="ANY", url_domain="10.0.0.6:8080", req_protocol="HTTP", req_method="GET",
        req_uri="/internal", timeout=3000, vpc_channel_status=2,
        conditions=[ApiConditionBase(condition_origin="source", condition_value="10.0.0.0/8")])]
    sdk.update_api_v2(UpdateApiV2Request(instance_id=instance_id, api_id=api.id, body=ApiCreate(**body)))
    changed = _swagger()
    changed["paths"]["/users/{id}"]["get"]["description"] = "one user, changed"
    answer = _import(sdk, instance_id, changed, is_create_group=False, group_id=group.id, api_mode="override")
    assert [(s.path, s.action) for s in answer.success] == [("/v1/users/{id}", "update")]
    after = sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=instance_id, api_id=api.id))
    assert after.remark == "one user, changed"
    assert [p.name for p in after.policy_https] == ["policy_internal"]


def _cleanup_group_apis(sdk, instance_id, made, group_id):
    for api in sdk.list_apis_v2(ListApisV2Request(instance_id=instance_id, group_id=group_id)).apis:
        made.deletes.append(lambda api_id=api.id: sdk.delete_api_v2(
            DeleteApiV2Request(instance_id=instance_id, api_id=api_id)))


def test_import_reports_per_api_failures_inside_200(sdk, instance_id, made):
    group = made.group(unique("grp_fail"))
    doc = _swagger()
    doc["paths"]["/bad"] = {"get": {"operationId": "bad_vpc", "x-apigateway-backend": {
        "type": "HTTP-VPC", "httpVpcEndpoints": {"name": "no_such_channel", "scheme": "http", "method": "GET",
                                                 "path": "/"}}}}
    doc["paths"]["/dup"] = {"get": {"operationId": "get_user"}}   # the name is taken by /users/{id}
    response = _import(sdk, instance_id, doc, is_create_group=False, group_id=group.id)
    failures = {(f.method, f.path): f.error_code for f in response.failure}
    assert failures == {("GET", "/v1/bad"): "APIG.3023", ("GET", "/v1/dup"): "APIG.3202"}
    assert len(response.success) == 2
    _cleanup_group_apis(sdk, instance_id, made, group.id)


def test_import_into_a_new_group_and_form_errors(sdk, instance_id, made):
    title = unique("grp_new")
    response = _import(sdk, instance_id, _swagger(title))
    group_id = response.group_id
    made.deletes.append(lambda: sdk.delete_api_group_v2(
        DeleteApiGroupV2Request(instance_id=instance_id, group_id=group_id)))
    _cleanup_group_apis(sdk, instance_id, made, group_id)
    assert len(response.success) == 2
    with api_error(400, "APIG.3201"):
        _import(sdk, instance_id, _swagger(title))
    with api_error(400, "APIG.2001"):
        _import(sdk, instance_id, _swagger(), is_create_group=False)
    with api_error(404, "APIG.3001"):
        _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=MISSING_ID)
    with api_error(400, "APIG.2011"):
        _import(sdk, instance_id, b"not: [a document", is_create_group=False, group_id=group_id)
    with api_error(400, "APIG.2011"):
        _import(sdk, instance_id, _swagger(), is_create_group=False, group_id=group_id, api_mode="replace")


@pytest.mark.parametrize("oas_version, kind", [("2.0", "json"), ("3.0", "yaml")])
def test_export_levels_and_the_export_imports_back_unchanged(sdk, instance_id, channels, made, oas_version, kind):
    group = made.group(unique("grp_export"), "exported")
    channel = channels.create()
    env = made.env(unique("env_export"))
    vpc_api = made.api(**_vpc_api(group.id, channel.id, auth_type="APP"))
    doc = _swagger()
    _import(sdk, instance_id, doc, is_create_group=False, group_id=group.id)
    _cleanup_group_apis(sdk, instance_id, made, group.id)
    throttle = sdk.create_request_throttling_policy_v2(CreateRequestThrottlingPolicyV2Request(
        instance_id=instance_id, body=ThrottleBaseInfo(name=unique("thr_export"), api_call_limits=100,
                                                       time_interval=1, time_unit="SECOND")))
    made.deletes.append(lambda: sdk.delete_request_throttling_policy_v2(DeleteRequestThrottlingPolicyV2Request(
        instance_id=instance_id, throttle_id=throttle.id)))
    publication = made.publish(vpc_api.id, env.id)
    sdk.associate_request_throttling_policy_v2(AssociateRequestThrottlingPolicyV2Request(
        instance_id=instance_id, body=ThrottleApiBindingCreate(strategy_id=throttle.id,
                                                               publish_ids=[publication.publish_id])))

    published = _export_doc(sdk, instance_id, oas_version=oas_version, group_id=group.id, env_id=env.id,
                            define="proxy", type=kind, version="1.2.3")
    assert published["info"] == {"title": group.name, "version": "1.2.3", "description": "exported"}
    assert ("openapi" in published) == (oas_version == "3.0")
    assert list(published["paths"]) == [vpc_api.req_uri]       # only what is published in env
    operation = published["paths"][vpc_api.req_uri]["get"]
    assert operation["x-apigateway-backend"]["type"] == "HTTP-VPC"
    assert operation["x-apigateway-backend"]["httpVpcEndpoints"]["name"] == channel.name
    assert "x-apigateway-ratelimit" not in operation
    spec = _export_doc(sdk, instance_id, oas_version=oas_version, group_id=group.id, env_id=env.id, type=kind)
    assert "x-apigateway-backend" not in spec["paths"][vpc_api.req_uri]["get"]
    extended = _export_doc(sdk, instance_id, oas_version=oas_version, group_id=group.id, env_id=env.id,
                           define="all", type=kind)
    assert extended["paths"][vpc_api.req_uri]["get"]["x-apigateway-ratelimit"] == throttle.name

    dev = _export_doc(sdk, instance_id, oas_version=oas_version, group_id=group.id, define="dev", type=kind)
    assert sorted(dev["paths"]) == sorted([vpc_api.req_uri, "/v1/users/{id}", "/v1/ping"])
    back = _import(sdk, instance_id, yaml.safe_dump(dev).encode(), is_create_group=False, group_id=group.id,
                   api_mode="override")
    assert (back.success, back.failure, len(back.ignore)) == ([], [], 3)


def test_export_errors(sdk, instance_id, made):
    group_id = made.group(unique("grp_experr")).id
    with api_error(400, "APIG.2001"):
        _export(sdk, instance_id, group_id=group_id, define="proxy")          # env_id needed but for dev
    with api_error(404, "APIG.3001"):
        _export(sdk, instance_id, group_id=MISSING_ID, env_id=RELEASE_ID)
    with api_error(404, "APIG.3003"):
        _export(sdk, instance_id, group_id=group_id, env_id=MISSING_ID)
    with api_error(400, "APIG.2012"):
        _export(sdk, instance_id, group_id=group_id, env_id=RELEASE_ID, define="everything")
    with api_error(400, "APIG.2012"):
        _export(sdk, instance_id, oas_version="4.0", group_id=group_id, env_id=RELEASE_ID)
