"""recreate: true (delete + create for fields that can't change in place) and update_secret: on_create."""
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import MASK, MASK_CHANGED, Field, ResourceSpec
from engine_fakes import drive

BASE = "/v2/proj/apigw/instances/inst/api-groups"
# A group-backed spec with a create-only field and a secret, as ACLs/authorizers/signatures have.
SPEC = ResourceSpec(
    kind="thing", plural="things", path=("api-groups",), list_key="groups", name_query="name",
    precise_search="name",
    fields={"name": Field(), "remark": Field(), "entity_type": Field(update=False), "secret": Field(secret=True)})


def params(**extra):
    return dict({"name": "shop", "remark": None, "entity_type": None, "secret": None, "state": "present"}, **extra)


def test_fixed_field_fails_naming_the_recreate_option_when_the_module_has_it(api):
    api.add("api-groups", name="shop", entity_type="IP")
    result = drive(api, SPEC, params(entity_type="DOMAIN", recreate=False))
    assert result["failed"] is True
    assert result["msg"] == ("entity_type can't be changed on an existing thing; delete it first, "
                             "or set recreate: true to delete and create it again")
    assert api.writes() == []


def test_recreate_deletes_then_creates_keeping_the_unset_fields(api):
    old = api.add("api-groups", name="shop", entity_type="IP", remark="kept")
    result = drive(api, SPEC, params(entity_type="DOMAIN", recreate=True))
    assert result["changed"] is True
    assert api.writes() == [("DELETE", BASE + "/" + old["id"], {}, None),
                            ("POST", BASE, {}, {"name": "shop", "remark": "kept", "entity_type": "DOMAIN"})]
    assert result["diff"]["before"]["entity_type"] == "IP"
    assert result["diff"]["after"]["entity_type"] == "DOMAIN"
    assert result["thing"]["id"] != old["id"]


def test_recreate_in_check_mode_writes_nothing(api):
    api.add("api-groups", name="shop", entity_type="IP")
    result = drive(api, SPEC, params(entity_type="DOMAIN", recreate=True), check_mode=True)
    assert result["changed"] is True
    assert api.writes() == []
    assert result["thing"]["entity_type"] == "DOMAIN"


def test_secret_is_not_compared_on_an_existing_resource_with_update_secret_on_create(api):
    api.add("api-groups", name="shop", secret="server-side")
    result = drive(api, SPEC, params(secret="other", update_secret="on_create"))
    assert result["changed"] is False
    assert api.writes() == []
    assert result["thing"]["secret"] == MASK


def test_secret_is_sent_on_create_with_update_secret_on_create(api):
    result = drive(api, SPEC, params(secret="first", update_secret="on_create"))
    assert api.writes()[0][3] == {"name": "shop", "secret": "first"}
    assert result["diff"]["after"]["secret"] == MASK


def test_update_secret_always_changes_it_masked(api):
    api.add("api-groups", name="shop", secret="server-side", remark="r")
    result = drive(api, SPEC, params(secret="rotated", update_secret="always"))
    assert result["changed"] is True
    assert api.writes()[0][3] == {"name": "shop", "remark": "r", "secret": "rotated"}
    assert result["diff"] == {"before": {"id": result["thing"]["id"], "name": "shop", "secret": MASK},
                              "after": {"id": result["thing"]["id"], "name": "shop", "secret": MASK_CHANGED}}
    assert "rotated" not in repr(result) and "server-side" not in repr(result)
