"""Throttling policies (§3.4), signature keys (§3.6), special throttles (§3.9), ACL policies (§3.14)
and custom authorizers (§3.16) through the SDK's typed requests; the modules' writes read back."""
import json

import pytest
from apig_wire import MISSING_ID, api_error, check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import AclApiBindingCreate, AclBatchDelete, ApiAclCreate, ApiMockCreate, AppCreate, \
    AssociateRequestThrottlingPolicyV2Request, AssociateSignatureKeyV2Request, AuthorizerCreate, BaseSignature, \
    BatchDeleteAclV2Request, CreateAclStrategyV2Request, CreateAnAppV2Request, CreateApiAclBindingV2Request, \
    CreateCustomAuthorizerV2Request, CreateRequestThrottlingPolicyV2Request, CreateSignatureKeyV2Request, \
    CreateSpecialThrottlingConfigurationV2Request, DeleteAclV2Request, DeleteCustomAuthorizerV2Request, \
    DeleteRequestThrottlingPolicyV2Request, DeleteSignatureKeyV2Request, \
    DeleteSpecialThrottlingConfigurationV2Request, Identity, ListAclStrategiesV2Request, \
    ListCustomAuthorizersV2Request, ListRequestThrottlingPolicyV2Request, ListSignatureKeysBindedToApiV2Request, \
    ListSignatureKeysV2Request, ListSpecialThrottlingConfigurationsV2Request, ShowDetailsOfAclPolicyV2Request, \
    ShowDetailsOfCustomAuthorizersV2Request, ShowDetailsOfRequestThrottlingPolicyV2Request, SignApiBinding, \
    ThrottleApiBindingCreate, ThrottleBaseInfo, ThrottleSpecialCreate, ThrottleSpecialUpdate, \
    UpdateAclStrategyV2Request, UpdateCustomAuthorizerV2Request, UpdateRequestThrottlingPolicyV2Request, \
    UpdateSignatureKeyV2Request, UpdateSpecialThrottlingConfigurationV2Request

from ansible_runner import module_result

THROTTLE = {"id": str, "name": str, "remark": str, "api_call_limits": int, "user_call_limits": int,
            "app_call_limits": int, "ip_call_limits": int, "time_interval": int, "time_unit": str, "type": int,
            "enable_adaptive_control": str, "bind_num": int, "is_inclu_special_throttle": int, "create_time": "time"}
SPECIAL = {"id": str, "call_limits": int, "apply_time": "time", "app_name": str, "app_id": str, "object_id": str,
           "object_type": str, "object_name": str, "throttle_id": str}
SIGN = {"id": str, "name": str, "sign_type": str, "sign_key": str, "sign_secret": str, "sign_algorithm": str,
        "create_time": "time", "update_time": "time"}
SIGN_ITEM = dict(SIGN, bind_num=int, ldapi_bind_num=int)
ACL = {"id": str, "acl_name": str, "acl_type": str, "acl_value": str, "entity_type": str, "update_time": "time"}
ACL_ITEM = dict(ACL, bind_num=int)
AUTHORIZER = {"id": str, "name": str, "type": str, "authorizer_type": str, "authorizer_uri": str,
              "network_type": str, "authorizer_version": str, "authorizer_alias_uri": str,
              "identities": ({"name": str, "location": str, "validation": str},), "ttl": int, "user_data": str,
              "ld_api_id": str, "need_body": bool, "create_time": "time", "roma_app_id": str, "roma_app_name": str}
RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"
URN = "urn:fss:cn-north-4:106506b9a92342df9a5025fc12351cfc:function:default:auth_demo"


def page(item, key):
    return {"size": int, "total": int, key: (item,)}


def checked_page(response, item, key):
    raw = check_response(response, page(item, key), ("size", "total", key))
    assert raw["size"] == len(raw[key])
    return raw


@pytest.fixture(scope="module")
def api(sdk, instance_id):
    """The SDK calls of these sections with the instance filled in: api.create_throttle(body=...)."""
    class Calls:
        def __getattr__(self, name):
            method, request = CALLS[name]
            return lambda **kwargs: getattr(sdk, method)(request(instance_id=instance_id, **kwargs))
    return Calls()


