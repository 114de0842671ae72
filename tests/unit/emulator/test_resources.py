"""API groups, environments, environment variables and the instance: wire format and rules."""
import re

import pytest

from emulator_helpers import Client, error, unique

ID = re.compile(r"^[0-9a-f]{32}$")
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$")


@pytest.fixture(scope="module")
def api(module_emulator):
    return Client(module_emulator)


def param_msg(text, name):
    return "%s,parameterName:%s. Please refer to the support documentation" % (text, name)


# ---------------------------------------------------------------- API groups

def test_group_create_returns_every_documented_field(api, module_emulator):
    g = api.create_group(remark="API group 1")
    assert ID.match(g["id"]) and TIME.match(g["register_time"]) and g["update_time"] == g["register_time"]
    assert g["sl_domain"] == g["id"] + ".apic.cn-north-4.huaweicloudapis.com"
    assert g["sl_domains"] == [g["sl_domain"], g["sl_domain"][:-4] + ".cn"]
    assert (g["status"], g["on_sell_status"], g["is_default"], g["version"]) == (1, 2, 2, "V1")
    assert g["url_domains"] == [] and g["remark"] == "API group 1"
    assert api.get("/api-groups/" + g["id"]).json() == g


def test_group_update_replaces_name_and_remark(api):
    g = api.create_group(remark="old")
    new_name = unique("renamed")
    r = api.put("/api-groups/" + g["id"], {"name": new_name})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["name"], body["remark"], body["id"]) == (new_name, "", g["id"])
    assert body["update_time"] > g["update_time"] and body["register_time"] == g["register_time"]
    assert api.get("/api-groups/" + g["id"]).json() == body


def test_group_delete_then_404(api):
    g = api.create_group()
    assert api.delete("/api-groups/" + g["id"]).status_code == 204
    msg = error(api.get("/api-groups/" + g["id"]), 404, "APIG.3001")
    assert msg == "API group %s does not exist" % g["id"]
    error(api.delete("/api-groups/" + g["id"]), 404, "APIG.3001")
    error(api.put("/api-groups/" + g["id"], {"name": unique()}), 404, "APIG.3001")


def test_group_name_unique_on_create_and_update(api):
    a, b = api.create_group(), api.create_group()
    error(api.post("/api-groups", {"name": a["name"]}), 400, "APIG.3201")
    error(api.put("/api-groups/" + b["id"], {"name": a["name"]}), 400, "APIG.3201")
    # Renaming to its own name is fine; names are case-sensitive.
    assert api.put("/api-groups/" + a["id"], {"name": a["name"]}).status_code == 200
    assert api.post("/api-groups", {"name": a["name"].upper()}).status_code == 201


@pytest.mark.parametrize("body, code, text, param", [
    ({}, "APIG.2001", "The request parameters must be specified", "name"),
    ({"name": "ab"}, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "x" * 256}, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "_starts_badly"}, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "has space"}, "APIG.2011", "Invalid parameter value", "name"),
    ({"name": "okname", "remark": "r" * 1001}, "APIG.2011", "Invalid parameter value", "remark"),
    ({"name": "okname", "version": "V3"}, "APIG.2011", "Invalid parameter value", "version"),
])
def test_group_validation_names_the_parameter(api, body, code, text, param):
    assert error(api.post("/api-groups", body), 400, code) == param_msg(text, param)


def test_group_update_validation_uses_2012(api):
    """§3.1.2's 400 example is APIG.2012, §3.1.1's APIG.2011."""
    g = api.create_group()
    msg = error(api.put("/api-groups/" + g["id"], {"name": "ab"}), 400, "APIG.2012")
    assert msg == param_msg("Invalid parameter value", "name")
    error(api.put("/api-groups/" + g["id"], {}), 400, "APIG.2001")


def test_group_name_allows_documented_characters(api):
    name = "分组_(v1).a/b-c:d、e" + unique("")
    assert api.post("/api-groups", {"name": name}).json()["name"] == name


