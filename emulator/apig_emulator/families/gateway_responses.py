"""§3.20 gateway responses of a group: the error bodies the gateway answers with, per error type.

A response is a row of kind ``gateway_response`` (with ``group_id``) that keeps only its
customized entries (``custom``); every other error type shows the gateway's default. Each
group has a response named ``default`` that can't be deleted or renamed; it is created the
first time the group's responses are touched, so groups need no hook of this family.
"""
from contextlib import contextmanager

from flask import request

from ..engine import PREFIX, Collection, add_routes, json_body, list_page, new_id, now_iso
from ..errors import ApiError, invalid
from ..schema import Field, validate
from ..storage import IntegrityError
from .domains import group_tx

DEFAULT_BODY = ('{"error_code":"$context.error.code","error_msg":"$context.error.message",'
                '"request_id":"$context.requestId"}')
# Error type -> the gateway's status for it (DEFAULT_4XX/5XX keep the status of the error itself).
DEFAULT_STATUS = {
    "AUTH_FAILURE": 401, "AUTH_HEADER_MISSING": 401, "AUTHORIZER_FAILURE": 500, "AUTHORIZER_CONF_FAILURE": 500,
    "AUTHORIZER_IDENTITY_FAILURE": 401, "BACKEND_UNAVAILABLE": 502, "BACKEND_TIMEOUT": 504, "THROTTLED": 429,
    "UNAUTHORIZED": 401, "ACCESS_DENIED": 403, "NOT_FOUND": 404, "REQUEST_PARAMETERS_FAILURE": 400,
    "DEFAULT_4XX": None, "DEFAULT_5XX": None,
}
DEFAULT_NAME = "default"
# Custom responses a group may hold besides its default one (APIG.3136).
MAX_RESPONSES_PER_GROUP = 4

ENTRY = (Field("status", int, minimum=200, maximum=599),
         Field("body", max_len=2048),
         Field("headers", list, fields=(Field("key", required=True, min_len=1, max_len=128),
                                        Field("value", max_len=1024, default=""))))
_NAME = Field("name", required=True, min_len=1, max_len=64,
              pattern=u"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\\-\u4e00-\u9fa5]*")
RESPONSE = (_NAME, Field("responses", dict))
NOT_FOUND = ("APIG.3007", "The gateway response does not exist,id:{id}")


def render(response):
    return {"name": response["name"], "responses": {t: _shown(t, response["custom"]) for t in DEFAULT_STATUS},
            "id": response["id"], "default": response["default"], "create_time": response["create_time"],
            "update_time": response["update_time"]}


# Paging, the 404 and the view; the routes are this module's own (everything sits under a group).
COLLECTION = Collection(kind="gateway_response", path="", id_param="response_id", list_key="responses",
                        not_found=NOT_FOUND, ops=frozenset(), exact_filters={"group_id": "group_id"},
                        render=lambda tx, response: render(response))


def _entries(values):
    """The ``responses`` map checked: known error types, each a ResponseInfo."""
    clean = {}
    for error_type, entry in (values.get("responses") or {}).items():
        if error_type not in DEFAULT_STATUS:
            raise invalid("responses", "APIG.2011")
        if not isinstance(entry, dict):
            raise invalid("responses." + error_type, "APIG.2011")
        clean[error_type] = _entry(error_type, entry, "responses.%s." % error_type)
    return clean


def _entry(error_type, body, prefix=""):
    values = validate(ENTRY, body, "APIG.2011", prefix)
    entry = {"status": values["status"] or DEFAULT_STATUS[error_type], "body": values["body"] or DEFAULT_BODY}
    if values["headers"]:
        entry["headers"] = values["headers"]
    return entry


def _shown(error_type, custom):
    """One ResponseInfoResp: the custom entry, or the type's default."""
    entry = custom.get(error_type)
    if entry is None:
        entry = {"body": DEFAULT_BODY, "status": DEFAULT_STATUS[error_type]}
    shown = {k: v for k, v in entry.items() if v is not None}
    shown["default"] = error_type not in custom
    return shown


def _key(response):
    return "%s/%s" % (response["group_id"], response["name"])


def _write(tx, response, method):
    try:
        method("gateway_response", response, _key(response))
    except IntegrityError:
        raise ApiError("APIG.3216", "The response name already exists,name:%s" % response["name"]) from None


def _responses(tx, group_id):
    return tx.page("gateway_response", {"group_id": group_id}, {}, 0, -1)[1]