CALLS = {
    "create_throttle": ("create_request_throttling_policy_v2", CreateRequestThrottlingPolicyV2Request),
    "update_throttle": ("update_request_throttling_policy_v2", UpdateRequestThrottlingPolicyV2Request),
    "delete_throttle": ("delete_request_throttling_policy_v2", DeleteRequestThrottlingPolicyV2Request),
    "list_throttles": ("list_request_throttling_policy_v2", ListRequestThrottlingPolicyV2Request),
    "show_throttle": ("show_details_of_request_throttling_policy_v2", ShowDetailsOfRequestThrottlingPolicyV2Request),
    "create_special": ("create_special_throttling_configuration_v2", CreateSpecialThrottlingConfigurationV2Request),
    "update_special": ("update_special_throttling_configuration_v2", UpdateSpecialThrottlingConfigurationV2Request),
    "delete_special": ("delete_special_throttling_configuration_v2", DeleteSpecialThrottlingConfigurationV2Request),
    "list_specials": ("list_special_throttling_configurations_v2", ListSpecialThrottlingConfigurationsV2Request),
    "create_sign": ("create_signature_key_v2", CreateSignatureKeyV2Request),
    "update_sign": ("update_signature_key_v2", UpdateSignatureKeyV2Request),
    "delete_sign": ("delete_signature_key_v2", DeleteSignatureKeyV2Request),
    "list_signs": ("list_signature_keys_v2", ListSignatureKeysV2Request),
    "create_acl": ("create_acl_strategy_v2", CreateAclStrategyV2Request),
    "update_acl": ("update_acl_strategy_v2", UpdateAclStrategyV2Request),
    "delete_acl": ("delete_acl_v2", DeleteAclV2Request),
    "batch_delete_acls": ("batch_delete_acl_v2", BatchDeleteAclV2Request),
    "show_acl": ("show_details_of_acl_policy_v2", ShowDetailsOfAclPolicyV2Request),
    "list_acls": ("list_acl_strategies_v2", ListAclStrategiesV2Request),
    "create_authorizer": ("create_custom_authorizer_v2", CreateCustomAuthorizerV2Request),
    "update_authorizer": ("update_custom_authorizer_v2", UpdateCustomAuthorizerV2Request),
    "delete_authorizer": ("delete_custom_authorizer_v2", DeleteCustomAuthorizerV2Request),
    "show_authorizer": ("show_details_of_custom_authorizers_v2", ShowDetailsOfCustomAuthorizersV2Request),
    "list_authorizers": ("list_custom_authorizers_v2", ListCustomAuthorizersV2Request),
}


def built(model, fields, **defaults):
    """An SDK body of the defaults with ``fields`` overriding them (None: left out)."""
    defaults.update(fields)
    return model(**defaults)


def throttle_body(name=None, **fields):
    return built(ThrottleBaseInfo, fields, name=name or unique("thr"), api_call_limits=800, user_call_limits=500,
                 app_call_limits=300, ip_call_limits=600, time_interval=1, time_unit="SECOND", type=1,
                 remark="conformance")


# -- §3.4 throttling policies ---------------------------------------------------------------------

def test_throttle_create_show_list_update_delete(api):
    created = api.create_throttle(body=throttle_body(enable_adaptive_control="FALSE"))
    assert created.status_code == 201
    raw = check_response(created, THROTTLE, tuple(THROTTLE))
    assert (raw["api_call_limits"], raw["user_call_limits"], raw["app_call_limits"], raw["ip_call_limits"]) == \
        (800, 500, 300, 600)
    assert (raw["bind_num"], raw["is_inclu_special_throttle"], raw["type"]) == (0, 2, 1)
    shown = api.show_throttle(throttle_id=created.id)
    assert check_response(shown, THROTTLE, tuple(THROTTLE)) == raw

    listed = checked_page(api.list_throttles(name=created.name, precise_search="name"), THROTTLE, "throttles")
    assert listed["total"] == 1 and listed["throttles"][0] == raw
    assert api.list_throttles(id=created.id).throttles[0].name == created.name
    assert api.list_throttles(name=created.name[:-2]).total == 1  # loose without precise_search

    # PUT replaces: limits left out go back to 0 (none), the type to 1.
    updated = api.update_throttle(throttle_id=created.id, body=ThrottleBaseInfo(
        name=created.name, api_call_limits=1000, time_interval=2, time_unit="MINUTE", type=2))
    assert updated.status_code == 200
    raw = check_response(updated, THROTTLE, tuple(THROTTLE))
    assert (raw["api_call_limits"], raw["user_call_limits"], raw["time_unit"], raw["type"], raw["create_time"]) == \
        (1000, 0, "MINUTE", 2, json.loads(created.raw_content)["create_time"])

    assert api.delete_throttle(throttle_id=created.id).status_code == 204
    for call in (lambda: api.show_throttle(throttle_id=created.id),
                 lambda: api.delete_throttle(throttle_id=created.id),
                 lambda: api.update_throttle(throttle_id=created.id, body=throttle_body())):
        with api_error(404, "APIG.3005") as info:
            call()
        assert info.value.error_msg == "Request throttling policy %s does not exist" % created.id


