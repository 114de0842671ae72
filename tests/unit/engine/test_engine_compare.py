"""Fields sent on create only (``compare=False``) and secrets that break a rule, through the engine."""
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import MASK, Field, ResourceSpec
from engine_fakes import drive

# A group spec with a write-only secret, standing in for an app and its app_secret.
SPEC = ResourceSpec(
    kind="api_group", plural="api_groups", path=("api-groups",), list_key="groups", name_query="name",
    precise_search="name", fields={
        "name": Field(), "remark": Field(),
        "token": Field(secret=True, update=False, compare=False, min_length=8, pattern=r"^[a-z]+$",
                       rule="lowercase letters only"),
    })


def params(**extra):
    return dict({"name": "shop", "remark": "r", "id": None, "state": "present"}, **extra)


def test_sent_on_create_masked_in_result_and_diff(api):
    result = drive(api, SPEC, params(token="abcdefgh"))
    assert result["changed"] is True
    assert api.writes()[0][3] == {"name": "shop", "remark": "r", "token": "abcdefgh"}
    assert result["api_group"]["token"] == MASK
    assert result["diff"]["after"]["token"] == MASK


def test_never_compared_or_sent_on_an_existing_resource(api):
    api.add("api-groups", name="shop", remark="r", token="original")
    unchanged = drive(api, SPEC, params(token="different"))
    assert unchanged["changed"] is False and api.writes() == []
    assert "token" not in unchanged["diff"]["before"]
    updated = drive(api, SPEC, params(remark="new", token="different"))
    assert updated["changed"] is True
    assert api.writes()[0][3] == {"name": "shop", "remark": "new"}
    assert "token" not in updated["diff"]["after"]


def test_a_secret_breaking_its_pattern_is_not_echoed(api):
    result = drive(api, SPEC, params(token="NOT-lowercase"))
    assert result["failed"] and result["msg"] == "token is invalid: lowercase letters only"
    assert "NOT-lowercase" not in str(result) and api.calls == []
