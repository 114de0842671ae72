"""§3.4 request throttling policies and §3.9 their special throttles (excluded configurations).

Rows: ``throttle`` (the policy) and ``special_throttle`` (``throttle_id``, ``object_type``,
``object_id``, ``call_limits``; stored with the policy as parent, one per object). Bindings
(§3.8, kind ``throttle_binding`` with ``strategy_id``) block a policy's deletion; its special
throttles go with it.
"""
import json
from contextlib import contextmanager

from flask import request

from ..engine import (PREFIX, Collection, Guard, json_body, list_page, new_id, now_iso, require_instance,
                      store)
from ..errors import ApiError, param_error
from ..schema import Field, validate
from ..storage import IntegrityError, Scope
from .apis import NAME_PATTERN

MAX_LIMIT = 2147483647
LIMITS = ("api_call_limits", "user_call_limits", "app_call_limits", "ip_call_limits")


def _limit(name, required=False):
    # 0 (the stored value of a limit never set) means "no limit of this kind".
    return Field(name, int, required=required, minimum=1 if required else 0, maximum=MAX_LIMIT,
                 default=None if required else 0)


_THROTTLE = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("remark", max_len=255, default=""),
    _limit("api_call_limits", required=True),
    _limit("user_call_limits"),
    _limit("app_call_limits"),
    _limit("ip_call_limits"),
    Field("time_interval", int, required=True, minimum=1, maximum=MAX_LIMIT),
    Field("time_unit", required=True, enum=("SECOND", "MINUTE", "HOUR", "DAY")),
    Field("type", int, enum=(1, 2), default=1),
    Field("enable_adaptive_control", enum=("TRUE", "FALSE"), default="FALSE"),
)


def _too_large(name):
    return param_error("APIG.2003", "The parameter value is too large", name)


def check_limits(tx, new, old):
    """user <= API, app <= user (API when no user limit), IP <= API (§3.4.1)."""
    api, user = new["api_call_limits"], new["user_call_limits"]
    if user > api:
        raise _too_large("user_call_limits")
    if new["app_call_limits"] > (user or api):
        raise _too_large("app_call_limits")
    if new["ip_call_limits"] > api:
        raise _too_large("ip_call_limits")


def build(values):
    return {"id": new_id(), **values, "create_time": now_iso()}


def count(tx, kind, field, value):
    return tx.page(kind, {field: value}, {}, 0, 1)[0]


def render(tx, throttle):
    specials = count(tx, "special_throttle", "throttle_id", throttle["id"])
    # The SDK's spelling of the flag (the reference's tables say is_includ_special_throttle).
    return {**throttle, "bind_num": count(tx, "throttle_binding", "strategy_id", throttle["id"]),
            "is_inclu_special_throttle": 1 if specials else 2}


COLLECTION = Collection(
    kind="throttle",
    path="throttles",
    id_param="throttle_id",
    list_key="throttles",
    not_found=("APIG.3005", "Request throttling policy {id} does not exist"),
    create=_THROTTLE,
    update=_THROTTLE,
    create_invalid="APIG.2011",
    update_invalid="APIG.2011",
    unique=("name",),
    unique_error=("APIG.3204", "The request throttling policy name already exists,name:{name}"),
    exact_filters={"id": "id"},
    name_filters={"name": "name"},
    guards=(Guard("throttle_binding", "strategy_id", "APIG.3451",
                  "The request throttling policy cannot be deleted because it has been bound to APIs"),),
    cascade=(("special_throttle", "throttle_id"),),
    build=build,
    check=check_limits,
    render=render,
)

# -- §3.9 special throttles: served by the routes below, under their policy ----------------------

