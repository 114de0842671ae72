"""§3.5 APIs: definitions, rules, publishing, versions, runtime definitions and debugging."""
import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from emulator_helpers import Client, error, unique
from loopback_backend import LOOPBACK_ANSWER

ID = re.compile(r"^[0-9a-f]{32}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$")
RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"
# Every field of §3.5.5 (show_api); list items (ApiInfoPerPage) lack the detail-only ones.
DETAIL_FIELDS = {
    "name", "type", "version", "req_protocol", "req_method", "req_uri", "auth_type", "auth_opt", "cors", "match_mode",
    "backend_type", "remark", "group_id", "body_remark", "result_normal_sample", "result_failure_sample",
    "authorizer_id", "tags", "response_id", "roma_app_id", "domain_name", "tag", "content_type", "id", "status",
    "arrange_necessary", "register_time", "update_time", "group_name", "group_version", "run_env_id", "run_env_name",
    "publish_id", "publish_time", "roma_app_name", "ld_api_id", "backend_api", "api_group_info", "func_info",
    "mock_info", "req_params", "backend_params", "policy_functions", "policy_mocks", "policy_https"}
DETAIL_ONLY = {"func_info", "mock_info", "backend_params", "policy_functions", "policy_mocks", "policy_https"}
PUBLISH_FIELDS = {"publish_id", "api_id", "api_name", "env_id", "remark", "publish_time", "version_id"}


@pytest.fixture(scope="module")
def api(module_emulator):
    return Client(module_emulator)


@pytest.fixture
def group(api):
    return api.create_group()


def param_msg(text, name):
    return "%s,parameterName:%s. Please refer to the support documentation" % (text, name)


def mock_body(group_id, **extra):
    body = {"group_id": group_id, "name": unique("api"), "type": 1, "req_method": "GET",
            "req_uri": "/" + unique("mock"), "auth_type": "NONE", "backend_type": "MOCK",
            "mock_info": {"result_content": "mock success"}}
    body.update(extra)
    return body


def http_body(group_id, **extra):
    body = {"group_id": group_id, "name": unique("web"), "type": 1, "req_method": "GET",
            "req_uri": "/users/{user_id}", "auth_type": "APP", "backend_type": "HTTP",
            "backend_api": {"url_domain": "127.0.0.1:9", "req_protocol": "HTTP", "req_method": "GET",
                            "req_uri": "/backend/{uid}", "timeout": 5000},
            "req_params": [{"name": "user_id", "type": "STRING", "location": "PATH"},
                           {"name": "q", "type": "NUMBER", "location": "QUERY", "min_num": 1}],
            "backend_params": [{"name": "uid", "location": "PATH", "origin": "REQUEST", "value": "user_id"},
                               {"name": "X-Const", "location": "HEADER", "origin": "CONSTANT", "value": "demo"}]}
    body.update(extra)
    return body


def create(api, body):
    r = api.post("/apis", body)
    assert r.status_code == 201, r.text
    return r.json()


def publish(api, api_id, env_id=RELEASE_ID, action="online", remark=""):
    return api.post("/apis/action", {"action": action, "api_id": api_id, "env_id": env_id, "remark": remark})


def published(api, api_id, env_id=RELEASE_ID, remark=""):
    r = publish(api, api_id, env_id, remark=remark)
    assert r.status_code == 201, r.text
    return r.json()


def versions(api, api_id, **query):
    r = api.get("/apis/publish/" + api_id, **query)
    assert r.status_code == 200, r.text
    return r.json()


# ---------------------------------------------------------------- definitions

