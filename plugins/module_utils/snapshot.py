# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One API group and what it uses, read as a service file (the ``service_info`` module).

The format is the service file contract: each item holds the options of its family's module
(``engine.from_api`` of that module's spec), other resources named by name, secrets replaced by
``{{ apig_secrets['<family>/<item name>/<option>'] }}`` references. ``Snapshot`` sends the
requests, through the engine's list and lookup helpers; the functions before it only convert
bodies and are unit-tested without a server.

Options left unset are left out of the file: ``None``, ``""``, ``[]``, ``{}``, and the values
``SERVER_DEFAULTS`` lists, which the gateway gives an option nobody set (so leaving them out
creates the same resource). The extra keys of the contract (``variables``, ``publish``,
``bindings``, ``app_codes``, ``authorizations``) are always there, empty when there is nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import (
    ACL_BINDING, APP_AUTHORIZATION, SIGNATURE_BINDING, THROTTLING_BINDING)
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    ID_LIKE, ResourceEngine, exit_with, from_api, walk)
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import published_in
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import (
    API_GROUP, ENVIRONMENT, ENVIRONMENT_VARIABLE, GATEWAY_RESPONSE_LOOKUP)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import (
    ACL, AUTHORIZER, SIGNATURE, THROTTLE)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_apps import APP
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_channels import VPC_CHANNEL
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import GATEWAY_RESPONSE
from ansible_collections.huaweicloud.apig.plugins.module_utils.traffic import SPECIAL_THROTTLES

FAMILIES = ("throttling_policies", "acl_policies", "signatures", "authorizers", "vpc_channels",
            "gateway_responses", "domains", "apps")
SECRET_REFERENCE = "{{ apig_secrets['%s'] }}"

# What the gateway stores for an option left unset: the reference's stated defaults, 0 for the limits
# and bounds it answers for ones never set, and the "not supported yet" adaptive control's FALSE.
SERVER_DEFAULTS = {
    "api": {"req_protocol": "HTTPS", "cors": False, "match_mode": "NORMAL",
            "auth_opt": {"app_code_auth_type": "DISABLE"},
            "req_params": {"valid_enable": False, "min_num": 0, "max_num": 0, "min_size": 0, "max_size": 0}},
    "throttling_policy": {"user_call_limits": 0, "app_call_limits": 0, "ip_call_limits": 0,
                          "enable_adaptive_control": False},
    "vpc_channel": {"vpc_health_config": {"enable_client_ssl": False}, "members": {"is_backup": False}},
}
# family -> (the module's spec, how it binds to APIs)
BOUND_FAMILIES = {
    "throttling_policies": (THROTTLE, THROTTLING_BINDING),
    "acl_policies": (ACL, ACL_BINDING),
    "signatures": (SIGNATURE, SIGNATURE_BINDING),
}
# What APIs name by id, by the kind of their reference: (family, spec of the list of them).
NAMED_BY_APIS = {
    "authorizer": ("authorizers", AUTHORIZER),
    "vpc_channel": ("vpc_channels", VPC_CHANNEL),
    GATEWAY_RESPONSE_LOOKUP.kind: ("gateway_responses", GATEWAY_RESPONSE_LOOKUP),
}
_UNSET = object()


# ---------------------------------------------------------------- converting (no requests)

def is_empty(value):
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def prune(value):
    """``value`` without the empty values (None, "", [], {}) of its dicts, at any depth."""
    if isinstance(value, dict):
        pruned = ((key, prune(item)) for key, item in value.items())
        return dict((key, item) for key, item in pruned if not is_empty(item))
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value


def without_defaults(obj, defaults):
    """``obj`` (module form) without the options that hold the server's default of ``defaults``;
    a nested dict of defaults applies to a dict option, or to each dict of a list option."""
    result = {}
    for option, value in obj.items():
        default = defaults.get(option, _UNSET)
        if isinstance(default, dict):
            if isinstance(value, dict):
                value = without_defaults(value, default)
            elif isinstance(value, list):
                value = [without_defaults(item, default) if isinstance(item, dict) else item for item in value]
        elif default is not _UNSET and type(value) is type(default) and value == default:
            continue
        result[option] = value
    return result


