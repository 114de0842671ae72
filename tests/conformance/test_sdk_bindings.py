"""Bindings to published APIs through the SDK's typed requests: signature keys (§3.7), throttling
policies (§3.8), app authorizations (§3.10) and ACL policies (§3.15), every operation.

Each response is compared field by field with the raw JSON of the same HTTP response. The
"unbound" lists answer under both spellings (the SDK's ``unbinded-apis``, the reference's
``unbound-apis``); per-item failures come back inside the 200/201.
"""
import pytest
from apig_wire import MISSING_ID, api_error, check_response, unique
from huaweicloudsdkapig.v2 import AclApiBindingCreate, AclBindingBatchDelete, ApiActionInfo, ApiAclCreate, \
    ApiAuthCreate, ApiCreate, ApiGroupCreate, ApiMockCreate, AppCreate, AssociateRequestThrottlingPolicyV2Request, \
    AssociateSignatureKeyV2Request, BaseSignature, BatchDeleteApiAclBindingV2Request, \
    BatchDisassociateThrottlingPolicyV2Request, CancelingAuthorizationV2Request, CreateAclStrategyV2Request, \
    CreateAnAppV2Request, CreateApiAclBindingV2Request, CreateApiGroupV2Request, CreateApiV2Request, \
    CreateAuthorizingAppsV2Request, CreateEnvironmentV2Request, CreateOrDeletePublishRecordForApiV2Request, \
    CreateRequestThrottlingPolicyV2Request, CreateSignatureKeyV2Request, DeleteApiAclBindingV2Request, \
    DeleteApiByVersionIdV2Request, \
    DeleteRequestThrottlingPolicyV2Request, DisassociateRequestThrottlingPolicyV2Request, \
    DisassociateSignatureKeyV2Request, EnvCreate, ListAclPolicyBindedToApiV2Request, \
    ListApisBindedToAclPolicyV2Request, ListApisBindedToAppV2Request, \
    ListApisBindedToRequestThrottlingPolicyV2Request, \
    ListApisBindedToSignatureKeyV2Request, ListApisNotBoundWithSignatureKeyV2Request, \
    ListApisUnbindedToAclPolicyV2Request, ListApisUnbindedToAppV2Request, \
    ListApisUnbindedToRequestThrottlingPolicyV2Request, ListAppsBindedToApiV2Request, \
    ListRequestThrottlingPoliciesBindedToApiV2Request, ListSignatureKeysBindedToApiV2Request, SignApiBinding, \
    ThrottleApiBindingCreate, ThrottleBaseInfo, ThrottleBindingBatchDelete

from ansible_runner import module_result

RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"

# Response items as the SDK's models spell them (the reference's tables lack req_method and tags).
API_COMMON = {"id": str, "name": str, "group_id": str, "group_name": str, "remark": str, "run_env_id": str,
              "run_env_name": str, "publish_id": str, "req_uri": str, "auth_type": str, "tags": (str,)}
THROTTLE_APPLY = {"publish_id": str, "scope": int, "strategy_id": str, "apply_time": "time", "id": str}
API_FOR_THROTTLE = dict(API_COMMON, type=int, req_method=str, throttle_apply_id=str, apply_time="time",
                        throttle_name=str)
THROTTLE_FOR_API = {"id": str, "name": str, "remark": str, "type": int, "api_call_limits": int,
                    "user_call_limits": int, "app_call_limits": int, "ip_call_limits": int, "time_interval": int,
                    "time_unit": str, "enable_adaptive_control": str, "bind_num": int,
                    "is_inclu_special_throttle": int, "create_time": "time", "env_name": str, "bind_id": str,
                    "bind_time": "time"}
