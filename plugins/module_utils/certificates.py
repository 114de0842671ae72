# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A custom domain's certificate (§3.13): checked locally with ``cryptography`` before it is bound,
compared by its identity once bound. The domains themselves are in resources_edge.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field, ResourceEngine, ResourceSpec, to_api
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import GROUP_REFERENCE
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import DOMAIN, DomainEngine

try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID
except ImportError:
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()
else:
    CRYPTOGRAPHY_IMPORT_ERROR = None

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