def test_malformed_json_and_wrong_types(api):
    for raw in (b"{", b'["not", "an", "object"]'):
        msg = error(api.post("/api-groups", raw), 400, "APIG.2000")
        assert msg.startswith("Parameter error: Serialization error")
    msg = error(api.post("/api-groups", {"name": 123}), 400, "APIG.2000")
    assert "name" in msg and "string" in msg


def test_group_list_paging_and_filters(api):
    tag = unique("pg")
    ids = [api.create_group(name="%s_%02d" % (tag, i))["id"] for i in range(7)]
    page = api.get("/api-groups", name=tag, limit=3, offset=0).json()
    assert (page["total"], page["size"], [g["id"] for g in page["groups"]]) == (7, 3, ids[:3])
    page = api.get("/api-groups", name=tag, limit=3, offset=6).json()
    assert (page["total"], page["size"], [g["id"] for g in page["groups"]]) == (7, 1, ids[6:])
    page = api.get("/api-groups", name=tag, offset=-5).json()
    assert (page["total"], page["size"]) == (7, 7)  # negative offset -> 0, default limit 20
    assert api.get("/api-groups", name=tag, offset=10).json() == {"size": 0, "total": 7, "groups": []}
    assert api.get("/api-groups", id=ids[2]).json()["groups"][0]["id"] == ids[2]


@pytest.mark.parametrize("limit", ["0", "501", "abc"])
def test_limit_out_of_range(api, limit):
    assert error(api.get("/api-groups", limit=limit), 400, "APIG.2012") == param_msg("Invalid parameter value",
                                                                                     "limit")


def test_limit_bounds_accepted(api):
    assert api.get("/api-groups", limit="500").status_code == 200
    assert api.get("/api-groups", limit="1").json()["size"] <= 1


def test_precise_search_versus_loose(api):
    base = unique("ps")
    api.create_group(name=base)
    api.create_group(name=base + "_more")
    assert api.get("/api-groups", name=base).json()["total"] == 2
    exact = api.get("/api-groups", name=base, precise_search="name").json()
    assert exact["total"] == 1 and exact["groups"][0]["name"] == base


# ---------------------------------------------------------------- environments

def test_release_environment_is_listed_and_protected(api):
    envs = api.get("/envs", limit=500).json()["envs"]
    release = [e for e in envs if e["id"] == "DEFAULT_ENVIRONMENT_RELEASE_ID"]
    assert len(release) == 1 and release[0]["name"] == "RELEASE"
    assert api.get("/envs", name="RELEASE").json()["envs"][0]["id"] == "DEFAULT_ENVIRONMENT_RELEASE_ID"
    error(api.delete("/envs/DEFAULT_ENVIRONMENT_RELEASE_ID"), 403, "APIG.1103")
    error(api.put("/envs/DEFAULT_ENVIRONMENT_RELEASE_ID", {"name": "PROD"}), 403, "APIG.1103")
    error(api.post("/envs", {"name": "RELEASE"}), 400, "APIG.3205")


def test_environment_crud(api):
    env = api.create_env()
    assert set(env) == {"id", "name", "remark", "create_time"} and ID.match(env["id"])
    new_name = unique("E")
    updated = api.put("/envs/" + env["id"], {"name": new_name, "remark": "changed"}).json()
    assert (updated["name"], updated["remark"], updated["create_time"]) == (new_name, "changed", env["create_time"])
    listed = api.get("/envs", name=new_name).json()
    assert listed["total"] == 1 and listed["envs"] == [updated]
    assert api.delete("/envs/" + env["id"]).status_code == 204
    msg = error(api.put("/envs/" + env["id"], {"name": new_name}), 404, "APIG.3003")
    assert msg == "Environment %s does not exist" % env["id"]
    error(api.delete("/envs/" + env["id"]), 404, "APIG.3003")


def test_environment_name_unique_and_validated(api):
    env = api.create_env()
    error(api.post("/envs", {"name": env["name"]}), 400, "APIG.3205")
    # §3.2.1/§3.2.2 document APIG.2012 for a broken rule (the group's create uses APIG.2011).
    for bad in ("1abc", "ab", "a" * 65, "with-dash"):
        assert error(api.post("/envs", {"name": bad}), 400, "APIG.2012") == param_msg("Invalid parameter value",
                                                                                      "name")
        error(api.put("/envs/" + env["id"], {"name": bad}), 400, "APIG.2012")
    assert error(api.post("/envs", {"name": "okay_env", "remark": "r" * 256}), 400, "APIG.2012").endswith(
        "parameterName:remark. Please refer to the support documentation")


