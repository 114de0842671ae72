"""§3.13 custom domains of a group and their SSL certificates.

A domain is a row of kind ``domain`` (with ``group_id``; its certificate's details are part of
the row). The reference has no list call for domains: a group shows them in ``url_domains``.
That list is rewritten on the group row in the same transaction as every domain write, so a
group read (and an API's ``api_group_info``) needs no join and can never see a half-done bind.
"""
import datetime
import re
from contextlib import contextmanager

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from ..engine import PREFIX, add_routes, json_body, new_id, now_iso, require_instance, store
from ..errors import ApiError
from ..schema import Field, validate
from ..storage import IntegrityError, Scope
from . import api_groups

MAX_DOMAINS_PER_GROUP = 5
# The gateway stores expiry as a signed 32-bit Unix time (APIG.3148).
LATEST_EXPIRY = datetime.datetime(2038, 1, 19, 3, 14, 7, tzinfo=datetime.timezone.utc)
# Labels of letters, digits and '-', at least two, optionally a leading wildcard label.
DOMAIN_PATTERN = re.compile(r"(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")

_SSL_VERSION = Field("min_ssl_version", enum=("TLSv1.1", "TLSv1.2"), default="TLSv1.1")
_FLAGS = (Field("is_http_redirect_to_https", bool, default=False),
          Field("verified_client_certificate_enabled", bool, default=False))
BIND = (Field("url_domain", required=True, max_len=255), _SSL_VERSION) + _FLAGS
UPDATE = (Field("min_ssl_version", required=True, enum=("TLSv1.1", "TLSv1.2")),) + _FLAGS
CERTIFICATE = (Field("name", required=True, min_len=4, max_len=50,
                     pattern=u"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*"),
               Field("cert_content", required=True, min_len=1),
               Field("private_key", required=True, min_len=1))
# What a domain answers (§3.13.1/§3.13.3; the SDK adds the two flags).
DOMAIN_FIELDS = ("url_domain", "id", "status", "min_ssl_version", "is_http_redirect_to_https",
                 "verified_client_certificate_enabled")
CNAME_RESOLVED = 3


@contextmanager
def group_tx(project_id, instance_id, group_id, write=True):
    """A transaction on the instance, with the group of the URL (404 APIG.3001 when missing)."""
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        yield tx, api_groups.COLLECTION.get_or_404(tx, group_id)


def _group_domains(tx, group_id):
    return tx.page("domain", {"group_id": group_id}, {}, 0, -1)[1]


def _sync_group(tx, group):
    """Rewrite the group's ``url_domains`` (UrlDomain objects) from its domain rows."""
    group["url_domains"] = [{
        "id": d["id"], "domain": d["url_domain"], "cname_status": d["status"], "ssl_id": d["ssl_id"],
        "ssl_name": d["ssl_name"], "min_ssl_version": d["min_ssl_version"],
        "verified_client_certificate_enabled": d["verified_client_certificate_enabled"],
        "is_has_trusted_root_ca": False,
    } for d in _group_domains(tx, group["id"])]
    tx.replace("group", group, api_groups.COLLECTION.unique_key(group))


def _domain(tx, group, domain_id):
    domain = tx.get("domain", domain_id)
    if domain is None:
        raise ApiError("APIG.3020", "The URL domain does not exist,id:%s" % domain_id)
    if domain["group_id"] != group["id"]:
        raise ApiError("APIG.3474", "The API group ID in the URL does not match the API group to which "
                                    "the URL domain has been bound")
    return domain


def _view(domain, *extra):
    return {k: domain[k] for k in DOMAIN_FIELDS + extra}