BATCH_FAILURE = {"bind_id": str, "error_code": str, "error_msg": str, "api_id": str, "api_name": str}
BATCH_UNBIND = {"success_count": int, "failure": (BATCH_FAILURE,)}
ACL_BINDING = {"id": str, "api_id": str, "env_id": str, "acl_id": str, "create_time": "time"}
ACL_BIND_API = {"api_id": str, "api_name": str, "api_type": int, "api_remark": str, "env_id": str, "env_name": str,
                "bind_id": str, "group_name": str, "bind_time": "time", "publish_id": str, "req_method": str,
                "tags": (str,)}
UNBOUND_FOR_ACL = dict(API_COMMON, type=int, req_method=str, acl_name=str)
API_BIND_ACL = {"acl_id": str, "acl_name": str, "entity_type": str, "acl_type": str, "acl_value": str,
                "env_id": str, "env_name": str, "bind_id": str, "bind_time": "time"}
SIGN_BINDING = {"publish_id": str, "api_id": str, "group_name": str, "binding_time": "time", "env_id": str,
                "env_name": str, "api_type": int, "api_name": str, "id": str, "api_remark": str, "sign_id": str,
                "sign_name": str, "req_method": str, "tags": (str,)}
SIGN_BINDING_WITH_KEY = dict(SIGN_BINDING, sign_key=str, sign_secret=str, sign_type=str)
API_FOR_SIGN = dict(API_COMMON, type=int, req_method=str, signature_name=str)
AUTH_RESULT = {"status": str, "error_msg": str, "error_code": str, "api_name": str, "app_name": str}
AUTH_RELATION = {"api_id": str, "auth_result": AUTH_RESULT, "auth_time": "time", "id": str, "app_id": str,
                 "auth_role": str, "auth_tunnel": str, "auth_whitelist": (str,), "auth_blacklist": (str,),
                 "visit_params": str}
AUTH_INFO = {"id": str, "api_id": str, "api_name": str, "group_name": str, "api_type": int, "api_remark": str,
             "env_id": str, "auth_role": str, "auth_time": "time", "app_name": str, "app_remark": str,
             "app_type": str, "app_creator": str, "publish_id": str, "group_id": str, "auth_tunnel": str,
             "auth_whitelist": (str,), "auth_blacklist": (str,), "visit_param": str, "roma_app_type": str,
             "tags": (str,), "env_name": str, "app_id": str}
API_OUTLINE = dict(API_COMMON)


def page(item, key):
    return {"size": int, "total": int, key: (item,)}


PAGE_REQUIRED = ("size", "total")


class World:
    """A group with three APIs: `a` and `b` published in RELEASE and DEV, `draft` published nowhere."""

    def __init__(self, sdk, instance_id):
        self.sdk, self.instance_id = sdk, instance_id
        self.group = sdk.create_api_group_v2(CreateApiGroupV2Request(
            instance_id=instance_id, body=ApiGroupCreate(name=unique("bind_group"))))
        self.dev = sdk.create_environment_v2(CreateEnvironmentV2Request(
            instance_id=instance_id, body=EnvCreate(name=unique("DEV")))).id
        self.a, self.b, self.draft = (self.api(name) for name in ("api_a", "api_b", "api_draft"))
        self.pub = {}
        for api in (self.a, self.b):
            for env in (RELEASE_ID, self.dev):
                self.pub[api.id, env] = self.action("online", api.id, env).publish_id

    def api(self, prefix):
        return self.sdk.create_api_v2(CreateApiV2Request(instance_id=self.instance_id, body=ApiCreate(
            group_id=self.group.id, name=unique(prefix), type=1, req_method="GET", req_uri="/" + unique(prefix),
            auth_type="APP", backend_type="MOCK", mock_info=ApiMockCreate(result_content="ok"))))

    def action(self, action, api_id, env_id):
        return self.sdk.create_or_delete_publish_record_for_api_v2(CreateOrDeletePublishRecordForApiV2Request(
            instance_id=self.instance_id, body=ApiActionInfo(action=action, api_id=api_id, env_id=env_id)))

    def throttle(self):
        return self.sdk.create_request_throttling_policy_v2(CreateRequestThrottlingPolicyV2Request(
            instance_id=self.instance_id, body=ThrottleBaseInfo(
                name=unique("thr"), api_call_limits=100, user_call_limits=50, time_interval=1, time_unit="SECOND")))

    def acl(self, acl_type):
        return self.sdk.create_acl_strategy_v2(CreateAclStrategyV2Request(
            instance_id=self.instance_id, body=ApiAclCreate(acl_name=unique("acl"), acl_type=acl_type,
                                                           acl_value="10.0.0.1,10.0.0.2", entity_type="IP")))

    def sign(self):
        return self.sdk.create_signature_key_v2(CreateSignatureKeyV2Request(
            instance_id=self.instance_id, body=BaseSignature(name=unique("sig"), sign_type="hmac")))

    def app(self):
        return self.sdk.create_an_app_v2(CreateAnAppV2Request(instance_id=self.instance_id,
                                                              body=AppCreate(name=unique("app"))))


