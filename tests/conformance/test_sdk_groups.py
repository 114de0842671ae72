"""API groups (reference §3.1) through the SDK's typed requests."""
import json

import pytest
from apig_wire import API_GROUP, API_GROUP_REQUIRED, MISSING_ID, api_error, check_fields, check_response, \
    sdk_dict, unique
from huaweicloudsdkapig.v2 import ApiGroupBase, DeleteApiGroupV2Request, ListApiGroupsV2Request, \
    ShowDetailsOfApiGroupV2Request, UpdateApiGroupV2Request


def _list(sdk, instance_id, **query):
    return sdk.list_api_groups_v2(ListApiGroupsV2Request(instance_id=instance_id, **query))


def test_create_returns_201_and_every_documented_field(made):
    name = unique("grp_create")
    response = made.group(name, "conformance group")
    assert response.status_code == 201
    raw = check_response(response, API_GROUP, API_GROUP_REQUIRED)
    assert (raw["name"], raw["remark"], raw["status"]) == (name, "conformance group", 1)
    assert raw["sl_domain"] in raw["sl_domains"]


def test_show_matches_a_signed_raw_get(sdk, wire, instance_id, made):
    group_id = made.group(unique("grp_show"), "shown").id
    response = sdk.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=instance_id, group_id=group_id))
    assert response.status_code == 200
    check_response(response, API_GROUP, API_GROUP_REQUIRED)
    raw = wire.get_json("/api-groups/" + group_id)
    check_fields(API_GROUP, API_GROUP_REQUIRED, raw, sdk_dict(response))


def test_update_replaces_name_and_remark(sdk, instance_id, made):
    created = made.group(unique("grp_old"), "before")
    new_name = unique("grp_new")
    response = sdk.update_api_group_v2(UpdateApiGroupV2Request(
        instance_id=instance_id, group_id=created.id, body=ApiGroupBase(name=new_name, remark="after")))
    assert response.status_code == 200
    raw = check_response(response, API_GROUP, API_GROUP_REQUIRED)
    assert (raw["id"], raw["name"], raw["remark"]) == (created.id, new_name, "after")
    assert raw["register_time"] == json.loads(created.raw_content)["register_time"]
    shown = sdk.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=instance_id, group_id=created.id))
    assert (shown.name, shown.remark) == (new_name, "after")


def test_delete_returns_204_then_3001(sdk, instance_id, made):
    group_id = made.group(unique("grp_del")).id
    response = sdk.delete_api_group_v2(DeleteApiGroupV2Request(instance_id=instance_id, group_id=group_id))
    assert response.status_code == 204
    with api_error(404, "APIG.3001"):
        sdk.show_details_of_api_group_v2(ShowDetailsOfApiGroupV2Request(instance_id=instance_id, group_id=group_id))
    with api_error(404, "APIG.3001"):
        sdk.delete_api_group_v2(DeleteApiGroupV2Request(instance_id=instance_id, group_id=group_id))


def test_update_missing_group_is_3001(sdk, instance_id):
    with api_error(404, "APIG.3001"):
        sdk.update_api_group_v2(UpdateApiGroupV2Request(
            instance_id=instance_id, group_id=MISSING_ID, body=ApiGroupBase(name=unique("grp_none"))))


def test_duplicate_name_is_3201(sdk, instance_id, made):
    name = unique("grp_dup")
    made.group(name)
    with api_error(400, "APIG.3201"):
        made.group(name)
    assert _list(sdk, instance_id, name=name, precise_search="name").total == 1


def test_rename_onto_existing_name_is_3201(sdk, instance_id, made):
    taken = made.group(unique("grp_taken")).name
    other = made.group(unique("grp_other"))
    with api_error(400, "APIG.3201"):
        sdk.update_api_group_v2(UpdateApiGroupV2Request(
            instance_id=instance_id, group_id=other.id, body=ApiGroupBase(name=taken)))


