"""Environments (reference §3.2) and environment variables (§3.3) through the SDK's typed requests."""
import pytest
from apig_wire import ENV, ENV_REQUIRED, ENV_VARIABLE, ENV_VARIABLE_REQUIRED, MISSING_ID, api_error, \
    check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import DeleteEnvironmentV2Request, DeleteEnvironmentVariableV2Request, EnvCreate, \
    EnvVariableBase, ListEnvironmentsV2Request, ListEnvironmentVariablesV2Request, \
    ShowDetailsOfEnvironmentVariableV2Request, UpdateEnvironmentV2Request, UpdateEnvironmentVariableV2Request


@pytest.fixture
def group_and_env(made):
    return made.group(unique("var_group")).id, made.env(unique("var_env")).id


def _envs(sdk, instance_id, **query):
    return sdk.list_environments_v2(ListEnvironmentsV2Request(instance_id=instance_id, **query))


def _variables(sdk, instance_id, **query):
    return sdk.list_environment_variables_v2(ListEnvironmentVariablesV2Request(instance_id=instance_id, **query))


def _show_variable(sdk, instance_id, variable_id):
    return sdk.show_details_of_environment_variable_v2(
        ShowDetailsOfEnvironmentVariableV2Request(instance_id=instance_id, env_variable_id=variable_id))


# Environments


def test_env_create_returns_201_and_documented_fields(made):
    name = unique("env_create")
    response = made.env(name, "conformance env")
    assert response.status_code == 201
    raw = check_response(response, ENV, ENV_REQUIRED)
    assert (raw["name"], raw["remark"]) == (name, "conformance env")


def test_env_update_then_list_shows_the_change(sdk, wire, instance_id, made):
    env_id = made.env(unique("env_old"), "before").id
    new_name = unique("env_new")
    response = sdk.update_environment_v2(UpdateEnvironmentV2Request(
        instance_id=instance_id, env_id=env_id, body=EnvCreate(name=new_name, remark="after")))
    assert response.status_code == 200
    raw = check_response(response, ENV, ENV_REQUIRED)
    assert (raw["id"], raw["name"], raw["remark"]) == (env_id, new_name, "after")
    listed = _envs(sdk, instance_id, name=new_name)
    assert [(e.id, e.remark) for e in listed.envs] == [(env_id, "after")]
    raw_list = wire.get_json("/envs", {"name": new_name})
    assert (raw_list["total"], raw_list["size"]) == (1, 1)
    check_fields(ENV, ENV_REQUIRED, raw_list["envs"][0], sdk_dict(listed.envs[0]), "envs[0]")


def test_env_delete_returns_204_then_3003(sdk, instance_id, made):
    env_id = made.env(unique("env_del")).id
    delete = DeleteEnvironmentV2Request(instance_id=instance_id, env_id=env_id)
    assert sdk.delete_environment_v2(delete).status_code == 204
    with api_error(404, "APIG.3003"):
        sdk.delete_environment_v2(delete)
    with api_error(404, "APIG.3003"):
        sdk.update_environment_v2(UpdateEnvironmentV2Request(
            instance_id=instance_id, env_id=env_id, body=EnvCreate(name=unique("env_gone"))))


def test_env_duplicate_name_is_3205(made):
    name = unique("env_dup")
    made.env(name)
    with api_error(400, "APIG.3205"):
        made.env(name)


@pytest.mark.parametrize("name, remark", [
    ("ab", None), ("e" * 65, None), ("1starts_with_digit", None), ("has-hyphen", None),
    ("env_long_remark", "r" * 256)], ids=["short", "long", "digit-first", "hyphen", "remark-256"])
def test_env_invalid_body_is_2012(made, name, remark):
    with api_error(400, "APIG.2012"):
        made.env(name, remark)


def test_env_paging(sdk, instance_id, made):
    prefix = unique("env_page")
    ids = {made.env("%s_%d" % (prefix, i)).id for i in range(3)}
    pages = [_envs(sdk, instance_id, name=prefix, offset=offset, limit=2) for offset in (0, 2)]
    assert [(p.total, p.size) for p in pages] == [(3, 2), (3, 1)]
    assert {e.id for p in pages for e in p.envs} == ids


# Environment variables