def test_create_mock_api_returns_every_detail_field(api, group):
    created = create(api, mock_body(group["id"], remark="Mock backend API", tags=["mockApi"]))
    assert set(created) == DETAIL_FIELDS
    assert ID.match(created["id"]) and TIME.match(created["register_time"])
    assert created["register_time"] == created["update_time"]
    assert (created["type"], created["status"], created["arrange_necessary"], created["cors"]) == (1, 1, 2, False)
    assert (created["req_protocol"], created["match_mode"], created["auth_opt"]) == (
        "HTTPS", "NORMAL", {"app_code_auth_type": "DISABLE"})
    assert (created["group_name"], created["group_version"]) == (group["name"], "V1")
    assert created["api_group_info"]["id"] == group["id"] and created["api_group_info"]["sl_domain"]
    assert all(created[k] == "" for k in ("run_env_id", "run_env_name", "publish_id", "publish_time"))
    mock = created["mock_info"]
    assert mock["result_content"] == "mock success" and ID.match(mock["id"]) and mock["status"] == 1
    assert TIME.match(mock["register_time"]) and TIME.match(mock["update_time"])
    assert created["backend_api"] is None and created["func_info"] is None
    assert created["tags"] == ["mockApi"] and created["req_params"] == [] and created["policy_https"] == []
    assert api.get("/apis/" + created["id"]).json() == created


def test_create_http_api_adds_nested_ids_and_defaults(api, group):
    created = create(api, http_body(group["id"]))
    backend = created["backend_api"]
    assert ID.match(backend["id"]) and backend["status"] == 1 and TIME.match(backend["register_time"])
    assert (backend["vpc_channel_status"], backend["enable_client_ssl"], backend["timeout"]) == (2, False, 5000)
    path, query = created["req_params"]
    assert ID.match(path["id"]) and ID.match(query["id"])
    # required defaults to 1 for PATH parameters, 2 otherwise; valid_enable 2; pass_through 1.
    assert (path["required"], query["required"]) == (1, 2)
    assert (query["valid_enable"], query["pass_through"], query["min_num"]) == (2, 1, 1)
    mapped, constant = created["backend_params"]
    assert mapped["req_param_id"] == path["id"] and constant["req_param_id"] == ""
    assert ID.match(mapped["id"]) and ID.match(constant["id"])


def test_function_api_and_policies(api, group):
    func = {"function_urn": "urn:fss:r:p:function:default:f1", "invocation_type": "sync", "network_type": "V1",
            "timeout": 5000}
    body = mock_body(group["id"], backend_type="FUNCTION", func_info=func, mock_info=None,
                     req_params=[{"name": "kind", "type": "STRING", "location": "QUERY"}],
                     policy_functions=[{**func, "name": "by_kind", "effect_mode": "ANY",
                                        "conditions": [{"condition_origin": "param", "req_param_name": "kind",
                                                        "condition_type": "exact", "condition_value": "a"},
                                                       {"condition_origin": "source",
                                                        "condition_value": "10.0.0.0/8"}]}])
    created = create(api, body)
    assert created["func_info"]["function_urn"] == func["function_urn"] and ID.match(created["func_info"]["id"])
    policy = created["policy_functions"][0]
    by_param, by_source = policy["conditions"]
    assert ID.match(policy["id"]) and policy["timeout"] == 5000
    assert by_param["req_param_id"] == created["req_params"][0]["id"] and by_param["req_param_location"] == "QUERY"
    assert by_source["req_param_id"] == "" and ID.match(by_source["id"])


def test_update_replaces_definition_keeps_ids_and_touches_update_time(api, group):
    created = create(api, http_body(group["id"], tags=["a"], remark="old"))
    body = http_body(group["id"], name=created["name"], remark="new")
    r = api.put("/apis/" + created["id"], body)
    assert r.status_code == 200, r.text
    updated = r.json()
    assert (updated["remark"], updated["tags"]) == ("new", [])  # a full replacement: unset tags are gone
    assert updated["update_time"] > created["update_time"] and updated["register_time"] == created["register_time"]
    assert [p["id"] for p in updated["req_params"]] == [p["id"] for p in created["req_params"]]
    assert updated["backend_api"]["id"] == created["backend_api"]["id"]
    assert updated["backend_api"]["update_time"] > created["backend_api"]["update_time"]
    assert api.get("/apis/" + created["id"]).json() == updated


def test_delete_then_404_everywhere(api, group):
    created = create(api, mock_body(group["id"]))
    assert api.delete("/apis/" + created["id"]).status_code == 204
    msg = error(api.get("/apis/" + created["id"]), 404, "APIG.3002")
    assert msg == "API %s does not exist" % created["id"]
    error(api.delete("/apis/" + created["id"]), 404, "APIG.3002")
    error(api.put("/apis/" + created["id"], mock_body(group["id"])), 404, "APIG.3002")
    error(publish(api, created["id"]), 404, "APIG.3002")
    error(api.get("/apis/runtime/" + created["id"]), 404, "APIG.3002")
    error(api.get("/apis/publish/" + created["id"]), 404, "APIG.3002")
    error(api.post("/apis/debug/" + created["id"], {"mode": "DEVELOPER", "scheme": "HTTPS", "method": "GET",
                                                    "path": "/"}), 404, "APIG.3002")