def test_throttle_rename_onto_a_taken_name_is_3204(api):
    name = api.create_throttle(body=throttle_body()).name
    other = api.create_throttle(body=throttle_body())
    with api_error(400, "APIG.3204"):
        api.update_throttle(throttle_id=other.id, body=throttle_body(name))


# -- §3.9 special throttles -------------------------------------------------------------------------

def test_special_throttles_every_operation(api, sdk, instance_id):
    throttle = api.create_throttle(body=throttle_body())
    app = sdk.create_an_app_v2(CreateAnAppV2Request(instance_id=instance_id, body=AppCreate(name=unique("app"))))
    for_app = api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
        call_limits=150, object_id=app.id, object_type="APP"))
    assert for_app.status_code == 201
    raw = check_response(for_app, SPECIAL, tuple(SPECIAL))
    assert (raw["app_id"], raw["app_name"], raw["object_name"], raw["throttle_id"], raw["call_limits"]) == \
        (app.id, app.name, app.name, throttle.id, 150)
    tenant = "106506b9a92342df9a5025fc12351cfc"
    for_user = api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
        call_limits=50, object_id=tenant, object_type="USER"))
    assert (for_user.object_id, for_user.object_name, for_user.app_id) == (tenant, tenant, "")
    assert api.show_throttle(throttle_id=throttle.id).is_inclu_special_throttle == 1

    listed = checked_page(api.list_specials(throttle_id=throttle.id), SPECIAL, "throttle_specials")
    assert [i["id"] for i in listed["throttle_specials"]] == [for_app.id, for_user.id]
    assert [i.id for i in api.list_specials(throttle_id=throttle.id, object_type="USER").throttle_specials] == \
        [for_user.id]
    assert [i.id for i in api.list_specials(throttle_id=throttle.id, app_name=app.name[:-3]).throttle_specials] == \
        [for_app.id]
    assert [i.id for i in api.list_specials(throttle_id=throttle.id, user=tenant[:8]).throttle_specials] == \
        [for_user.id]

    updated = api.update_special(throttle_id=throttle.id, strategy_id=for_app.id,
                                 body=ThrottleSpecialUpdate(call_limits=200))
    assert updated.status_code == 200
    raw = check_response(updated, SPECIAL, tuple(SPECIAL))
    assert (raw["id"], raw["call_limits"], raw["object_id"]) == (for_app.id, 200, app.id)

    assert api.delete_special(throttle_id=throttle.id, strategy_id=for_user.id).status_code == 204
    with api_error(404, "APIG.3013") as info:
        api.delete_special(throttle_id=throttle.id, strategy_id=for_user.id)
    assert info.value.error_msg == "Excluded request throttling configuration %s does not exist" % for_user.id
    with api_error(404, "APIG.3013"):
        api.update_special(throttle_id=throttle.id, strategy_id=for_user.id, body=ThrottleSpecialUpdate(call_limits=1))

    # Deleting the policy deletes its special throttles.
    assert api.delete_throttle(throttle_id=throttle.id).status_code == 204
    with api_error(404, "APIG.3005"):
        api.list_specials(throttle_id=throttle.id)


