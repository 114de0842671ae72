# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bindings of a policy, a key or an app to published APIs, per environment (API reference
3.7 signature keys, 3.8 throttling policies, 3.10 app authorizations, 3.15 ACL policies).

A BindingSpec says how one family binds: the reference that names what is bound, the list of
the APIs bound to it, the bind body and how its answer reports per-API failures, and the
unbind calls (a batch call when the family has one). The Binder then needs, for a converged
task, the lookup of what is bound plus that list: the list items name each API, its group and
its environment, so the APIs and the environment are resolved (and publish records found)
only when something has to change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    CHECK_MODE_ASSUMES, ID_LIKE, ResourceEngine, exit_with, state_option)
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import find_apis, published_in
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import (
    ACL_REFERENCE, API_GROUP, APP_REFERENCE, ENVIRONMENT_REFERENCE, SIGNATURE_REFERENCE, THROTTLE_REFERENCE)


class BindingSpec:
    """How one family binds what ``reference`` names to published APIs.

    ``path``: the binding calls' segment under the instance. ``list_query``: the query
    parameter naming the bound resource in the list of its APIs (``<path>/binded-apis``), whose
    answer holds ``list_key``; ``item``: list item field of the API id, API name, environment
    id, environment name and binding id (keys ``api_id``, ``api_name``, ``env_id``,
    ``env_name``, ``id``; ``group_id``/``group_name`` when the items carry them).
    ``bind_body``: ``(bound id, env id, [API list items]) -> body`` of the bind call.
    ``failures``: ``(bind answer) -> [{api_id, error_code, error_msg}]``, the APIs the answer
    reports as failed inside its 2xx. ``batch_key``: the body key of the batch unbind call;
    without one, each binding is deleted on its own.
    """

    def __init__(self, kind, reference, path, list_query, list_key, item, bind_body, failures=None,
                 batch_key=None):
        self.kind = kind
        self.reference = reference
        self.path = path
        self.list_query = list_query
        self.list_key = list_key
        self.item = item
        self.bind_body = bind_body
        self.failures = failures or (lambda answer: [])
        self.batch_key = batch_key


def _publish_ids(field):
    def body(bound_id, env_id, apis):
        return {field: bound_id, "publish_ids": [published_in(api)[env_id] for api in apis]}
    return body


def _app_auth_body(app_id, env_id, apis):
    return {"env_id": env_id, "app_ids": [app_id], "api_ids": [api["id"] for api in apis]}


def _failed_auths(answer):
    """The authorizations the 3.10.1 answer reports as FAILED (inside its 201)."""
    failed = []
    for auth in (answer or {}).get("auths") or []:
        result = auth.get("auth_result") or {}
        if result.get("status") == "FAILED":
            failed.append({"api_id": auth.get("api_id"), "api_name": result.get("api_name"),
                           "error_code": result.get("error_code"), "error_msg": result.get("error_msg")})
    return failed


# The list items of the APIs bound to a signature key (3.7.5) or an ACL (3.15.4) and of an app's
# authorizations (3.10.3) share these names; the throttling policy's (3.8.3) are API-shaped.
_BINDING_ITEM = dict(api_id="api_id", api_name="api_name", env_id="env_id", env_name="env_name",
                     group_name="group_name")

THROTTLING_BINDING = BindingSpec(
    "throttling_binding", THROTTLE_REFERENCE, "throttle-bindings", "throttle_id", "apis",
    dict(api_id="id", api_name="name", env_id="run_env_id", env_name="run_env_name", id="throttle_apply_id",
         group_id="group_id", group_name="group_name"),
    _publish_ids("strategy_id"), batch_key="throttle_bindings")

ACL_BINDING = BindingSpec(
    "acl_binding", ACL_REFERENCE, "acl-bindings", "acl_id", "apis", dict(_BINDING_ITEM, id="bind_id"),
    _publish_ids("acl_id"), batch_key="acl_bindings")

SIGNATURE_BINDING = BindingSpec(
    "signature_binding", SIGNATURE_REFERENCE, "sign-bindings", "sign_id", "bindings", dict(_BINDING_ITEM, id="id"),
    _publish_ids("sign_id"))

