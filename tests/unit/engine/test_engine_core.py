"""The engine's compare/diff rules, writes, check mode and failures, on the in-memory API."""
import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import MASK, MASK_CHANGED, Field, ResourceEngine, ResourceSpec
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_GROUP, ENVIRONMENT
from engine_fakes import FakeModule, api_error, drive

GROUP_LIST = ("GET", "/v2/proj/apigw/instances/inst/api-groups",
              {"name": "shop", "precise_search": "name", "offset": 0, "limit": 500}, None)

# A spec with a secret and a create-only field, to test what the real specs don't have.
SIGN = ResourceSpec(
    kind="signature", plural="signatures", path=("api-groups",), list_key="groups",
    name_query="name", precise_search="name",
    fields={"name": Field(), "sign_secret": Field(secret=True), "sign_type": Field(update=False)})


def group(api, **fields):
    return api.add("api-groups", **dict({"name": "shop", "remark": "old"}, **fields))


def engine(api, spec, **params):
    return ResourceEngine(FakeModule(api, params), spec)


# -- compare truth table ---------------------------------------------------------------------

@pytest.mark.parametrize("params, current, expected", [
    ({"name": "shop", "remark": None}, {"name": "shop", "remark": "x"}, []),          # unset: not compared
    ({"name": "shop", "remark": "x"}, {"name": "shop", "remark": "x"}, []),           # equal
    ({"name": "shop", "remark": "y"}, {"name": "shop", "remark": "x"}, ["remark"]),   # different
    ({"name": "shop2", "remark": None}, {"remark": "x"}, ["name"]),                   # key missing on server
    ({"name": "shop", "remark": ""}, {"name": "shop"}, []),                           # blank remark == no remark
    ({"name": "shop", "remark": ""}, {"name": "shop", "remark": None}, []),
    ({"name": "shop", "remark": "x"}, {"name": "shop"}, ["remark"]),
    ({"name": "shop", "remark": ""}, {"name": "shop", "remark": "x"}, ["remark"]),
])
def test_differences(api, params, current, expected):
    eng = engine(api, API_GROUP, **params)
    assert eng.differences(current, eng.desired()) == expected


def test_secret_fields_are_masked_in_result_and_diff(api):
    api.add("api-groups", name="shop", sign_secret="old-secret", sign_type="hmac")
    result = drive(api, SIGN, {"name": "shop", "sign_secret": "new-secret", "sign_type": None, "state": "present"})
    assert result["changed"] is True
    assert result["signature"]["sign_secret"] == MASK
    assert result["diff"] == {"before": {"id": result["signature"]["id"], "name": "shop", "sign_secret": MASK},
                              "after": {"id": result["signature"]["id"], "name": "shop", "sign_secret": MASK_CHANGED}}
    assert "secret" not in repr(result).replace("sign_secret", "")
    # The PUT carries the real value, and not the create-only field.
    assert api.writes()[0][3] == {"name": "shop", "sign_secret": "new-secret"}


def test_create_only_field_change_fails_clearly(api):
    api.add("api-groups", name="shop", sign_type="hmac")
    result = drive(api, SIGN, {"name": "shop", "sign_secret": None, "sign_type": "aes", "state": "present"})
    assert result["failed"] is True
    assert result["msg"] == "sign_type can't be changed on an existing signature; delete it first"
    assert api.writes() == []


# -- create / update / no-op / delete ----------------------------------------------------------

def test_create_posts_once_and_returns_the_response(api):
    result = drive(api, API_GROUP, {"name": "shop", "remark": "r", "id": None, "state": "present"})
    assert result["changed"] is True
    assert api.writes() == [("POST", "/v2/proj/apigw/instances/inst/api-groups", {}, {"name": "shop", "remark": "r"})]
    assert len(api.calls) == 2  # the lookup, then the POST: no GET after the write
    created = result["api_group"]
    assert created["id"] in api.store["api-groups"]
    assert result["diff"] == {"before": {}, "after": {"id": created["id"], "name": "shop", "remark": "r"}}