@pytest.fixture(scope="module")
def world(sdk, instance_id):
    return World(sdk, instance_id)


def both_spellings(wire, path, query, sdk_response, key):
    """The reference's spelling answers what the SDK's spelling answered."""
    reference = wire.get_json(path.replace("unbinded-apis", "unbound-apis"), query)
    sdk_spelling = wire.get_json(path, query)
    assert reference == sdk_spelling
    assert [i["id"] for i in sdk_spelling[key]] == [i.id for i in getattr(sdk_response, key)]
    return sdk_spelling


# §3.8 throttling policies


def _bind_throttle(world, throttle_id, *publish_ids):
    return world.sdk.associate_request_throttling_policy_v2(AssociateRequestThrottlingPolicyV2Request(
        instance_id=world.instance_id, body=ThrottleApiBindingCreate(strategy_id=throttle_id,
                                                                     publish_ids=list(publish_ids))))


def _throttle_apis(world, bound, throttle_id, **query):
    request = (ListApisBindedToRequestThrottlingPolicyV2Request if bound
               else ListApisUnbindedToRequestThrottlingPolicyV2Request)
    method = ("list_apis_binded_to_request_throttling_policy_v2" if bound
              else "list_apis_unbinded_to_request_throttling_policy_v2")
    return getattr(world.sdk, method)(request(instance_id=world.instance_id, throttle_id=throttle_id, **query))


