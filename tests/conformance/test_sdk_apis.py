"""APIs (reference §3.5, all 13 operations) through the SDK's typed requests.

Every response is compared field by field with the raw JSON of the same HTTP response, with the types
the reference documents, and what a request sent must come back unchanged.
"""
import json
import re

import pytest
from apig_wire import API, API_COMMON_REQUIRED, API_LIST_ITEM, API_REQUIRED, API_RUNTIME, API_VERSION, \
    API_VERSION_DETAIL, API_VERSION_REQUIRED, BATCH_FAILURE, DEBUG, MISSING_ID, PUBLISH, PUBLISH_REQUIRED, \
    api_error, check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import ApiBackendVpcReq, ApiBatchPublish, ApiConditionBase, ApiCreate, ApiDebugInfo, \
    ApiFuncCreate, ApiMockCreate, ApiPolicyFunctionCreate, ApiPolicyHttpCreate, ApiPolicyMockCreate, ApiVersion, \
    BackendApiCreate, BackendParamBase, BatchPublishOrOfflineApiV2Request, ChangeApiVersionV2Request, \
    DebugApiV2Request, DeleteApiByVersionIdV2Request, DeleteApiGroupV2Request, DeleteApiV2Request, \
    DeleteEnvironmentV2Request, ListApiRuntimeDefinitionV2Request, ListApisV2Request, \
    ListApiVersionDetailV2Request, ListApiVersionsV2Request, ReqParamBase, ShowDetailsOfApiV2Request, \
    UpdateApiV2Request
from huaweicloudsdkcore.utils.http_utils import sanitize_for_serialization

RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"
FUNCTION_URN = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:conformance"
# §3.5.1's create response and §3.5.5's detail carry these; the list items of §3.5.6 do not.
DETAIL_ONLY = ("func_info", "mock_info", "backend_params", "policy_functions", "policy_mocks", "policy_https")


# Request bodies


def api_fields(group_id, backend_type, **fields):
    """The required fields of an API with a fresh name and path; `fields` add to or replace them."""
    body = dict(group_id=group_id, name=unique("api_" + backend_type.lower()), type=1, req_protocol="HTTPS",
                req_method="GET", req_uri="/" + unique(backend_type.lower()), auth_type="NONE",
                backend_type=backend_type)
    body.update(fields)
    return body


def http_fields(group_id, **fields):
    """A web backend with path, query and header parameters, every backend parameter origin and a policy."""
    body = api_fields(
        group_id, "HTTP", req_uri="/%s/{userId}" % unique("http"), version="V0.0.1", match_mode="NORMAL",
        cors=True, remark="web backend", tags=["webApi"],
        result_normal_sample="{\"ok\": true}", result_failure_sample="{\"ok\": false}",
        req_params=[
            ReqParamBase(name="userId", type="STRING", location="PATH", required=1),
            ReqParamBase(name="size", type="NUMBER", location="QUERY", required=2, valid_enable=1, min_num=1,
                         max_num=50, default_value="10", pass_through=1),
            ReqParamBase(name="x-trace", type="STRING", location="HEADER", required=2, valid_enable=2,
                         min_size=1, max_size=64, remark="trace header", pass_through=2)],
        backend_params=[
            BackendParamBase(origin="REQUEST", name="backUser", location="PATH", value="userId"),
            BackendParamBase(origin="REQUEST", name="backSize", location="QUERY", value="size"),
            BackendParamBase(origin="CONSTANT", name="X-Constant", location="HEADER", value="demo",
                             remark="constant"),
            BackendParamBase(origin="SYSTEM", name="app-id", location="HEADER", value="$context.appId")],
        backend_api=BackendApiCreate(url_domain="127.0.0.1:8080", req_protocol="HTTP", req_method="GET",
                                     req_uri="/backend/{backUser}", timeout=5000, remark="web",
                                     vpc_channel_status=2),
        policy_https=[ApiPolicyHttpCreate(
            name="policy_big_pages", effect_mode="ANY", url_domain="127.0.0.1:8081", req_protocol="HTTP",
            req_method="GET", req_uri="/big", timeout=3000, vpc_channel_status=2,
            backend_params=[BackendParamBase(origin="CONSTANT", name="X-Policy", location="HEADER", value="big")],
            conditions=[
                ApiConditionBase(condition_origin="param", req_param_name="size", condition_type="exact",
                                 condition_value="50"),
                ApiConditionBase(condition_origin="source", condition_value="10.0.0.0/8")])])
    body.update(fields)
    return body