def test_converged_group_is_one_list_call(api):
    group(api)
    result = drive(api, API_GROUP, {"name": "shop", "remark": "old", "id": None, "state": "present"})
    assert result["changed"] is False
    assert api.calls == [GROUP_LIST]


def test_update_is_one_put_with_current_merged_with_desired(api):
    existing = group(api)
    result = drive(api, API_GROUP, {"name": "shop2", "remark": None, "id": existing["id"], "state": "present"})
    assert result["changed"] is True
    path = "/v2/proj/apigw/instances/inst/api-groups/" + existing["id"]
    assert api.calls == [("GET", path, {}, None), ("PUT", path, {}, {"name": "shop2", "remark": "old"})]
    assert result["api_group"]["name"] == "shop2"
    assert result["diff"] == {"before": {"id": existing["id"], "name": "shop"},
                              "after": {"id": existing["id"], "name": "shop2"}}


def test_delete_then_absent_is_a_no_op(api):
    existing = group(api)
    params = {"name": "shop", "remark": None, "id": None, "state": "absent"}
    result = drive(api, API_GROUP, params)
    assert result["changed"] is True and result["api_group"] == {}
    assert api.writes() == [("DELETE", "/v2/proj/apigw/instances/inst/api-groups/" + existing["id"], {}, None)]
    assert result["diff"]["after"] == {} and result["diff"]["before"]["id"] == existing["id"]
    api.calls.clear()
    again = drive(api, API_GROUP, params)
    assert again["changed"] is False and api.calls == [GROUP_LIST]


def test_no_diff_key_without_diff_mode(api):
    result = drive(api, API_GROUP, {"name": "shop", "remark": None, "id": None, "state": "present"}, diff=False)
    assert "diff" not in result


def test_unknown_id_fails_when_present_and_is_fine_when_absent(api):
    params = {"name": "shop", "remark": None, "id": "f" * 32, "state": "present"}
    result = drive(api, API_GROUP, params)
    assert result["failed"] and result["msg"] == "no api_group with id '%s'" % ("f" * 32)
    assert drive(api, API_GROUP, dict(params, state="absent"))["changed"] is False
    assert api.writes() == []


def test_environment_found_by_id_through_the_list(api):
    env = api.add("envs", name="DEV", remark="")
    result = drive(api, ENVIRONMENT, {"name": "DEV2", "remark": None, "id": env["id"], "state": "present"})
    assert result["changed"] and result["environment"]["name"] == "DEV2"
    assert [c[0] for c in api.calls] == ["GET", "PUT"]


def test_exact_name_only_among_loose_matches(api):
    api.add("envs", name="DEV_OLD", remark="")
    result = drive(api, ENVIRONMENT, {"name": "DEV", "remark": None, "id": None, "state": "present"})
    assert result["changed"] is True  # DEV_OLD matched the loose filter but is not DEV
    assert sorted(e["name"] for e in api.store["envs"].values()) == ["DEV", "DEV_OLD", "RELEASE"]


def test_two_resources_with_the_name_fail(api):
    api.add("envs", name="DEV")
    api.add("envs", name="DEV")
    result = drive(api, ENVIRONMENT, {"name": "DEV", "remark": None, "id": None, "state": "present"})
    assert result["failed"] and result["msg"] == "2 environment resources are named 'DEV'; pass id to pick one"


# -- check mode ----------------------------------------------------------------------------------