def bind_domain(project_id, instance_id, group_id):
    body = json_body()
    with group_tx(project_id, instance_id, group_id) as (tx, group):
        values = validate(BIND, body, "APIG.2011")
        name = values["url_domain"]
        if not DOMAIN_PATTERN.fullmatch(name):
            raise ApiError("APIG.2024", "Invalid URL domain name")
        if len(_group_domains(tx, group_id)) >= MAX_DOMAINS_PER_GROUP:
            raise ApiError("APIG.3108", "The number of domain names exceeds the maximum allowed limit")
        domain = dict(values, id=new_id(), group_id=group_id, status=CNAME_RESOLVED, ssl_id="", ssl_name="",
                      certificate=None)
        try:
            # Domain names are case-insensitive and bound once per instance, whatever the group.
            tx.insert("domain", domain, name.lower())
        except IntegrityError:
            raise ApiError("APIG.3305", "The URL domain name already exists,name:%s" % name) from None
        _sync_group(tx, group)
        return _view(domain), 201


def update_domain(project_id, instance_id, group_id, domain_id):
    body = json_body()
    with group_tx(project_id, instance_id, group_id) as (tx, group):
        domain = _domain(tx, group, domain_id)
        values = validate(UPDATE, body, "APIG.2011")
        # The SDK's flags change only when sent; min_ssl_version is required.
        domain.update((k, v) for k, v in values.items() if k in body)
        tx.replace("domain", domain, domain["url_domain"].lower())
        _sync_group(tx, group)
        return _view(domain)


def unbind_domain(project_id, instance_id, group_id, domain_id):
    with group_tx(project_id, instance_id, group_id) as (tx, group):
        _domain(tx, group, domain_id)
        tx.delete("domain", domain_id)
        _sync_group(tx, group)
    return "", 204


# ---------------------------------------------------------------- certificates

def _bad_pem():
    return ApiError("APIG.2106", "Invalid certificate or private key")


def _load(values):
    """(certificate chain, private key) from the PEM texts, or the reference's error."""
    try:
        chain = x509.load_pem_x509_certificates(values["cert_content"].encode())
    except ValueError:
        raise _bad_pem() from None
    try:
        key = serialization.load_pem_private_key(values["private_key"].encode(), password=None)
    except TypeError:  # the key is encrypted and no password was given
        raise ApiError("APIG.2105", "Encrypted private keys are not supported") from None
    except (ValueError, UnsupportedAlgorithm):
        raise _bad_pem() from None
    return chain, key


def _public_bytes(public_key):
    return public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _chain_ok(chain):
    for cert, issuer in zip(chain, chain[1:]):
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            return False
    return True


def dns_names(cert):
    """The certificate's subject CN and SAN DNS names."""
    names = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return names, []
    return names, san.get_values_for_type(x509.DNSName)


def covers(pattern, domain):
    """Whether a certificate name covers ``domain`` (a wildcard stands for exactly one label)."""
    pattern, domain = pattern.lower(), domain.lower()
    if pattern == domain:
        return True
    if pattern.startswith("*."):
        head, _, rest = domain.partition(".")
        return bool(head) and head != "*" and rest == pattern[2:]
    return False


def check_certificate(chain, key, domain, now):
    """The reference's rules (APIG.2101-2104, APIG.3148) for a leaf certificate bound to ``domain``."""
    leaf = chain[0]
    if _public_bytes(key.public_key()) != _public_bytes(leaf.public_key()):
        raise ApiError("APIG.2101", "The certificate and private key do not match")
    if not _chain_ok(chain):
        raise ApiError("APIG.2104", "The certificate chain is not matched")
    if leaf.not_valid_after_utc < now:
        raise ApiError("APIG.2102", "The certificate has expired")
    if leaf.not_valid_after_utc > LATEST_EXPIRY:
        raise ApiError("APIG.3148", "Invalid certificate. Add one that expires before January 19, 2038 "
                                    "03:14:07 UTC")
    common, san = dns_names(leaf)
    if not any(covers(name, domain) for name in common + san):
        raise ApiError("APIG.2103", "The certificate domain name and the custom domain name do not match")


