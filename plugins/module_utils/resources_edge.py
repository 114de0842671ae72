# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The edge of a group: its custom domains and their certificates (§3.13) and its gateway
responses (§3.20). Specs plus the few engine steps these resources do differently.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    Field, ResourceEngine, ResourceSpec, dict_differs, from_api, to_api)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import GATEWAY_RESPONSE_LOOKUP, GROUP_REFERENCE

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
except ImportError:
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()
else:
    CRYPTOGRAPHY_IMPORT_ERROR = None

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


# ---------------------------------------------------------------- §3.13 certificates

# The gateway stores expiry as a signed 32-bit Unix time.
LATEST_EXPIRY = datetime.datetime(2038, 1, 19, 3, 14, 7)
# What a certificate's identity is compared by: the parts §3.13.6 shows of the bound one.
IDENTITY = ("serial_number", "not_before", "not_after", "common_name", "san")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

DOMAIN_CERTIFICATE = ResourceSpec(
    kind="domain_certificate", plural="domain_certificates",
    path=("api-groups", "{group_id}", "domains", "{domain_id}", "certificate"), list_key=None,
    scope=(GROUP_REFERENCE,),
    fields={
        "name": Field(min_length=4, max_length=50, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
                      rule="start with a letter or Chinese character; then letters, digits, '_' and Chinese "
                           "characters"),
        "cert_content": Field(),
        "private_key": Field(secret=True),
    })


def _utc(cert, name):
    """A validity bound as a naive UTC datetime, with cryptography before and after 42."""
    value = getattr(cert, name + "_utc", None)
    return value.replace(tzinfo=None) if value is not None else getattr(cert, name)


def _dns_names(cert):
    common = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return common, []
    return common, san.get_values_for_type(x509.DNSName)


def _canonical(value):
    return sorted(value) if isinstance(value, list) else value


def covers(pattern, domain):
    """Whether a certificate name covers ``domain`` (a wildcard stands for exactly one label)."""
    pattern, domain = pattern.lower(), domain.lower()
    if pattern == domain:
        return True
    head, dot, rest = domain.partition(".")
    return pattern.startswith("*.") and bool(head and dot) and head != "*" and rest == pattern[2:]


def certificate_problems(cert_content, private_key, url_domain, now):
    """(details of the leaf certificate, problems): the reference's rules, checked before any call.

    Messages name the option and the rule; they never quote the private key.
    """
    try:
        leaf = x509.load_pem_x509_certificate(cert_content.encode())
    except ValueError:
        return None, ["cert_content is not a PEM certificate"]
    try:
        key = serialization.load_pem_private_key(private_key.encode(), password=None)
    except TypeError:
        return None, ["private_key is encrypted; the gateway takes only unencrypted keys"]
    except ValueError:
        return None, ["private_key is not a PEM private key"]
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    common, san = _dns_names(leaf)
    not_after = _utc(leaf, "not_valid_after")
    details = {"common_name": common[0] if common else "", "san": san, "serial_number": str(leaf.serial_number),
               "not_before": _utc(leaf, "not_valid_before").strftime(TIME_FORMAT),
               "not_after": not_after.strftime(TIME_FORMAT),
               "issuer": [a.value for a in leaf.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)],
               "fingerprint_sha256": leaf.fingerprint(hashes.SHA256()).hex()}
    problems = []
    if key.public_key().public_bytes(*spki) != leaf.public_key().public_bytes(*spki):
        problems.append("private_key does not belong to the certificate in cert_content")
    if not_after < now:
        problems.append("cert_content expired on %s" % details["not_after"])
    if not_after > LATEST_EXPIRY:
        problems.append("cert_content expires on %s; the gateway takes certificates that expire before "
                        "2038-01-19T03:14:07Z" % details["not_after"])
    if url_domain and not any(covers(name, url_domain) for name in common + san):
        problems.append("cert_content is for %s, which does not cover url_domain '%s'"
                        % (", ".join(sorted(set(common + san))) or "no domain name", url_domain))
    return details, problems


class CertificateEngine(ResourceEngine):
    """A domain's certificate. The bound one is compared by its identity (serial number,
    validity, names: what §3.13.6 shows of it), so the key is sent only when binding."""

    def __init__(self, module, spec):
        super(CertificateEngine, self).__init__(module, spec)
        self.domain = None
        self.local = None

    def validate(self):
        super(CertificateEngine, self).validate()
        if self.params["state"] != "present":
            return
        if CRYPTOGRAPHY_IMPORT_ERROR:
            self.module.fail_json(msg=missing_required_lib("cryptography"), exception=CRYPTOGRAPHY_IMPORT_ERROR)
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        self.local, problems = certificate_problems(
            self.params["cert_content"], self.params["private_key"], self.params["url_domain"], now)
        if problems:
            self.module.fail_json(msg="; ".join(problems))

    def resolve_scope(self, missing_ok=False, defer=False):
        # The domain is found under the group: nothing is deferred (the spec has no parent_names).
        missing = super(CertificateEngine, self).resolve_scope(missing_ok, defer)
        if missing:
            return missing
        domains = DomainEngine(self.module, DOMAIN)
        domains.scope = dict(self.scope)
        self.domain = domains.find_by_name(self.params["url_domain"])
        if self.domain is None:
            message = "url_domain: '%s' is not bound to the group '%s'" % (
                self.params["url_domain"], self.params["group"])
            if missing_ok:
                return message
            self.module.fail_json(msg=message)
        self.scope["domain_id"] = self.domain["id"]
        return None

    def find(self):
        ssl_id = self.domain["ssl_id"]
        if not ssl_id:
            return None
        shown = self.client.get(self.path(ssl_id))
        return dict(shown, id=ssl_id, name=self.domain["ssl_name"])

    def differences(self, current, desired):
        found = ["name"] if desired.get("name", current["name"]) != current["name"] else []
        # The parts the gateway shows; without a serial number nothing proves it is the same one.
        shown = [part for part in IDENTITY if current.get(part) is not None]
        if "serial_number" not in shown or any(_canonical(current[part]) != _canonical(self.local[part])
                                               for part in shown):
            found.append("cert_content")
        return found

    def create(self, desired):
        body = to_api(self.spec.fields, desired)
        if not self.module.check_mode:
            bound = self.client.post(self.path(), body)  # the only request that carries the key
            self.domain = dict(self.domain, ssl_id=bound["ssl_id"], ssl_name=bound["ssl_name"])
        return self.view(desired.get("name"))

    def update(self, current, desired):
        # Binding again replaces the domain's certificate.
        return self.create(dict(desired, name=desired.get("name") or current["name"]))

    def view(self, name):
        """The bound certificate as the module returns it (its details read locally); in check
        mode without its id, and without the domain's id when an earlier task binds the domain."""
        domain = self.domain or {}
        return dict(self.local, name=name, id=None if self.module.check_mode else domain.get("ssl_id"),
                    domain_id=domain.get("id"), url_domain=self.params["url_domain"])

    def ensure(self):
        result = super(CertificateEngine, self).ensure()
        if not result["changed"] and self.local:
            result[self.spec.kind] = self.view(self.domain["ssl_name"])
        return result

    def diff_view(self, resource, desired):
        if not resource:
            return {}
        return dict((k, resource.get(k)) for k in ("name",) + IDENTITY)


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