def test_variable_create_show_list_delete(sdk, wire, instance_id, group_and_env, made):
    group_id, env_id = group_and_env
    created = made.variable(group_id, env_id, "address", "192.168.1.5")
    assert created.status_code == 201
    raw = check_response(created, ENV_VARIABLE, ENV_VARIABLE_REQUIRED)
    assert raw == dict(id=created.id, group_id=group_id, env_id=env_id, variable_name="address",
                       variable_value="192.168.1.5")

    shown = _show_variable(sdk, instance_id, created.id)
    assert shown.status_code == 200
    assert check_response(shown, ENV_VARIABLE, ENV_VARIABLE_REQUIRED) == raw
    check_fields(ENV_VARIABLE, ENV_VARIABLE_REQUIRED, wire.get_json("/env-variables/" + created.id), sdk_dict(shown))

    listed = _variables(sdk, instance_id, group_id=group_id)
    raw_list = check_response(listed, {"total": int, "size": int}, ("total", "size", "variables"))
    assert (raw_list["total"], raw_list["size"], raw_list["variables"]) == (1, 1, [raw])
    check_fields(ENV_VARIABLE, ENV_VARIABLE_REQUIRED, raw_list["variables"][0], sdk_dict(listed.variables[0]))

    delete = DeleteEnvironmentVariableV2Request(instance_id=instance_id, env_variable_id=created.id)
    assert sdk.delete_environment_variable_v2(delete).status_code == 204
    with api_error(404, "APIG.3011"):
        _show_variable(sdk, instance_id, created.id)
    with api_error(404, "APIG.3011"):
        sdk.delete_environment_variable_v2(delete)


def test_variable_filters_and_paging(sdk, instance_id, group_and_env, made):
    group_id, env_id = group_and_env
    other_env = made.env(unique("var_env2")).id
    port = made.variable(group_id, env_id, "port", "8080").id
    port_other_env = made.variable(group_id, other_env, "port", "9090").id
    port_range = made.variable(group_id, env_id, "port_range", "8080-8090").id

    by_env = _variables(sdk, instance_id, group_id=group_id, env_id=env_id)
    assert {v.id for v in by_env.variables} == {port, port_range}
    fuzzy = _variables(sdk, instance_id, group_id=group_id, variable_name="port")
    assert {v.id for v in fuzzy.variables} == {port, port_other_env, port_range}
    pages = [_variables(sdk, instance_id, group_id=group_id, offset=offset, limit=2) for offset in (0, 2)]
    assert [(p.total, p.size) for p in pages] == [(3, 2), (3, 1)]
    assert {v.id for p in pages for v in p.variables} == {port, port_other_env, port_range}


def test_variable_duplicate_is_3303(group_and_env, made):
    group_id, env_id = group_and_env
    made.variable(group_id, env_id, "dup_var", "one")
    with api_error(400, "APIG.3303"):
        made.variable(group_id, env_id, "dup_var", "two")


def test_variable_in_missing_env_is_3003(group_and_env, made):
    group_id, _ = group_and_env
    with api_error(404, "APIG.3003"):
        made.variable(group_id, MISSING_ID, "orphan", "value")


@pytest.mark.parametrize("name, value", [
    ("1digit_first", "v"), ("ab", "v"), ("v" * 33, "v"), ("good_name", ""), ("good_name", "no spaces")],
    ids=["digit-first", "short-name", "long-name", "empty-value", "value-with-spaces"])
def test_variable_invalid_body_is_2012(group_and_env, name, value, made):
    group_id, env_id = group_and_env
    with api_error(400, "APIG.2012"):
        made.variable(group_id, env_id, name, value)


def test_sdk_only_variable_update(sdk, instance_id, group_and_env, made):
    """PUT .../env-variables/{id} is in the SDK (the live API) but not in the 2022 reference."""
    group_id, env_id = group_and_env
    created = made.variable(group_id, env_id, "host", "10.0.0.1")
    response = sdk.update_environment_variable_v2(UpdateEnvironmentVariableV2Request(
        instance_id=instance_id, env_variable_id=created.id, body=EnvVariableBase(variable_value="10.0.0.2")))
    assert response.status_code == 200
    raw = check_response(response, ENV_VARIABLE, ENV_VARIABLE_REQUIRED)
    assert (raw["id"], raw["variable_name"], raw["variable_value"]) == (created.id, "host", "10.0.0.2")
    assert _show_variable(sdk, instance_id, created.id).variable_value == "10.0.0.2"