def _signature_algorithm(cert):
    """Go's crypto/x509 spelling, as the gateway prints it (e.g. ``SHA256-RSA``, ``ECDSA-SHA256``)."""
    hash_name = cert.signature_hash_algorithm.name.upper() if cert.signature_hash_algorithm else ""
    public_key = cert.public_key()
    if isinstance(public_key, rsa.RSAPublicKey):
        return hash_name + "-RSA"
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return "ECDSA-" + hash_name
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    return cert.signature_algorithm_oid.dotted_string


def _texts(name, oid):
    return [a.value for a in name.get_attributes_for_oid(oid)]


def details(cert):
    """§3.13.6's view of a certificate."""
    subject = cert.subject
    common, san = dns_names(cert)
    return {
        "common_name": common[0] if common else "",
        "san": san,
        "version": cert.version.value + 1,
        "organization": _texts(subject, NameOID.ORGANIZATION_NAME),
        "organizational_unit": _texts(subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        "locality": _texts(subject, NameOID.LOCALITY_NAME),
        "state": _texts(subject, NameOID.STATE_OR_PROVINCE_NAME),
        "country": _texts(subject, NameOID.COUNTRY_NAME),
        "not_before": cert.not_valid_before_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "not_after": cert.not_valid_after_utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "serial_number": str(cert.serial_number),
        "issuer": _texts(cert.issuer, NameOID.ORGANIZATION_NAME),
        "signature_algorithm": _signature_algorithm(cert),
    }


def bind_certificate(project_id, instance_id, group_id, domain_id):
    body = json_body()
    with group_tx(project_id, instance_id, group_id) as (tx, group):
        domain = _domain(tx, group, domain_id)
        values = validate(CERTIFICATE, body, "APIG.2012")
        chain, key = _load(values)
        check_certificate(chain, key, domain["url_domain"], datetime.datetime.now(datetime.timezone.utc))
        now = now_iso()
        cert_id = new_id()
        # A domain holds one certificate: binding another replaces it. The key is not kept.
        domain.update(ssl_id=cert_id, ssl_name=values["name"], certificate=dict(
            details(chain[0]), id=cert_id, name=values["name"], type="instance", instance_id=instance_id,
            project_id=project_id, create_time=now, update_time=now))
        tx.replace("domain", domain, domain["url_domain"].lower())
        _sync_group(tx, group)
        return dict(_view(domain, "ssl_name", "ssl_id"), instance_id=instance_id, api_group_id=group_id,
                    api_group_name=group["name"]), 201


def _certificate(tx, group, domain_id, certificate_id):
    domain = _domain(tx, group, domain_id)
    if not domain["ssl_id"] or domain["ssl_id"] != certificate_id:
        raise ApiError("APIG.3021", "The SSL certificate does not exist,id:%s" % certificate_id)
    return domain


def show_certificate(project_id, instance_id, group_id, domain_id, certificate_id):
    with group_tx(project_id, instance_id, group_id, write=False) as (tx, group):
        return _certificate(tx, group, domain_id, certificate_id)["certificate"]


def unbind_certificate(project_id, instance_id, group_id, domain_id, certificate_id):
    with group_tx(project_id, instance_id, group_id) as (tx, group):
        domain = _certificate(tx, group, domain_id, certificate_id)
        domain.update(ssl_id="", ssl_name="", certificate=None)
        tx.replace("domain", domain, domain["url_domain"].lower())
        _sync_group(tx, group)
    return "", 204


def register(blueprint):
    base = PREFIX + "/api-groups/<group_id>/domains"
    cert = "/<domain_id>/certificate"
    add_routes(blueprint, base, "domain_", (
        ("", bind_domain, ["POST"]),
        ("/<domain_id>", update_domain, ["PUT"]),
        ("/<domain_id>", unbind_domain, ["DELETE"]),
        (cert, bind_certificate, ["POST"]),
        (cert + "/<certificate_id>", show_certificate, ["GET"]),
        (cert + "/<certificate_id>", unbind_certificate, ["DELETE"])))