APP_AUTHORIZATION = BindingSpec(
    "app_authorization", APP_REFERENCE, "app-auths", "app_id", "auths",
    dict(_BINDING_ITEM, id="id", group_id="group_id"), _app_auth_body, failures=_failed_auths)


def binding_argument_spec(spec):
    """The options of a binding module: what is bound, where, to which APIs."""
    return dict([
        (spec.reference.option, dict(type="str", required=True, aliases=[spec.reference.api])),
        ("environment", dict(type="str", required=True, aliases=["env", "env_id"])),
        ("group", dict(type="str", aliases=["group_id"])),
        ("apis", dict(type="list", elements="str", required=True)),
        ("purge", dict(type="bool", default=False)),
        ("state", state_option()),
    ])


class Binder:
    """Makes the set of APIs bound to one resource in one environment what the task says."""

    def __init__(self, module, spec):
        self.module = module
        self.spec = spec
        self.client = module.client
        self.params = module.params
        self.predict = module.check_mode
        self.group_name = None
        self.env = None  # the environment's id, once known

    def path(self, *segments):
        return self.module.instance_path(self.spec.path, *segments)

    def field(self, item, key):
        return item.get(self.spec.item[key]) if key in self.spec.item else None

    # -- reading ---------------------------------------------------------------------------

    def bound_id(self):
        """The id of what is bound; None when it doesn't exist (warned about in check mode)."""
        absent = self.params["state"] == "absent"
        value = self.params[self.spec.reference.option]
        found = self.spec.reference.resolve(self.module, value)
        if found is None and not absent:
            if not self.predict:
                self.module.fail_json(msg=self.spec.reference.missing(value))
            self.module.warn(self.spec.reference.missing(value) + CHECK_MODE_ASSUMES)
        return found

    def bound_in_env(self, bound_id):
        """The list items of the APIs bound to ``bound_id`` in the task's environment (by name or id)."""
        items = self.client.list_all(self.path("binded-apis"), self.spec.list_key,
                                     query={self.spec.list_query: bound_id})
        env = self.params["environment"]
        return [i for i in items if env in (self.field(i, "env_id"), self.field(i, "env_name"))]

    def in_group(self, item):
        group = self.params.get("group")
        if group is None or self.field(item, "group_id") == group:
            return True
        if not ID_LIKE.match(group):
            return self.field(item, "group_name") == group
        if "group_id" in self.spec.item:
            return False
        if self.group_name is None:
            # These items name the group only: look the id's name up once.
            self.group_name = (ResourceEngine(self.module, API_GROUP).find_by_id(group) or {}).get("name", "")
        return self.field(item, "group_name") == self.group_name

    def match(self, value, items):
        """The one item ``value`` (an API id, or a name within ``group``) names, or None."""
        by_id = [i for i in items if self.field(i, "api_id") == value]
        if by_id:
            return by_id[0]
        by_name = [i for i in items if self.field(i, "api_name") == value and self.in_group(i)]
        return by_name[0] if len(by_name) == 1 else None

    def publications(self, values, env_id):
        """The API list items of ``values``; one not published in the environment fails the task
        (check mode only warns: an earlier task may publish it)."""
        apis = find_apis(self.module, values, self.predict)
        unpublished = [api["name"] for api in apis if api["id"] and env_id and env_id not in published_in(api)]
        if unpublished:
            message = "%s not published in environment '%s', so not bound; publish first" % (
                ", ".join("API '%s'" % name for name in unpublished), self.params["environment"])
            if not self.predict:
                self.module.fail_json(msg=message)
            self.module.warn(message + "; check mode assumes an earlier task publishes them")
        return apis

    # -- the run ---------------------------------------------------------------------------

    def plan(self, bound_id):
        """(bound items in the environment, API list items to bind, items to unbind)."""
        items = self.bound_in_env(bound_id) if bound_id else []
        self.env = self.field(items[0], "env_id") if items else None
        values = self.params["apis"]
        matched = dict((value, self.match(value, items)) for value in values)
        if self.params["state"] == "absent":
            return items, [], [i for i in matched.values() if i is not None]
        unmatched = [value for value, item in matched.items() if item is None]
        kept_ids = set(self.field(i, "api_id") for i in matched.values() if i is not None)
        to_bind = []
        if unmatched:
            self.env = self.env or ENVIRONMENT_REFERENCE.require(self.module, self.predict)
            bound_ids = set(self.field(i, "api_id") for i in items)
            for api in self.publications(unmatched, self.env):
                kept_ids.add(api["id"])
                if api["id"] not in bound_ids:
                    to_bind.append(api)
        to_unbind = [i for i in items if self.field(i, "api_id") not in kept_ids] if self.params["purge"] else []
        return items, to_bind, to_unbind

    def bind(self, bound_id, apis):
        answer = self.client.post(self.path(), self.spec.bind_body(bound_id, self.env, apis))
        names = dict((api["id"], api["name"]) for api in apis)
        return [dict(f, api_name=f.get("api_name") or names.get(f["api_id"])) for f in self.spec.failures(answer)]

    def unbind(self, items):
        ids = [self.field(i, "id") for i in items]
        by_binding = dict((self.field(i, "id"), i) for i in items)
        if not self.spec.batch_key:
            for binding_id in ids:
                self.client.delete(self.path(binding_id))
            return []
        answer = self.client.request("PUT", self.path(), query={"action": "delete"},
                                     body={self.spec.batch_key: ids}) or {}
        failures = []
        for failure in answer.get("failure") or []:
            item = by_binding.get(failure.get("bind_id"), {})
            failures.append({"api_id": failure.get("api_id") or self.field(item, "api_id"),
                             "api_name": failure.get("api_name") or self.field(item, "api_name"),
                             "error_code": failure.get("error_code"), "error_msg": failure.get("error_msg")})
        return failures

    def result(self, bound_id, items, to_bind, to_unbind):
        before = sorted(self.field(i, "api_name") for i in items)
        gone = set(self.field(i, "id") for i in to_unbind)
        after = sorted([self.field(i, "api_name") for i in items if self.field(i, "id") not in gone]
                       + [api["name"] for api in to_bind])
        result = {
            "changed": bool(to_bind or to_unbind),
            self.spec.kind: {self.spec.reference.api: bound_id, "env_id": self.env, "apis": after},
            "bound": sorted(api["name"] for api in to_bind),
            "unbound": sorted(self.field(i, "api_name") for i in to_unbind),
        }
        if self.module._diff:
            result["diff"] = {"before": {"apis": before}, "after": {"apis": after}}
        return result

    def run(self):
        bound_id = self.bound_id()
        items, to_bind, to_unbind = self.plan(bound_id)
        result = self.result(bound_id, items, to_bind, to_unbind)
        if self.predict or not result["changed"]:
            return result
        failures = []
        try:
            if to_unbind:
                failures += self.unbind(to_unbind)
            if to_bind:
                failures += self.bind(bound_id, to_bind)
        except APIGError as err:
            self.module.fail_json(msg=str(err), error=err.to_dict(), changed=bool(to_unbind))
        if failures:
            self.module.fail_json(
                msg="%d APIs could not be bound or unbound: %s" % (len(failures), "; ".join(
                    "%s (%s): %s (%s)" % (f.get("api_name"), f.get("api_id"), f.get("error_msg"), f.get("error_code"))
                    for f in failures)),
                failures=failures, changed=True)
        return result


def run_binding(module, spec):
    exit_with(module, Binder(module, spec).run)


def authorization_info(module):
    """An app's authorized APIs (3.10.3), an API's authorized apps (3.10.5), or with ``unauthorized``
    the APIs published in the environment that the app may not call yet (3.10.4)."""
    params = module.params
    query = {}
    if params.get("environment"):
        query["env_id"] = ENVIRONMENT_REFERENCE.require(module)
    if params.get("api"):
        query["api_id"] = find_apis(module, [params["api"]])[0]["id"]
    if params.get("app"):
        query["app_id"] = APP_REFERENCE.require(module)
    if params["unauthorized"]:
        path = module.instance_path(APP_AUTHORIZATION.path, "unbinded-apis")
        return {"changed": False, "apis": module.client.list_all(path, "apis", query=query)}
    path = module.instance_path(APP_AUTHORIZATION.path, "binded-apis" if params.get("app") else "binded-apps")
    return {"changed": False, "authorizations": module.client.list_all(path, "auths", query=query)}


def run_authorization_info(module):
    exit_with(module, lambda: authorization_info(module))