def test_list_filters_paging_and_projection(api, group):
    first = create(api, mock_body(group["id"], name=unique("listed"), req_uri="/list/one"))
    second = create(api, http_body(group["id"], name=first["name"] + "_2", type=2, req_method="POST"))
    listed = api.get("/apis", group_id=group["id"]).json()
    assert (listed["total"], listed["size"]) == (2, 2)
    assert [a["id"] for a in listed["apis"]] == [first["id"], second["id"]]
    item = listed["apis"][0]
    assert set(item) == DETAIL_FIELDS - DETAIL_ONLY and item["group_name"] == group["name"]

    def ids(**query):
        return [a["id"] for a in api.get("/apis", group_id=group["id"], **query).json()["apis"]]

    assert ids(name=first["name"]) == [first["id"], second["id"]]
    assert ids(name=first["name"], precise_search="name") == [first["id"]]
    assert ids(req_uri="/list") == [first["id"]] and ids(req_uri="/list", precise_search="req_uri") == []
    assert ids(type="2") == [second["id"]] and ids(req_method="POST") == [second["id"]]
    assert ids(id=first["id"]) == [first["id"]] and ids(auth_type="APP") == [second["id"]]
    assert ids(limit="1", offset="1") == [second["id"]]
    assert ids(env_id=RELEASE_ID) == []
    published(api, second["id"])
    assert ids(env_id=RELEASE_ID) == [second["id"]]
    msg = error(api.get("/apis", limit="0"), 400, "APIG.2012")
    assert msg == param_msg("Invalid parameter value", "limit")


def test_name_unique_in_group(api, group):
    created = create(api, mock_body(group["id"]))
    msg = error(api.post("/apis", mock_body(group["id"], name=created["name"])), 400, "APIG.3202")
    assert created["name"] in msg
    other = create(api, mock_body(group["id"]))
    error(api.put("/apis/" + other["id"], mock_body(group["id"], name=created["name"])), 400, "APIG.3202")
    assert create(api, mock_body(api.create_group()["id"], name=created["name"]))["name"] == created["name"]


def test_method_and_path_unique_in_group(api, group):
    created = create(api, mock_body(group["id"]))
    same_route = mock_body(group["id"], req_uri=created["req_uri"])
    error(api.post("/apis", same_route), 400, "APIG.3301")
    assert create(api, {**same_route, "req_method": "POST"})["req_uri"] == created["req_uri"]
    other = create(api, mock_body(group["id"]))
    error(api.put("/apis/" + other["id"], {**same_route, "name": other["name"]}), 400, "APIG.3301")
    # Updating an API onto its own route is fine.
    again = {**mock_body(group["id"], name=created["name"], req_uri=created["req_uri"])}
    assert api.put("/apis/" + created["id"], again).status_code == 200


_FN = {"function_urn": "urn:fss:r:p:function:default:f", "invocation_type": "sync", "network_type": "V1",
       "timeout": 100}
_COND = {"condition_origin": "param", "req_param_name": "nope", "condition_type": "exact", "condition_value": "x"}