def test_throttle_bindings_every_operation(world, wire):
    throttle = world.throttle()
    publish_a, publish_b = world.pub[world.a.id, RELEASE_ID], world.pub[world.b.id, RELEASE_ID]
    response = _bind_throttle(world, throttle.id, publish_a, publish_b)
    assert response.status_code == 201
    raw = check_response(response, {"throttle_applys": (THROTTLE_APPLY,)}, ("throttle_applys",))
    assert [(b["publish_id"], b["strategy_id"], b["scope"]) for b in raw["throttle_applys"]] == [
        (publish_a, throttle.id, 1), (publish_b, throttle.id, 1)]
    binding_a, binding_b = (b["id"] for b in raw["throttle_applys"])

    bound = _throttle_apis(world, True, throttle.id, env_id=RELEASE_ID)
    raw = check_response(bound, page(API_FOR_THROTTLE, "apis"), PAGE_REQUIRED + ("apis",))
    assert raw["total"] == 2 and {(i["id"], i["throttle_apply_id"], i["throttle_name"], i["publish_id"])
                                  for i in raw["apis"]} == {(world.a.id, binding_a, throttle.name, publish_a),
                                                            (world.b.id, binding_b, throttle.name, publish_b)}
    assert {i["run_env_name"] for i in raw["apis"]} == {"RELEASE"}

    unbound = _throttle_apis(world, False, throttle.id, group_id=world.group.id)
    check_response(unbound, page(API_FOR_THROTTLE, "apis"), PAGE_REQUIRED + ("apis",))
    raw = both_spellings(wire, "/throttle-bindings/unbinded-apis",
                         {"throttle_id": throttle.id, "group_id": world.group.id}, unbound, "apis")
    # Published in DEV only: the draft is published nowhere, so it is in no "unbound" list.
    assert {(i["id"], i["run_env_id"]) for i in raw["apis"]} == {(world.a.id, world.dev), (world.b.id, world.dev)}

    of_api = world.sdk.list_request_throttling_policies_binded_to_api_v2(
        ListRequestThrottlingPoliciesBindedToApiV2Request(instance_id=world.instance_id, api_id=world.a.id))
    raw = check_response(of_api, page(THROTTLE_FOR_API, "throttles"), PAGE_REQUIRED + ("throttles",))
    (item,) = raw["throttles"]
    assert (item["id"], item["bind_id"], item["env_name"], item["bind_num"], item["user_call_limits"]) == (
        throttle.id, binding_a, "RELEASE", 2, 50)

    # Binding again answers the binding there is; a throttle that is bound can't be deleted.
    again = _bind_throttle(world, throttle.id, publish_a)
    assert [b.id for b in again.throttle_applys] == [binding_a]
    with api_error(403, "APIG.3451"):
        world.sdk.delete_request_throttling_policy_v2(DeleteRequestThrottlingPolicyV2Request(
            instance_id=world.instance_id, throttle_id=throttle.id))

    response = world.sdk.disassociate_request_throttling_policy_v2(DisassociateRequestThrottlingPolicyV2Request(
        instance_id=world.instance_id, throttle_binding_id=binding_a))
    assert response.status_code == 204
    with api_error(404, "APIG.3012"):
        world.sdk.disassociate_request_throttling_policy_v2(DisassociateRequestThrottlingPolicyV2Request(
            instance_id=world.instance_id, throttle_binding_id=binding_a))

    batch = world.sdk.batch_disassociate_throttling_policy_v2(BatchDisassociateThrottlingPolicyV2Request(
        instance_id=world.instance_id, action="delete",
        body=ThrottleBindingBatchDelete(throttle_bindings=[binding_b, binding_a])))
    raw = check_response(batch, BATCH_UNBIND, ("success_count", "failure"))
    assert raw["success_count"] == 1
    assert [(f["bind_id"], f["error_code"]) for f in raw["failure"]] == [(binding_a, "APIG.3012")]
    assert _throttle_apis(world, True, throttle.id).total == 0


def test_throttle_binding_errors(world, wire):
    throttle = world.throttle()
    with api_error(404, "APIG.3005"):
        _bind_throttle(world, MISSING_ID, world.pub[world.a.id, RELEASE_ID])
    with api_error(404, "APIG.3015"):
        _bind_throttle(world, throttle.id, MISSING_ID)
    with api_error(404, "APIG.3005"):
        _throttle_apis(world, True, MISSING_ID)
    with api_error(404, "APIG.3002"):
        world.sdk.list_request_throttling_policies_binded_to_api_v2(
            ListRequestThrottlingPoliciesBindedToApiV2Request(instance_id=world.instance_id, api_id=MISSING_ID))
    response = wire.call("PUT", "/throttle-bindings", {"action": "remove"}, {"throttle_bindings": [MISSING_ID]})
    assert (response.status_code, response.json()["error_code"]) == (400, "APIG.2011")
    response = wire.call("GET", "/throttle-bindings/binded-apis")
    assert (response.status_code, response.json()["error_code"]) == (400, "APIG.2001")


