# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning of the ``service`` role: what a service file asks of each stage.

A service file (``apig_service``) declares a group and everything it uses; each list item holds
the options of one module of the collection (the FAMILIES table below), other resources named by
name. ``problems`` checks a file before any API call and names the path of every broken key.
``plan`` compares the file with what ``service_info`` read and gives each stage the items of
its module, in dependency order (reversed to tear down), and the drift: what the gateway has in
the group that the file does not declare (removed by ``purge: true``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import yaml
from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import set_only, walk
from ansible_collections.huaweicloud.apig.plugins.plugin_utils.api_unchanged import api_unchanged
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import unchanged_in
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import (
    ACL, AUTHORIZER, SIGNATURE, THROTTLE)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_apps import APP
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_channels import VPC_CHANNEL
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import DOMAIN, GATEWAY_RESPONSE


class Family:
    """One list of the service file: its items are options of ``module`` named by ``name``.

    ``extra``: keys an item may hold besides the module's options (option docs, like the
    module's). ``spec``: the ResourceSpec whose rules (lengths, patterns, ranges) are checked
    locally too. ``scoped``: the module takes the group (``group`` option).
    """

    def __init__(self, key, module, name, spec, extra=None, scoped=False):
        self.key = key
        self.module = module
        self.name = name
        self.spec = spec
        self.extra = extra or {}
        self.scoped = scoped


# The options of one binding module call: the environment and the service's APIs bound there.
BINDINGS = dict(type="list", elements="dict", options=dict(
    environment=dict(type="str", required=True), apis=dict(type="list", elements="str", required=True)))

# Options every item leaves out: the service sets them.
LOCATORS = ("group", "state", "id")

FAMILIES = [
    Family("throttling_policies", "throttling_policy", "name", THROTTLE, dict(bindings=BINDINGS)),
    Family("acl_policies", "acl_policy", "acl_name", ACL, dict(bindings=BINDINGS)),
    Family("signatures", "signature", "name", SIGNATURE, dict(bindings=BINDINGS)),
    Family("authorizers", "authorizer", "name", AUTHORIZER),
    Family("vpc_channels", "vpc_channel", "name", VPC_CHANNEL),
    Family("gateway_responses", "gateway_response", "name", GATEWAY_RESPONSE, scoped=True),
    Family("domains", "domain", "url_domain", DOMAIN, dict(certificate=dict(type="dict", module="domain_certificate")),
           scoped=True),
    Family("apps", "app", "name", APP, dict(app_codes=dict(type="list", elements="str", no_log=True),
                                            authorizations=BINDINGS)),
    Family("apis", "api", "name", API, dict(publish=dict(type="list", elements="str")), scoped=True),
]
FAMILY = dict((family.key, family) for family in FAMILIES)

# (family, stage of its bindings, binding module option naming what is bound, family key of it)
BINDING_STAGES = [
    ("throttling_policies", "throttling_bindings", "throttling_policy", "bindings"),
    ("acl_policies", "acl_bindings", "acl_policy", "bindings"),
    ("signatures", "signature_bindings", "signature", "bindings"),
    ("apps", "app_authorizations", "app", "authorizations"),
]

# Stage key -> its module, in converge order.
# Apps come before the throttling policies: special throttles name apps.
STAGES = [
    ("group", "api_group"), ("environments", "environment"), ("variables", "environment_variable"),
    ("apps", "app"), ("app_codes", "app_code"),
    ("throttling_policies", "throttling_policy"), ("acl_policies", "acl_policy"), ("signatures", "signature"),
    ("authorizers", "authorizer"), ("vpc_channels", "vpc_channel"), ("gateway_responses", "gateway_response"),
    ("domains", "domain"), ("domain_certificates", "domain_certificate"),
    ("withdrawals", "api_publish"), ("apis", "api"), ("publishes", "api_publish"),
    ("throttling_bindings", "throttling_binding"), ("acl_bindings", "acl_binding"),
    ("signature_bindings", "signature_binding"), ("app_authorizations", "app_authorization"),
]
STAGE_KEYS = [key for key, module in STAGES]
CORE_STAGES = ("group", "environments", "variables", "apis", "publishes")
# Torn down, taking the APIs offline drops their bindings and deleting an app its codes and
# authorizations (API reference 3.3.6, 3.10), and a domain goes with its certificate.
TEARDOWN_SKIPS = ("withdrawals", "throttling_bindings", "acl_bindings", "signature_bindings", "app_authorizations", "app_codes",
                  "domain_certificates")

TOP_LEVEL = dict(
    state=dict(type="str", choices=["present", "absent"]),
    purge=dict(type="bool"),
    group=dict(type="dict", required=True, options=dict(name=dict(type="str", required=True),
                                                        remark=dict(type="str"))),
    environments=dict(type="list", elements="dict", options=dict(
        name=dict(type="str", required=True), remark=dict(type="str"), variables=dict(type="dict"))),
)

_MODULE_OPTIONS = {}


def module_options(module):
    """The options a module of this collection documents itself (its doc fragments add only the
    connection options and ``state``, which no item sets)."""
    if module not in _MODULE_OPTIONS:
        source = importlib.import_module("ansible_collections.huaweicloud.apig.plugins.modules." + module)
        _MODULE_OPTIONS[module] = yaml.safe_load(source.DOCUMENTATION)["options"]
    return _MODULE_OPTIONS[module]


def item_options(family):
    """What an item of ``family`` may hold: its module's options but the locators, and the extras."""
    options = dict((name, doc) for name, doc in module_options(family.module).items() if name not in LOCATORS)
    for key, doc in family.extra.items():
        if doc.get("module"):
            doc = dict(type="dict", options=dict((name, sub) for name, sub in module_options(doc["module"]).items()
                                                 if name not in LOCATORS + ("url_domain",)))
        options[key] = doc
    return options


# --- validation -------------------------------------------------------------------------------

def problems(service, root="apig_service"):
    """Every broken key of the service file, each message starting with its path."""
    found = []
    if not isinstance(service, dict):
        return ["%s: must be a dict" % root]
    options = dict(TOP_LEVEL)
    for family in FAMILIES:
        options[family.key] = dict(type="list", elements="dict", options=item_options(family))
    _check_dict(options, service, root, found)
    if found:
        return found  # the cross-checks below assume well-typed values
    for family in FAMILIES:
        _check_family(family, service, root, found)
    _check_references(service, root, found)
    return found


def _check_dict(options, obj, path, found):
    if not isinstance(obj, dict):
        found.append("%s: must be a dict, got %s" % (path, type(obj).__name__))
        return
    names = dict((name, name) for name in options)
    for name, doc in options.items():
        for alias in doc.get("aliases") or []:
            names[alias] = name
    for key in sorted(set(obj) - set(names), key=str):
        found.append("%s.%s: unknown key; expected one of %s" % (path, key, ", ".join(sorted(options))))
    for name, doc in options.items():
        keys = [key for key, option in names.items() if option == name and obj.get(key) is not None]
        if not keys:
            if doc.get("required"):
                found.append("%s.%s: required" % (path, name))
            continue
        _check_value(doc, obj[keys[0]], "%s.%s" % (path, keys[0]), found)


def _suboptions(doc):
    # Module documentation says "suboptions"; the argument specs here say "options".
    return doc.get("suboptions") or doc.get("options")


def _check_value(doc, value, path, found):
    kind = doc.get("type", "str")
    try:
        if kind == "str" and isinstance(value, (dict, list)):
            raise TypeError("Ansible would pass it on as its text")
        value = DEFAULT_TYPE_VALIDATORS[kind](value)
    except (TypeError, ValueError):
        # Secrets are not echoed.
        shown = "" if doc.get("no_log") else " %r" % (value,)
        found.append("%s: must be of type %s, got%s" % (path, kind, shown))
        return
    choices = doc.get("choices")
    if kind == "list":
        elements = doc.get("elements", "str")
        for index, item in enumerate(value):
            item_path = "%s[%d]" % (path, index)
            if elements == "dict" and _suboptions(doc):
                _check_dict(_suboptions(doc), item, item_path, found)
            else:
                _check_value(dict(type=elements, choices=choices, no_log=doc.get("no_log")), item, item_path, found)
    elif kind == "dict" and _suboptions(doc):
        _check_dict(_suboptions(doc), value, path, found)
    elif choices and value not in choices:
        found.append("%s: must be one of %s, got %r" % (path, ", ".join(str(choice) for choice in choices), value))


def _check_family(family, service, root, found):
    items = service.get(family.key) or []
    seen = set()
    for index, item in enumerate(items):
        path = "%s.%s[%d]" % (root, family.key, index)
        name = item.get(family.name)
        if name is None:
            found.append("%s.%s: required" % (path, family.name))
        elif name in seen:
            found.append("%s.%s: %r is declared twice in %s" % (path, family.name, name, family.key))
        seen.add(name)
        # The reference's rules (lengths, patterns, ranges) on the values the API stores.
        values = set_only(family.spec.fields, dict((k, v) for k, v in item.items() if k in family.spec.fields))
        for option_path, field, parent, option in walk(family.spec.fields, values):
            message = field.problem(option_path, parent[option])
            if message:
                found.append("%s.%s" % (path, message))


def _check_references(service, root, found):
    """Bindings name APIs of the service, in environments they are published in."""
    published = dict((api["name"], api.get("publish") or []) for api in service.get("apis") or [])
    for family_key, stage, option, key in BINDING_STAGES:
        for index, item in enumerate(service.get(family_key) or []):
            for bind_index, binding in enumerate(item.get(key) or []):
                path = "%s.%s[%d].%s[%d]" % (root, family_key, index, key, bind_index)
                for api_index, api in enumerate(binding["apis"]):
                    if api not in published:
                        found.append("%s.apis[%d]: %r is not an API of the service" % (path, api_index, api))
                    elif binding["environment"] not in published[api]:
                        found.append("%s.apis[%d]: %r is not published in %r (its publish list)"
                                     % (path, api_index, api, binding["environment"]))


# --- planning ---------------------------------------------------------------------------------

def _without(item, keys):
    return dict((key, value) for key, value in item.items() if key not in keys)


class Planner:
    """The plan of one run: ``service`` (the checked file), ``found`` (the result of the
    ``service_info`` module), ``published`` (environment name -> API list items published there,
    read for the teardown only)."""

    def __init__(self, service, found, state="present", purge=False, published=None, created=None):
        self.service = service
        self.found = found or {}
        self.present = state == "present"
        self.purge = bool(purge) and self.present
        self.published = published or {}
        self.group_name = service["group"]["name"]
        self.found_group = self.found.get("group") or {}
        # Ids of what this run's stages created (the group, environments) spare the later
        # stages' modules a lookup by name.
        created = created or {}
        self.group_ref = self.found_group.get("id") or created.get("group") or self.group_name
        self.env_ids = dict((env["name"], env["id"]) for env in self.found.get("environments") or [])
        self.env_ids.update(created.get("environments") or {})
        self.env_names = dict((env_id, name) for name, env_id in self.env_ids.items())
        self.found_apis = self.found.get("apis") or []
        self.found_service = self.found.get("service") or {}
        self.apis = service.get("apis") or []
        self.api_names = [api["name"] for api in self.apis]
        self.drift = self._drift()

    # what the gateway has in the group that the file does not declare

    def _drift(self):
        drift = {}
        declared_apis = set(self.api_names)
        drift["apis"] = sorted(api["name"] for api in self.found_apis if api["name"] not in declared_apis)
        declared_variables = set((env["name"], name) for env in self.service.get("environments") or []
                                 for name in env.get("variables") or {})
        drift["variables"] = sorted(
            "%s/%s" % pair for pair in self._found_variables() if pair not in declared_variables)
        for family_key, stage, option, key in BINDING_STAGES:
            if family_key not in self.found_service:
                continue
            declared = self._binding_triples(self.service.get(family_key) or [], FAMILY[family_key].name, key)
            found = self._binding_triples(self.found_service[family_key], FAMILY[family_key].name, key)
            drift[stage] = ["%s/%s/%s" % triple for triple in sorted(found - declared)]
        for family_key in ("gateway_responses", "domains"):
            if family_key in self.found_service:
                name = FAMILY[family_key].name
                declared = set(item[name] for item in self.service.get(family_key) or [])
                # Every group has its "default" gateway response.
                drift[family_key] = sorted(item[name] for item in self.found_service[family_key]
                                           if item[name] not in declared and item[name] != "default")
        return dict((key, labels) for key, labels in drift.items() if labels)

    def _found_variables(self):
        return [(self.env_names.get(variable["env_id"], variable["env_id"]), variable["variable_name"])
                for variable in self.found.get("variables") or []]

    @staticmethod
    def _binding_triples(items, name, key):
        return set((item[name], binding["environment"], api) for item in items
                   for binding in item.get(key) or [] for api in binding["apis"])

    # the stages

    def stages(self):
        """Stage key -> the items of its module."""
        items = {
            "group": self.groups(), "environments": self.environments(), "variables": self.variables(),
            "domain_certificates": self.domain_certificates(), "app_codes": self.app_codes(),
            "apis": self.api_items(), "withdrawals": self.withdrawals(),
        }
        for family in FAMILIES:
            if family.key not in items:
                items[family.key] = self.family_items(family)
        for family_key, stage, option, key in BINDING_STAGES:
            items[stage] = self.bindings(family_key, stage, option, key)
        return items

    def groups(self):
        group = self.service["group"]
        if not self.present:
            return [{"name": self.group_name, "state": "absent"}] if self.found_group else []
        remark = group.get("remark")
        if not self.found_group or remark is not None and remark != (self.found_group.get("remark") or ""):
            return [dict(group, state="present")]
        return []

    def environments(self):
        found = dict((env["name"], env) for env in self.found.get("environments") or [])
        items = []
        for env in self.service.get("environments") or []:
            have = found.get(env["name"])
            if self.present:
                remark = env.get("remark")
                if not have or remark is not None and remark != (have.get("remark") or ""):
                    items.append(_without(env, ("variables",)))
            elif env["name"] in self.teardown_candidates() and self._only_ours(env["name"]):
                items.append({"name": env["name"], "state": "absent"})
        return items

    def teardown_candidates(self):
        """Torn down, the service's environments that exist, but RELEASE."""
        if self.present:
            return []
        return [env["name"] for env in self.service.get("environments") or []
                if env["name"] != "RELEASE" and env["name"] in self.env_ids]

    def _only_ours(self, env_name):
        """Whether only the service's own APIs (taken offline first) are published in the environment."""
        if env_name not in self.published:
            return False
        return all(api.get("group_name") == self.group_name and api.get("name") in self.api_names
                   for api in self.published[env_name])

    def variables(self):
        have = dict(((variable["env_id"], variable["variable_name"]), variable)
                    for variable in self.found.get("variables") or [])
        items = []
        for env in self.service.get("environments") or []:
            env_id = self.env_ids.get(env["name"])
            for name, value in (env.get("variables") or {}).items():
                found = have.get((env_id, name))
                wanted = str(value)
                if self.present and (not found or found.get("variable_value") != wanted) or not self.present and found:
                    items.append({"group": self.group_ref, "environment": env_id or env["name"],
                                  "variable_name": name, "variable_value": wanted,
                                  "state": "present" if self.present else "absent"})
        if self.purge:
            for label in self.drift.get("variables", []):
                env_name, name = label.split("/", 1)
                items.append({"group": self.group_ref, "environment": self.env_ids.get(env_name, env_name),
                              "variable_name": name, "state": "absent"})
        return items

    def family_items(self, family):
        items = []
        for item in self.service.get(family.key) or []:
            if self.present:
                options = _without(item, tuple(family.extra))
            else:
                options = {family.name: item[family.name]}
            options["state"] = "present" if self.present else "absent"
            if family.scoped:
                options["group"] = self.group_ref
            items.append(options)
        if self.purge and family.key in ("gateway_responses", "domains"):
            items.extend({family.name: name, "group": self.group_ref, "state": "absent"}
                         for name in self.drift.get(family.key, []))
        return items

    def domain_certificates(self):
        if not self.present:
            return []
        return [dict(domain["certificate"], group=self.group_ref, url_domain=domain["url_domain"], state="present")
                for domain in self.service.get("domains") or [] if domain.get("certificate")]

    def app_codes(self):
        if not self.present:
            return []
        return [{"app": app["name"], "app_code": code, "state": "present"}
                for app in self.service.get("apps") or [] for code in app.get("app_codes") or []]

    def api_items(self):
        found = dict((api["name"], api) for api in self.found_apis)
        wanted = []
        for api in self.apis:
            have = found.get(api["name"])
            known = {"id": have["id"]} if have else {}
            if self.present:
                wanted.append(dict(_without(api, ("publish",)), group=self.group_ref, **known))
            elif have:
                wanted.append(dict(name=api["name"], state="absent", group=self.group_ref, **known))
        unchanged = set(api_unchanged(wanted, self.found_apis))
        items = [item for item in wanted if item["name"] not in unchanged]
        if self.purge:
            items.extend({"name": name, "state": "absent", "group": self.group_ref, "id": found[name]["id"]}
                         for name in self.drift.get("apis", []))
        return items

    def withdrawals(self):
        """Purged, the APIs the file does not declare go offline first: the API reference refuses to
        delete a published API (APIG.3416)."""
        offline = {}
        purged = set(self.drift.get("apis", [])) if self.purge else set()
        for api in self.found_apis:
            if api["name"] in purged:
                for env in (api.get("run_env_name") or "").split("|"):
                    if env:
                        offline.setdefault(env, []).append(api["name"])
        return [{"group": self.group_ref, "environment": env, "apis": apis, "state": "offline"}
                for env, apis in sorted(offline.items())]

    def bindings(self, family_key, stage, option, key):
        if not self.present:
            return []
        name = FAMILY[family_key].name
        items = [{option: item[name], "environment": binding["environment"], "group": self.group_ref,
                  "apis": binding["apis"], "state": "present"}
                 for item in self.service.get(family_key) or [] for binding in item.get(key) or []]
        if self.purge:
            unwanted = {}
            for label in self.drift.get(stage, []):
                bound, env_name, api = label.split("/", 2)
                unwanted.setdefault((bound, env_name), []).append(api)
            items.extend({option: bound, "environment": env_name, "group": self.group_ref, "apis": apis,
                          "state": "absent"} for (bound, env_name), apis in sorted(unwanted.items()))
        return items

    # publishing: the API stage's changes decide part of it, so it is planned after that stage

    def wanted_publishes(self):
        """API name -> the environments it should be published in (none when torn down)."""
        return dict((api["name"], (api.get("publish") or []) if self.present else []) for api in self.apis)

    def publishes(self, edited=()):
        wanted = self.wanted_publishes()
        batches = []
        offline = {}
        for api in self.found_apis:
            if api["name"] not in wanted:
                continue
            for env in (api.get("run_env_name") or "").split("|"):
                if env and env not in wanted[api["name"]]:
                    offline.setdefault(env, []).append(api["name"])
        for env in self.found.get("environments") or []:
            if env["name"] in offline:
                batches.append({"group": self.group_ref, "environment": env["name"], "apis": offline[env["name"]],
                                "state": "offline"})
        environments = []
        for envs in wanted.values():
            environments.extend(env for env in envs if env not in environments)
        for env in environments:
            env_id = self.env_ids.get(env)
            unchanged = set(api["name"] for api in self.found_apis if env_id and unchanged_in(api, env_id))
            unchanged -= set(edited or [])
            names = [name for name, envs in wanted.items() if env in envs and name not in unchanged]
            if names:
                batches.append({"group": self.group_ref, "environment": env, "state": "published", "apis": names})
        return batches

    def plan(self):
        items = self.stages()
        order = STAGE_KEYS if self.present else [key for key in reversed(STAGE_KEYS) if key not in TEARDOWN_SKIPS]
        # Publishing is planned once the APIs are converged; it has work when any API is declared.
        stages = [key for key in order if items.get(key) or key == "publishes" and (self.apis or self.found_apis)]
        # The report names the core stages always, the others when the file uses them.
        changes = dict((key, []) for key in order if key in CORE_STAGES or key in stages)
        return {"stages": stages, "stage_items": items, "changes": changes, "drift": self.drift,
                "group": self.group_ref, "teardown_candidates": self.teardown_candidates(),
                "environment_names": self.env_names}


def plan(service, found, state="present", purge=False, published=None, created=None):
    return Planner(service, found, state, purge, published, created).plan()


def publishes(service, found, state="present", edited=(), created=None):
    return Planner(service, found, state, created=created).publishes(edited)


# --- reporting --------------------------------------------------------------------------------

def label(stage, item, environment_names=None):
    """How the report names a stage item (never by a secret value)."""
    names = environment_names or {}
    if stage == "variables":
        return "%s/%s" % (names.get(item["environment"], item["environment"]), item["variable_name"])
    if stage == "app_codes":
        return item["app"]
    if stage in ("domains", "domain_certificates"):
        return item["url_domain"]
    for family_key, binding_stage, option, key in BINDING_STAGES:
        if stage == binding_stage:
            return "%s/%s: %s" % (item[option], item["environment"], ", ".join(item["apis"]))
    if stage == "acl_policies":
        return item["acl_name"]
    return item["name"]


def changed(result, stage, environment_names=None):
    """The labels of the items a stage changed, from its registered loop result (the publish
    role's ``publish_changes`` for the publishes)."""
    if stage in ("publishes", "withdrawals"):
        return ["%(environment)s/%(api)s: %(action)s" % change for change in (result or {}).get("publish_changes") or []]
    return [label(stage, entry["item"], environment_names) for entry in (result or {}).get("results") or []
            if entry.get("changed")]