def function_fields(group_id, **fields):
    body = api_fields(
        group_id, "FUNCTION", auth_type="IAM", remark="function backend",
        func_info=ApiFuncCreate(function_urn=FUNCTION_URN, invocation_type="sync", network_type="V1",
                                version="latest", timeout=5000, remark="function"),
        req_params=[ReqParamBase(name="tier", type="STRING", location="HEADER", required=1)],
        policy_functions=[ApiPolicyFunctionCreate(
            name="policy_async", effect_mode="ALL", function_urn=FUNCTION_URN + "_async",
            invocation_type="async", network_type="V2", timeout=1000,
            conditions=[ApiConditionBase(condition_origin="param", req_param_name="tier",
                                         condition_type="pattern", condition_value="^gold.*$")])])
    body.update(fields)
    return body


def mock_fields(group_id, result="mock success", **fields):
    body = api_fields(
        group_id, "MOCK", req_protocol="HTTP", match_mode="SWA", remark="mock backend",
        mock_info=ApiMockCreate(result_content=result, remark="mock", version="v1"),
        req_params=[ReqParamBase(name="city", type="STRING", location="QUERY", required=2)],
        policy_mocks=[ApiPolicyMockCreate(
            name="policy_cities", effect_mode="ANY", result_content="city answer",
            conditions=[ApiConditionBase(condition_origin="param", req_param_name="city", condition_type="enum",
                                         condition_value="beijing,shanghai")])])
    body.update(fields)
    return body


def sent(fields):
    """The JSON the SDK puts on the wire for an ApiCreate body."""
    return sanitize_for_serialization(ApiCreate(**fields))


def assert_echoes(expected, raw, path="$"):
    """Everything the request sent comes back: objects may gain server fields, lists keep order and length."""
    if isinstance(expected, dict):
        assert isinstance(raw, dict), (path, raw)
        for key, value in expected.items():
            assert key in raw, "%s.%s missing" % (path, key)
            assert_echoes(value, raw[key], "%s.%s" % (path, key))
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert isinstance(raw, list) and len(raw) == len(expected), (path, raw)
        for index, (item, raw_item) in enumerate(zip(expected, raw)):
            assert_echoes(item, raw_item, "%s[%d]" % (path, index))
    else:
        assert raw == expected and type(raw) is type(expected), (path, expected, raw)


# SDK calls


@pytest.fixture
def group_id(made):
    return made.group(unique("api_group")).id


def _show(sdk, instance_id, api_id):
    return sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=instance_id, api_id=api_id))


def _update(sdk, instance_id, api_id, fields):
    return sdk.update_api_v2(UpdateApiV2Request(instance_id=instance_id, api_id=api_id, body=ApiCreate(**fields)))


def _list(sdk, instance_id, **query):
    return sdk.list_apis_v2(ListApisV2Request(instance_id=instance_id, **query))


def _batch(sdk, instance_id, action, env_id, apis, remark=None):
    return sdk.batch_publish_or_offline_api_v2(BatchPublishOrOfflineApiV2Request(
        instance_id=instance_id, action=action, body=ApiBatchPublish(apis=apis, env_id=env_id, remark=remark)))


def _versions(sdk, instance_id, api_id, **query):
    return sdk.list_api_versions_v2(ListApiVersionsV2Request(instance_id=instance_id, api_id=api_id, **query))


def _version_detail(sdk, instance_id, version_id):
    return sdk.list_api_version_detail_v2(ListApiVersionDetailV2Request(instance_id=instance_id,
                                                                        version_id=version_id))


def _runtime(sdk, instance_id, api_id, env_id=None):
    return sdk.list_api_runtime_definition_v2(ListApiRuntimeDefinitionV2Request(
        instance_id=instance_id, api_id=api_id, env_id=env_id))


