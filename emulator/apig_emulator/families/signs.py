"""§3.6 signature keys.

``sign_key``/``sign_secret`` follow the rules of their ``sign_type`` (§3.6.1); left out on
create they are generated, left out on update the stored ones stay unless the type changes.
Deleting a key removes its bindings (§3.6.3; kind ``signature_binding`` with ``sign_id``).
"""
import re
import uuid

from ..engine import Collection, new_id, now_iso
from ..errors import invalid
from ..schema import Field
from .apis import NAME_PATTERN
from .throttles import count

SECRET_CHARS = r"A-Za-z0-9_\-!@#$%"
B64_CHARS = r"A-Za-z0-9_\-!@#$%+/="
AES_KEY_LENGTHS = {"aes-128-cfb": 16, "aes-256-cfb": 32}

# sign_type -> (key pattern, secret pattern); aes keys depend on the algorithm (below).
RULES = {
    "hmac": (r"[A-Za-z0-9][A-Za-z0-9_\-]{7,31}", r"[A-Za-z0-9][%s]{15,63}" % SECRET_CHARS),
    "basic": (r"[A-Za-z][A-Za-z0-9_\-]{3,31}", r"[A-Za-z0-9][%s]{7,63}" % SECRET_CHARS),
    "public_key": (r"[A-Za-z0-9+/][A-Za-z0-9_\-+/=]{7,511}", r"[A-Za-z0-9+/][%s]{14,2047}" % B64_CHARS),
    "aes": (None, r"[A-Za-z0-9+/][%s]{15}" % B64_CHARS),
}

_SIGN = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("sign_type", enum=tuple(RULES), default="hmac"),
    Field("sign_key"),
    Field("sign_secret"),
    Field("sign_algorithm", enum=tuple(AES_KEY_LENGTHS)),
)


def _hex(length):
    return (uuid.uuid4().hex + uuid.uuid4().hex)[:length]


def _generated(sign_type, algorithm):
    """A key and a secret valid for the type (the letter first suits every type)."""
    if sign_type == "aes":
        return "k" + _hex(AES_KEY_LENGTHS[algorithm] - 1), "s" + _hex(15)
    return "k" + _hex(31), "s" + _hex(31)


def complete(values, old=None):
    """``values`` with the algorithm, key and secret checked, kept or generated."""
    sign_type = values["sign_type"]
    if sign_type == "aes":
        values["sign_algorithm"] = values["sign_algorithm"] or "aes-128-cfb"
    elif values["sign_algorithm"]:
        raise invalid("sign_algorithm", "APIG.2011")
    values["sign_algorithm"] = values["sign_algorithm"] or ""
    same_kind = old is not None and (old["sign_type"], old["sign_algorithm"]) == (sign_type, values["sign_algorithm"])
    key, secret = _generated(sign_type, values["sign_algorithm"])
    for field, generated in (("sign_key", key), ("sign_secret", secret)):
        if values[field] is None:
            values[field] = old[field] if same_kind else generated
    key_rule, secret_rule = RULES[sign_type]
    if sign_type == "aes":
        key_rule = r"[A-Za-z0-9+/][%s]{%d}" % (B64_CHARS, AES_KEY_LENGTHS[values["sign_algorithm"]] - 1)
    if not re.fullmatch(key_rule, values["sign_key"]):
        raise invalid("sign_key", "APIG.2011")
    if not re.fullmatch(secret_rule, values["sign_secret"]):
        raise invalid("sign_secret", "APIG.2011")
    return values


def build(values):
    now = now_iso()
    return {"id": new_id(), **complete(values), "create_time": now, "update_time": now}


def on_update(new, old):
    return {**complete(new, old), "update_time": now_iso()}


def render(tx, sign):
    return {**sign, "bind_num": count(tx, "signature_binding", "sign_id", sign["id"]), "ldapi_bind_num": 0}


COLLECTION = Collection(
    kind="signature",
    path="signs",
    id_param="sign_id",
    list_key="signs",
    not_found=("APIG.3017", "Signature key {id} does not exist"),
    create=_SIGN,
    update=_SIGN,
    create_invalid="APIG.2011",
    update_invalid="APIG.2011",
    ops=frozenset({"create", "update", "delete", "list"}),
    unique=("name",),
    unique_error=("APIG.3207", "The signature key name already exists,name:{name}"),
    exact_filters={"id": "id"},
    name_filters={"name": "name"},
    cascade=(("signature_binding", "sign_id"),),
    build=build,
    on_update=on_update,
    render=render,
)