@pytest.mark.parametrize("change, status, code, text, name", [
    ({"name": "1abc"}, 400, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "ab"}, 400, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "a" * 65}, 400, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": None}, 400, "APIG.2001", "The request parameters must be specified", "name"),
    ({"type": 3}, 400, "APIG.2011", "Invalid parameter value", "type"),
    ({"req_uri": "no-slash"}, 400, "APIG.2011", "Invalid parameter value", "req_uri"),
    ({"req_uri": "/" + "a" * 512}, 400, "APIG.2011", "Invalid parameter value", "req_uri"),
    ({"req_method": "TRACE"}, 400, "APIG.2011", "Invalid parameter value", "req_method"),
    ({"auth_opt": {"app_code_auth_type": "QUERY"}}, 400, "APIG.2011", "Invalid parameter value",
     "auth_opt.app_code_auth_type"),
    ({"tags": ["1tag"]}, 400, "APIG.2011", "Invalid parameter value", "tags[0]"),
    ({"remark": "r" * 256}, 400, "APIG.2011", "Invalid parameter value", "remark"),
    ({"mock_info": None}, 400, "APIG.2001", "The request parameters must be specified", "mock_info"),
    ({"func_info": _FN}, 400, "APIG.2011", "Invalid parameter value", "func_info"),
    ({"backend_type": "HTTP"}, 400, "APIG.2001", "The request parameters must be specified", "backend_api"),
    ({"backend_type": "FUNCTION", "mock_info": None, "func_info": {**_FN, "timeout": 0}}, 400, "APIG.2002",
     "The parameter value is too small", "func_info.timeout"),
    ({"backend_type": "FUNCTION", "mock_info": None, "func_info": {**_FN, "timeout": 60001}}, 400, "APIG.2003",
     "The parameter value is too large", "func_info.timeout"),
    ({"backend_type": "FUNCTION", "mock_info": None, "func_info": {**_FN, "network_type": "V3"}}, 400,
     "APIG.2011", "Invalid parameter value", "func_info.network_type"),
    ({"req_params": [{"name": "a", "type": "STRING", "location": "QUERY"},
                     {"name": "a", "type": "STRING", "location": "HEADER"}]}, 400, "APIG.3209",
     "The parameter name already exists", "req_params[1].name"),
    ({"req_params": [{"name": "a", "type": "STRING", "location": "BODY"}]}, 400, "APIG.2011",
     "Invalid parameter value", "req_params[0].location"),
    ({"req_params": [{"name": "a", "type": "STRING"}]}, 400, "APIG.2001",
     "The request parameters must be specified", "req_params[0].location"),
    ({"req_params": [{"name": "p", "type": "STRING", "location": "PATH"}]}, 400, "APIG.2026",
     "The request path parameters are not defined", "req_params[0].name"),
    ({"backend_params": [{"name": "b", "location": "HEADER", "origin": "REQUEST", "value": "ghost"}]}, 400,
     "APIG.2028", "The request parameters mapped to the backend parameters are not defined",
     "backend_params[0].value"),
    ({"policy_mocks": [{"name": "p_one", "effect_mode": "ANY", "conditions": [_COND]}]}, 400, "APIG.2011",
     "Invalid parameter value", "policy_mocks[0].conditions[0].req_param_name"),
    ({"policy_mocks": [{"name": "p_one", "effect_mode": "ANY", "conditions": []}] * 2}, 400, "APIG.3210",
     "The backend policy name already exists", "policy_mocks[1].name"),
    ({"policy_mocks": [{"name": "p_one", "effect_mode": "ANY"}]}, 400, "APIG.2001",
     "The request parameters must be specified", "policy_mocks[0].conditions"),
    ({"auth_type": "AUTHORIZER"}, 400, "APIG.2001", "The request parameters must be specified", "authorizer_id"),
])
def test_validation_names_the_parameter(api, group, change, status, code, text, name):
    body = mock_body(group["id"])
    body.update(change)
    assert error(api.post("/apis", body), status, code) == param_msg(text, name)


def test_wrong_json_type_and_missing_references(api, group):
    msg = error(api.post("/apis", mock_body(group["id"], cors="yes")), 400, "APIG.2000")
    assert msg.startswith("Parameter error: Serialization error:") and "cors" in msg
    error(api.post("/apis", mock_body("f" * 32)), 404, "APIG.3001")
    authorizer = mock_body(group["id"], auth_type="AUTHORIZER", authorizer_id="a" * 32)
    assert "a" * 32 in error(api.post("/apis", authorizer), 404, "APIG.3081")
    vpc = http_body(group["id"])
    vpc["backend_api"] = {**vpc["backend_api"], "vpc_channel_status": 1, "url_domain": "",
                          "vpc_channel_info": {"vpc_channel_id": "c" * 32}}
    assert "c" * 32 in error(api.post("/apis", vpc), 404, "APIG.3023")
    vpc["backend_api"]["vpc_channel_info"] = None
    error(api.post("/apis", vpc), 400, "APIG.2001")
    no_domain = http_body(group["id"])
    no_domain["backend_api"] = {**no_domain["backend_api"], "url_domain": ""}
    assert error(api.post("/apis", no_domain), 400, "APIG.2001") == param_msg(
        "The request parameters must be specified", "backend_api.url_domain")


