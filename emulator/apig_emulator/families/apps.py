"""§3.12 apps, their secrets and their app codes.

Rows: ``app`` (``id, name, remark, app_key, app_secret, creator, status, app_type,
register_time, update_time``; unique name, unique ``app_key``) and ``app_code`` (``id, app_id,
app_code, create_time``; a value is unique within the instance, since it alone identifies the
app in simple authentication). Deleting an app removes its app codes and its authorizations
(``app_auth`` rows of §3.10, keyed by ``app_id``).

The "custom key and secret" switch (``APP_KEY_SECRET_SWITCH``, §3.23) is taken as on: a create,
an update and a secret reset accept a caller's ``app_key``/``app_secret``.
"""
import dataclasses
import secrets
from contextlib import contextmanager

from flask import request

from ..engine import PREFIX, Collection, json_body, list_page, new_id, now_iso, paging, require_instance, store, \
    update_view
from ..errors import ApiError, invalid
from ..schema import Field, validate
from ..storage import IntegrityError, Scope

NAME_PATTERN = r"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*"
# The reference allows keys and secrets of 8-64 characters; the SDK documents what the live
# service accepts today, 8-200 (key) and 8-128 (secret), which includes the reference's range.
KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_\-]*"
SECRET_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_\-!@#$%]*"
# The reference: letters, + ! @ # $ % / =, starting with a letter, + or /; the SDK adds digits,
# _ and - (and its examples have digits). 64-180 characters.
CODE_PATTERN = r"[A-Za-z0-9+/][A-Za-z0-9+_!@#$%\-/=]*"
APPS_PER_INSTANCE = 50   # APP_NUM_LIMIT
CODES_PER_APP = 5        # APP_CODE_NUM_LIMIT
INVALID = "APIG.2011"

_SECRET = Field("app_secret", min_len=8, max_len=128, pattern=SECRET_PATTERN)
_BODY = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("remark", max_len=255, default=""),
    Field("app_key", min_len=8, max_len=200, pattern=KEY_PATTERN),
    _SECRET,
)
_CODE = (Field("app_code", required=True, min_len=64, max_len=180, pattern=CODE_PATTERN),)


def generated():
    """A key or secret as the gateway makes them: 32 random lowercase hex digits."""
    return secrets.token_hex(16)


def build(values):
    now = now_iso()
    return {"id": new_id(), "name": values["name"], "remark": values["remark"], "creator": "USER",
            "update_time": now, "app_key": values["app_key"] or generated(),
            "app_secret": values["app_secret"] or generated(), "register_time": now, "status": 1,
            "app_type": "apig"}


def on_update(new, old):
    """name and remark are replaced; key and secret only when the body carries them."""
    for name in ("app_key", "app_secret"):
        new[name] = new[name] or old[name]
    return {**new, "update_time": now_iso()}


def check_app_rules(tx, new, old):
    """The app quota (APIG.3103); an AppKey identifies one app in the instance (APIG.3310)."""
    if old is None and tx.page("app", {}, {}, 0, 0)[0] >= APPS_PER_INSTANCE:
        raise ApiError("APIG.3103", "The number of apps exceeds the maximum allowed limit")
    if any(other["id"] != new["id"] for other in tx.page("app", {"app_key": new["app_key"]}, {}, 0, 2)[1]):
        raise ApiError("APIG.3310", "The AppKey already exists,app_key:%s" % new["app_key"])


COLLECTION = Collection(
    kind="app",
    path="apps",
    id_param="app_id",
    list_key="apps",
    not_found=("APIG.3004", "App {id} does not exist"),
    # update answers 201 and the list adds bind_num: both are served below.
    ops=frozenset({"create", "show", "delete"}),
    create=_BODY,
    update=_BODY,
    create_invalid=INVALID,
    update_invalid=INVALID,
    unique=("name",),
    unique_error=("APIG.3203", "The app name already exists,name:{name}"),
    exact_filters={"id": "id", "status": "status", "app_key": "app_key", "creator": "creator"},
    name_filters={"name": "name"},
    cascade=(("app_code", "app_id"), ("app_auth", "app_id")),
    build=build,
    on_update=on_update,
    check=check_app_rules,
)


def _with_bind_num(tx, app):
    """A list item: the app and how many API authorizations it has."""
    return {**app, "bind_num": tx.page("app_auth", {"app_id": app["id"]}, {}, 0, 0)[0]}


_LISTED = dataclasses.replace(COLLECTION, render=_with_bind_num)
_update = update_view(COLLECTION)