def test_special_throttle_rules(api):
    throttle = api.create_throttle(body=throttle_body())
    with api_error(404, "APIG.3004") as info:
        api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
            call_limits=10, object_id=MISSING_ID, object_type="APP"))
    assert info.value.error_msg == "App %s does not exist" % MISSING_ID
    api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
        call_limits=10, object_id="tenant_a", object_type="USER"))
    with api_error(400, "APIG.3308"):
        api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
            call_limits=20, object_id="tenant_a", object_type="USER"))
    with api_error(400, "APIG.2003") as info:
        api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
            call_limits=2147483648, object_id="tenant_b", object_type="USER"))
    assert "parameterName:call_limits." in info.value.error_msg
    with api_error(400, "APIG.2011"):
        api.create_special(throttle_id=throttle.id, body=ThrottleSpecialCreate(
            call_limits=10, object_id="tenant_b", object_type="GROUP"))
    with api_error(404, "APIG.3005"):
        api.create_special(throttle_id=MISSING_ID, body=ThrottleSpecialCreate(
            call_limits=10, object_id="tenant_b", object_type="USER"))


# -- §3.6 signature keys ----------------------------------------------------------------------------

def test_signature_create_list_update_delete(api):
    generated = api.create_sign(body=BaseSignature(name=unique("sig")))
    assert generated.status_code == 201
    raw = check_response(generated, SIGN, tuple(SIGN))
    assert raw["sign_type"] == "hmac" and 8 <= len(raw["sign_key"]) <= 32 and 16 <= len(raw["sign_secret"]) <= 64
    given = api.create_sign(body=BaseSignature(name=unique("sig"), sign_type="hmac", sign_key="signkeysignkey",
                                               sign_secret="signsecretsecretsecretsecret"))
    assert (given.sign_key, given.sign_secret) == ("signkeysignkey", "signsecretsecretsecretsecret")

    listed = checked_page(api.list_signs(name=given.name, precise_search="name"), SIGN_ITEM, "signs")
    assert listed["total"] == 1 and listed["signs"][0]["bind_num"] == 0
    assert listed["signs"][0]["sign_secret"] == "signsecretsecretsecretsecret"
    assert [s.id for s in api.list_signs(id=generated.id).signs] == [generated.id]

    # An update without key and secret keeps them.
    new_name = unique("sig_renamed")
    updated = api.update_sign(sign_id=given.id, body=BaseSignature(name=new_name, sign_type="hmac"))
    assert updated.status_code == 200
    raw = check_response(updated, SIGN, tuple(SIGN))
    assert (raw["name"], raw["sign_key"], raw["sign_secret"]) == (new_name, "signkeysignkey",
                                                                  "signsecretsecretsecretsecret")
    rotated = api.update_sign(sign_id=given.id, body=BaseSignature(name=new_name, sign_type="hmac",
                                                                    sign_secret="anothersecretanothersecret"))
    assert rotated.sign_secret == "anothersecretanothersecret"

    assert api.delete_sign(sign_id=given.id).status_code == 204
    with api_error(404, "APIG.3017") as info:
        api.delete_sign(sign_id=given.id)
    assert info.value.error_msg == "Signature key %s does not exist" % given.id
    with api_error(404, "APIG.3017"):
        api.update_sign(sign_id=given.id, body=BaseSignature(name=new_name))


@pytest.mark.parametrize("fields, key_length, secret_length", [
    (dict(sign_type="basic"), None, None),
    (dict(sign_type="public_key"), None, None),
    (dict(sign_type="aes"), 16, 16),
    (dict(sign_type="aes", sign_algorithm="aes-256-cfb"), 32, 16),
])
def test_signature_types_generate_valid_keys(api, fields, key_length, secret_length):
    created = api.create_sign(body=BaseSignature(name=unique("sig"), **fields))
    assert created.sign_type == fields["sign_type"]
    if key_length:
        assert (len(created.sign_key), len(created.sign_secret)) == (key_length, secret_length)
        assert created.sign_algorithm == fields.get("sign_algorithm", "aes-128-cfb")


# -- §3.14 ACL policies -----------------------------------------------------------------------------

def acl_body(**fields):
    return built(ApiAclCreate, fields, acl_name=unique("acl"), acl_type="PERMIT",
                 acl_value="192.168.1.5,192.168.10.0/24", entity_type="IP")


