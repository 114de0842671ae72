# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The edge of a group: its custom domains (§3.13) and its gateway responses (§3.20). Specs plus
the few engine steps these resources do differently. Domain certificates are in certificates.py,
apart because checking one loads ``cryptography`` (about 35 ms of a module's start-up).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    Field, ResourceEngine, ResourceSpec, dict_differs, from_api, to_api)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import GATEWAY_RESPONSE_LOOKUP, GROUP_REFERENCE

# ---------------------------------------------------------------- §3.13 domains

DOMAIN_RULE = dict(
    max_length=255, pattern=r"^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$",
    rule="a domain name such as www.example.com (labels of letters, digits and '-'; '*.' allowed in front)")
SSL_VERSIONS = ["TLSv1.1", "TLSv1.2"]

DOMAIN = ResourceSpec(
    kind="domain", plural="domains", path=("api-groups", "{group_id}", "domains"), list_key="url_domains",
    name_field="url_domain", name_option="url_domain", scope=(GROUP_REFERENCE,),
    fields={
        "url_domain": Field(update=False, **DOMAIN_RULE),
        "min_ssl_version": Field(choices=SSL_VERSIONS),
    })


class DomainEngine(ResourceEngine):
    """The API has no list of domains: a group shows its own in ``url_domains`` (UrlDomain
    objects), read here in the shape the bind call answers with."""

    def list(self, query=None):
        group = self.client.get(self.module.instance_path("api-groups", self.scope["group_id"]))
        return [{"id": item["id"], "url_domain": item.get("domain"), "status": item.get("cname_status"),
                 "min_ssl_version": item.get("min_ssl_version"), "ssl_id": item.get("ssl_id") or "",
                 "ssl_name": item.get("ssl_name") or ""}
                for item in group.get("url_domains") or []]


# ---------------------------------------------------------------- §3.20 gateway responses

ERROR_TYPES = ["AUTH_FAILURE", "AUTH_HEADER_MISSING", "AUTHORIZER_FAILURE", "AUTHORIZER_CONF_FAILURE",
               "AUTHORIZER_IDENTITY_FAILURE", "BACKEND_UNAVAILABLE", "BACKEND_TIMEOUT", "THROTTLED",
               "UNAUTHORIZED", "ACCESS_DENIED", "NOT_FOUND", "REQUEST_PARAMETERS_FAILURE", "DEFAULT_4XX",
               "DEFAULT_5XX"]
ENTRY_FIELDS = {
    "response_type": Field(required=True, choices=ERROR_TYPES),
    "status": Field(type="int", minimum=200, maximum=599),
    "body": Field(max_length=2048),
    "headers": Field(elements="dict", key="key", suboptions={
        "key": Field(required=True, min_length=1, max_length=128), "value": Field(max_length=1024)}),
}


class ResponseEntries(Field):
    """``responses``: a list keyed by ``response_type`` in the module, the map of error type ->
    ResponseInfo in the API. Only custom entries count; the others are the gateway's defaults."""

    def __init__(self):
        super(ResponseEntries, self).__init__(elements="dict", key="response_type", suboptions=ENTRY_FIELDS)

    def to_api(self, value):
        return dict((item["response_type"], to_api(self.suboptions, dict(
            (k, v) for k, v in item.items() if k != "response_type"))) for item in value)

    def from_api(self, value):
        return [dict(from_api(self.suboptions, entry), response_type=error_type)
                for error_type, entry in sorted((value or {}).items()) if not entry.get("default")]

    def differs(self, desired, current):
        by_type = dict((item["response_type"], item) for item in current or [])
        return any(item["response_type"] not in by_type or dict_differs(self.suboptions, item, by_type[item["response_type"]])
                   for item in desired)


GATEWAY_RESPONSE = GATEWAY_RESPONSE_LOOKUP.extended(
    scope=(GROUP_REFERENCE,),
    # The reference's list items are summaries: compare against the detail.
    detail=True, filters=("id",),
    fields={
        "name": Field(min_length=1, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5-]*$",
                      rule="start with a letter or Chinese character; then letters, digits, '_', '-' and "
                           "Chinese characters"),
        "responses": ResponseEntries(),
    })


class GatewayResponseEngine(ResourceEngine):
    """Entries change with the per-type calls (§3.20.6, §3.20.7); a rename or several changed
    entries go in one PUT (§3.20.3), which keeps the entries it does not name."""

    def validate(self):
        super(GatewayResponseEngine, self).validate()
        types = [item["response_type"] for item in self.params.get("responses") or []]
        repeated = sorted(set(t for t in types if types.count(t) > 1))
        if repeated:
            self.module.fail_json(msg="responses: %s declared more than once" % ", ".join(repeated))

    def entry_changes(self, current, desired):
        """(changed entries, full; error types to reset to the default)."""
        field = self.spec.fields["responses"]
        have = dict((item["response_type"], item) for item in field.from_api(current.get("responses")))
        wanted = desired.get("responses")
        changed = [_merge_entry(item, have.get(item["response_type"]))
                   for item in wanted or [] if field.differs([item], list(have.values()))]
        purge = [] if wanted is None or not self.params.get("purge_responses") else \
            sorted(set(have) - set(item["response_type"] for item in wanted))
        return changed, purge

    def differences(self, current, desired):
        found = [option for option in super(GatewayResponseEngine, self).differences(current, desired)
                 if option != "responses"]
        changed, purge = self.entry_changes(current, desired)
        return found + (["responses"] if changed or purge else [])

    def diff_view(self, resource, desired):
        """The types the user listed; with purge_responses every customized type (purged ones show)."""
        view = super(GatewayResponseEngine, self).diff_view(resource, desired)
        if "responses" in view and not self.params.get("purge_responses"):
            listed = set(item["response_type"] for item in desired.get("responses") or [])
            view["responses"] = [item for item in view["responses"] if item["response_type"] in listed]
        return view

    def update(self, current, desired):
        changed, purge = self.entry_changes(current, desired)
        name = desired.get("name", current["name"])
        entries = self.spec.fields["responses"].to_api(changed)
        if self.module.check_mode:
            shown = dict(current.get("responses") or {})
            shown.update((t, dict(entry, default=False)) for t, entry in entries.items())
            shown.update((t, {"default": True}) for t in purge)
            return dict(current, name=name, responses=shown)
        base = self.path(current[self.spec.id_field])
        if name != current["name"] or len(changed) > 1:
            self.client.put(base, {"name": name, "responses": entries})
        for error_type, entry in entries.items() if len(changed) == 1 and name == current["name"] else ():
            self.client.put(base + "/" + error_type, entry)
        for error_type in purge:
            self.client.delete(base + "/" + error_type)
        return self.client.get(base)


def _merge_entry(item, have):
    """The declared entry completed with the current one's values (a type's PUT replaces it)."""
    merged = dict(have or {})
    merged.update((k, v) for k, v in item.items() if v is not None)
    return merged


def entry_argument_spec():
    """The module options of ``responses`` and ``purge_responses``."""
    responses = GATEWAY_RESPONSE.fields["responses"].option_spec()
    responses["options"]["headers"]["options"]["key"]["no_log"] = False  # a header name, not a secret
    return dict(responses=responses, purge_responses=dict(type="bool", default=False))
