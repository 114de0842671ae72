"""References, replace semantics and request budgets, through the engine and the real modules."""
import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT_VARIABLE
from ansible_collections.huaweicloud.apig.plugins.modules import (
    api_group, api_group_info, environment, environment_info, environment_variable, environment_variable_info)
from engine_fakes import api_error, drive

BASE = "/v2/proj/apigw/instances/inst/"


@pytest.fixture
def world(api):
    """A group and a DEV environment, with one variable in DEV."""
    shop = api.add("api-groups", name="shop", remark="")
    dev = api.add("envs", name="DEV", remark="")
    var = api.add("env-variables", group_id=shop["id"], env_id=dev["id"], variable_name="address",
                  variable_value="10.0.0.1")
    return {"group": shop, "env": dev, "var": var}


def var_params(**params):
    return dict({"group": "shop", "environment": "DEV", "variable_name": "address", "variable_value": "10.0.0.1",
                 "state": "present"}, **params)


# -- references ------------------------------------------------------------------------------------

def test_converged_variable_is_three_requests(api, world):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params())
    assert result["changed"] is False
    assert result["environment_variable"] == world["var"]
    assert api.calls == [
        ("GET", BASE + "api-groups", {"name": "shop", "precise_search": "name", "offset": 0, "limit": 500}, None),
        ("GET", BASE + "envs", {"offset": 0, "limit": 500}, None),
        ("GET", BASE + "env-variables", {"group_id": world["group"]["id"], "env_id": world["env"]["id"],
                                         "variable_name": "address", "precise_search": "name",
                                         "offset": 0, "limit": 500}, None),
    ]


def test_references_by_id(api, world):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(group=world["group"]["id"], environment=world["env"]["id"]))
    assert result["changed"] is False
    # 32-hex values are trusted as ids: no lookup, only the variable's own list call.
    assert [c[1] for c in api.calls] == [BASE + "env-variables"]
    assert (api.calls[0][2]["group_id"], api.calls[0][2]["env_id"]) == (world["group"]["id"], world["env"]["id"])


def test_an_id_like_value_is_sent_as_an_id_without_a_lookup(api, world):
    """The server answers a wrong id with its own 404; a name shaped like an id is taken as an id."""
    api.add("api-groups", name="a" * 32, remark="")
    drive(api, ENVIRONMENT_VARIABLE, var_params(group="a" * 32, variable_value="v"))
    assert not [c for c in api.calls if "api-groups" in c[1]]
    listed = [c for c in api.calls if c[0] == "GET" and c[1].endswith("env-variables")]
    assert [c[2].get("group_id") for c in listed] == ["a" * 32]


def test_builtin_release_environment_by_name_or_id(api, world):
    for ref in ("RELEASE", "DEFAULT_ENVIRONMENT_RELEASE_ID"):
        result = drive(api, ENVIRONMENT_VARIABLE, var_params(environment=ref, variable_name="port",
                                                              variable_value="8080"))
        assert result["environment_variable"]["env_id"] == "DEFAULT_ENVIRONMENT_RELEASE_ID"
    assert len([c for c in api.calls if c[0] == "POST"]) == 1


@pytest.mark.parametrize("option, value, message", [
    ("group", "nope", "group: no api_group with the name or id 'nope'"),
    ("environment", "NOPE", "environment: no environment with the name or id 'NOPE'"),
])
def test_missing_reference_names_the_option_and_value(api, world, option, value, message):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(**{option: value}))
    assert result["failed"] and result["msg"] == message
    assert api.writes() == []


@pytest.mark.parametrize("option", ["group", "environment"])
def test_check_mode_predicts_a_create_under_a_parent_an_earlier_task_would_create(api, world, option):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(**{option: "new_parent"}), check_mode=True)
    assert result["changed"] is True and not result["failed"]
    assert result["warnings"] == ["%s: no %s with the name or id 'new_parent'; check mode assumes an earlier "
                                  "task creates it" % (option, "api_group" if option == "group" else "environment")]
    assert api.writes() == []


# -- replace semantics ---------------------------------------------------------------------------------

def test_changed_value_deletes_and_creates(api, world):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(variable_value="10.0.0.2"))
    assert result["changed"] is True
    old_id = world["var"]["id"]
    assert [(c[0], c[1]) for c in api.writes()] == [("DELETE", BASE + "env-variables/" + old_id),
                                                     ("POST", BASE + "env-variables")]
    assert api.writes()[1][3] == {"group_id": world["group"]["id"], "env_id": world["env"]["id"],
                                  "variable_name": "address", "variable_value": "10.0.0.2"}
    new = result["environment_variable"]
    assert new["id"] != old_id and new["variable_value"] == "10.0.0.2"
    assert result["diff"]["before"]["variable_value"] == "10.0.0.1"
    assert result["diff"]["after"]["variable_value"] == "10.0.0.2"