def test_acl_create_show_list_update_delete(api):
    created = api.create_acl(body=acl_body())
    assert created.status_code == 201
    raw = check_response(created, ACL, tuple(ACL))
    assert (raw["acl_type"], raw["acl_value"], raw["entity_type"]) == ("PERMIT", "192.168.1.5,192.168.10.0/24", "IP")
    shown = check_response(api.show_acl(acl_id=created.id), ACL, tuple(ACL))
    assert shown["acl_name"] == created.acl_name
    domain = api.create_acl(body=acl_body(acl_type="DENY", acl_value="partner_a,partner-b", entity_type="DOMAIN"))

    listed = checked_page(api.list_acls(name=created.acl_name, precise_search="name"), ACL_ITEM, "acls")
    assert listed["total"] == 1 and listed["acls"][0]["bind_num"] == 0
    ids = {a.id for a in api.list_acls(limit=500, entity_type="DOMAIN", acl_type="DENY").acls}
    assert domain.id in ids and created.id not in ids
    assert [a.id for a in api.list_acls(id=domain.id).acls] == [domain.id]

    updated = api.update_acl(acl_id=created.id, body=acl_body(acl_name=created.acl_name, acl_type="DENY",
                                                            acl_value="10.0.0.1-10.0.0.9"))
    assert updated.status_code == 200
    raw = check_response(updated, ACL, tuple(ACL))
    assert (raw["id"], raw["acl_type"], raw["acl_value"]) == (created.id, "DENY", "10.0.0.1-10.0.0.9")
    with api_error(400, "APIG.2011") as info:  # §3.14.2: the entity type can't change
        api.update_acl(acl_id=created.id, body=acl_body(acl_name=created.acl_name, acl_value="partner",
                                                        entity_type="DOMAIN"))
    assert "parameterName:entity_type." in info.value.error_msg

    assert api.delete_acl(acl_id=created.id).status_code == 204
    for call in (lambda: api.show_acl(acl_id=created.id), lambda: api.delete_acl(acl_id=created.id),
                 lambda: api.update_acl(acl_id=created.id, body=acl_body())):
        with api_error(404, "APIG.3006") as info:
            call()
        assert info.value.error_msg == "Access control policy %s does not exist" % created.id


def test_acl_batch_delete_answers_per_item(api, wire):
    first, second = api.create_acl(body=acl_body()), api.create_acl(body=acl_body())
    response = api.batch_delete_acls(action="delete", body=AclBatchDelete(acls=[first.id, MISSING_ID]))
    assert response.status_code == 200
    raw = check_response(response, {"success_count": int, "failure": (
        {"acl_id": str, "acl_name": str, "error_code": str, "error_msg": str},)}, ("success_count", "failure"))
    assert raw == {"success_count": 1, "failure": [{
        "acl_id": MISSING_ID, "acl_name": "", "error_code": "APIG.3006",
        "error_msg": "Access control policy %s does not exist" % MISSING_ID}]}
    with api_error(404, "APIG.3006"):
        api.show_acl(acl_id=first.id)
    with api_error(400, "APIG.2011") as info:
        api.batch_delete_acls(action="remove", body=AclBatchDelete(acls=[second.id]))
    assert info.value.error_msg == 'Invalid parameter value: parameter action should be "delete"'
    # The reference's form: the action in the query is required; in the body it is accepted too.
    raw = wire.send(wire.sign("PUT", "/acls", body={"acls": [second.id], "action": "delete"}))
    assert (raw.status_code, raw.json()) == (200, {"success_count": 1, "failure": []})


# -- §3.16 custom authorizers -----------------------------------------------------------------------

def authorizer_body(**fields):
    return built(AuthorizerCreate, fields, name=unique("Authorizer"), type="FRONTEND", authorizer_type="FUNC",
                 authorizer_uri=URN, authorizer_version="v1", authorizer_alias_uri=URN + ":!v1", network_type="V2",
                 ttl=5, user_data="authorizer_test", need_body=True,
                 identities=[Identity(name="header", location="HEADER"),
                             Identity(name="token", location="QUERY", validation="^[a-z]+$")])