def module_form(fields, body, defaults=None):
    """The options of the module of ``fields`` that ``body`` (as the API returns it) sets."""
    return prune(without_defaults(from_api(fields, body or {}), defaults or {}))


def references(fields, form):
    """kind -> set of the ids that the reference options of ``form`` (module form) hold."""
    found = {}
    for path, field, obj, option in walk(fields, form):
        if field.reference and obj[option]:
            found.setdefault(field.reference.target.kind, set()).add(obj[option])
    return found


def by_name(fields, form, names):
    """``form`` with each reference id replaced by the name ``names`` (kind -> {id: name}) has for it."""
    for path, field, obj, option in list(walk(fields, form)):
        if field.reference and obj[option]:
            obj[option] = names.get(field.reference.target.kind, {}).get(obj[option], obj[option])
    return form


def bindings(items, binding, env_names, api_names):
    """``[{environment, apis}]`` of binding list items (of the BindingSpec ``binding``), by name and sorted."""
    by_env = {}
    for item in items:
        api_id = item.get(binding.item["api_id"])
        by_env.setdefault(item.get(binding.item["env_id"]), set()).add(
            api_names.get(api_id) or item.get(binding.item["api_name"]))
    named = [(env_names.get(env_id, env_id), apis) for env_id, apis in by_env.items()]
    return [{"environment": env, "apis": sorted(apis)} for env, apis in sorted(named)]


def special_throttle(item):
    """A special throttle as the throttling_policy module takes it: an app by its name."""
    form = module_form(SPECIAL_THROTTLES.fields, item)
    if form.get("object_type") == "APP" and item.get("app_name"):
        form["object"] = item["app_name"]
    return form


def api_item(detail, names, env_names):
    """An API as the api module takes it (references by name) plus ``publish``: environment names."""
    form = by_name(API.fields, from_api(API.fields, detail), names)
    item = prune(without_defaults(form, SERVER_DEFAULTS["api"]))
    item["publish"] = sorted(env_names.get(env_id, env_id) for env_id in published_in(detail))
    return item


def gateway_response_item(response):
    """A gateway response with its customized types, or None for a ``default`` nobody customized."""
    item = module_form(GATEWAY_RESPONSE.fields, response)
    if item.get("name") == "default" and not item.get("responses"):
        return None
    return item


def domain_item(url_domain, secrets):
    """A domain of the group's ``url_domains`` (UrlDomain) with its certificate.

    The gateway returns neither the certificate nor its key: both are references to empty
    secrets the user fills in.
    """
    item = prune({"url_domain": url_domain.get("domain"), "min_ssl_version": url_domain.get("min_ssl_version")})
    if url_domain.get("ssl_id"):
        name = item["url_domain"]
        item["certificate"] = {"name": url_domain.get("ssl_name"),
                               "cert_content": secrets.put("domains", name, "cert_content", ""),
                               "private_key": secrets.put("domains", name, "private_key", "")}
    return item


def by_name_key(item):
    return item.get("name") or item.get("acl_name") or item.get("url_domain") or ""


class Secrets:
    """The secret values met while converting, by reference: ``<family>/<item name>/<option>``."""

    def __init__(self):
        self.values = {}

    def put(self, family, name, option, value):
        """The reference text that stands for ``value`` in the file."""
        ref = "%s/%s/%s" % (family, name, option)
        self.values[ref] = "" if value is None else value
        return SECRET_REFERENCE % ref

    def replace(self, family, item, fields):
        """``item`` with the value of each secret option of ``fields`` it holds replaced by a reference."""
        for option, field in fields.items():
            if field.secret and option in item:
                item[option] = self.put(family, by_name_key(item), option, item[option])
        return item


# ---------------------------------------------------------------- reading

