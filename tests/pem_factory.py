"""Test certificates made on the fly with `cryptography`: self-signed or CA-issued, any validity."""
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

_KEYS = []


def _key():
    # RSA key generation is the slow part: a few keys serve every certificate of a run.
    if len(_KEYS) < 3:
        _KEYS.append(rsa.generate_private_key(public_exponent=65537, key_size=2048))
        return _KEYS[-1]
    _KEYS.append(_KEYS.pop(0))
    return _KEYS[-1]


def new_private_key():
    """The PEM of a key no certificate of this module uses."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _name(common_name, organization):
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    return x509.Name(attributes)


class Pem:
    """A certificate (with its chain) and its private key, as PEM text."""

    def __init__(self, cert, key, chain=()):
        self.cert, self.key = cert, key
        self.cert_content = "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in (cert,) + chain)
        self.private_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                             serialization.NoEncryption()).decode()

    def encrypted_key(self, password=b"secret"):
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(password)).decode()

    def fingerprint(self):
        return self.cert.fingerprint(hashes.SHA256()).hex()


def make(common_name, san=(), days=365, not_before_days=-1, issuer=None, organization="Test Org"):
    """A certificate for ``common_name`` (+ ``san`` DNS names) valid from ``not_before_days`` for
    ``days``; self-signed, or signed by the ``issuer`` Pem (then the chain includes it)."""
    key = _key()
    now = datetime.datetime.now(datetime.timezone.utc)
    subject = _name(common_name, organization)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer.cert.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + datetime.timedelta(days=not_before_days))
               .not_valid_after(now + datetime.timedelta(days=not_before_days + days)))
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in san]), critical=False)
    if issuer is None:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Pem(cert, key, (issuer.cert,) if issuer else ())