def test_failed_recreate_says_the_old_variable_is_gone(api, world):
    api.fail.append(("POST", api_error(403, "APIG.3106", "The number of environment variables has reached the limit.")))
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(variable_value="10.0.0.2"))
    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == (
        "environment_variable %s was deleted to replace it, but creating the replacement failed: "
        "The number of environment variables has reached the limit. (APIG.3106)" % world["var"]["id"])
    assert result["error"]["error_code"] == "APIG.3106"
    assert result["deleted"]["variable_value"] == "10.0.0.1"
    assert api.store["env-variables"] == {}


def test_replace_in_check_mode_writes_nothing(api, world):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(variable_value="10.0.0.2"), check_mode=True)
    assert result["changed"] is True and api.writes() == []
    assert result["environment_variable"]["variable_value"] == "10.0.0.2"
    assert "id" not in result["environment_variable"]


@pytest.mark.parametrize("option, value, message", [
    ("variable_name", "1address", "variable_name '1address' is invalid"),
    ("variable_name", "ab", "variable_name must be 3-32 characters long, got 2"),
    ("variable_value", "a b", "variable_value 'a b' is invalid"),
    ("variable_value", "", "variable_value must be 1-255 characters long, got 0"),
])
def test_variable_validation(api, world, option, value, message):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(**{option: value}))
    assert result["failed"] and result["msg"].startswith(message)
    assert api.calls == []


# -- the real modules --------------------------------------------------------------------------------

def test_api_group_module_create_then_converged(api, run_module):
    first = run_module(api_group, name="demo_group", remark="demo")
    assert first["changed"] is True and first["api_group"]["name"] == "demo_group"
    api.calls.clear()
    second = run_module(api_group, name="demo_group", remark="demo")
    assert second["changed"] is False and len(api.calls) == 1


def test_api_group_module_check_mode_uses_a_read_only_client(api, run_module):
    result = run_module(api_group, name="demo_group", _ansible_check_mode=True, _ansible_diff=True)
    assert result["changed"] is True and api.store["api-groups"] == {}
    assert result["diff"]["after"] == {"name": "demo_group"}


@pytest.mark.parametrize("args", [
    {"name": "RELEASE", "state": "absent"},
    {"name": "OTHER", "id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "state": "absent"},
    {"name": "OTHER", "id": "DEFAULT_ENVIRONMENT_RELEASE_ID"},
])
def test_release_environment_is_protected_locally(api, run_module, args):
    result = run_module(environment, **args)
    assert result["failed"] is True and "built-in RELEASE environment can't be" in result["msg"]
    assert api.calls == []


def test_release_remark_can_be_set(api, run_module):
    result = run_module(environment, name="RELEASE", remark="production")
    assert result["changed"] is True and result["environment"]["remark"] == "production"


def test_environment_variable_module_aliases(api, world, run_module):
    result = run_module(environment_variable, group_id="shop", env="DEV", name="port", value="8080")
    assert result["changed"] is True
    assert result["environment_variable"]["variable_name"] == "port"


def test_environment_variable_requires_a_value_when_present(api, world, run_module):
    result = run_module(environment_variable, group="shop", environment="DEV", variable_name="port")
    assert result["failed"] and "variable_value" in result["msg"] and api.calls == []


def test_environment_variable_absent(api, world, run_module):
    result = run_module(environment_variable, group="shop", environment="DEV", variable_name="address",
                        state="absent")
    assert result["changed"] is True and api.store["env-variables"] == {}


def test_info_modules(api, world, run_module):
    api.add("api-groups", name="shop2", remark="")
    api.add("envs", name="DEV2", remark="")
    api.add("env-variables", group_id=world["group"]["id"], env_id="DEFAULT_ENVIRONMENT_RELEASE_ID",
            variable_name="address", variable_value="prod")

    assert [g["name"] for g in run_module(api_group_info)["api_groups"]] == ["shop", "shop2"]
    assert [g["name"] for g in run_module(api_group_info, name="shop")["api_groups"]] == ["shop"]
    assert run_module(api_group_info, id=world["group"]["id"])["api_groups"] == [world["group"]]
    assert run_module(api_group_info, name="missing")["api_groups"] == []

    assert sorted(e["name"] for e in run_module(environment_info)["environments"]) == ["DEV", "DEV2", "RELEASE"]
    assert [e["name"] for e in run_module(environment_info, name="DEV")["environments"]] == ["DEV"]

    every = run_module(environment_variable_info, group="shop")["environment_variables"]
    assert sorted(v["variable_value"] for v in every) == ["10.0.0.1", "prod"]
    in_dev = run_module(environment_variable_info, group="shop", env="DEV", name="address")
    assert in_dev["environment_variables"] == [world["var"]] and in_dev["changed"] is False


def test_info_missing_group_fails(api, run_module):
    result = run_module(environment_variable_info, group="nope")
    assert result["failed"] and result["msg"] == "group: no api_group with the name or id 'nope'"


@pytest.mark.parametrize("option", ["group", "environment"])
def test_absent_with_a_missing_parent_is_already_absent(api, world, option):
    result = drive(api, ENVIRONMENT_VARIABLE, var_params(state="absent", **{option: "gone_parent"}))
    assert result["changed"] is False and result["environment_variable"] == {}
    assert api.writes() == []