def test_authorizer_create_show_list_update_delete(api):
    created = api.create_authorizer(body=authorizer_body())
    assert created.status_code == 201
    raw = check_response(created, AUTHORIZER, tuple(AUTHORIZER))
    assert raw["identities"] == [{"name": "header", "location": "HEADER", "validation": ""},
                                 {"name": "token", "location": "QUERY", "validation": "^[a-z]+$"}]
    assert (raw["ttl"], raw["need_body"], raw["network_type"], raw["user_data"]) == (5, True, "V2", "authorizer_test")
    assert check_response(api.show_authorizer(authorizer_id=created.id), AUTHORIZER, tuple(AUTHORIZER)) == raw

    backend = api.create_authorizer(body=authorizer_body(type="BACKEND", identities=None))
    listed = checked_page(api.list_authorizers(name=created.name), AUTHORIZER, "authorizer_list")
    assert [a["id"] for a in listed["authorizer_list"]] == [created.id]
    types = {a.id: a.type for a in api.list_authorizers(type="BACKEND", limit=500).authorizer_list}
    assert types.get(backend.id) == "BACKEND" and created.id not in types
    assert [a.id for a in api.list_authorizers(id=backend.id).authorizer_list] == [backend.id]

    updated = api.update_authorizer(authorizer_id=created.id, body=authorizer_body(
        name=created.name, ttl=10, identities=[Identity(name="header", location="HEADER")]))
    assert updated.status_code == 200
    raw = check_response(updated, AUTHORIZER, tuple(AUTHORIZER))
    assert (raw["ttl"], len(raw["identities"]), raw["create_time"]) == (10, 1, json.loads(created.raw_content)[
        "create_time"])
    with api_error(400, "APIG.2011") as info:  # §3.16.2: the type can't change
        api.update_authorizer(authorizer_id=created.id, body=authorizer_body(name=created.name, type="BACKEND"))
    assert "parameterName:type." in info.value.error_msg

    assert api.delete_authorizer(authorizer_id=created.id).status_code == 204
    for call in (lambda: api.show_authorizer(authorizer_id=created.id),
                 lambda: api.delete_authorizer(authorizer_id=created.id),
                 lambda: api.update_authorizer(authorizer_id=created.id, body=authorizer_body())):
        with api_error(404, "APIG.3081") as info:
            call()
        assert info.value.error_msg == "authorizer with id: %s not found" % created.id


# -- the rules every create checks ------------------------------------------------------------------

def sign_body(**fields):
    return BaseSignature(**dict(dict(name=unique("sig")), **fields))


# kind -> (create call, body maker, name field, duplicate-name code)
KINDS = {"throttle": ("create_throttle", throttle_body, "name", "APIG.3204"),
         "sign": ("create_sign", sign_body, "name", "APIG.3207"),
         "acl": ("create_acl", acl_body, "acl_name", "APIG.3206"),
         "authorizer": ("create_authorizer", authorizer_body, "name", "APIG.3211")}