def _ensure_default(tx, group_id):
    if not any(r["default"] for r in _responses(tx, group_id)):
        now = now_iso()
        _write(tx, {"id": new_id(), "group_id": group_id, "name": DEFAULT_NAME, "default": True, "custom": {},
                    "create_time": now, "update_time": now}, tx.insert)


@contextmanager
def _group_responses(project_id, instance_id, group_id):
    """A write transaction on the group's responses, its default response in place."""
    with group_tx(project_id, instance_id, group_id) as (tx, _):
        _ensure_default(tx, group_id)
        yield tx


def _response(tx, group_id, response_id):
    response = tx.get("gateway_response", response_id)
    if response is None or response["group_id"] != group_id:
        raise COLLECTION.missing_error(response_id)
    return response


def _error_type(error_type):
    if error_type not in DEFAULT_STATUS:
        raise invalid("response_type", "APIG.2012")
    return error_type


def create_response(project_id, instance_id, group_id):
    body = json_body()
    with _group_responses(project_id, instance_id, group_id) as tx:
        values = validate(RESPONSE, body, "APIG.2011")
        custom = _entries(values)
        if sum(not r["default"] for r in _responses(tx, group_id)) >= MAX_RESPONSES_PER_GROUP:
            raise ApiError("APIG.3136", "The number of responses exceeds the maximum allowed limit")
        now = now_iso()
        response = {"id": new_id(), "group_id": group_id, "name": values["name"], "default": False,
                    "custom": custom, "create_time": now, "update_time": now}
        _write(tx, response, tx.insert)
        return render(response), 201


def list_responses(project_id, instance_id, group_id):
    with _group_responses(project_id, instance_id, group_id) as tx:
        return list_page(tx, COLLECTION, dict(request.args.to_dict(), group_id=group_id))


def show_response(project_id, instance_id, group_id, response_id):
    with _group_responses(project_id, instance_id, group_id) as tx:
        return render(_response(tx, group_id, response_id))


def update_response(project_id, instance_id, group_id, response_id):
    """The name is replaced; the entries given are customized, the others stay as they are."""
    body = json_body()
    with _group_responses(project_id, instance_id, group_id) as tx:
        response = _response(tx, group_id, response_id)
        values = validate(RESPONSE, body, "APIG.2011")
        if response["default"] and values["name"] != response["name"]:
            raise ApiError("APIG.3492", "The default response name cannot be modified")
        response["custom"].update(_entries(values))
        response.update(name=values["name"], update_time=now_iso())
        _write(tx, response, tx.replace)
        return render(response)


def delete_response(project_id, instance_id, group_id, response_id):
    with _group_responses(project_id, instance_id, group_id) as tx:
        if _response(tx, group_id, response_id)["default"]:
            raise ApiError("APIG.3491", "The default response cannot be deleted")
        tx.delete("gateway_response", response_id)
    return "", 204


def show_type(project_id, instance_id, group_id, response_id, response_type):
    with _group_responses(project_id, instance_id, group_id) as tx:
        response = _response(tx, group_id, response_id)
        return {response_type: _shown(_error_type(response_type), response["custom"])}


def update_type(project_id, instance_id, group_id, response_id, response_type):
    body = json_body()
    with _group_responses(project_id, instance_id, group_id) as tx:
        response = _response(tx, group_id, response_id)
        response["custom"][_error_type(response_type)] = _entry(response_type, body)
        response["update_time"] = now_iso()
        _write(tx, response, tx.replace)
        return {response_type: _shown(response_type, response["custom"])}


def delete_type(project_id, instance_id, group_id, response_id, response_type):
    """The type falls back to the gateway's default."""
    with _group_responses(project_id, instance_id, group_id) as tx:
        response = _response(tx, group_id, response_id)
        if response["custom"].pop(_error_type(response_type), None) is not None:
            response["update_time"] = now_iso()
            _write(tx, response, tx.replace)
    return "", 204


def register(blueprint):
    base = PREFIX + "/api-groups/<group_id>/gateway-responses"
    one = "/<response_id>"
    add_routes(blueprint, base, "gateway_response_", (
        ("", create_response, ["POST"]),
        ("", list_responses, ["GET"]),
        (one, show_response, ["GET"]),
        (one, update_response, ["PUT"]),
        (one, delete_response, ["DELETE"]),
        (one + "/<response_type>", show_type, ["GET"]),
        (one + "/<response_type>", update_type, ["PUT"]),
        (one + "/<response_type>", delete_type, ["DELETE"])))