class Snapshot:
    """Reads the group named by the module's ``group`` and the ``families`` it uses."""

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.params = module.params
        self.families = set(self.params["families"])
        self.secrets = Secrets()
        self.lists = {}     # kind -> list items (each list read at most once)
        self.names = {}     # kind -> {id: name}
        self.group = {}
        self.env_names = {}
        self.api_names = {}
        self.used_envs = set()

    def engine(self, spec, **scope):
        engine = ResourceEngine(self.module, spec)
        engine.scope = scope
        return engine

    def listed(self, kind):
        """The list of a kind APIs name (NAMED_BY_APIS), read once; a group's under the group."""
        spec = NAMED_BY_APIS[kind][1]
        if kind not in self.lists:
            scope = {"group_id": self.group["id"]} if "{group_id}" in spec.path else {}
            self.lists[kind] = self.engine(spec, **scope).list()
            self.names[kind] = dict((i.get(spec.id_field), i.get(spec.name_field)) for i in self.lists[kind])
        return self.lists[kind]

    def find_group(self, value):
        """The group body by id (a GET) or by exact name (one list call); {} when there is none."""
        groups = self.engine(API_GROUP)
        found = groups.find_by_id(value) if ID_LIKE.match(value) else None
        return found or groups.find_by_name(value) or {}

    # -- the families ---------------------------------------------------------------------

    def bound(self, family):
        """The policies of ``family`` bound to the group's APIs, with their bindings, as module options.

        A policy the list shows bound nowhere (``bind_num`` 0) costs no binding request.
        """
        spec, binding = BOUND_FAMILIES[family]
        engine = self.engine(spec)
        path = self.module.instance_path(binding.path, "binded-apis")
        items = []
        for policy in engine.list():
            if policy.get("bind_num") == 0:
                continue
            bound = [i for i in self.client.list_all(path, binding.list_key, query={
                binding.list_query: policy[spec.id_field], "group_id": self.group["id"]})
                if i.get(binding.item["api_id"]) in self.api_names]
            if not bound:
                continue
            self.used_envs.update(i.get(binding.item["env_id"]) for i in bound)
            item = module_form(spec.fields, policy, SERVER_DEFAULTS.get(spec.kind))
            if spec is THROTTLE and policy.get("is_inclu_special_throttle") != 2:
                item["special_throttles"] = sorted(
                    (special_throttle(s) for s in SPECIAL_THROTTLES.read(engine, policy[spec.id_field])),
                    key=lambda s: (s.get("object_type"), str(s.get("object"))))
                if not item["special_throttles"]:
                    del item["special_throttles"]
            item["bindings"] = bindings(bound, binding, self.env_names, self.api_names)
            items.append(self.secrets.replace(family, item, spec.fields))
        return sorted(items, key=by_name_key)

    def authorizers(self, used):
        return sorted((module_form(AUTHORIZER.fields, a) for a in self.listed("authorizer") if a["id"] in used),
                      key=by_name_key)

    def vpc_channels(self, used):
        """The channels the APIs name, from their details (list items lack members and health check)."""
        engine = self.engine(VPC_CHANNEL)
        items = []
        for channel in self.listed("vpc_channel"):
            if channel["id"] not in used:
                continue
            item = module_form(VPC_CHANNEL.fields, self.client.get(engine.path(channel["id"])),
                               SERVER_DEFAULTS["vpc_channel"])
            key = "ecs_id" if any(m.get("ecs_id") for m in item.get("members") or []) else "host"
            item["members"] = sorted(item.get("members") or [], key=lambda m: str(m.get(key)))
            items.append(item)
        return sorted(items, key=by_name_key)

    def gateway_responses(self):
        """The group's responses; a list item without its entries (the reference's summary) is read in full."""
        engine = self.engine(GATEWAY_RESPONSE, group_id=self.group["id"])
        items = []
        for response in self.listed(GATEWAY_RESPONSE_LOOKUP.kind):
            if "responses" not in response:
                response = self.client.get(engine.path(response["id"]))
            item = gateway_response_item(response)
            if item:
                items.append(item)
        return sorted(items, key=by_name_key)

    def domains(self):
        return sorted((domain_item(d, self.secrets) for d in self.group.get("url_domains") or []), key=by_name_key)

    def apps(self):
        """The apps authorized for the group's APIs: one list of every authorization of the instance
        (3.10.5 without an API), the app list, then each app's codes."""
        auths = [a for a in self.client.list_all(self.module.instance_path(APP_AUTHORIZATION.path, "binded-apps"),
                                                 APP_AUTHORIZATION.list_key)
                 if a.get("api_id") in self.api_names]
        by_app = {}
        for auth in auths:
            by_app.setdefault(auth.get("app_id"), []).append(auth)
        self.used_envs.update(a.get("env_id") for a in auths)
        engine = self.engine(APP)
        items = []
        for app in engine.list() if by_app else []:
            if app["id"] not in by_app:
                continue
            item = self.secrets.replace("apps", module_form(APP.fields, app), APP.fields)
            codes = self.client.list_all(engine.path(app["id"], "app-codes"), "app_codes")
            item["app_codes"] = [self.secrets.put("apps", item["name"], "app_codes/%d" % index, code.get("app_code"))
                                 for index, code in enumerate(codes)]
            item["authorizations"] = bindings(by_app[app["id"]], APP_AUTHORIZATION, self.env_names, self.api_names)
            items.append(item)
        return sorted(items, key=by_name_key)

    # -- the run --------------------------------------------------------------------------

    def read(self):
        self.group = self.find_group(self.params["group"])
        envs = self.engine(ENVIRONMENT).list()
        result = {"changed": False, "exists": bool(self.group), "group": self.group, "environments": envs,
                  "variables": [], "apis": [], "service": {}}
        if self.group:
            self.env_names = dict((e.get("id"), e.get("name")) for e in envs)
            result.update(self.core())
            result["service"] = self.service(envs, result["variables"], result["apis"])
        if self.params["include_secrets"]:
            result["secrets"] = self.secrets.values
        return result

    def core(self):
        """The group's variables and the details of its APIs (N + 2 requests, one list per 500)."""
        group_id = self.group["id"]
        variables = [v for v in self.engine(ENVIRONMENT_VARIABLE, group_id=group_id).list()
                     if v.get("group_id") == group_id]
        apis = self.engine(API, group_id=group_id)
        details = [self.client.get(apis.path(i["id"])) for i in apis.list() if i.get("group_id") == group_id]
        self.api_names = dict((d["id"], d.get("name")) for d in details)
        return {"variables": variables, "apis": details}

    def service(self, envs, variables, details):
        used = {}
        for detail in details:
            for kind, ids in references(API.fields, from_api(API.fields, detail)).items():
                used.setdefault(kind, set()).update(ids)
            self.used_envs.update(published_in(detail))
        # Names of what the APIs name: the family's own list, or that list alone when the family is not read.
        for kind, (family, dummy) in NAMED_BY_APIS.items():
            if family in self.families or used.get(kind):
                self.listed(kind)
        read = {
            "authorizers": lambda: self.authorizers(used.get("authorizer", set())),
            "vpc_channels": lambda: self.vpc_channels(used.get("vpc_channel", set())),
            "gateway_responses": self.gateway_responses,
            "domains": self.domains,
            "apps": self.apps,
        }
        service = {"group": module_form(API_GROUP.fields, self.group)}
        for family in FAMILIES:
            if family in self.families:
                service[family] = self.bound(family) if family in BOUND_FAMILIES else read[family]()
        service["apis"] = sorted((api_item(d, self.names, self.env_names) for d in details), key=by_name_key)
        self.used_envs.update(v.get("env_id") for v in variables)
        service["environments"] = environment_items(envs, variables, self.used_envs)
        return service


def environment_items(envs, variables, used):
    """The environments in ``used`` (ids), as the environment module takes them, with their ``variables``."""
    items = []
    for env in envs:
        if env.get("id") not in used:
            continue
        item = module_form(ENVIRONMENT.fields, env)
        item["variables"] = dict((v.get("variable_name"), v.get("variable_value"))
                                 for v in variables if v.get("env_id") == env.get("id"))
        items.append(item)
    return sorted(items, key=by_name_key)


def run_service_info(module):
    exit_with(module, Snapshot(module).read)