# ---------------------------------------------------------------- publishing

def test_publish_offline_guards_and_detail(api, group):
    env = api.create_env()
    created = create(api, mock_body(group["id"]))
    first = published(api, created["id"], remark="to release")
    assert set(first) == PUBLISH_FIELDS
    assert (first["api_id"], first["api_name"], first["env_id"], first["remark"]) == (
        created["id"], created["name"], RELEASE_ID, "to release")
    assert ID.match(first["publish_id"]) and ID.match(first["version_id"]) and TIME.match(first["publish_time"])
    second = published(api, created["id"], env["id"])
    detail = api.get("/apis/" + created["id"]).json()
    assert detail["run_env_id"] == RELEASE_ID + "|" + env["id"]
    assert detail["run_env_name"] == "RELEASE|" + env["name"]
    assert detail["publish_id"] == first["publish_id"] + "|" + second["publish_id"]
    assert detail["publish_time"] == first["publish_time"] + "|" + second["publish_time"]
    # Guards: a published API, its group and its environments can't be deleted.
    error(api.delete("/apis/" + created["id"]), 403, "APIG.3416")
    error(api.delete("/api-groups/" + group["id"]), 403, "APIG.3415")
    error(api.delete("/envs/" + env["id"]), 403, "APIG.3418")
    off = publish(api, created["id"], action="offline")
    assert off.status_code == 201 and off.json()["publish_id"] == first["publish_id"]
    assert api.get("/apis/" + created["id"]).json()["run_env_id"] == env["id"]
    msg = error(publish(api, created["id"], action="offline"), 404, "APIG.3015")
    assert created["id"] in msg
    assert publish(api, created["id"], env["id"], action="offline").status_code == 201
    assert api.delete("/envs/" + env["id"]).status_code == 204
    assert api.delete("/apis/" + created["id"]).status_code == 204
    # Deleting the API deletes its versions.
    error(api.get("/apis/versions/" + first["version_id"]), 404, "APIG.3022")


def test_publish_errors(api, group):
    created = create(api, mock_body(group["id"]))
    assert error(publish(api, created["id"], action="up"), 400, "APIG.2011") == param_msg(
        "Invalid parameter value", "action")
    error(publish(api, created["id"], env_id="e" * 32), 404, "APIG.3003")
    error(publish(api, "a" * 32), 404, "APIG.3002")
    r = api.post("/apis/action", {"action": "online", "api_id": created["id"]})
    assert error(r, 400, "APIG.2001") == param_msg("The request parameters must be specified", "env_id")


def test_republish_keeps_ten_versions_and_the_newest_in_effect(api, group):
    created = create(api, mock_body(group["id"]))
    ids = [published(api, created["id"], remark="v%d" % i)["version_id"] for i in range(12)]
    listed = versions(api, created["id"], limit="500")
    assert (listed["total"], listed["size"]) == (10, 10)
    assert [v["version_id"] for v in listed["api_versions"]] == ids[2:]
    assert [v["status"] for v in listed["api_versions"]] == [2] * 9 + [1]
    newest = listed["api_versions"][-1]
    assert (newest["api_id"], newest["env_id"], newest["env_name"], newest["remark"]) == (
        created["id"], RELEASE_ID, "RELEASE", "v11")
    assert re.match(r"^\d{14}$", newest["version_no"]) and TIME.match(newest["publish_time"])
    error(api.get("/apis/versions/" + ids[0]), 404, "APIG.3022")
    assert versions(api, created["id"], env_name="RELEASE")["total"] == 10
    other = api.create_env()
    assert versions(api, created["id"], env_id=other["id"])["total"] == 0
    assert error(api.get("/apis/publish/" + created["id"], env_name="NO_SUCH_ENV"), 400, "APIG.2012") == param_msg(
        "Invalid parameter value", "env_name")
    assert api.get("/apis", id=created["id"]).json()["apis"][0]["publish_id"].count("|") == 0


