"""Apps, their secrets and app codes (reference §3.12) and the outlines (§3.11) through the SDK's typed requests."""
import json
import re

import pytest
from ansible_runner import module_result
from apig_wire import MISSING_ID, api_error, check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import ApiMockCreate, AppCodeCreate, AppCreate, AppResetCreate, CheckAppV2Request, \
    CreateAnAppV2Request, CreateAppCodeAutoV2Request, CreateAppCodeV2Request, DeleteAppCodeV2Request, \
    DeleteAppV2Request, ListApiGroupsQuantitiesV2Request, ListApiQuantitiesV2Request, ListAppCodesV2Request, \
    ListAppQuantitiesV2Request, ListAppsV2Request, ResettingAppSecretV2Request, ShowDetailsOfAppCodeV2Request, \
    ShowDetailsOfAppV2Request, UpdateAppV2Request
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException

APP = {"id": str, "name": str, "remark": str, "creator": str, "update_time": "time", "app_key": str,
       "app_secret": str, "register_time": "time", "status": int, "app_type": str}
APP_REQUIRED = tuple(APP)
APP_LIST_ITEM = dict(APP, bind_num=int)
APP_CODE = {"app_code": str, "id": str, "app_id": str, "create_time": str}
HEX32 = re.compile(r"^[0-9a-f]{32}$")
# §3.12.9's generated codes: 64 characters; the example (and the emulator) uses lowercase hex.
GENERATED_CODE = re.compile(r"^[0-9a-f]{64}$")
# A value §3.12.8 accepts: letters, digits and + / = ..., starting with a letter or + or /.
EXPLICIT_CODE = "GjOD3g80AABuuFeEJpVQADBlAjBh3UzC7W+gr4VJBB5BtJ4fdVOQoSvoji3gFxUDb5pWBz9wUcw9+8/bFZ1B/4pq="


class Apps:
    """Creates apps through the SDK; deletes what is left at the end of the test."""

    def __init__(self, sdk, instance_id):
        self.sdk, self.instance_id = sdk, instance_id
        self.ids = []

    def create(self, name=None, **fields):
        response = self.sdk.create_an_app_v2(CreateAnAppV2Request(
            instance_id=self.instance_id, body=AppCreate(name=name or unique("app"), **fields)))
        self.ids.append(response.id)
        return response

    def request(self, request_class, **fields):
        return request_class(instance_id=self.instance_id, **fields)

    def cleanup(self):
        for app_id in self.ids:
            try:
                self.sdk.delete_app_v2(self.request(DeleteAppV2Request, app_id=app_id))
            except ClientRequestException as error:  # the test deleted it itself
                assert error.status_code == 404, str(error)


@pytest.fixture
def apps(sdk, instance_id):
    made = Apps(sdk, instance_id)
    yield made
    made.cleanup()


def _show(apps, app_id):
    return apps.sdk.show_details_of_app_v2(apps.request(ShowDetailsOfAppV2Request, app_id=app_id))


def _list(apps, **query):
    return apps.sdk.list_apps_v2(apps.request(ListAppsV2Request, **query))


def _codes(apps, app_id, **query):
    return apps.sdk.list_app_codes_v2(apps.request(ListAppCodesV2Request, app_id=app_id, **query))


# ---------------------------------------------------------------- apps (§3.12.1-§3.12.7)

def test_create_returns_201_with_generated_key_and_secret(apps):
    name = unique("app_create")
    response = apps.create(name, remark="Demo app")
    assert response.status_code == 201
    raw = check_response(response, APP, APP_REQUIRED)
    assert (raw["name"], raw["remark"], raw["creator"], raw["status"], raw["app_type"]) == \
        (name, "Demo app", "USER", 1, "apig")
    assert HEX32.match(raw["id"]) and HEX32.match(raw["app_key"]) and HEX32.match(raw["app_secret"])
    assert raw["app_key"] != raw["app_secret"]


def test_create_with_custom_key_and_secret(apps):
    response = apps.create(app_key="my-key_01", app_secret="S3cret!@#$%_-")
    raw = check_response(response, APP, APP_REQUIRED)
    assert (raw["app_key"], raw["app_secret"]) == ("my-key_01", "S3cret!@#$%_-")
    assert raw["remark"] == ""