def test_one_throttle_per_api_per_environment(world):
    first, second = world.throttle(), world.throttle()
    publish = world.pub[world.b.id, world.dev]
    _bind_throttle(world, first.id, publish)
    with api_error(400, "APIG.2011"):
        _bind_throttle(world, second.id, publish)
    # The second policy's "unbound" list names the policy bound there instead.
    unbound = _throttle_apis(world, False, second.id, api_id=world.b.id, env_id=world.dev)
    assert [(i.id, i.throttle_name) for i in unbound.apis] == [(world.b.id, first.name)]
    # Another environment of the same API takes another policy.
    assert _bind_throttle(world, second.id, world.pub[world.b.id, RELEASE_ID]).status_code == 201


# §3.15 ACL policies


def _bind_acl(world, acl_id, *publish_ids):
    return world.sdk.create_api_acl_binding_v2(CreateApiAclBindingV2Request(
        instance_id=world.instance_id, body=AclApiBindingCreate(acl_id=acl_id, publish_ids=list(publish_ids))))


def test_acl_bindings_every_operation(world, wire):
    deny, permit, other_deny = world.acl("DENY"), world.acl("PERMIT"), world.acl("DENY")
    publish = world.pub[world.a.id, world.dev]
    response = _bind_acl(world, deny.id, publish)
    assert response.status_code == 201
    raw = check_response(response, {"acl_bindings": (ACL_BINDING,)}, ("acl_bindings",))
    (binding,) = raw["acl_bindings"]
    assert (binding["api_id"], binding["env_id"], binding["acl_id"]) == (world.a.id, world.dev, deny.id)
    # One ACL of each type: a PERMIT one joins the DENY one, a second DENY one is refused.
    permit_binding = _bind_acl(world, permit.id, publish).acl_bindings[0].id
    with api_error(400, "APIG.2011"):
        _bind_acl(world, other_deny.id, publish)

    bound = world.sdk.list_apis_binded_to_acl_policy_v2(ListApisBindedToAclPolicyV2Request(
        instance_id=world.instance_id, acl_id=deny.id))
    raw = check_response(bound, page(ACL_BIND_API, "apis"), PAGE_REQUIRED + ("apis",))
    assert [(i["api_id"], i["bind_id"], i["publish_id"], i["env_id"]) for i in raw["apis"]] == [
        (world.a.id, binding["id"], publish, world.dev)]

    unbound = world.sdk.list_apis_unbinded_to_acl_policy_v2(ListApisUnbindedToAclPolicyV2Request(
        instance_id=world.instance_id, acl_id=other_deny.id, group_id=world.group.id, env_id=world.dev))
    check_response(unbound, page(UNBOUND_FOR_ACL, "apis"), PAGE_REQUIRED + ("apis",))
    raw = both_spellings(wire, "/acl-bindings/unbinded-apis",
                         {"acl_id": other_deny.id, "group_id": world.group.id, "env_id": world.dev}, unbound, "apis")
    names = {i["id"]: i.get("acl_name") for i in raw["apis"]}
    assert names == {world.a.id: deny.acl_name, world.b.id: None}

    acls = world.sdk.list_acl_policy_binded_to_api_v2(ListAclPolicyBindedToApiV2Request(
        instance_id=world.instance_id, api_id=world.a.id, env_id=world.dev))
    raw = check_response(acls, page(API_BIND_ACL, "acls"), PAGE_REQUIRED + ("acls",))
    assert {(i["acl_id"], i["acl_type"], i["entity_type"], i["acl_value"]) for i in raw["acls"]} == {
        (deny.id, "DENY", "IP", "10.0.0.1,10.0.0.2"), (permit.id, "PERMIT", "IP", "10.0.0.1,10.0.0.2")}
    by_name = world.sdk.list_acl_policy_binded_to_api_v2(ListAclPolicyBindedToApiV2Request(
        instance_id=world.instance_id, api_id=world.a.id, acl_name=permit.acl_name))
    assert [i.bind_id for i in by_name.acls] == [permit_binding]

    assert world.sdk.delete_api_acl_binding_v2(DeleteApiAclBindingV2Request(
        instance_id=world.instance_id, acl_bindings_id=permit_binding)).status_code == 204
    with api_error(404, "APIG.3010"):
        world.sdk.delete_api_acl_binding_v2(DeleteApiAclBindingV2Request(
            instance_id=world.instance_id, acl_bindings_id=permit_binding))
    batch = world.sdk.batch_delete_api_acl_binding_v2(BatchDeleteApiAclBindingV2Request(
        instance_id=world.instance_id, action="delete",
        body=AclBindingBatchDelete(acl_bindings=[binding["id"], MISSING_ID])))
    raw = check_response(batch, BATCH_UNBIND, ("success_count", "failure"))
    assert (raw["success_count"], [(f["bind_id"], f["error_code"]) for f in raw["failure"]]) == (
        1, [(MISSING_ID, "APIG.3010")])
    with api_error(404, "APIG.3006"):
        _bind_acl(world, MISSING_ID, publish)