def update_app(project_id, instance_id, app_id):
    return _update(project_id, instance_id, app_id=app_id), 201


def list_apps(project_id, instance_id):
    with _instance_tx(project_id, instance_id, write=False) as tx:
        return list_page(tx, _LISTED, request.args)


@contextmanager
def _instance_tx(project_id, instance_id, write=True):
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        yield tx


def _optional_body():
    """The JSON object sent, or {} when the request has no body (the SDK may send none)."""
    return json_body() if request.get_data(cache=True).strip() else {}


def reset_secret(project_id, instance_id, app_id):
    """§3.12.4: a new secret, the caller's or a generated one."""
    values = validate((_SECRET,), _optional_body(), INVALID)
    with _instance_tx(project_id, instance_id) as tx:
        app = COLLECTION.get_or_404(tx, app_id)
        app = {**app, "app_secret": values["app_secret"] or generated(), "update_time": now_iso()}
        tx.replace("app", app, COLLECTION.unique_key(app))
        return app


def check_app(project_id, instance_id, app_id):
    """§3.12.5: whether the app exists, with only its id, name and remark."""
    with _instance_tx(project_id, instance_id, write=False) as tx:
        app = COLLECTION.get_or_404(tx, app_id)
        return {"id": app["id"], "name": app["name"], "remark": app["remark"]}


# ---------------------------------------------------------------- app codes (§3.12.8-§3.12.12)

def _code_not_found(code_id):
    return ApiError("APIG.3082", "The AppCode does not exist,id:%s" % code_id)


def _add_code(tx, app_id, value):
    COLLECTION.get_or_404(tx, app_id)
    if tx.page("app_code", {"app_id": app_id}, {}, 0, 0)[0] >= CODES_PER_APP:
        raise ApiError("APIG.3131", "The number of AppCodes exceeds the maximum allowed limit")
    code = {"app_code": value, "id": new_id(), "app_id": app_id, "create_time": now_iso()}
    try:
        tx.insert("app_code", code, value)
    except IntegrityError:
        raise invalid("app_code", INVALID) from None
    return code


def create_code(project_id, instance_id, app_id):
    values = validate(_CODE, json_body(), INVALID)
    with _instance_tx(project_id, instance_id) as tx:
        return _add_code(tx, app_id, values["app_code"]), 201


def generate_code(project_id, instance_id, app_id):
    """§3.12.9: 64 random characters (lowercase hex digits, as the reference's example)."""
    with _instance_tx(project_id, instance_id) as tx:
        return _add_code(tx, app_id, secrets.token_hex(32)), 201


def _code_or_404(tx, app_id, code_id):
    COLLECTION.get_or_404(tx, app_id)
    code = tx.get("app_code", code_id)
    if code is None or code["app_id"] != app_id:
        raise _code_not_found(code_id)
    return code


def show_code(project_id, instance_id, app_id, app_code_id):
    with _instance_tx(project_id, instance_id, write=False) as tx:
        # The reference documents 201 for this GET.
        return _code_or_404(tx, app_id, app_code_id), 201


def delete_code(project_id, instance_id, app_id, app_code_id):
    with _instance_tx(project_id, instance_id) as tx:
        tx.delete("app_code", _code_or_404(tx, app_id, app_code_id)["id"])
    return "", 204


def list_codes(project_id, instance_id, app_id):
    offset, limit = paging(request.args)
    with _instance_tx(project_id, instance_id, write=False) as tx:
        COLLECTION.get_or_404(tx, app_id)
        total, codes = tx.page("app_code", {"app_id": app_id}, {}, offset, limit)
        return {"size": len(codes), "total": total, "app_codes": codes}


def register(blueprint):
    """Update, list, secret reset, validation and the app codes."""
    base = PREFIX + "/apps"
    for rule, view, methods in (
            ("", list_apps, ["GET"]),
            ("/<app_id>", update_app, ["PUT"]),
            ("/secret/<app_id>", reset_secret, ["PUT"]),
            ("/validation/<app_id>", check_app, ["GET"]),
            ("/<app_id>/app-codes", create_code, ["POST"]),
            ("/<app_id>/app-codes", generate_code, ["PUT"]),
            ("/<app_id>/app-codes", list_codes, ["GET"]),
            ("/<app_id>/app-codes/<app_code_id>", show_code, ["GET"]),
            ("/<app_id>/app-codes/<app_code_id>", delete_code, ["DELETE"])):
        blueprint.add_url_rule(base + rule, endpoint="app_" + view.__name__, view_func=view, methods=methods)