def _switch(sdk, instance_id, api_id, version_id):
    return sdk.change_api_version_v2(ChangeApiVersionV2Request(
        instance_id=instance_id, api_id=api_id, body=ApiVersion(version_id=version_id)))


def _debug(sdk, instance_id, api_id, **body):
    return sdk.debug_api_v2(DebugApiV2Request(instance_id=instance_id, api_id=api_id, body=ApiDebugInfo(**body)))


def _statuses(sdk, instance_id, api_id, env_id):
    return {v.version_id: v.status for v in _versions(sdk, instance_id, api_id, env_id=env_id).api_versions}


# Create, show, update, delete (§3.5.1, §3.5.5, §3.5.2, §3.5.3)


def _assert_server_ids(raw):
    """ids on every nested object; REQUEST backend parameters and param conditions point at their request param."""
    param_ids = {p["name"]: p["id"] for p in raw.get("req_params", [])}
    assert all(param_ids.values()) and len(set(param_ids.values())) == len(param_ids), raw.get("req_params")
    backend = raw.get("backend_api") or raw.get("func_info") or raw.get("mock_info")
    assert backend["id"] and backend["status"] == 1, backend
    policies = [p for key in ("policy_https", "policy_functions", "policy_mocks") for p in raw.get(key, [])]
    for param in raw.get("backend_params", []) + [b for p in policies for b in p.get("backend_params", [])]:
        assert param["id"], param
        if param["origin"] == "REQUEST":
            assert param["req_param_id"] == param_ids[param["value"]], param
    for policy in policies:
        assert policy["id"], policy
        for condition in policy["conditions"]:
            assert condition["id"], condition
            if condition["condition_origin"] == "param" and "req_param_id" in condition:
                assert condition["req_param_id"] == param_ids[condition["req_param_name"]], condition


@pytest.mark.parametrize("build", [http_fields, function_fields, mock_fields], ids=["HTTP", "FUNCTION", "MOCK"])
def test_create_returns_201_with_every_documented_field(sdk, wire, instance_id, group_id, made, build):
    fields = build(group_id)
    response = made.api(**fields)
    assert response.status_code == 201
    raw = check_response(response, API, API_REQUIRED)
    assert_echoes(sent(fields), raw)
    _assert_server_ids(raw)
    assert raw["status"] == 1 and raw["update_time"] >= raw["register_time"]
    assert not any(key in raw and raw[key] for key in ("run_env_id", "run_env_name", "publish_id")), raw

    shown = _show(sdk, instance_id, response.id)
    assert shown.status_code == 200
    assert check_response(shown, API, API_REQUIRED) == raw
    check_fields(API, API_REQUIRED, wire.get_json("/apis/" + response.id), sdk_dict(shown))


def test_create_fills_documented_defaults(made, group_id):
    raw = json.loads(made.api(**mock_fields(group_id, req_uri="/%s/{id}" % unique("defaults"), policy_mocks=None,
                                            req_params=[ReqParamBase(name="id", type="STRING", location="PATH"),
                                                        ReqParamBase(name="q", type="STRING", location="QUERY")])
                              ).raw_content)
    assert raw["cors"] is False and raw["match_mode"] == "SWA"
    assert [(p["required"], p["valid_enable"]) for p in raw["req_params"]] == [(1, 2), (2, 2)]


def test_update_replaces_the_definition(sdk, instance_id, group_id, made):
    created = made.api(**http_fields(group_id))
    before = json.loads(created.raw_content)
    fields = mock_fields(group_id, result="replaced", name=unique("api_renamed"), req_method="POST", type=2)
    response = _update(sdk, instance_id, created.id, fields)
    assert response.status_code == 200
    raw = check_response(response, API, API_REQUIRED)
    assert_echoes(sent(fields), raw)
    # A PUT replaces the whole definition: the web backend and its parameters are gone.
    assert not any(raw.get(key) for key in ("backend_api", "backend_params", "policy_https")), raw
    assert (raw["id"], raw["register_time"]) == (created.id, before["register_time"])
    assert raw["update_time"] != before["update_time"]
    assert check_response(_show(sdk, instance_id, created.id), API, API_REQUIRED) == raw