# §3.7 signature keys


def test_signature_bindings_every_operation(world, wire):
    key, other = world.sign(), world.sign()
    publish = world.pub[world.b.id, RELEASE_ID]
    response = world.sdk.associate_signature_key_v2(AssociateSignatureKeyV2Request(
        instance_id=world.instance_id, body=SignApiBinding(sign_id=key.id, publish_ids=[publish])))
    assert response.status_code == 201
    raw = check_response(response, {"bindings": (SIGN_BINDING_WITH_KEY,)}, ("bindings",))
    (binding,) = raw["bindings"]
    assert (binding["api_id"], binding["publish_id"], binding["sign_id"], binding["sign_name"], binding["sign_key"],
            binding["sign_secret"], binding["sign_type"], binding["env_name"]) == (
        world.b.id, publish, key.id, key.name, key.sign_key, key.sign_secret, "hmac", "RELEASE")
    with api_error(400, "APIG.2011"):  # one key per API per environment
        world.sdk.associate_signature_key_v2(AssociateSignatureKeyV2Request(
            instance_id=world.instance_id, body=SignApiBinding(sign_id=other.id, publish_ids=[publish])))

    bound = world.sdk.list_apis_binded_to_signature_key_v2(ListApisBindedToSignatureKeyV2Request(
        instance_id=world.instance_id, sign_id=key.id))
    raw = check_response(bound, page(SIGN_BINDING, "bindings"), PAGE_REQUIRED + ("bindings",))
    assert [(i["id"], i["api_id"]) for i in raw["bindings"]] == [(binding["id"], world.b.id)]
    assert "sign_secret" not in raw["bindings"][0]

    unbound = world.sdk.list_apis_not_bound_with_signature_key_v2(ListApisNotBoundWithSignatureKeyV2Request(
        instance_id=world.instance_id, sign_id=other.id, group_id=world.group.id, env_id=RELEASE_ID))
    check_response(unbound, page(API_FOR_SIGN, "apis"), PAGE_REQUIRED + ("apis",))
    raw = both_spellings(wire, "/sign-bindings/unbinded-apis",
                         {"sign_id": other.id, "group_id": world.group.id, "env_id": RELEASE_ID}, unbound, "apis")
    assert {i["id"]: i.get("signature_name") for i in raw["apis"]} == {world.a.id: None, world.b.id: key.name}

    keys = world.sdk.list_signature_keys_binded_to_api_v2(ListSignatureKeysBindedToApiV2Request(
        instance_id=world.instance_id, api_id=world.b.id, env_id=RELEASE_ID))
    raw = check_response(keys, page(SIGN_BINDING_WITH_KEY, "bindings"), PAGE_REQUIRED + ("bindings",))
    assert [(i["sign_id"], i["sign_secret"]) for i in raw["bindings"]] == [(key.id, key.sign_secret)]

    assert world.sdk.disassociate_signature_key_v2(DisassociateSignatureKeyV2Request(
        instance_id=world.instance_id, sign_bindings_id=binding["id"])).status_code == 204
    with api_error(404, "APIG.3018"):
        world.sdk.disassociate_signature_key_v2(DisassociateSignatureKeyV2Request(
            instance_id=world.instance_id, sign_bindings_id=binding["id"]))
    with api_error(404, "APIG.3017"):
        world.sdk.list_apis_binded_to_signature_key_v2(ListApisBindedToSignatureKeyV2Request(
            instance_id=world.instance_id, sign_id=MISSING_ID))


