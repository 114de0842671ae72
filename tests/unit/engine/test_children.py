"""Child collections synced by key (module_utils/children.py) on an in-memory API with nested items."""
import copy
import uuid

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils import children as children_utils
from ansible_collections.huaweicloud.apig.plugins.module_utils.children import Children
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import WriteInCheckMode
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field, Reference
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_GROUP
from engine_fakes import INSTANCE, Exit, FakeAPI, FakeModule

BASE = "/v2/proj/apigw/instances/inst/api-groups"


class NestedAPI(FakeAPI):
    """FakeAPI plus ``api-groups/{id}/kids[/{kid}]``; a POST {"kids": [...]} adds several, and a
    POST naming an existing ``name`` updates that kid (the VPC member style)."""

    def __init__(self):
        super().__init__()
        self.kids = {}

    def request(self, method, path, query=None, body=None, files=None, recover=None):
        segments = path[len(self.path("instances", INSTANCE)) + 1:].split("/")
        if len(segments) < 3:
            return super().request(method, path, query, body, files, recover)
        self.calls.append((method, path, dict(query or {}), copy.deepcopy(body)))
        if self.read_only and method != "GET":
            raise WriteInCheckMode("refusing %s" % method, method=method)
        kids = self.kids.setdefault(segments[1], {})
        kid_id = segments[3] if len(segments) > 3 else None
        if method == "GET":
            items = [dict(k) for k in kids.values()]
            return {"total": len(items), "size": len(items), "kids": items}
        if method == "DELETE":
            del kids[kid_id]
            return None
        if method == "PUT":
            kids[kid_id].update(body)
            return dict(kids[kid_id])
        added = []
        for item in body.get("kids", [body]):
            same = next((k for k in kids.values() if k["name"] == item["name"]), None)
            kid = same or {"id": uuid.uuid4().hex}
            kid.update(item)
            kids[kid["id"]] = kid
            added.append(dict(kid))
        return added[0] if "kids" not in body else {"kids": added}

    def kid(self, parent_id, **item):
        item.setdefault("id", uuid.uuid4().hex)
        self.kids.setdefault(parent_id, {})[item["id"]] = item
        return item


def kids(**options):
    fields = {
        "name": Field(update=False, max_length=10),
        "kind": Field(update=False, choices=["GROUP", "OTHER"]),
        "target": Field(),
        "weight": Field(type="int", minimum=0, maximum=100),
    }
    return Children(option="kids", path=("kids",), list_key="kids", key="name", fields=fields,
                    references={"target": (Reference("target", "target", API_GROUP), {"kind": "GROUP"})},
                    **options)


def drive(api, params, child=None, check_mode=False):
    params = dict({"name": "shop", "remark": None, "id": None, "state": "present", "purge_kids": False}, **params)
    module = FakeModule(api, params, check_mode=check_mode)
    try:
        children_utils.run(module, API_GROUP, [child or kids()])
    except Exit as done:
        return dict(done.result, failed=done.failed)
    raise AssertionError("neither exited nor failed")


@pytest.fixture
def api():
    return NestedAPI()


@pytest.fixture
def shop(api):
    return api.add("api-groups", name="shop", remark="")


def kids_path(parent):
    return "%s/%s/kids" % (BASE, parent["id"])


def test_argument_spec_has_the_list_and_its_purge_option():
    spec = kids().argument_spec()
    assert spec["purge_kids"] == {"type": "bool", "default": False}
    assert spec["kids"]["type"] == "list" and spec["kids"]["elements"] == "dict"
    assert spec["kids"]["options"]["kind"] == {"type": "str", "choices": ["GROUP", "OTHER"]}


def test_unset_option_leaves_children_alone_and_costs_no_request(api, shop):
    api.kid(shop["id"], name="a", weight=1)
    result = drive(api, {"kids": None, "purge_kids": True})
    assert result["changed"] is False
    assert len(api.calls) == 1  # only the parent lookup
    assert "kids" not in result["api_group"]


def test_converged_children_are_one_more_list_call(api, shop):
    api.kid(shop["id"], name="a", weight=1, kind="OTHER")
    result = drive(api, {"kids": [{"name": "a", "weight": 1}]})
    assert result["changed"] is False
    assert api.writes() == []
    assert [c[:2] for c in api.calls] == [("GET", BASE), ("GET", kids_path(shop))]
    assert result["api_group"]["kids"][0]["name"] == "a"


def test_changed_item_is_one_put_of_its_updatable_fields(api, shop):
    kid = api.kid(shop["id"], name="a", weight=1, kind="OTHER", target="x")
    result = drive(api, {"kids": [{"name": "a", "weight": 5}]})
    assert result["changed"] is True
    assert api.writes() == [("PUT", kids_path(shop) + "/" + kid["id"], {}, {"target": "x", "weight": 5})]
    assert result["diff"]["before"]["kids"] == [{"name": "a", "weight": 1}]
    assert result["diff"]["after"]["kids"] == [{"name": "a", "weight": 5}]
    assert result["api_group"]["kids"] == [dict(kid, weight=5)]


def test_new_items_are_posted_and_extra_ones_kept_without_purge(api, shop):
    api.kid(shop["id"], name="old", weight=1)
    result = drive(api, {"kids": [{"name": "new", "weight": 2, "kind": "OTHER"}]})
    assert result["changed"] is True
    assert api.writes() == [("POST", kids_path(shop), {}, {"name": "new", "weight": 2, "kind": "OTHER"})]
    assert sorted(k["name"] for k in result["api_group"]["kids"]) == ["new", "old"]


