"""The binding mechanism (module_utils/bindings.py) against a small in-memory gateway."""
import os
import sys

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import (
    ACL_BINDING, APP_AUTHORIZATION, SIGNATURE_BINDING, THROTTLING_BINDING, Binder)
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, WriteInCheckMode

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "engine"))
from engine_fakes import INSTANCE, PROJECT, Exit, FakeModule  # noqa: E402 pylint: disable=wrong-import-position

RELEASE, DEV = "DEFAULT_ENVIRONMENT_RELEASE_ID", "0123456789abcdef0123456789abcde1"
GROUP = "0123456789abcdef0123456789abcde2"
ENVS = {RELEASE: "RELEASE", DEV: "DEV"}
# The collection each family's bound resource is looked up in.
BOUND = {THROTTLING_BINDING: "throttles", ACL_BINDING: "acls", SIGNATURE_BINDING: "signs", APP_AUTHORIZATION: "apps"}
POLICY_FIELD = {THROTTLING_BINDING: "strategy_id", ACL_BINDING: "acl_id", SIGNATURE_BINDING: "sign_id"}


class Gateway(APIGClient):
    """Serves the calls a Binder makes: lookups, the list of bound APIs, bind, unbind."""
    # pylint: disable=super-init-not-called

    def __init__(self, spec):
        self.project_id = PROJECT
        self.read_only = False
        self.spec = spec
        self.calls = []
        # name -> API list item; published in RELEASE and DEV except "draft"
        self.apis = {}
        for n, name in enumerate(("one", "two", "three", "draft")):
            envs = [] if name == "draft" else [RELEASE, DEV]
            self.apis[name] = {"id": "%031x%d" % (0, n), "name": name, "group_id": GROUP, "group_name": "shop",
                               "run_env_id": "|".join(envs), "run_env_name": "|".join(ENVS[e] for e in envs),
                               "publish_id": "|".join("p-%s-%s" % (name, e) for e in envs)}
        self.bindings = []  # (binding id, API item, env id)
        self.answer = None  # the next bind/unbind answer, when a test sets one

    def bind(self, name, env_id):
        self.bindings.append(("b-%s-%s" % (name, env_id), self.apis[name], env_id))

    def item(self, binding_id, api, env_id):
        """A list item in the family's own field names."""
        names = self.spec.item
        values = dict(api_id=api["id"], api_name=api["name"], env_id=env_id, env_name=ENVS[env_id], id=binding_id,
                      group_id=GROUP, group_name="shop")
        return dict((names[key], value) for key, value in values.items() if key in names)

    def writes(self):
        return [c for c in self.calls if c[0] != "GET"]

    def request(self, method, path, query=None, body=None, files=None, recover=None):
        self.calls.append((method, path, dict(query or {}), body))
        if self.read_only and method != "GET":
            raise WriteInCheckMode("refusing to send %s in check mode" % method, method=method)
        rest = path[len(self.path("instances", INSTANCE)) + 1:].split("/")
        if rest[0] in ("throttles", "acls", "signs", "apps"):
            return {"total": 1, "size": 1, rest[0]: [{"id": "policy-id", "name": "policy", "acl_name": "policy"}]}
        if rest[0] == "envs":
            return {"total": 2, "size": 2, "envs": [{"id": k, "name": v} for k, v in ENVS.items()]}
        if rest[0] == "api-groups":
            group = {"id": GROUP, "name": "shop"}
            return group if len(rest) > 1 else {"total": 1, "size": 1, "groups": [group]}
        if rest[0] == "apis":
            return {"total": len(self.apis), "size": len(self.apis), "apis": list(self.apis.values())}
        if rest[-1] == "binded-apis":
            items = [self.item(*b) for b in self.bindings]
            return {"total": len(items), "size": len(items), self.spec.list_key: items}
        assert rest[0] == self.spec.path, path
        if self.answer is not None:
            return self.answer
        if method == "PUT":
            return {"success_count": len(body[self.spec.batch_key]), "failure": []}
        return {}


def drive(spec, params, gateway=None, check_mode=False):
    gateway = gateway or Gateway(spec)
    module = FakeModule(gateway, dict({spec.reference.option: "policy", "environment": "RELEASE", "group": "shop",
                                       "purge": False, "state": "present"}, **params), check_mode=check_mode)
    try:
        result = Binder(module, spec).run()
    except Exit as failed:
        return dict(failed.result, failed=failed.failed, warnings=module.warnings), gateway
    return dict(result, failed=False, warnings=module.warnings), gateway


@pytest.mark.parametrize("spec", list(BOUND), ids=lambda s: s.kind)
def test_converged_reads_the_bound_resource_and_its_list_only(spec):
    gateway = Gateway(spec)
    gateway.bind("one", RELEASE)
    gateway.bind("two", RELEASE)
    gateway.bind("three", DEV)  # another environment: not this task's business
    result, _ = drive(spec, {"apis": ["one", gateway.apis["two"]["id"]], "purge": True}, gateway)
    assert not result["failed"] and not result["changed"], result
    assert [c[1].rsplit("/", 1)[-1] for c in gateway.calls] == [BOUND[spec], "binded-apis"]
    assert result[spec.kind]["apis"] == ["one", "two"] and result[spec.kind]["env_id"] == RELEASE