@pytest.mark.parametrize("name, remark", [
    ("ab", None), ("x" * 256, None), ("_starts_with_underscore", None), ("bad name!", None),
    ("grp_long_remark", "r" * 1001)], ids=["short", "long", "underscore-first", "punctuation", "remark-1001"])
def test_create_invalid_body_is_2011(made, name, remark):
    with api_error(400, "APIG.2011"):
        made.group(name, remark)


def test_update_invalid_name_is_2012(sdk, instance_id, made):
    group_id = made.group(unique("grp_valid")).id
    with api_error(400, "APIG.2012"):
        sdk.update_api_group_v2(UpdateApiGroupV2Request(
            instance_id=instance_id, group_id=group_id, body=ApiGroupBase(name="ab")))


def test_paging_walks_offset_limit_with_total_and_size(sdk, instance_id, made):
    prefix = unique("grp_page")
    ids = {made.group("%s_%d" % (prefix, i)).id for i in range(5)}
    seen = []
    for offset, expected_size in ((0, 2), (2, 2), (4, 1), (6, 0)):
        page = _list(sdk, instance_id, name=prefix, offset=offset, limit=2)
        assert (page.total, page.size, len(page.groups)) == (5, expected_size, expected_size)
        seen += [g.id for g in page.groups]
    assert sorted(seen) == sorted(ids)
    # A negative offset is documented to be read as 0.
    assert [g.id for g in _list(sdk, instance_id, name=prefix, offset=-3, limit=2).groups] == seen[:2]


def test_list_default_limit_is_20(sdk, instance_id, made):
    prefix = unique("grp_deflim")
    for i in range(21):
        made.group("%s_%02d" % (prefix, i))
    page = _list(sdk, instance_id, name=prefix)
    assert (page.total, page.size) == (21, 20)


@pytest.mark.parametrize("limit", [0, 501])
def test_list_limit_out_of_range_is_2012(sdk, instance_id, limit):
    with api_error(400, "APIG.2012"):
        _list(sdk, instance_id, limit=limit)


def test_name_filter_is_fuzzy_unless_precise_search(sdk, instance_id, made):
    base = unique("grp_filter")
    exact = made.group(base).id
    longer = made.group(base + "_longer").id
    assert {g.id for g in _list(sdk, instance_id, name=base).groups} == {exact, longer}
    precise = _list(sdk, instance_id, name=base, precise_search="name")
    assert (precise.total, [g.id for g in precise.groups]) == (1, [exact])
    assert [g.id for g in _list(sdk, instance_id, id=longer).groups] == [longer]


def test_list_items_carry_every_documented_field(sdk, wire, instance_id, made):
    prefix = unique("grp_items")
    made.group(prefix + "_a", "first")
    made.group(prefix + "_b")
    response = _list(sdk, instance_id, name=prefix)
    raw = check_response(response, {"total": int, "size": int}, ("total", "size", "groups"))
    for index, item in enumerate(raw["groups"]):
        check_fields(API_GROUP, API_GROUP_REQUIRED, item, sdk_dict(response.groups[index]), "groups[%d]" % index)
    assert wire.get_json("/api-groups", {"name": prefix}) == raw


def test_chinese_name_round_trips_through_signed_query(sdk, instance_id, made):
    """Non-ASCII names exercise the SDK's percent-encoding of the signed query string."""
    name = unique("分组_测试")
    group_id = made.group(name, "中文描述").id
    found = _list(sdk, instance_id, name=name, precise_search="name")
    assert [(g.id, g.name, g.remark) for g in found.groups] == [(group_id, name, "中文描述")]


def test_unknown_instance_is_3030(sdk):
    with api_error(404, "APIG.3030"):
        sdk.show_details_of_api_group_v2(ShowDetailsOfApiGroupV2Request(instance_id=MISSING_ID, group_id=MISSING_ID))
    with api_error(404, "APIG.3030"):
        _list(sdk, MISSING_ID)