def test_delete_returns_204_then_3002(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    delete = DeleteApiV2Request(instance_id=instance_id, api_id=api_id)
    assert sdk.delete_api_v2(delete).status_code == 204
    with api_error(404, "APIG.3002"):
        _show(sdk, instance_id, api_id)
    with api_error(404, "APIG.3002"):
        sdk.delete_api_v2(delete)
    with api_error(404, "APIG.3002"):
        _update(sdk, instance_id, api_id, mock_fields(group_id))


# List (§3.5.6)


def test_list_items_carry_the_documented_fields(sdk, wire, instance_id, group_id, made):
    for build in (http_fields, function_fields, mock_fields):
        made.api(**build(group_id))
    response = _list(sdk, instance_id, group_id=group_id)
    raw = check_response(response, {"total": int, "size": int}, ("total", "size", "apis"))
    assert (raw["total"], raw["size"]) == (3, 3)
    for index, item in enumerate(raw["apis"]):
        check_fields(API_LIST_ITEM, API_REQUIRED, item, sdk_dict(response.apis[index]), "apis[%d]" % index)
        assert not [key for key in DETAIL_ONLY if key in item], item
    assert {a["backend_type"] for a in raw["apis"]} == {"HTTP", "FUNCTION", "MOCK"}
    assert wire.get_json("/apis", {"group_id": group_id}) == raw


def test_list_filters_and_precise_search(sdk, instance_id, group_id, made):
    base = unique("api_filter")
    exact = made.api(**mock_fields(group_id, name=base, req_uri="/" + base)).id
    longer = made.api(**mock_fields(group_id, name=base + "_more", req_uri="/" + base + "/more",
                                    req_method="POST", auth_type="IAM", type=2)).id
    web = made.api(**http_fields(group_id, req_protocol="BOTH")).id

    def ids(**query):
        return {a.id for a in _list(sdk, instance_id, group_id=group_id, **query).apis}

    assert ids(name=base) == {exact, longer}
    assert ids(name=base, precise_search="name") == {exact}
    assert ids(req_uri="/" + base) == {exact, longer}
    assert ids(req_uri="/" + base, precise_search="req_uri") == {exact}
    assert ids(id=longer) == {longer}
    assert ids(req_method="POST") == {longer}
    assert ids(auth_type="IAM") == {longer}
    assert ids(type=2) == {longer}
    assert ids(req_protocol="BOTH") == {web}
    assert ids() == {exact, longer, web}
    env_id = made.env(unique("api_list_env")).id
    made.publish(exact, env_id)
    assert ids(env_id=env_id) == {exact}


def test_list_paging(sdk, instance_id, group_id, made):
    made_ids = {made.api(**mock_fields(group_id)).id for _ in range(3)}
    pages = [_list(sdk, instance_id, group_id=group_id, offset=offset, limit=2) for offset in (0, 2)]
    assert [(p.total, p.size, len(p.apis)) for p in pages] == [(3, 2, 2), (3, 1, 1)]
    assert {a.id for p in pages for a in p.apis} == made_ids


@pytest.mark.parametrize("limit", [0, 501])
def test_list_limit_out_of_range_is_2012(sdk, instance_id, limit):
    with api_error(400, "APIG.2012"):
        _list(sdk, instance_id, limit=limit)


# Publish and take offline one API (§3.5.4)


def test_publish_shows_the_environments_on_the_api(sdk, instance_id, group_id, made):
    api = made.api(**mock_fields(group_id))
    env = made.env(unique("api_pub_env"))
    in_env = made.publish(api.id, env.id, "to test")
    assert in_env.status_code == 201
    raw_env = check_response(in_env, PUBLISH, PUBLISH_REQUIRED)
    assert (raw_env["api_id"], raw_env["api_name"], raw_env["env_id"], raw_env["remark"]) == \
        (api.id, api.name, env.id, "to test")
    raw_release = check_response(made.publish(api.id, RELEASE_ID), PUBLISH, PUBLISH_REQUIRED)

    shown = check_response(_show(sdk, instance_id, api.id), API, API_REQUIRED)
    published = list(zip(shown["run_env_id"].split("|"), shown["run_env_name"].split("|"),
                         shown["publish_id"].split("|"), shown["publish_time"].split("|")))
    assert sorted(published) == sorted([
        (env.id, env.name, raw_env["publish_id"], raw_env["publish_time"]),
        (RELEASE_ID, "RELEASE", raw_release["publish_id"], raw_release["publish_time"])])

    offline = made.api_action("offline", api.id, env.id)
    assert offline.status_code == 201  # §3.5.4 documents 201 for both actions
    assert check_response(offline, PUBLISH, PUBLISH_REQUIRED)["env_id"] == env.id
    shown = _show(sdk, instance_id, api.id)
    assert (shown.run_env_id, shown.run_env_name, shown.publish_id) == \
        (RELEASE_ID, "RELEASE", raw_release["publish_id"])


def test_publish_errors(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    with api_error(404, "APIG.3003"):
        made.api_action("online", api_id, MISSING_ID)
    with api_error(404, "APIG.3002"):
        made.api_action("online", MISSING_ID, RELEASE_ID)
    with api_error(400, "APIG.2011"):
        made.api_action("publish", api_id, RELEASE_ID)


# Batch publish / offline (§3.5.8)


def test_batch_publish_reports_failures_in_a_200(sdk, instance_id, group_id, made):
    first = made.api(**mock_fields(group_id))
    second = made.api(**http_fields(group_id))
    env_id = made.env(unique("api_batch_env")).id
    response = _batch(sdk, instance_id, "online", env_id, [first.id, MISSING_ID, second.id], "batch")
    assert response.status_code == 200
    raw = check_response(response, {"success": (PUBLISH,), "failure": (BATCH_FAILURE,)}, ("success", "failure"))
    assert sorted((s["api_id"], s["api_name"], s["env_id"], s["remark"]) for s in raw["success"]) == \
        sorted([(first.id, first.name, env_id, "batch"), (second.id, second.name, env_id, "batch")])
    for index, item in enumerate(raw["success"]):
        check_fields(PUBLISH, PUBLISH_REQUIRED, item, sdk_dict(response.success[index]), "success[%d]" % index)
    assert [(f["api_id"], f["error_code"]) for f in raw["failure"]] == [(MISSING_ID, "APIG.3002")]
    assert raw["failure"][0]["error_msg"]
    assert {a.id for a in _list(sdk, instance_id, env_id=env_id).apis} == {first.id, second.id}

    offline = _batch(sdk, instance_id, "offline", env_id, [first.id, second.id])
    assert offline.status_code == 200
    raw = check_response(offline, {"success": (PUBLISH,), "failure": (BATCH_FAILURE,)}, ("success",))
    assert sorted(s["api_id"] for s in raw["success"]) == sorted([first.id, second.id])
    assert not raw.get("failure")
    assert _list(sdk, instance_id, env_id=env_id).total == 0
    # Nothing is published any more: both APIs can be deleted.
    for api in (first, second):
        assert sdk.delete_api_v2(DeleteApiV2Request(instance_id=instance_id, api_id=api.id)).status_code == 204


def test_batch_errors(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    with api_error(400, "APIG.2011"):
        _batch(sdk, instance_id, "publish", RELEASE_ID, [api_id])
    with api_error(404, "APIG.3003"):
        _batch(sdk, instance_id, "online", MISSING_ID, [api_id])


# Versions: list, switch, detail, offline by version (§3.5.9, §3.5.10, §3.5.12, §3.5.13)


def test_versions_switch_and_detail(sdk, wire, instance_id, group_id, made):
    fields = mock_fields(group_id, remark="first definition")
    api = made.api(**fields)
    first_definition = json.loads(api.raw_content)
    env = made.env(unique("api_ver_env"))
    first = check_response(made.publish(api.id, env.id, "v1"), PUBLISH, PUBLISH_REQUIRED)
    fields["remark"] = "second definition"
    second_definition = json.loads(_update(sdk, instance_id, api.id, fields).raw_content)
    second = check_response(made.publish(api.id, env.id, "v2"), PUBLISH, PUBLISH_REQUIRED)
    made.publish(api.id, RELEASE_ID)

    listed = _versions(sdk, instance_id, api.id, env_id=env.id)
    raw = check_response(listed, {"total": int, "size": int}, ("total", "size", "api_versions"))
    assert (raw["total"], raw["size"]) == (2, 2)
    for index, item in enumerate(raw["api_versions"]):
        check_fields(API_VERSION, API_VERSION_REQUIRED, item, sdk_dict(listed.api_versions[index]),
                     "api_versions[%d]" % index)
    assert {(v["version_id"], v["api_id"], v["env_id"], v["env_name"], v["remark"], v["status"])
            for v in raw["api_versions"]} == {(first["version_id"], api.id, env.id, env.name, "v1", 2),
                                              (second["version_id"], api.id, env.id, env.name, "v2", 1)}
    # version_no is the publish time to the second, as in the reference's example ("20200803093600").
    assert all(re.fullmatch(r"\d{14}", v["version_no"]) for v in raw["api_versions"]), raw
    assert wire.get_json("/apis/publish/" + api.id, {"env_id": env.id}) == raw
    by_name = _versions(sdk, instance_id, api.id, env_name=env.name)
    assert {v.version_id for v in by_name.api_versions} == {first["version_id"], second["version_id"]}
    assert _versions(sdk, instance_id, api.id).total == 3

    for version, definition in ((first, first_definition), (second, second_definition)):
        detail = _version_detail(sdk, instance_id, version["version_id"])
        assert detail.status_code == 200
        raw_detail = check_response(detail, API_VERSION_DETAIL, API_REQUIRED + ("version_id",))
        assert (raw_detail["version_id"], raw_detail["id"], raw_detail["remark"], raw_detail["publish_time"]) == \
            (version["version_id"], api.id, definition["remark"], version["publish_time"])
        # The snapshot records the definition's update_time: this is how "changed since publish" is seen.
        assert raw_detail["update_time"] == definition["update_time"]
        assert_echoes(sanitize_for_serialization(ApiMockCreate(result_content="mock success", version="v1",
                                                               remark="mock")), raw_detail["mock_info"])

    switched = _switch(sdk, instance_id, api.id, first["version_id"])
    assert switched.status_code == 200
    raw_switch = check_response(switched, PUBLISH, PUBLISH_REQUIRED)
    assert (raw_switch["api_id"], raw_switch["env_id"], raw_switch["version_id"]) == \
        (api.id, env.id, first["version_id"])
    assert _statuses(sdk, instance_id, api.id, env.id) == {first["version_id"]: 1, second["version_id"]: 2}
    assert _runtime(sdk, instance_id, api.id, env.id).remark == "first definition"


def test_offline_by_version(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    env_id = made.env(unique("api_off_env")).id
    version_id = made.publish(api_id, env_id).version_id
    with api_error(403, "APIG.3416"):
        sdk.delete_api_v2(DeleteApiV2Request(instance_id=instance_id, api_id=api_id))
    response = sdk.delete_api_by_version_id_v2(DeleteApiByVersionIdV2Request(instance_id=instance_id,
                                                                             version_id=version_id))
    assert response.status_code == 204
    assert _statuses(sdk, instance_id, api_id, env_id) == {version_id: 2}
    assert not _show(sdk, instance_id, api_id).run_env_id
    assert _list(sdk, instance_id, env_id=env_id).total == 0
    assert sdk.delete_api_v2(DeleteApiV2Request(instance_id=instance_id, api_id=api_id)).status_code == 204


def test_at_most_ten_versions_per_environment(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    env_id = made.env(unique("api_ten_env")).id
    version_ids = [made.publish(api_id, env_id, "publish %d" % i).version_id for i in range(11)]
    statuses = _statuses(sdk, instance_id, api_id, env_id)
    assert len(statuses) == 10 and version_ids[0] not in statuses, statuses
    assert statuses[version_ids[-1]] == 1 and sorted(statuses.values()) == [1] + [2] * 9
    with api_error(404, "APIG.3022"):
        _version_detail(sdk, instance_id, version_ids[0])


def test_missing_version_is_3022(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    with api_error(404, "APIG.3022"):
        _version_detail(sdk, instance_id, MISSING_ID)
    with api_error(404, "APIG.3022"):
        sdk.delete_api_by_version_id_v2(DeleteApiByVersionIdV2Request(instance_id=instance_id,
                                                                      version_id=MISSING_ID))
    with api_error(404, "APIG.3022"):
        _switch(sdk, instance_id, api_id, MISSING_ID)


# Runtime definition (§3.5.11)


def test_runtime_definition_substitutes_environment_variables(sdk, wire, instance_id, group_id, made):
    env = made.env(unique("api_rt_env"))
    made.variable(group_id, env.id, "city", "beijing")
    fields = mock_fields(group_id, remark="served from #city#", req_params=[
        ReqParamBase(name="city", type="STRING", location="QUERY", default_value="#city#")])
    api = made.api(**fields)
    published = made.publish(api.id, env.id)
    response = _runtime(sdk, instance_id, api.id, env.id)
    assert response.status_code == 200
    raw = check_response(response, API_RUNTIME, API_COMMON_REQUIRED)
    # §3.5.11 documents the frontend definition only: no backend, policies or bookkeeping fields.
    assert not set(raw) - set(API_RUNTIME), sorted(set(raw) - set(API_RUNTIME))
    assert (raw["id"], raw["run_env_id"], raw["run_env_name"], raw["publish_id"]) == \
        (api.id, env.id, env.name, published.publish_id)
    assert (raw["remark"], raw["req_params"][0]["default_value"]) == ("served from beijing", "beijing")
    assert raw["sl_domain"] in raw["sl_domains"]
    assert wire.get_json("/apis/runtime/" + api.id, {"env_id": env.id}) == raw
    # The definition being edited keeps the variable reference.
    assert _show(sdk, instance_id, api.id).remark == "served from #city#"


def test_runtime_definition_defaults_to_release(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    made.publish(api_id, RELEASE_ID)
    response = _runtime(sdk, instance_id, api_id)
    assert (response.id, response.run_env_id, response.run_env_name) == (api_id, RELEASE_ID, "RELEASE")
    with api_error(404, "APIG.3002"):
        _runtime(sdk, instance_id, MISSING_ID)


# Debug (§3.5.7)


def test_debug_mock_api(sdk, instance_id, group_id, made):
    fields = mock_fields(group_id, result="published answer")
    api = made.api(**fields)
    made.publish(api.id, RELEASE_ID)
    fields["mock_info"] = ApiMockCreate(result_content="draft answer")
    _update(sdk, instance_id, api.id, fields)

    developer = _debug(sdk, instance_id, api.id, mode="DEVELOPER", scheme="HTTP", method="GET",
                       path=fields["req_uri"], query={"page": ["1"]}, header={"X-Test": ["yes"]})
    assert developer.status_code == 200
    raw = check_response(developer, DEBUG, ("request", "response", "latency"))
    assert raw["request"].startswith("GET " + fields["req_uri"]), raw["request"]
    assert "page=1" in raw["request"].split("\r\n")[0] and "X-Test: yes" in raw["request"], raw["request"]
    assert raw["response"].startswith("HTTP/1.1 200") and raw["response"].endswith("draft answer"), raw
    assert raw["latency"] >= 0
    # CONSUMER mode runs the definition published in the stage, not the one being edited.
    consumer = _debug(sdk, instance_id, api.id, mode="CONSUMER", scheme="HTTP", method="GET",
                      path=fields["req_uri"], stage="RELEASE")
    assert consumer.response.endswith("published answer"), consumer.response


def test_debug_errors(sdk, instance_id, group_id, made):
    api = made.api(**mock_fields(group_id))
    with api_error(404, "APIG.3002"):
        _debug(sdk, instance_id, MISSING_ID, mode="DEVELOPER", scheme="HTTP", method="GET", path="/x")
    with api_error(400, "APIG.2011"):
        _debug(sdk, instance_id, api.id, mode="TESTER", scheme="HTTP", method="GET", path="/x")


# Rules and error codes


def test_duplicate_name_in_group_is_3202(sdk, instance_id, group_id, made):
    name = made.api(**mock_fields(group_id)).name
    with api_error(400, "APIG.3202"):
        made.api(**mock_fields(group_id, name=name))
    # Names are unique per group only.
    other_group = made.group(unique("api_group_other")).id
    assert made.api(**mock_fields(other_group, name=name)).status_code == 201
    taken_by_update = made.api(**mock_fields(group_id))
    with api_error(400, "APIG.3202"):
        _update(sdk, instance_id, taken_by_update.id, mock_fields(group_id, name=name))


def test_duplicate_method_and_path_in_group_is_3301(sdk, instance_id, group_id, made):
    first = mock_fields(group_id)
    made.api(**first)
    with api_error(400, "APIG.3301"):
        made.api(**mock_fields(group_id, req_uri=first["req_uri"]))
    assert made.api(**mock_fields(group_id, req_uri=first["req_uri"], req_method="POST")).status_code == 201
    other_group = made.group(unique("api_group_other")).id
    assert made.api(**mock_fields(other_group, req_uri=first["req_uri"])).status_code == 201


def test_published_api_blocks_deleting_it_and_its_environment(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    env_id = made.env(unique("api_guard_env")).id
    made.publish(api_id, env_id)
    with api_error(403, "APIG.3416"):
        sdk.delete_api_v2(DeleteApiV2Request(instance_id=instance_id, api_id=api_id))
    with api_error(403, "APIG.3418"):
        sdk.delete_environment_v2(DeleteEnvironmentV2Request(instance_id=instance_id, env_id=env_id))


def test_group_with_apis_cannot_be_deleted_3415(sdk, instance_id, group_id, made):
    made.api(**mock_fields(group_id))
    with api_error(403, "APIG.3415"):
        sdk.delete_api_group_v2(DeleteApiGroupV2Request(instance_id=instance_id, group_id=group_id))


@pytest.mark.parametrize("fields, code", [
    (dict(group_id=MISSING_ID), "APIG.3001"),
    (dict(auth_type="AUTHORIZER", authorizer_id=MISSING_ID), "APIG.3081"),
    (dict(backend_type="HTTP", mock_info=None, policy_mocks=None, backend_api=BackendApiCreate(
        url_domain=MISSING_ID, req_protocol="HTTP", req_method="GET", req_uri="/b", timeout=5000,
        vpc_channel_status=1, vpc_channel_info=ApiBackendVpcReq(vpc_channel_id=MISSING_ID))), "APIG.3023"),
], ids=["group", "authorizer", "vpc-channel"])
def test_missing_reference_is_404(group_id, made, fields, code):
    body = mock_fields(group_id)
    body.update(fields)
    with api_error(404, code):
        made.api(**body)


def test_missing_api_is_3002(sdk, instance_id):
    with api_error(404, "APIG.3002"):
        _show(sdk, instance_id, MISSING_ID)
    with api_error(404, "APIG.3002"):
        _versions(sdk, instance_id, MISSING_ID)


@pytest.mark.parametrize("fields", [
    dict(name="ab"), dict(name="1starts_with_digit"), dict(name="a" * 65), dict(type=3), dict(req_method="FETCH"),
    dict(req_protocol="FTP"), dict(auth_type="BASIC"), dict(backend_type="GRPC"), dict(match_mode="PREFIX"),
    dict(remark="r" * 256), dict(req_params=[ReqParamBase(name="p", type="BOOLEAN", location="QUERY")]),
    dict(req_params=[ReqParamBase(name="p", type="STRING", location="COOKIE")]),
    dict(mock_info=ApiMockCreate(result_content="x", remark="r" * 256)),
], ids=["short-name", "digit-first", "long-name", "type-3", "method", "protocol", "auth-type", "backend-type",
        "match-mode", "remark-256", "param-type", "param-location", "mock-remark-256"])
def test_invalid_value_is_2011(group_id, made, fields):
    with api_error(400, "APIG.2011"):
        made.api(**mock_fields(group_id, **fields))


@pytest.mark.parametrize("missing", ["name", "type", "req_method", "req_uri", "auth_type", "backend_type",
                                     "group_id"])
def test_missing_required_field_is_2001(group_id, made, missing):
    body = mock_fields(group_id)
    del body[missing]
    with api_error(400, "APIG.2001"):
        made.api(**body)


def test_update_invalid_value_is_2011(sdk, instance_id, group_id, made):
    api_id = made.api(**mock_fields(group_id)).id
    with api_error(400, "APIG.2011"):
        _update(sdk, instance_id, api_id, mock_fields(group_id, name="ab"))