@pytest.mark.parametrize("spec", [THROTTLING_BINDING, ACL_BINDING, SIGNATURE_BINDING], ids=lambda s: s.kind)
def test_binds_the_publications_of_the_missing_apis(spec):
    gateway = Gateway(spec)
    gateway.bind("one", DEV)
    result, _ = drive(spec, {"apis": ["one", "two"], "environment": "DEV"}, gateway)
    assert result["changed"] and result["bound"] == ["two"] and result["unbound"] == []
    assert result["diff"] == {"before": {"apis": ["one"]}, "after": {"apis": ["one", "two"]}}
    ((method, path, _, body),) = gateway.writes()
    assert (method, path.rsplit("/", 1)[-1], body["publish_ids"]) == ("POST", spec.path, ["p-two-" + DEV])
    assert body[POLICY_FIELD[spec]] == "policy-id" and len(body) == 2


def test_app_authorization_binds_api_ids_in_the_environment():
    result, gateway = drive(APP_AUTHORIZATION, {"apis": ["one", "two"]})
    ((method, _, _, body),) = gateway.writes()
    assert (method, body) == ("POST", {"env_id": RELEASE, "app_ids": ["policy-id"],
                                       "api_ids": [gateway.apis["one"]["id"], gateway.apis["two"]["id"]]})
    assert result["bound"] == ["one", "two"]


@pytest.mark.parametrize("spec, calls", [(THROTTLING_BINDING, [("PUT", {"action": "delete"})]),
                                         (SIGNATURE_BINDING, [("DELETE", {}), ("DELETE", {})])],
                         ids=["batch", "one by one"])
def test_purge_unbinds_the_others_in_one_batch_call_when_there_is_one(spec, calls):
    gateway = Gateway(spec)
    for name in ("one", "two", "three"):
        gateway.bind(name, RELEASE)
    result, _ = drive(spec, {"apis": ["one"], "purge": True}, gateway)
    assert result["unbound"] == ["three", "two"] and result[spec.kind]["apis"] == ["one"]
    assert [(c[0], c[2]) for c in gateway.writes()] == calls
    if spec.batch_key:
        assert gateway.writes()[0][3] == {spec.batch_key: ["b-two-" + RELEASE, "b-three-" + RELEASE]}


def test_absent_unbinds_only_the_listed_apis_that_are_bound():
    gateway = Gateway(ACL_BINDING)
    gateway.bind("one", RELEASE)
    gateway.bind("two", RELEASE)
    result, _ = drive(ACL_BINDING, {"apis": ["two", "three"], "state": "absent"}, gateway)
    assert result["unbound"] == ["two"]
    assert [c[3] for c in gateway.writes()] == [{"acl_bindings": ["b-two-" + RELEASE]}]


def test_per_item_failures_inside_the_answer_fail_naming_each_api():
    gateway = Gateway(THROTTLING_BINDING)
    gateway.bind("two", RELEASE)
    gateway.answer = {"success_count": 0, "failure": [{"bind_id": "b-two-" + RELEASE, "error_code": "APIG.3012",
                                                       "error_msg": "The binding record does not exist"}]}
    result, _ = drive(THROTTLING_BINDING, {"apis": [], "purge": True}, gateway)
    assert result["failed"]
    assert "two (%s): The binding record does not exist (APIG.3012)" % gateway.apis["two"]["id"] in result["msg"]
    assert result["failures"][0]["api_name"] == "two"

    gateway = Gateway(APP_AUTHORIZATION)
    gateway.answer = {"auths": [{"api_id": gateway.apis["one"]["id"], "auth_result": {
        "status": "FAILED", "error_code": "APIG.3316", "error_msg": "exists"}}]}
    result, _ = drive(APP_AUTHORIZATION, {"apis": ["one"]}, gateway)
    assert result["failed"] and result["msg"] == "1 APIs could not be bound or unbound: one (%s): exists (APIG.3316)" \
        % gateway.apis["one"]["id"]


def test_an_unpublished_api_fails_before_any_write_and_is_only_warned_about_in_check_mode():
    result, gateway = drive(SIGNATURE_BINDING, {"apis": ["one", "draft"]})
    assert result["failed"] and gateway.writes() == []
    assert result["msg"] == "API 'draft' not published in environment 'RELEASE', so not bound; publish first"
    result, gateway = drive(SIGNATURE_BINDING, {"apis": ["one", "draft"]}, check_mode=True)
    assert not result["failed"] and result["bound"] == ["draft", "one"] and gateway.writes() == []
    assert result["warnings"] == [
        "API 'draft' not published in environment 'RELEASE', so not bound; publish first; "
        "check mode assumes an earlier task publishes them"]


def test_a_group_id_is_looked_up_once_when_the_items_name_groups_only():
    gateway = Gateway(ACL_BINDING)
    gateway.bind("one", RELEASE)
    gateway.bind("two", RELEASE)
    result, _ = drive(ACL_BINDING, {"apis": ["one", "two"], "group": GROUP}, gateway)
    assert not result["changed"]
    assert [c[1].rsplit("/", 1)[-1] for c in gateway.calls] == ["acls", "binded-apis", GROUP]


def test_missing_policy_is_nothing_to_unbind_and_a_failure_to_bind():
    class NoPolicy(Gateway):
        def request(self, method, path, query=None, body=None, files=None, recover=None):
            if path.endswith("/signs"):
                self.calls.append((method, path, query, body))
                return {"total": 0, "size": 0, "signs": []}
            return super().request(method, path, query, body, files, recover)
    result, gateway = drive(SIGNATURE_BINDING, {"apis": ["one"], "state": "absent"}, NoPolicy(SIGNATURE_BINDING))
    assert not result["failed"] and not result["changed"] and len(gateway.calls) == 1
    result, _ = drive(SIGNATURE_BINDING, {"apis": ["one"]}, NoPolicy(SIGNATURE_BINDING))
    assert result["failed"] and result["msg"] == "signature: no signature with the name or id 'policy'"