def test_show_matches_a_signed_raw_get(apps, wire):
    app_id = apps.create(remark="shown").id
    response = _show(apps, app_id)
    assert response.status_code == 200
    raw = check_response(response, APP, APP_REQUIRED)
    check_fields(APP, APP_REQUIRED, wire.get_json("/apps/" + app_id), sdk_dict(response))
    assert raw["remark"] == "shown"


def test_update_answers_201_and_replaces_name_and_remark(apps):
    created = apps.create(remark="before")
    before = json.loads(created.raw_content)
    new_name = unique("app_new")
    response = apps.sdk.update_app_v2(apps.request(UpdateAppV2Request, app_id=created.id,
                                                   body=AppCreate(name=new_name)))
    assert response.status_code == 201
    raw = check_response(response, APP, APP_REQUIRED)
    assert (raw["id"], raw["name"], raw["remark"]) == (created.id, new_name, "")
    # Key and secret stay unless the body carries them.
    assert (raw["app_key"], raw["app_secret"], raw["register_time"]) == \
        (before["app_key"], before["app_secret"], before["register_time"])
    assert raw["update_time"] > before["update_time"]
    assert _show(apps, created.id).name == new_name


def test_update_changes_a_custom_key_and_secret(apps):
    app = apps.create()
    response = apps.sdk.update_app_v2(apps.request(UpdateAppV2Request, app_id=app.id, body=AppCreate(
        name=app.name, app_key="renewed-key", app_secret="renewed-secret")))
    assert (response.app_key, response.app_secret) == ("renewed-key", "renewed-secret")
    assert _show(apps, app.id).app_key == "renewed-key"


def test_delete_returns_204_then_3004(apps):
    app_id = apps.create().id
    response = apps.sdk.delete_app_v2(apps.request(DeleteAppV2Request, app_id=app_id))
    assert response.status_code == 204
    with api_error(404, "APIG.3004"):
        _show(apps, app_id)
    with api_error(404, "APIG.3004"):
        apps.sdk.delete_app_v2(apps.request(DeleteAppV2Request, app_id=app_id))


@pytest.mark.parametrize("request_class, extra", [
    (UpdateAppV2Request, {"body": AppCreate(name="app_missing")}),
    (ResettingAppSecretV2Request, {"body": AppResetCreate()}),
    (CheckAppV2Request, {}),
    (ListAppCodesV2Request, {}),
    (CreateAppCodeAutoV2Request, {}),
    (CreateAppCodeV2Request, {"body": AppCodeCreate(app_code=EXPLICIT_CODE)}),
], ids=["update", "reset", "check", "list-codes", "generate-code", "create-code"])
def test_missing_app_is_3004(apps, request_class, extra):
    method = {UpdateAppV2Request: "update_app_v2", ResettingAppSecretV2Request: "resetting_app_secret_v2",
              CheckAppV2Request: "check_app_v2", ListAppCodesV2Request: "list_app_codes_v2",
              CreateAppCodeAutoV2Request: "create_app_code_auto_v2",
              CreateAppCodeV2Request: "create_app_code_v2"}[request_class]
    with api_error(404, "APIG.3004"):
        getattr(apps.sdk, method)(apps.request(request_class, app_id=MISSING_ID, **extra))


def test_duplicate_name_is_3203(apps):
    name = apps.create().name
    with api_error(400, "APIG.3203"):
        apps.create(name)
    other = apps.create()
    with api_error(400, "APIG.3203"):
        apps.sdk.update_app_v2(apps.request(UpdateAppV2Request, app_id=other.id, body=AppCreate(name=name)))
    assert _list(apps, name=name, precise_search="name").total == 1


def test_duplicate_app_key_is_3310(apps):
    key = unique("key")
    apps.create(app_key=key)
    with api_error(400, "APIG.3310"):
        apps.create(app_key=key)
    other = apps.create()
    with api_error(400, "APIG.3310"):
        apps.sdk.update_app_v2(apps.request(UpdateAppV2Request, app_id=other.id,
                                            body=AppCreate(name=other.name, app_key=key)))
    assert _list(apps, app_key=key).total == 1