def test_parallel_publishes_leave_one_publication(api, module_emulator, group):
    created = create(api, mock_body(group["id"]))
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: publish(Client(module_emulator), created["id"]), range(8)))
    assert all(r.status_code == 201 for r in results)
    listed = versions(api, created["id"])
    assert listed["total"] == 8 and [v["status"] for v in listed["api_versions"]].count(1) == 1
    assert api.get("/apis/" + created["id"]).json()["run_env_id"] == RELEASE_ID


def test_update_time_changes_on_put_and_versions_record_it(api, group):
    body = mock_body(group["id"], remark="first")
    created = create(api, body)
    v1 = published(api, created["id"])
    detail = api.get("/apis/versions/" + v1["version_id"]).json()
    assert detail["update_time"] == created["update_time"] and detail["status"] == 1
    updated = api.put("/apis/" + created["id"], {**body, "remark": "second"}).json()
    assert updated["update_time"] != created["update_time"]
    # The version keeps the definition it was published with.
    detail = api.get("/apis/versions/" + v1["version_id"]).json()
    assert (detail["update_time"], detail["remark"]) == (created["update_time"], "first")


def test_version_detail_and_switch(api, group):
    body = mock_body(group["id"], remark="one")
    created = create(api, body)
    v1 = published(api, created["id"], remark="publish one")
    api.put("/apis/" + created["id"], {**body, "remark": "two", "mock_info": {"result_content": "two"}})
    v2 = published(api, created["id"])
    detail = api.get("/apis/versions/" + v1["version_id"]).json()
    assert DETAIL_FIELDS - {"publish_id"} <= set(detail)
    assert (detail["version_id"], detail["status"], detail["env_id"], detail["run_env_id"]) == (
        v1["version_id"], 2, RELEASE_ID, RELEASE_ID)
    assert (detail["remark"], detail["mock_info"]["result_content"], detail["publish_time"]) == (
        "one", "mock success", v1["publish_time"])
    assert detail["sl_domain"] == group["sl_domain"] and detail["sl_domains"] == group["sl_domains"]
    r = api.put("/apis/publish/" + created["id"], {"version_id": v1["version_id"]})
    assert r.status_code == 200, r.text
    switched = r.json()
    assert set(switched) == PUBLISH_FIELDS
    assert (switched["version_id"], switched["env_id"], switched["remark"]) == (
        v1["version_id"], RELEASE_ID, "publish one")
    assert switched["publish_id"] != v2["publish_id"]
    runtime = api.get("/apis/runtime/" + created["id"]).json()
    assert (runtime["remark"], runtime["publish_id"]) == ("one", switched["publish_id"])
    assert [v["status"] for v in versions(api, created["id"])["api_versions"]] == [1, 2]
    assert api.get("/apis/" + created["id"]).json()["publish_id"] == switched["publish_id"]
    error(api.put("/apis/publish/" + created["id"], {"version_id": "f" * 32}), 404, "APIG.3022")
    other = create(api, mock_body(group["id"]))
    error(api.put("/apis/publish/" + other["id"], {"version_id": v1["version_id"]}), 404, "APIG.3022")
    assert error(api.put("/apis/publish/" + created["id"], {}), 400, "APIG.2001") == param_msg(
        "The request parameters must be specified", "version_id")


def test_deleting_an_environment_removes_its_versions(api, group):
    env = api.create_env()
    created = create(api, mock_body(group["id"]))
    version = published(api, created["id"], env["id"])
    assert publish(api, created["id"], env["id"], action="offline").status_code == 201
    assert api.delete("/envs/" + env["id"]).status_code == 204
    error(api.get("/apis/versions/" + version["version_id"]), 404, "APIG.3022")
    assert api.delete("/apis/" + created["id"]).status_code == 204