# ---------------------------------------------------------------- environment variables

@pytest.fixture()
def group_env(api):
    return api.create_group()["id"], api.create_env()["id"]


def new_variable(api, group_id, env_id, name="address", value="192.168.1.5"):
    return api.post("/env-variables", {"group_id": group_id, "env_id": env_id,
                                       "variable_name": name, "variable_value": value})


def test_variable_crud(api, group_env):
    group_id, env_id = group_env
    r = new_variable(api, group_id, env_id)
    assert r.status_code == 201, r.text
    var = r.json()
    assert var == {"id": var["id"], "variable_value": "192.168.1.5", "env_id": env_id, "group_id": group_id,
                   "variable_name": "address"}
    assert api.get("/env-variables/" + var["id"]).json() == var
    # The SDK's PUT changes the value only.
    updated = api.put("/env-variables/" + var["id"], {"variable_value": "10.0.0.1:8080/x"}).json()
    assert updated == {**var, "variable_value": "10.0.0.1:8080/x"}
    assert api.delete("/env-variables/" + var["id"]).status_code == 204
    msg = error(api.get("/env-variables/" + var["id"]), 404, "APIG.3011")
    assert msg == "The environment variable does not exist, id: " + var["id"]


def test_variable_unique_per_group_env_name_case_sensitive(api, group_env):
    group_id, env_id = group_env
    assert new_variable(api, group_id, env_id, "port").status_code == 201
    error(new_variable(api, group_id, env_id, "port"), 400, "APIG.3303")
    assert new_variable(api, group_id, env_id, "PORT").status_code == 201
    assert new_variable(api, group_id, "DEFAULT_ENVIRONMENT_RELEASE_ID", "port").status_code == 201
    assert new_variable(api, api.create_group()["id"], env_id, "port").status_code == 201


def test_variable_references_must_exist(api, group_env):
    group_id, env_id = group_env
    assert error(new_variable(api, "0" * 32, env_id), 404, "APIG.3001") == "API group %s does not exist" % ("0" * 32)
    assert error(new_variable(api, group_id, "1" * 32), 404, "APIG.3003") == "Environment %s does not exist" % (
        "1" * 32)


@pytest.mark.parametrize("field, value, code", [
    ("variable_name", "ab", "APIG.2012"),
    ("variable_name", "9abc", "APIG.2012"),
    ("variable_name", "a" * 33, "APIG.2012"),
    ("variable_value", "", "APIG.2012"),
    ("variable_value", "has space", "APIG.2012"),
    ("variable_value", "v" * 256, "APIG.2012"),
    ("group_id", None, "APIG.2001"),
])
def test_variable_validation(api, group_env, field, value, code):
    group_id, env_id = group_env
    body = {"group_id": group_id, "env_id": env_id, "variable_name": "name_ok", "variable_value": "v"}
    if value is None:
        del body[field]
    else:
        body[field] = value
    assert error(api.post("/env-variables", body), 400, code).endswith(
        "parameterName:%s. Please refer to the support documentation" % field)


def test_variable_list_filters(api, group_env):
    group_id, env_id = group_env
    for name in ("host", "host_port", "path"):
        new_variable(api, group_id, env_id, name)
    new_variable(api, group_id, "DEFAULT_ENVIRONMENT_RELEASE_ID", "host")
    assert error(api.get("/env-variables"), 400, "APIG.2001").endswith("parameterName:group_id. "
                                                                       "Please refer to the support documentation")
    every = api.get("/env-variables", group_id=group_id).json()
    assert (every["total"], every["size"]) == (4, 4)
    in_env = api.get("/env-variables", group_id=group_id, env_id=env_id).json()
    assert in_env["total"] == 3 and {v["env_id"] for v in in_env["variables"]} == {env_id}
    loose = api.get("/env-variables", group_id=group_id, env_id=env_id, variable_name="host").json()
    assert sorted(v["variable_name"] for v in loose["variables"]) == ["host", "host_port"]
    for precise in ("name", "variable_name"):
        exact = api.get("/env-variables", group_id=group_id, env_id=env_id, variable_name="host",
                        precise_search=precise).json()
        assert [v["variable_name"] for v in exact["variables"]] == ["host"]
    error(api.get("/env-variables", group_id="0" * 32), 404, "APIG.3001")