@pytest.mark.parametrize("kind, fields, code, parameter", [
    ("throttle", dict(user_call_limits=900), "APIG.2003", "user_call_limits"),        # user > API
    ("throttle", dict(user_call_limits=200, app_call_limits=300), "APIG.2003", "app_call_limits"),  # app > user
    ("throttle", dict(user_call_limits=0, app_call_limits=900), "APIG.2003", "app_call_limits"),    # app > API
    ("throttle", dict(ip_call_limits=801), "APIG.2003", "ip_call_limits"),            # IP > API
    ("throttle", dict(api_call_limits=2147483648), "APIG.2003", "api_call_limits"),
    ("throttle", dict(api_call_limits=0), "APIG.2002", "api_call_limits"),
    ("throttle", dict(time_unit="WEEK"), "APIG.2011", "time_unit"),
    ("throttle", dict(type=3), "APIG.2011", "type"),
    ("throttle", dict(name="1bad"), "APIG.2011", "name"),
    ("throttle", dict(name="ab"), "APIG.2011", "name"),
    ("throttle", dict(time_interval=None), "APIG.2001", "time_interval"),
    ("sign", dict(sign_key="short"), "APIG.2011", "sign_key"),                  # hmac keys are 8-32 characters
    ("sign", dict(sign_secret="tooshortsecret"), "APIG.2011", "sign_secret"),   # hmac secrets are 16-64
    ("sign", dict(sign_type="basic", sign_key="1abc"), "APIG.2011", "sign_key"),  # basic keys start with a letter
    ("sign", dict(sign_algorithm="aes-128-cfb"), "APIG.2011", "sign_algorithm"),  # aes only
    ("sign", dict(sign_type="aes", sign_key="x" * 20), "APIG.2011", "sign_key"),  # 16 for aes-128-cfb
    ("sign", dict(sign_type="rsa"), "APIG.2011", "sign_type"),
    ("sign", dict(name="_bad"), "APIG.2011", "name"),
    ("acl", dict(acl_value="192.168.1.300"), "APIG.2011", "acl_value"),
    ("acl", dict(acl_value="10.0.0.9-10.0.0.1"), "APIG.2011", "acl_value"),
    ("acl", dict(acl_value="a,,b", entity_type="DOMAIN"), "APIG.2011", "acl_value"),
    ("acl", dict(acl_type="ALLOW"), "APIG.2011", "acl_type"),
    ("acl", dict(entity_type="USER"), "APIG.2011", "entity_type"),
    ("acl", dict(acl_name="x"), "APIG.2011", "acl_name"),
    ("acl", dict(acl_value=None), "APIG.2001", "acl_value"),
    ("authorizer", dict(identities=[Identity(name="h", location="HEADER"), Identity(name="h", location="HEADER")]),
     "APIG.3212", "identities[1].name"),
    ("authorizer", dict(identities=[Identity(name="h", location="BODY")]), "APIG.2011", "identities[0].location"),
    ("authorizer", dict(type="MIDDLE"), "APIG.2011", "type"),
    ("authorizer", dict(authorizer_type="HTTP"), "APIG.2011", "authorizer_type"),
    ("authorizer", dict(ttl=3601), "APIG.2003", "ttl"),
    ("authorizer", dict(authorizer_uri=None), "APIG.2001", "authorizer_uri"),
])
def test_create_rules(api, kind, fields, code, parameter):
    create, body = KINDS[kind][:2]
    with api_error(400, code) as info:
        getattr(api, create)(body=body(**fields))
    assert "parameterName:%s." % parameter in info.value.error_msg


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_duplicate_names(api, kind):
    create, body, name_field, code = KINDS[kind]
    name = getattr(getattr(api, create)(body=body()), name_field)
    with api_error(400, code):
        getattr(api, create)(body=body(**{name_field: name}))


def test_apis_use_real_authorizers(api, made):
    authorizer = api.create_authorizer(body=authorizer_body())
    group = made.group(unique("auth_grp"))
    fields = dict(group_id=group.id, type=1, req_method="GET", auth_type="AUTHORIZER", backend_type="MOCK",
                  mock_info=ApiMockCreate(result_content="ok"))
    created = made.api(name=unique("auth_api"), req_uri="/" + unique("p"), authorizer_id=authorizer.id, **fields)
    assert created.authorizer_id == authorizer.id
    with api_error(404, "APIG.3081"):
        made.api(name=unique("auth_api"), req_uri="/" + unique("p"), authorizer_id=MISSING_ID, **fields)


# -- the modules and the SDK read each other's writes -------------------------------------------------

def test_sdk_reads_the_throttling_policy_module_wrote(api, sdk, instance_id, module_emulator):
    app = sdk.create_an_app_v2(CreateAnAppV2Request(instance_id=instance_id, body=AppCreate(name=unique("app"))))
    name = unique("thr_module")
    result = module_result(module_emulator, "throttling_policy", {
        "name": name, "type": "api_shared", "api_call_limits": 900, "user_call_limits": 600, "time_interval": 3,
        "time_unit": "MINUTE", "special_throttles": [
            {"object_type": "APP", "object": app.name, "call_limits": 70},
            {"object_type": "USER", "object": "tenant_module", "call_limits": 80}]})
    policy = result["throttling_policy"]
    shown = api.show_throttle(throttle_id=policy["id"])
    assert (shown.name, shown.type, shown.api_call_limits, shown.user_call_limits, shown.time_interval,
            shown.time_unit, shown.is_inclu_special_throttle) == (name, 2, 900, 600, 3, "MINUTE", 1)
    specials = {(s.object_type, s.object_id): s.call_limits
                for s in api.list_specials(throttle_id=policy["id"]).throttle_specials}
    assert specials == {("APP", app.id): 70, ("USER", "tenant_module"): 80}
    assert [sdk_dict(s)["id"] for s in api.list_specials(throttle_id=policy["id"]).throttle_specials] == \
        [s["id"] for s in policy["special_throttles"]]