def test_offline_by_version(api, group):
    created = create(api, mock_body(group["id"]))
    old = published(api, created["id"])
    current = published(api, created["id"])
    error(api.delete("/apis/versions/" + old["version_id"]), 404, "APIG.3015")  # not the one in effect
    assert api.delete("/apis/versions/" + current["version_id"]).status_code == 204
    assert api.get("/apis/" + created["id"]).json()["run_env_id"] == ""
    assert [v["status"] for v in versions(api, created["id"])["api_versions"]] == [2, 2]
    error(api.delete("/apis/versions/" + current["version_id"]), 404, "APIG.3015")
    error(api.delete("/apis/versions/" + "f" * 32), 404, "APIG.3022")
    error(api.get("/apis/runtime/" + created["id"]), 404, "APIG.3015")
    assert api.delete("/apis/" + created["id"]).status_code == 204


def test_runtime_substitutes_the_environment_variables(api, group):
    env = api.create_env()
    for name, value in (("backend_host", "10.1.2.3:8080"), ("stage_path", "v2")):
        r = api.post("/env-variables", {"group_id": group["id"], "env_id": env["id"], "variable_name": name,
                                        "variable_value": value})
        assert r.status_code == 201, r.text
    body = http_body(group["id"])
    body["remark"] = "served by #backend_host# under /#stage_path#/#undefined_var#"
    created = create(api, body)
    error(api.get("/apis/runtime/" + created["id"]), 404, "APIG.3015")  # RELEASE by default: not published
    pub = published(api, created["id"], env["id"])
    r = api.get("/apis/runtime/" + created["id"], env_id=env["id"])
    assert r.status_code == 200, r.text
    runtime = r.json()
    assert runtime["remark"] == "served by 10.1.2.3:8080 under /v2/#undefined_var#"
    assert "backend_api" not in runtime and "update_time" not in runtime  # §3.5.11: the front end only
    assert (runtime["run_env_id"], runtime["run_env_name"], runtime["publish_id"]) == (
        env["id"], env["name"], pub["publish_id"])
    assert (runtime["id"], runtime["group_name"], runtime["sl_domain"]) == (
        created["id"], group["name"], group["sl_domain"])
    assert [p["name"] for p in runtime["req_params"]] == ["user_id", "q"]
    assert api.get("/apis/" + created["id"]).json()["remark"].startswith("served by #backend_host#")
    error(api.get("/apis/runtime/" + created["id"], env_id="e" * 32), 404, "APIG.3003")