# §3.10 app authorizations


def _authorize(world, env_id, app_ids, api_ids):
    return world.sdk.create_authorizing_apps_v2(CreateAuthorizingAppsV2Request(
        instance_id=world.instance_id, body=ApiAuthCreate(env_id=env_id, app_ids=app_ids, api_ids=api_ids)))


def test_app_authorizations_every_operation(world, wire):
    app = world.app()
    response = _authorize(world, RELEASE_ID, [app.id], [world.a.id])
    assert response.status_code == 201
    raw = check_response(response, {"auths": (AUTH_RELATION,)}, ("auths",))
    (auth,) = raw["auths"]
    assert (auth["api_id"], auth["app_id"], auth["auth_result"], auth["auth_role"], auth["auth_tunnel"]) == (
        world.a.id, app.id, {"status": "SUCCESS"}, "PROVIDER", "NORMAL")

    # Per pair inside the 201: authorized already, published nowhere, no such API; b succeeds.
    response = _authorize(world, RELEASE_ID, [app.id], [world.a.id, world.draft.id, MISSING_ID, world.b.id])
    raw = check_response(response, {"auths": (AUTH_RELATION,)}, ("auths",))
    results = [(i["api_id"], i["auth_result"]["status"], i["auth_result"].get("error_code")) for i in raw["auths"]]
    assert results == [(world.a.id, "FAILED", "APIG.3316"), (world.draft.id, "FAILED", "APIG.3015"),
                       (MISSING_ID, "FAILED", "APIG.3002"), (world.b.id, "SUCCESS", None)]
    assert raw["auths"][0]["auth_result"]["app_name"] == app.name
    auth_b = raw["auths"][3]["id"]

    apis = world.sdk.list_apis_binded_to_app_v2(ListApisBindedToAppV2Request(
        instance_id=world.instance_id, app_id=app.id, env_id=RELEASE_ID))
    raw = check_response(apis, page(AUTH_INFO, "auths"), PAGE_REQUIRED + ("auths",))
    assert {(i["api_id"], i["app_name"], i["env_name"], i["publish_id"]) for i in raw["auths"]} == {
        (world.a.id, app.name, "RELEASE", world.pub[world.a.id, RELEASE_ID]),
        (world.b.id, app.name, "RELEASE", world.pub[world.b.id, RELEASE_ID])}

    apps = world.sdk.list_apps_binded_to_api_v2(ListAppsBindedToApiV2Request(
        instance_id=world.instance_id, api_id=world.b.id, app_name=app.name))
    raw = check_response(apps, page(AUTH_INFO, "auths"), PAGE_REQUIRED + ("auths",))
    assert [(i["id"], i["app_id"]) for i in raw["auths"]] == [(auth_b, app.id)]

    unbound = world.sdk.list_apis_unbinded_to_app_v2(ListApisUnbindedToAppV2Request(
        instance_id=world.instance_id, app_id=app.id, env_id=world.dev, group_id=world.group.id))
    check_response(unbound, page(API_OUTLINE, "apis"), PAGE_REQUIRED + ("apis",))
    raw = both_spellings(wire, "/app-auths/unbinded-apis",
                         {"app_id": app.id, "env_id": world.dev, "group_id": world.group.id}, unbound, "apis")
    assert {i["id"] for i in raw["apis"]} == {world.a.id, world.b.id}

    assert world.sdk.canceling_authorization_v2(CancelingAuthorizationV2Request(
        instance_id=world.instance_id, app_auth_id=auth_b)).status_code == 204
    with api_error(404, "APIG.3009"):
        world.sdk.canceling_authorization_v2(CancelingAuthorizationV2Request(
            instance_id=world.instance_id, app_auth_id=auth_b))
    with api_error(404, "APIG.3004"):
        _authorize(world, RELEASE_ID, [MISSING_ID], [world.a.id])
    with api_error(404, "APIG.3003"):
        _authorize(world, MISSING_ID, [app.id], [world.a.id])
    with api_error(400, "APIG.2001"):
        world.sdk.list_apis_unbinded_to_app_v2(ListApisUnbindedToAppV2Request(
            instance_id=world.instance_id, app_id=app.id))