def test_modules_converge_on_what_the_sdk_wrote(api, module_emulator):
    acl = api.create_acl(body=acl_body(acl_type="DENY", acl_value="10.1.0.0/16,10.2.0.1"))
    result = module_result(module_emulator, "acl_policy", {
        "acl_name": acl.acl_name, "acl_type": "DENY", "entity_type": "IP", "acl_value": ["10.2.0.1", "10.1.0.0/16"]})
    assert result["changed"] is False and result["acl_policy"]["id"] == acl.id
    sign = api.create_sign(body=BaseSignature(name=unique("sig"), sign_secret="sdksecretsdksecret01"))
    result = module_result(module_emulator, "signature", {"name": sign.name, "sign_type": "hmac",
                                                          "sign_secret": "something_else_entirely"})
    assert result["changed"] is False and result["signature"]["sign_secret"] == "********"
    check_fields(SIGN, (), dict(result["signature"], sign_secret="x"), dict(sdk_dict(sign), sign_secret="x",
                                                                             bind_num=0, ldapi_bind_num=0))


# -- deletion guards and cascades once bound (bindings: §3.7, §3.8, §3.15) ---------------------------

def test_bound_policies_guard_their_deletion_and_a_key_takes_its_bindings_along(api, sdk, instance_id, made):
    group = made.group(unique("bound_grp"))
    api_id = made.api(group_id=group.id, name=unique("bound_api"), type=1, req_method="GET",
                      req_uri="/" + unique("p"), auth_type="NONE", backend_type="MOCK",
                      mock_info=ApiMockCreate(result_content="ok")).id
    publish_id = made.publish(api_id, RELEASE_ID).publish_id
    throttle = api.create_throttle(body=throttle_body())
    acl = api.create_acl(body=acl_body(acl_type="DENY"))
    sign = api.create_sign(body=BaseSignature(name=unique("sig")))
    sdk.associate_request_throttling_policy_v2(AssociateRequestThrottlingPolicyV2Request(
        instance_id=instance_id, body=ThrottleApiBindingCreate(strategy_id=throttle.id, publish_ids=[publish_id])))
    sdk.create_api_acl_binding_v2(CreateApiAclBindingV2Request(
        instance_id=instance_id, body=AclApiBindingCreate(acl_id=acl.id, publish_ids=[publish_id])))
    sdk.associate_signature_key_v2(AssociateSignatureKeyV2Request(
        instance_id=instance_id, body=SignApiBinding(sign_id=sign.id, publish_ids=[publish_id])))
    assert api.show_throttle(throttle_id=throttle.id).bind_num == 1
    assert api.list_acls(id=acl.id).acls[0].bind_num == 1
    assert api.list_signs(id=sign.id).signs[0].bind_num == 1

    with api_error(403, "APIG.3451"):
        api.delete_throttle(throttle_id=throttle.id)
    with api_error(403, "APIG.3447"):
        api.delete_acl(acl_id=acl.id)
    batch = api.batch_delete_acls(action="delete", body=AclBatchDelete(acls=[acl.id]))
    assert (batch.success_count, [(f.acl_id, f.acl_name, f.error_code) for f in batch.failure]) == \
        (0, [(acl.id, acl.acl_name, "APIG.3447")])
    # §3.6.3: deleting a signature key removes its bindings.
    assert api.delete_sign(sign_id=sign.id).status_code == 204
    bound = sdk.list_signature_keys_binded_to_api_v2(ListSignatureKeysBindedToApiV2Request(
        instance_id=instance_id, api_id=api_id))
    assert bound.total == 0
    # Taking the API offline unbinds it; then the policies can go.
    made.api_action("offline", api_id, RELEASE_ID)
    assert api.delete_throttle(throttle_id=throttle.id).status_code == 204
    assert api.delete_acl(acl_id=acl.id).status_code == 204
