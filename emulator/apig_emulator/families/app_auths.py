"""§3.10 app authorizations: an app may call an API in an environment where the API is published
and authorized to it.

Rows ``app_auth``: ``app_id``, ``api_id``, ``env_id``, ``publish_id``, ``auth_time`` and the
authorization's fixed fields; unique per app, API and environment. The authorize call answers
per pair, inside the 201: ``auth_result.status`` SUCCESS or FAILED with the pair's error.
"""
import json

from flask import request

from ..engine import PREFIX, Collection, json_body, new_id, now_iso
from ..schema import Field, validate
from .publication_bindings import (api_view, found, hangs_on_publications, id_list, instance_tx, page,
                                   publication, published_apis, required_arg)

KIND = "app_auth"
COLLECTION = Collection(
    kind=KIND,
    path="app-auths",
    id_param="app_auth_id",
    list_key="auths",
    not_found=("APIG.3009", "The app authorization record does not exist,id:{id}"),
    ops=frozenset({"delete"}),
)
_CREATE = (Field("env_id", required=True, min_len=1, max_len=64), id_list("app_ids"), id_list("api_ids"))
FIXED = {"auth_role": "PROVIDER", "auth_tunnel": "NORMAL", "auth_whitelist": [], "auth_blacklist": []}


def _failed(api_id, app, api, code, msg):
    return {"api_id": api_id, "app_id": app["id"],
            "auth_result": {"status": "FAILED", "error_code": code, "error_msg": msg,
                            "api_name": api["name"] if api else "", "app_name": app["name"]}}


def _authorize(tx, app, api_id, env_id):
    """The answer item for one app and one API; the row is written when it succeeds."""
    api = tx.get("api", api_id)
    if api is None:
        return _failed(api_id, app, None, "APIG.3002", "API %s does not exist" % api_id)
    pub = publication(tx, api_id, env_id)
    if pub is None:
        return _failed(api_id, app, api, "APIG.3015", "The API publication record does not exist,api_id:%s,env_id:%s"
                       % (api_id, env_id))
    if any(r["app_id"] == app["id"] for r in _rows(tx, api_id=api_id, env_id=env_id)):
        return _failed(api_id, app, api, "APIG.3316", "The API authorization record already exists,api_id:%s"
                       % api_id)
    row = {"id": new_id(), "app_id": app["id"], "api_id": api_id, "env_id": env_id, "publish_id": pub["id"],
           "auth_time": now_iso(), **FIXED}
    tx.insert(KIND, row, json.dumps([app["id"], api_id, env_id]))
    return {**{k: row[k] for k in ("id", "api_id", "app_id", "auth_time")}, **FIXED, "visit_params": "",
            "auth_result": {"status": "SUCCESS"}}


def create(project_id, instance_id):
    body = json_body()
    with instance_tx(project_id, instance_id) as tx:
        values = validate(_CREATE, body, "APIG.2011")
        found(tx, "env", values["env_id"])
        apps = [found(tx, "app", app_id) for app_id in dict.fromkeys(values["app_ids"])]
        auths = [_authorize(tx, app, api_id, values["env_id"]) for app in apps
                 for api_id in dict.fromkeys(values["api_ids"])]
        return {"auths": auths}, 201


def _rows(tx, **exact):
    return tx.page(KIND, exact, {}, 0, -1)[1]


def _info(tx, row, api_item):
    """ApiAuthInfo: an authorization with its API (as the binding lists show it) and its app."""
    app = tx.get("app", row["app_id"]) or {}
    return {"id": row["id"], "api_id": api_item["id"], "api_name": api_item["name"],
            "group_name": api_item["group_name"], "api_type": api_item["type"], "api_remark": api_item["remark"],
            "env_id": row["env_id"], "auth_role": row["auth_role"], "auth_time": row["auth_time"],
            "app_name": app.get("name", ""), "app_remark": app.get("remark", ""),
            "app_type": app.get("app_type", "apig"), "app_creator": app.get("creator", "USER"),
            "publish_id": api_item["publish_id"], "group_id": api_item["group_id"],
            "auth_tunnel": row["auth_tunnel"], "auth_whitelist": row["auth_whitelist"],
            "auth_blacklist": row["auth_blacklist"], "visit_param": "", "roma_app_type": "",
            "tags": api_item["tags"], "env_name": api_item["run_env_name"], "app_id": row["app_id"]}


def _authorized(tx, args, keep):
    """ApiAuthInfo of every authorization on the published APIs the filters leave, that ``keep`` accepts."""
    items = []
    for api, pub in published_apis(tx, args):
        for row in _rows(tx, api_id=api["id"], env_id=pub["env_id"]):
            item = _info(tx, row, api_view(tx, api, pub))
            if keep(item):
                items.append(item)
    return items


def apis_of_app(project_id, instance_id):
    with instance_tx(project_id, instance_id, write=False) as tx:
        app = found(tx, "app", required_arg("app_id"))
        group_name = request.args.get("group_name")
        items = _authorized(tx, request.args, lambda item: item["app_id"] == app["id"] and (
            not group_name or group_name in item["group_name"]))
        return page(items, "auths")


def apps_of_api(project_id, instance_id):
    with instance_tx(project_id, instance_id, write=False) as tx:
        if request.args.get("api_id"):
            found(tx, "api", request.args["api_id"])
        app_id, app_name = request.args.get("app_id"), request.args.get("app_name")
        items = _authorized(tx, {k: v for k, v in request.args.items() if k != "api_name"}, lambda item: (
            not app_id or item["app_id"] == app_id) and (not app_name or app_name in item["app_name"]))
        return page(items, "auths")


def unauthorized_apis(project_id, instance_id):
    """ApiOutline of the APIs published in the environment that the app may not call yet."""
    with instance_tx(project_id, instance_id, write=False) as tx:
        app = found(tx, "app", required_arg("app_id"))
        env_id = required_arg("env_id")
        items = []
        for api, pub in published_apis(tx, request.args):
            if not any(r["app_id"] == app["id"] for r in _rows(tx, api_id=api["id"], env_id=env_id)):
                view = api_view(tx, api, pub)
                items.append({k: view[k] for k in ("auth_type", "run_env_name", "group_name", "publish_id", "group_id",
                                                   "name", "remark", "run_env_id", "id", "req_uri", "tags")})
        return page(items, "apis")


def register(blueprint):
    base = PREFIX + "/app-auths"
    for rule, view, method in (
            ("", create, "POST"),
            ("/binded-apis", apis_of_app, "GET"),
            ("/binded-apps", apps_of_api, "GET"),
            # The SDK says unbinded-apis, the reference unbound-apis.
            ("/unbinded-apis", unauthorized_apis, "GET"),
            ("/unbound-apis", unauthorized_apis, "GET")):
        endpoint = "app_auth_%s%s" % (view.__name__, rule.replace("/", "_").replace("-", "_"))
        blueprint.add_url_rule(base + rule, endpoint=endpoint, view_func=view, methods=[method])
    hangs_on_publications(KIND)