@pytest.mark.parametrize("fields", [
    {"name": "ab"}, {"name": "a" * 65}, {"name": "1starts_with_digit"}, {"name": "has-dash"},
    {"remark": "r" * 256},
    {"app_key": "short"}, {"app_key": "k" * 201}, {"app_key": "_starts_with_underscore"}, {"app_key": "has space"},
    {"app_secret": "short"}, {"app_secret": "s" * 129}, {"app_secret": "-starts_with_dash"},
    {"app_secret": "has^caret"},
], ids=lambda f: "%s-%d" % (list(f)[0], len(list(f.values())[0])))
def test_invalid_body_is_2011(apps, fields):
    broken = list(fields)[0]
    with api_error(400, "APIG.2011") as info:
        apps.create(**dict({"name": unique("app_bad")}, **fields))
    assert "parameterName:%s." % broken in info.value.error_msg


def test_limits_of_the_reference_and_the_sdk_are_accepted(apps):
    """The reference's 64-character key and secret, and the SDK's longer ones."""
    for key_len, secret_len in ((8, 8), (64, 64), (200, 128)):
        raw = json.loads(apps.create(app_key=unique("k").ljust(key_len, "k")[:key_len],
                                     app_secret="s" * secret_len).raw_content)
        assert (len(raw["app_key"]), len(raw["app_secret"])) == (key_len, secret_len)


def test_reset_secret_generates_a_new_one_or_takes_the_callers(apps):
    app = apps.create()
    old = json.loads(app.raw_content)
    response = apps.sdk.resetting_app_secret_v2(apps.request(ResettingAppSecretV2Request, app_id=app.id,
                                                             body=AppResetCreate()))
    assert response.status_code == 200
    raw = check_response(response, APP, APP_REQUIRED)
    assert HEX32.match(raw["app_secret"]) and raw["app_secret"] != old["app_secret"]
    assert (raw["app_key"], raw["name"]) == (old["app_key"], old["name"])
    assert _show(apps, app.id).app_secret == raw["app_secret"]
    custom = apps.sdk.resetting_app_secret_v2(apps.request(ResettingAppSecretV2Request, app_id=app.id,
                                                           body=AppResetCreate(app_secret="Chosen#Secret1")))
    assert custom.app_secret == "Chosen#Secret1" == _show(apps, app.id).app_secret
    with api_error(400, "APIG.2011"):
        apps.sdk.resetting_app_secret_v2(apps.request(ResettingAppSecretV2Request, app_id=app.id,
                                                      body=AppResetCreate(app_secret="bad")))


def test_reset_secret_without_a_body(apps, wire):
    app = apps.create()
    response = wire.call("PUT", "/apps/secret/" + app.id)
    assert response.status_code == 200, response.text
    assert response.json()["app_secret"] != app.app_secret


def test_check_app_shows_only_id_name_and_remark(apps):
    app = apps.create(remark="verify me")
    response = apps.sdk.check_app_v2(apps.request(CheckAppV2Request, app_id=app.id))
    assert response.status_code == 200
    raw = check_response(response, {"id": str, "name": str, "remark": str}, ("id", "name", "remark"))
    assert raw == {"id": app.id, "name": app.name, "remark": "verify me"}


def test_list_filters_paging_and_bind_num(apps, wire):
    prefix = unique("app_list")
    made = [apps.create("%s_%d" % (prefix, i)) for i in range(3)]
    response = _list(apps, name=prefix, limit=2)
    raw = check_response(response, {"total": int, "size": int}, ("total", "size", "apps"))
    assert (raw["total"], raw["size"]) == (3, 2)
    for index, item in enumerate(raw["apps"]):
        check_fields(APP_LIST_ITEM, APP_REQUIRED + ("bind_num",), item, sdk_dict(response.apps[index]),
                     "apps[%d]" % index)
        assert item["bind_num"] == 0
    assert [a.id for a in _list(apps, name=prefix, offset=2, limit=2).apps] == [made[2].id]
    assert [a.id for a in _list(apps, id=made[1].id).apps] == [made[1].id]
    assert [a.id for a in _list(apps, app_key=made[0].app_key).apps] == [made[0].id]
    assert _list(apps, name=prefix, creator="USER", status=1).total == 3
    assert _list(apps, name=prefix, creator="MARKET").total == 0
    exact = _list(apps, name=made[0].name, precise_search="name")
    assert [a.id for a in exact.apps] == [made[0].id]
    assert wire.get_json("/apps", {"name": prefix, "limit": 2}) == raw


@pytest.mark.parametrize("limit", [0, 501])
def test_list_limit_out_of_range_is_2012(apps, limit):
    with api_error(400, "APIG.2012"):
        _list(apps, limit=limit)