# What hangs on a publication


def test_offline_removes_bindings_and_republish_keeps_them(world):
    api = world.api("api_c")
    release = world.action("online", api.id, RELEASE_ID).publish_id
    dev = world.action("online", api.id, world.dev).publish_id
    throttle, app = world.throttle(), world.app()
    _bind_throttle(world, throttle.id, release, dev)
    _authorize(world, world.dev, [app.id], [api.id])

    republished = world.action("online", api.id, RELEASE_ID)
    bound = _throttle_apis(world, True, throttle.id, api_id=api.id)
    assert sorted((i.run_env_id, i.publish_id) for i in bound.apis) == sorted(
        [(RELEASE_ID, republished.publish_id), (world.dev, dev)])

    world.action("offline", api.id, world.dev)
    bound = _throttle_apis(world, True, throttle.id, api_id=api.id)
    assert [(i.run_env_id, i.publish_id) for i in bound.apis] == [(RELEASE_ID, republished.publish_id)]
    assert world.sdk.list_apis_binded_to_app_v2(ListApisBindedToAppV2Request(
        instance_id=world.instance_id, app_id=app.id)).total == 0
    # Taking the version in effect offline (§3.5.13) removes them too.
    world.sdk.delete_api_by_version_id_v2(DeleteApiByVersionIdV2Request(
        instance_id=world.instance_id, version_id=republished.version_id))
    assert _throttle_apis(world, True, throttle.id).total == 0


# The modules' writes, read by the SDK


def test_sdk_reads_what_the_binding_module_wrote(module_emulator, world):
    apis = [world.api("api_m"), world.api("api_n")]
    publish = dict((api.id, world.action("online", api.id, world.dev).publish_id) for api in apis)
    throttle = world.throttle()
    result = module_result(module_emulator, "throttling_binding", {
        "throttling_policy": throttle.name, "environment": world.dev, "group": world.group.name,
        "apis": [apis[0].name, apis[1].id]})
    assert result["changed"] and result["throttling_binding"]["apis"] == sorted(api.name for api in apis)
    bound = _throttle_apis(world, True, throttle.id)
    assert sorted((i.id, i.run_env_id, i.publish_id) for i in bound.apis) == sorted(
        (api.id, world.dev, publish[api.id]) for api in apis)


def test_binding_lists_page_and_filter(world):
    throttle = world.throttle()
    _bind_throttle(world, throttle.id, world.pub[world.a.id, RELEASE_ID], world.pub[world.a.id, world.dev])
    first = _throttle_apis(world, True, throttle.id, limit=1)
    second = _throttle_apis(world, True, throttle.id, limit=1, offset=1)
    assert (first.size, first.total, second.size, second.total) == (1, 2, 1, 2)
    assert {first.apis[0].run_env_id, second.apis[0].run_env_id} == {RELEASE_ID, world.dev}
    assert _throttle_apis(world, True, throttle.id, api_name=world.a.name[:8]).total == 2
    assert _throttle_apis(world, True, throttle.id, api_name=world.b.name).total == 0
    with api_error(400, "APIG.2012"):
        _throttle_apis(world, True, throttle.id, limit=501)