def test_purge_deletes_the_items_not_listed(api, shop):
    old = api.kid(shop["id"], name="old", weight=1)
    api.kid(shop["id"], name="keep", weight=1)
    result = drive(api, {"kids": [{"name": "keep"}], "purge_kids": True})
    assert result["changed"] is True
    assert api.writes() == [("DELETE", kids_path(shop) + "/" + old["id"], {}, None)]
    assert result["diff"]["before"]["kids"] == [{"name": "keep"}, {"name": "old"}]
    assert result["diff"]["after"]["kids"] == [{"name": "keep"}]


def test_empty_list_with_purge_removes_all(api, shop):
    api.kid(shop["id"], name="a")
    api.kid(shop["id"], name="b")
    result = drive(api, {"kids": [], "purge_kids": True})
    assert result["changed"] is True
    assert [w[0] for w in api.writes()] == ["DELETE", "DELETE"]
    assert result["api_group"]["kids"] == []


def test_check_mode_predicts_without_writing(api, shop):
    api.kid(shop["id"], name="a", weight=1)
    api.kid(shop["id"], name="gone", weight=1)
    result = drive(api, {"kids": [{"name": "a", "weight": 3}, {"name": "b", "weight": 4}], "purge_kids": True},
                   check_mode=True)
    assert result["changed"] is True
    assert api.writes() == []
    predicted = sorted((k["name"], k["weight"]) for k in result["api_group"]["kids"])
    assert predicted == [("a", 3), ("b", 4)]
    assert result["diff"]["after"]["kids"] == [{"name": "a", "weight": 3}, {"name": "b", "weight": 4}]


def test_check_mode_on_a_parent_to_create_predicts_all_children(api):
    result = drive(api, {"kids": [{"name": "a", "weight": 3}]}, check_mode=True)
    assert result["changed"] is True
    assert api.writes() == []
    assert result["api_group"]["kids"] == [{"name": "a", "weight": 3}]
    assert result["diff"]["before"] == {}


def test_created_parent_gets_its_children(api):
    result = drive(api, {"kids": [{"name": "a", "weight": 3}]})
    parent_id = result["api_group"]["id"]
    assert [w[:2] for w in api.writes()] == [("POST", BASE), ("POST", "%s/%s/kids" % (BASE, parent_id))]
    assert [k["name"] for k in api.kids[parent_id].values()] == ["a"]


def test_conditional_reference_resolves_names_only_when_the_condition_holds(api, shop):
    target = api.add("api-groups", name="target_group")
    drive(api, {"kids": [{"name": "a", "kind": "GROUP", "target": "target_group"},
                         {"name": "b", "kind": "OTHER", "target": "target_group"}]})
    posted = [w[3] for w in api.writes()]
    assert posted == [{"name": "a", "kind": "GROUP", "target": target["id"]},
                      {"name": "b", "kind": "OTHER", "target": "target_group"}]


def test_missing_reference_fails_naming_the_item_before_any_write(api, shop):
    result = drive(api, {"kids": [{"name": "a", "kind": "GROUP", "target": "nothing"}]})
    assert result["failed"] is True
    assert result["msg"] == "kids[0].target: no api_group with the name or id 'nothing'"
    assert api.writes() == []


def test_missing_reference_in_check_mode_warns_and_predicts_a_create(api, shop):
    params = dict({"name": "shop", "remark": None, "id": None, "state": "present", "purge_kids": False},
                  kids=[{"name": "a", "kind": "GROUP", "target": "created_earlier"}])
    module = FakeModule(api, params, check_mode=True)
    with pytest.raises(Exit) as done:
        children_utils.run(module, API_GROUP, [kids()])
    assert done.value.failed is False and done.value.result["changed"] is True
    assert module.warnings == ["kids[0].target: no api_group with the name or id 'created_earlier'; "
                               "check mode assumes an earlier task creates it"]
    assert done.value.result["api_group"]["kids"] == [{"name": "a", "kind": "GROUP", "target": "created_earlier"}]
    assert api.writes() == []


def test_rules_and_repeated_keys_fail_before_any_request(api):
    result = drive(api, {"kids": [{"name": "a", "weight": 101}, {"name": "a"}, {"name": "far_too_long"}]})
    assert result["failed"] is True
    assert result["msg"] == ("kids[0].weight must be between 0 and 100, got 101; kids[1] repeats name of an "
                             "earlier item; kids[2].name must be at most 10 characters long, got 12")
    assert api.calls == []


def test_without_update_a_changed_item_is_deleted_and_created_again(api, shop):
    kid = api.kid(shop["id"], name="a", weight=1)
    drive(api, {"kids": [{"name": "a", "weight": 2}]}, child=kids(update=False))
    assert api.writes() == [("DELETE", kids_path(shop) + "/" + kid["id"], {}, None),
                            ("POST", kids_path(shop), {}, {"name": "a", "weight": 2})]


def test_batch_create_that_updates_sends_one_post(api, shop):
    api.kid(shop["id"], name="a", weight=1)
    result = drive(api, {"kids": [{"name": "a", "weight": 2}, {"name": "b", "weight": 3}]},
                   child=kids(batch_key="kids", create_updates=True))
    assert api.writes() == [("POST", kids_path(shop), {}, {"kids": [{"name": "b", "weight": 3},
                                                                    {"name": "a", "weight": 2}]})]
    assert sorted((k["name"], k["weight"]) for k in result["api_group"]["kids"]) == [("a", 2), ("b", 3)]


def test_absent_parent_ignores_children(api, shop):
    api.kid(shop["id"], name="a")
    result = drive(api, {"kids": [{"name": "zzz_bad_and_long"}], "state": "absent"})
    assert result["failed"] is True  # rules still apply: the task is wrong whatever the state
    result = drive(api, {"kids": [{"name": "b"}], "state": "absent"})
    assert result["changed"] is True
    assert [w[0] for w in api.writes()] == ["DELETE"]
    assert "kids" not in result["api_group"]