def test_module_and_sdk_read_each_others_apps(module_emulator, apps):
    """The app module's writes, read by the SDK field for field (secret aside), and the other way round."""
    written = module_result(module_emulator, "app", {"name": unique("rt_app"), "remark": "from ansible",
                                                     "app_key": unique("rt-key")})
    shown = sdk_dict(_show(apps, written["app"]["id"]))
    apps.ids.append(shown["id"])
    assert written["app"]["app_secret"] == "********" and written["new_app_secret"] == shown["app_secret"]
    check_fields(dict(APP, app_secret=None), APP_REQUIRED, dict(written["app"], app_secret=None),
                 dict(shown, app_secret=None))
    made = apps.create(remark="from the sdk", app_key=unique("sdk-key"))
    again = module_result(module_emulator, "app", {"name": made.name, "remark": "from the sdk",
                                                   "app_key": made.app_key, "app_secret": "NotCompared_1"})
    assert again["changed"] is False and again["app"]["id"] == made.id
    code = module_result(module_emulator, "app_code", {"app": made.name, "count": 1})["new_app_codes"][0]
    assert [(c.id, c.app_code) for c in _codes(apps, made.id).app_codes] == [(code["id"], code["app_code"])]


# ---------------------------------------------------------------- app codes (§3.12.8-§3.12.12)

def test_create_show_list_delete_an_app_code(apps):
    app_id = apps.create().id
    created = apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=app_id,
                                                       body=AppCodeCreate(app_code=EXPLICIT_CODE)))
    assert created.status_code == 201
    raw = check_response(created, APP_CODE, tuple(APP_CODE))
    assert (raw["app_code"], raw["app_id"]) == (EXPLICIT_CODE, app_id) and HEX32.match(raw["id"])
    shown = apps.sdk.show_details_of_app_code_v2(apps.request(ShowDetailsOfAppCodeV2Request, app_id=app_id,
                                                              app_code_id=created.id))
    assert shown.status_code == 201  # as the reference documents for this GET
    assert check_response(shown, APP_CODE, tuple(APP_CODE)) == raw
    listed = _codes(apps, app_id)
    assert check_response(listed, {"total": int, "size": int}, ("total", "size", "app_codes"))["app_codes"] == [raw]
    deleted = apps.sdk.delete_app_code_v2(apps.request(DeleteAppCodeV2Request, app_id=app_id,
                                                       app_code_id=created.id))
    assert deleted.status_code == 204
    with api_error(404, "APIG.3082"):
        apps.sdk.show_details_of_app_code_v2(apps.request(ShowDetailsOfAppCodeV2Request, app_id=app_id,
                                                          app_code_id=created.id))
    with api_error(404, "APIG.3082"):
        apps.sdk.delete_app_code_v2(apps.request(DeleteAppCodeV2Request, app_id=app_id, app_code_id=created.id))
    assert _codes(apps, app_id).total == 0


def test_generated_codes_are_64_characters_and_distinct(apps):
    app_id = apps.create().id
    codes = []
    for _ in range(3):
        response = apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=app_id))
        assert response.status_code == 201
        raw = check_response(response, APP_CODE, tuple(APP_CODE))
        assert GENERATED_CODE.match(raw["app_code"]) and raw["app_id"] == app_id
        codes.append(raw["app_code"])
    assert len(set(codes)) == 3
    page = _codes(apps, app_id, offset=1, limit=1)
    assert (page.total, page.size, [c.app_code for c in page.app_codes]) == (3, 1, codes[1:2])


def test_app_code_quota_is_5_per_app_3131(apps):
    app_id, other = apps.create().id, apps.create().id
    for _ in range(5):
        apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=app_id))
    with api_error(403, "APIG.3131"):
        apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=app_id))
    with api_error(403, "APIG.3131"):
        apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=app_id,
                                                 body=AppCodeCreate(app_code="q" * 64)))
    # The quota is per app.
    apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=other))


@pytest.mark.parametrize("value", ["a" * 63, "a" * 181, "_" + "a" * 63, "a" * 63 + "^", "=" + "a" * 63],
                         ids=["63", "181", "underscore-first", "caret", "equals-first"])
def test_invalid_app_code_is_2011(apps, value):
    app_id = apps.create().id
    with api_error(400, "APIG.2011") as info:
        apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=app_id,
                                                 body=AppCodeCreate(app_code=value)))
    assert "parameterName:app_code" in info.value.error_msg