def test_batch_publish_reports_failures_inside_200(api, group):
    env = api.create_env()
    a, b = create(api, mock_body(group["id"])), create(api, mock_body(group["id"]))
    ghost = "0" * 32
    r = api.call("POST", "/apis/publish", query={"action": "online"},
                 body={"apis": [a["id"], ghost, b["id"]], "env_id": env["id"], "remark": "batch"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert [s["api_id"] for s in result["success"]] == [a["id"], b["id"]]
    assert all(set(s) == PUBLISH_FIELDS and s["remark"] == "batch" for s in result["success"])
    assert result["failure"] == [{"api_id": ghost, "api_name": "", "error_code": "APIG.3002",
                                  "error_msg": "Api %s not found" % ghost}]
    assert api.get("/apis", env_id=env["id"]).json()["total"] == 2
    # The action in the body works too; offlining an API that is not published fails for that API only.
    r = api.post("/apis/publish", {"action": "offline", "apis": [a["id"]], "env_id": env["id"]})
    assert [s["api_id"] for s in r.json()["success"]] == [a["id"]] and r.json()["failure"] == []
    r = api.post("/apis/publish", {"action": "offline", "apis": [a["id"], b["id"]], "env_id": env["id"]})
    assert [f["error_code"] for f in r.json()["failure"]] == ["APIG.3015"]
    assert r.json()["failure"][0]["api_name"] == a["name"]
    # A whole group when no ids are given.
    r = api.post("/apis/publish", {"action": "online", "group_id": group["id"], "env_id": env["id"]})
    assert {s["api_id"] for s in r.json()["success"]} == {a["id"], b["id"]}


def test_batch_publish_request_errors(api, group):
    msg = error(api.post("/apis/publish", {"apis": [], "env_id": RELEASE_ID}), 400, "APIG.2011")
    assert msg == 'Invalid parameter value: parameter action should be "online" or "offline"'
    error(api.call("POST", "/apis/publish", query={"action": "up"}, body={"env_id": RELEASE_ID}), 400, "APIG.2011")
    error(api.post("/apis/publish", {"action": "online", "apis": ["x"], "env_id": "e" * 32}), 404, "APIG.3003")
    too_many = {"action": "online", "apis": ["a" * 32] * 1001, "env_id": RELEASE_ID}
    assert error(api.post("/apis/publish", too_many), 400, "APIG.2011") == param_msg("Invalid parameter value", "apis")
    error(api.post("/apis/publish", {"action": "online", "env_id": RELEASE_ID}), 400, "APIG.2001")


# ---------------------------------------------------------------- debugging

def debug(api, api_id, **body):
    r = api.post("/apis/debug/" + api_id, {"mode": "DEVELOPER", "scheme": "HTTPS", "method": "GET", **body})
    assert r.status_code == 200, r.text
    return r.json()


def test_debug_calls_the_http_backend_with_the_stage_variables(api, group, loopback_backend):
    r = api.post("/env-variables", {"group_id": group["id"], "env_id": RELEASE_ID, "variable_name": "echo_host",
                                    "variable_value": loopback_backend})
    assert r.status_code == 201, r.text
    body = http_body(group["id"])
    body["backend_api"] = {**body["backend_api"], "url_domain": "#echo_host#", "timeout": 2000}
    created = create(api, body)
    result = debug(api, created["id"], path="/users/42", query={"q": ["1"]}, header={"X-Demo": ["yes"]})
    assert result["request"].startswith("GET /users/42?q=1 HTTP/1.1\r\nHost: %s\r\n" % group["sl_domain"])
    assert "X-Demo: yes\r\n" in result["request"]
    head, _, payload = result["response"].partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 200 OK\r\n")
    assert json.loads(payload) == {"answer": LOOPBACK_ANSWER, "method": "GET", "path": "/backend/42?q=1",
                                   "x_demo": "yes"}
    assert isinstance(result["latency"], int) and result["log"] == ""
    # A path the API does not serve gets the gateway's 404.
    assert debug(api, created["id"], path="/elsewhere")["response"].startswith("HTTP/1.1 404 Not Found")
    # CONSUMER mode runs the published definition of the stage.
    r = api.post("/apis/debug/" + created["id"], {"mode": "CONSUMER", "scheme": "HTTPS", "method": "GET",
                                                  "path": "/users/7", "stage": "RELEASE"})
    error(r, 404, "APIG.3015")
    published(api, created["id"])
    assert '"/backend/7"' in debug(api, created["id"], mode="CONSUMER", path="/users/7")["response"]


def test_debug_unreachable_backend_reports_502_with_a_log(api, group):
    body = http_body(group["id"])
    body["backend_api"] = {**body["backend_api"], "url_domain": "127.0.0.1:1", "timeout": 500}
    result = debug(api, create(api, body)["id"], path="/users/1")
    assert result["response"].startswith("HTTP/1.1 502 Bad Gateway") and "127.0.0.1:1" in result["log"]


def test_debug_mock_and_function_backends(api, group):
    mock = create(api, mock_body(group["id"], req_uri="/test/mock"))
    result = debug(api, mock["id"], path="/test/mock")
    assert result["request"].startswith("GET /test/mock HTTP/1.1\r\n")
    assert result["response"].startswith("HTTP/1.1 200 OK\r\n") and result["response"].endswith("\r\n\r\nmock success")
    func = create(api, mock_body(group["id"], backend_type="FUNCTION", mock_info=None, func_info=_FN))
    answer = json.loads(debug(api, func["id"], path=func["req_uri"])["response"].partition("\r\n\r\n")[2])
    assert answer["function_urn"] == _FN["function_urn"] and "emulated" in answer["result"]
    bad = {"mode": "TESTER", "scheme": "HTTPS", "method": "GET", "path": "/test/mock"}
    assert error(api.post("/apis/debug/" + mock["id"], bad), 400, "APIG.2011") == param_msg(
        "Invalid parameter value", "mode")
    error(api.post("/apis/debug/" + mock["id"], {**bad, "mode": "DEVELOPER", "stage": "NOPE"}), 400, "APIG.2011")
    error(api.post("/apis/debug/" + mock["id"], {**bad, "mode": "DEVELOPER", "query": {"a": "b"}}), 400, "APIG.2000")