SPECIAL = Collection(
    kind="special_throttle",
    path="throttles/<throttle_id>/throttle-specials",
    id_param="strategy_id",
    list_key="throttle_specials",
    not_found=("APIG.3013", "Excluded request throttling configuration {id} does not exist"),
    create=(Field("call_limits", int, required=True, minimum=1, maximum=MAX_LIMIT),
            Field("object_id", required=True, min_len=1, max_len=64),
            Field("object_type", required=True, enum=("APP", "USER"))),
    update=(Field("call_limits", int, required=True, minimum=1, maximum=MAX_LIMIT),),
    ops=frozenset(),
    exact_filters={"throttle_id": "throttle_id", "object_type": "object_type"},
    name_filters={"app_name": "app_name", "user": "object_name"},
)


@contextmanager
def _policy_tx(project_id, instance_id, throttle_id, write=True):
    """A transaction on the instance, once the policy in the URL is known to exist."""
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        COLLECTION.get_or_404(tx, throttle_id)
        yield tx


def _special_or_404(tx, throttle_id, strategy_id):
    special = tx.get(SPECIAL.kind, strategy_id, parent_id=throttle_id)
    if special is None:
        raise SPECIAL.missing_error(strategy_id)
    return special


def _with_object(tx, special):
    """The special throttle with its object's current names (an app may have been renamed)."""
    if special["object_type"] != "APP":
        return special
    app = tx.get("app", special["object_id"])
    name = app["name"] if app else special["app_name"]
    return {**special, "app_name": name, "object_name": name}


def create_special(project_id, instance_id, throttle_id):
    body = json_body()
    with _policy_tx(project_id, instance_id, throttle_id) as tx:
        values = validate(SPECIAL.create, body, "APIG.2011")
        special = {"id": new_id(), "throttle_id": throttle_id, **values, "apply_time": now_iso(),
                   "app_id": "", "app_name": "", "object_name": values["object_id"]}
        if values["object_type"] == "APP":
            app = tx.get("app", values["object_id"])
            if app is None:
                raise ApiError("APIG.3004", "App %s does not exist" % values["object_id"])
            special.update(app_id=app["id"], app_name=app["name"], object_name=app["name"])
        try:
            tx.insert(SPECIAL.kind, special, json.dumps([values["object_type"], values["object_id"]]),
                      parent_id=throttle_id)
        except IntegrityError:
            raise ApiError("APIG.3308", "The excluded request throttling configuration already exists,object_id:%s"
                           % values["object_id"]) from None
        return special, 201


def update_special(project_id, instance_id, throttle_id, strategy_id):
    body = json_body()
    with _policy_tx(project_id, instance_id, throttle_id) as tx:
        special = _special_or_404(tx, throttle_id, strategy_id)
        special.update(validate(SPECIAL.update, body, "APIG.2011"))
        tx.replace(SPECIAL.kind, special, json.dumps([special["object_type"], special["object_id"]]))
        return _with_object(tx, special)


def delete_special(project_id, instance_id, throttle_id, strategy_id):
    with _policy_tx(project_id, instance_id, throttle_id) as tx:
        _special_or_404(tx, throttle_id, strategy_id)
        tx.delete(SPECIAL.kind, strategy_id)
    return "", 204


def list_specials(project_id, instance_id, throttle_id):
    with _policy_tx(project_id, instance_id, throttle_id, write=False) as tx:
        page = list_page(tx, SPECIAL, {**request.args.to_dict(), "throttle_id": throttle_id})
        page[SPECIAL.list_key] = [_with_object(tx, s) for s in page[SPECIAL.list_key]]
        return page


COLLECTIONS = (COLLECTION, SPECIAL)


def register(blueprint):
    base = PREFIX + "/throttles/<throttle_id>/throttle-specials"
    for rule, view, methods in (
            ("", create_special, ["POST"]),
            ("", list_specials, ["GET"]),
            ("/<strategy_id>", update_special, ["PUT"]),
            ("/<strategy_id>", delete_special, ["DELETE"])):
        blueprint.add_url_rule(base + rule, endpoint="special_throttle_" + view.__name__, view_func=view,
                               methods=methods)
