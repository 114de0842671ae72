"""§3.14 ACL policies, including the batch delete that answers per item inside a 200.

A policy bound to an API (§3.15, kind ``acl_binding`` with ``acl_id``) can't be deleted
(``APIG.3447``); its ``entity_type`` can't change (§3.14.2 lists the fields an update changes).
"""
import ipaddress
import re

from flask import request

from ..engine import PREFIX, Collection, Guard, json_body, new_id, now_iso, require_instance, store
from ..errors import ApiError, invalid
from ..schema import Field, validate
from ..storage import Scope
from .apis import NAME_PATTERN
from .throttles import count

DOMAIN_VALUE = re.compile(r"[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9_\-.\u4e00-\u9fa5]{0,63}")

_ACL = (
    Field("acl_name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("acl_type", required=True, enum=("PERMIT", "DENY")),
    Field("acl_value", required=True, min_len=1, max_len=4096),
    Field("entity_type", required=True, enum=("IP", "DOMAIN")),
)
_BATCH = (Field("acls", list, required=True, item=Field("acls", min_len=1, max_len=64)),)
BOUND = ("APIG.3447", "The access control policy has been bound to APIs")


def _ip_value(value):
    """An address, a CIDR block or a range ``a-b`` of IPv4 addresses."""
    try:
        if "-" in value:
            low, high = (ipaddress.IPv4Address(part) for part in value.split("-", 1))
            return low <= high
        ipaddress.IPv4Network(value, strict=False)
        return True
    except ValueError:
        return False


def check_values(tx, new, old):
    if old is not None and new["entity_type"] != old["entity_type"]:
        raise invalid("entity_type", "APIG.2011")
    valid = _ip_value if new["entity_type"] == "IP" else DOMAIN_VALUE.fullmatch
    if not all(valid(value) for value in new["acl_value"].split(",")):
        raise invalid("acl_value", "APIG.2011")


def build(values):
    return {"id": new_id(), **values, "update_time": now_iso()}


def touch(new, old):
    return {**new, "update_time": now_iso()}


def render(tx, acl):
    return {**acl, "bind_num": count(tx, "acl_binding", "acl_id", acl["id"])}


COLLECTION = Collection(
    kind="acl",
    path="acls",
    id_param="acl_id",
    list_key="acls",
    not_found=("APIG.3006", "Access control policy {id} does not exist"),
    create=_ACL,
    update=_ACL,
    create_invalid="APIG.2011",
    update_invalid="APIG.2011",
    unique=("acl_name",),
    unique_error=("APIG.3206", "The access control policy name already exists,name:{name}"),
    exact_filters={"id": "id", "acl_type": "acl_type", "entity_type": "entity_type"},
    name_filters={"name": "acl_name"},
    guards=(Guard("acl_binding", "acl_id", BOUND[0],
                  "The access control policy cannot be deleted because it has been bound to APIs"),),
    check=check_values,
    build=build,
    on_update=touch,
    render=render,
)


def batch_delete(project_id, instance_id):
    """§3.14.4: ``action=delete`` (query, or body); failures are reported per policy."""
    body = json_body()
    if (request.args.get("action") or body.get("action")) != "delete":
        raise ApiError("APIG.2011", 'Invalid parameter value: parameter action should be "delete"')
    values = validate(_BATCH, body, "APIG.2011")
    failures, deleted = [], 0
    with store().transaction(Scope(project_id, instance_id)) as tx:
        require_instance(tx)
        for acl_id in values["acls"]:
            acl = tx.get(COLLECTION.kind, acl_id)
            if acl is None:
                error = COLLECTION.missing_error(acl_id)
                failures.append({"acl_id": acl_id, "acl_name": "", "error_code": error.code,
                                 "error_msg": error.msg})
            elif tx.exists_where("acl_binding", "acl_id", acl_id):
                failures.append({"acl_id": acl_id, "acl_name": acl["acl_name"], "error_code": BOUND[0],
                                 "error_msg": BOUND[1]})
            else:
                tx.delete(COLLECTION.kind, acl_id)
                deleted += 1
    return {"success_count": deleted, "failure": failures}


def register(blueprint):
    blueprint.add_url_rule(PREFIX + "/acls", endpoint="acl_batch_delete", view_func=batch_delete, methods=["PUT"])