def test_deleting_group_or_env_removes_its_variables(api, group_env):
    group_id, env_id = group_env
    var = new_variable(api, group_id, env_id).json()
    other_env = api.create_env()["id"]
    other = new_variable(api, group_id, other_env).json()
    assert api.delete("/envs/" + env_id).status_code == 204
    error(api.get("/env-variables/" + var["id"]), 404, "APIG.3011")
    assert api.delete("/api-groups/" + group_id).status_code == 204
    error(api.get("/env-variables/" + other["id"]), 404, "APIG.3011")


# ---------------------------------------------------------------- instances

def test_show_instance(api, module_emulator):
    inst = api.get().json()
    assert inst["id"] == module_emulator.instance_id and inst["project_id"] == module_emulator.project_id
    assert (inst["status"], inst["instance_status"], inst["type"], inst["spec"]) == ("Running", 6, "apig",
                                                                                      "PROFESSIONAL")
    assert isinstance(inst["create_time"], int) and inst["maintain_begin"] == "22:00:00"
    assert "gateway_responses" in inst["supported_features"] and inst["publicips"][0]["ip_address"]
    msg = error(Client(module_emulator, instance_id="a" * 32).get(), 404, "APIC.7302")
    assert msg == "Instance not found"


def test_unknown_instance_in_resource_paths(module_emulator):
    other = Client(module_emulator, instance_id="a" * 32)
    msg = error(other.get("/api-groups"), 404, "APIG.3030")
    assert msg == "The instance does not exist;id:" + "a" * 32
    error(other.post("/envs", {"name": "NEWENV"}), 404, "APIG.3030")


def test_list_instances(module_emulator):
    client = Client(module_emulator)
    path = "/v2/%s/apigw/instances" % module_emulator.project_id
    listed = client.request("GET", path).json()
    assert (listed["total"], listed["size"]) == (1, 1)
    inst = listed["instances"][0]
    assert (inst["id"], inst["status"], inst["instance_status"]) == (module_emulator.instance_id, "Running", 6)
    assert "publicips" not in inst  # list items are RespInstanceBase only
    assert client.request("GET", path, {"instance_name": "emulator"}).json()["total"] == 1
    assert client.request("GET", path, {"status": "Creating"}).json()["total"] == 0
    assert client.request("GET", path, {"instance_id": module_emulator.instance_id}).json()["total"] == 1


def test_delete_guards_read_the_api_and_publish_kinds(api, module_emulator):
    """Rows of the (future) ``api`` and ``publish`` kinds block deleting their group / environment."""
    from apig_emulator.storage import Scope, Store

    group = api.create_group()
    env = api.create_env()
    store = Store(module_emulator.db)
    with store.transaction(Scope(module_emulator.project_id, module_emulator.instance_id)) as tx:
        tx.insert("api", {"id": unique("api"), "group_id": group["id"]})
        tx.insert("publish", {"id": unique("pub"), "env_id": env["id"]})
    msg = error(api.delete("/api-groups/" + group["id"]), 403, "APIG.3415")
    assert msg == "The API group cannot be deleted because it contains APIs"
    error(api.delete("/envs/" + env["id"]), 403, "APIG.3418")
    assert api.get("/api-groups/" + group["id"]).status_code == 200
    with store.transaction(Scope(module_emulator.project_id, module_emulator.instance_id)) as tx:
        tx.delete_where("api", "group_id", group["id"])
        tx.delete_where("publish", "env_id", env["id"])
    assert api.delete("/api-groups/" + group["id"]).status_code == 204
    assert api.delete("/envs/" + env["id"]).status_code == 204