SCENARIOS = {
    "create": ({}, {"name": "shop", "remark": "r", "id": None, "state": "present"}),
    "update": ({"name": "shop", "remark": "old"}, {"name": "shop", "remark": "new", "id": None, "state": "present"}),
    "no-op": ({"name": "shop", "remark": "old"}, {"name": "shop", "remark": "old", "id": None, "state": "present"}),
    "delete": ({"name": "shop", "remark": "old"}, {"name": "shop", "remark": None, "id": None, "state": "absent"}),
    "absent": ({}, {"name": "shop", "remark": None, "id": None, "state": "absent"}),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_check_mode_sends_no_write_and_predicts_the_real_run(api, scenario):
    existing, params = SCENARIOS[scenario]
    if existing:
        api.add("api-groups", **existing)
    predicted = drive(api, API_GROUP, params, check_mode=True)
    assert api.writes() == []
    real = drive(api, API_GROUP, params)
    assert predicted["changed"] == real["changed"]
    strip = ("id", "register_time", "update_time")
    assert {k: v for k, v in predicted["api_group"].items() if k not in strip} == \
        {k: v for k, v in real["api_group"].items() if k not in strip}
    assert predicted["diff"]["before"] == real["diff"]["before"]


# -- failures --------------------------------------------------------------------------------------

def test_api_error_becomes_a_module_failure(api):
    api.fail.append(("POST", api_error(400, "APIG.3201", "The API group name already exists.")))
    result = drive(api, API_GROUP, {"name": "shop", "remark": None, "id": None, "state": "present"})
    assert result["failed"] is True
    assert result["msg"] == "The API group name already exists. (APIG.3201)"
    assert result["error"]["error_code"] == "APIG.3201" and result["error"]["status"] == 400


@pytest.mark.parametrize("option, value, message", [
    ("name", "ab", "name must be 3-255 characters long, got 2"),
    ("name", "_shop", "name '_shop' is invalid: start with a letter, digit or Chinese character"),
    ("remark", "x" * 1001, "remark must be at most 1000 characters long, got 1001"),
])
def test_local_validation_names_the_option_before_any_call(api, option, value, message):
    params = dict({"name": "shop", "remark": None, "id": None, "state": "present"}, **{option: value})
    result = drive(api, API_GROUP, params)
    assert result["failed"] and result["msg"].startswith(message)
    assert api.calls == []


def test_chinese_group_name_is_valid(api):
    result = drive(api, API_GROUP, {"name": u"商城API(测试)", "remark": None, "id": None, "state": "present"})
    assert result["changed"] is True


def test_environment_name_pattern(api):
    result = drive(api, ENVIRONMENT, {"name": "9DEV", "remark": None, "id": None, "state": "present"})
    assert result["msg"] == "name '9DEV' is invalid: start with a letter; then letters, digits and underscores"


def test_timed_out_create_is_looked_up_not_resent(api):
    def lost_response():
        api.add("api-groups", name="shop", remark="r")  # the server did create it
        return api_error(None, "timeout", None, method="POST")
    api.fail.append(("POST", lost_response))
    result = drive(api, API_GROUP, {"name": "shop", "remark": "r", "id": None, "state": "present"})
    assert result["changed"] is True and result["api_group"]["name"] == "shop"
    assert [c[0] for c in api.calls] == ["GET", "POST", "GET"]
    assert len(api.store["api-groups"]) == 1


def test_timed_out_create_that_did_not_happen_fails(api):
    api.fail.append(("POST", api_error(None, "timeout", "no response", method="POST")))
    result = drive(api, API_GROUP, {"name": "shop", "remark": "r", "id": None, "state": "present"})
    assert result["failed"] and result["error"]["error_code"] == "timeout"
    assert [c[0] for c in api.calls] == ["GET", "POST", "GET"]


def test_other_not_found_codes_are_errors(api):
    api.fail.append(("GET", api_error(404, "APIG.3030", "The instance does not exist.")))
    result = drive(api, API_GROUP, {"name": "shop", "remark": None, "id": "a" * 32, "state": "absent"})
    assert result["failed"] and result["msg"] == "The instance does not exist. (APIG.3030)"


@pytest.mark.parametrize("field, value, message", [
    (Field(min_length=3), "ab", "opt must be at least 3 characters long, got 2"),
    (Field(max_length=3), "abcd", "opt must be at most 3 characters long, got 4"),
    (Field(min_length=1, max_length=3), "", "opt must be 1-3 characters long, got 0"),
    (Field(pattern="^a", rule="start with a"), "b", "opt 'b' is invalid: start with a"),
    (Field(min_length=1, pattern="^a", rule="start with a"), "abc", None),
    (Field(min_length=5), 7, None),  # only strings have lengths and patterns
])
def test_field_rules(field, value, message):
    assert field.problem("opt", value) == message