def test_app_code_value_is_unique_in_the_instance(apps):
    first, second = apps.create().id, apps.create().id
    value = "+/" + unique("code").ljust(70, "x")
    apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=first, body=AppCodeCreate(app_code=value)))
    with api_error(400, "APIG.2011"):
        apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=second,
                                                 body=AppCodeCreate(app_code=value)))


def test_code_of_another_app_is_3082(apps):
    owner, other = apps.create().id, apps.create().id
    code = apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=owner))
    with api_error(404, "APIG.3082"):
        apps.sdk.show_details_of_app_code_v2(apps.request(ShowDetailsOfAppCodeV2Request, app_id=other,
                                                          app_code_id=code.id))


def test_deleting_an_app_deletes_its_codes(apps, wire):
    app_id = apps.create().id
    code = apps.sdk.create_app_code_auto_v2(apps.request(CreateAppCodeAutoV2Request, app_id=app_id))
    apps.sdk.delete_app_v2(apps.request(DeleteAppV2Request, app_id=app_id))
    # A new app may reuse the value: the old code row is gone with its app.
    again = apps.create().id
    reused = apps.sdk.create_app_code_v2(apps.request(CreateAppCodeV2Request, app_id=again,
                                                      body=AppCodeCreate(app_code=code.app_code)))
    assert reused.app_code == code.app_code
    assert wire.call("GET", "/apps/%s/app-codes/%s" % (app_id, code.id)).json()["error_code"] == "APIG.3004"


# ---------------------------------------------------------------- outlines (§3.11)

def _outlines(sdk, instance_id):
    return (sdk.list_api_quantities_v2(ListApiQuantitiesV2Request(instance_id=instance_id)),
            sdk.list_api_groups_quantities_v2(ListApiGroupsQuantitiesV2Request(instance_id=instance_id)),
            sdk.list_app_quantities_v2(ListAppQuantitiesV2Request(instance_id=instance_id)))


def test_outlines_count_apis_groups_and_apps(sdk, instance_id, made, apps):
    apis_before, groups_before, apps_before = [json.loads(r.raw_content) for r in _outlines(sdk, instance_id)]
    group = made.group(unique("outline_grp"))
    definition = dict(group_id=group.id, type=1, req_method="GET", auth_type="NONE", backend_type="MOCK",
                      req_protocol="HTTPS")
    published = made.api(name=unique("outline_pub"), req_uri="/outline/a", mock_info=ApiMockCreate(), **definition)
    made.api(name=unique("outline_draft"), req_uri="/outline/b", mock_info=ApiMockCreate(), **definition)
    made.publish(published.id, "DEFAULT_ENVIRONMENT_RELEASE_ID")
    apps.create()
    responses = _outlines(sdk, instance_id)
    assert [r.status_code for r in responses] == [200, 200, 200]
    api_counts = check_response(responses[0], {"instance_num": int, "nums_on_release": int, "nums_off_release": int},
                                ("instance_num", "nums_on_release", "nums_off_release"))
    group_counts = check_response(responses[1], {"offsell_nums": int, "onsell_nums": int},
                                  ("offsell_nums", "onsell_nums"))
    app_counts = check_response(responses[2], {"authed_nums": int, "unauthed_nums": int},
                                ("authed_nums", "unauthed_nums"))
    assert api_counts == {"instance_num": apis_before["instance_num"] + 2,
                          "nums_on_release": apis_before["nums_on_release"] + 1,
                          "nums_off_release": apis_before["nums_off_release"] + 1}
    assert group_counts == {"offsell_nums": 0, "onsell_nums": groups_before["onsell_nums"] + 1}
    assert app_counts == {"authed_nums": apps_before["authed_nums"],
                          "unauthed_nums": apps_before["unauthed_nums"] + 1}


def test_outlines_of_unknown_instance_are_3030(sdk):
    for call, request_class in (("list_api_quantities_v2", ListApiQuantitiesV2Request),
                                ("list_api_groups_quantities_v2", ListApiGroupsQuantitiesV2Request),
                                ("list_app_quantities_v2", ListAppQuantitiesV2Request)):
        with api_error(404, "APIG.3030"):
            getattr(sdk, call)(request_class(instance_id=MISSING_ID))
