"""§3.5 APIs: definitions through the generic engine, plus publishing, versions, runtime
definitions and debugging.

Bookkeeping rows: ``publish`` (one per API and environment it is published in: ``api_id``,
``env_id``, ``version_id``, ``publish_time``, ``remark`` and the API's ``api_update_time`` at
that moment) and ``api_version`` (one per publication: ``api_id``, ``env_id``, ``env_name``,
``version_no``, ``remark``, ``publish_time`` and the API ``definition`` snapshot; at most
``VERSIONS_KEPT`` per API and environment). A version is in effect when its environment's
``publish`` row names it.
"""
import http.client
import json
import re
import time
from contextlib import contextmanager
from urllib.parse import urlencode

from flask import request

from ..engine import PREFIX, Collection, Guard, json_body, new_id, now_iso, paging, require_instance, store
from ..errors import ApiError, invalid, missing, param_error, serialization
from ..schema import Field, validate
from ..storage import Scope
from . import environments

METHODS = ("GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY")
LOCATIONS = ("PATH", "QUERY", "HEADER")
MAX_TIMEOUT = 60000      # default max_timeout of the backend_timeout feature (ms)
VERSIONS_KEPT = 10       # per API and environment (§3.5.9)
MAX_DEBUG_BODY = 2097152

NAME_PATTERN = r"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*"
# The table forbids spaces in policy names, but the reference's own example uses one.
POLICY_NAME_PATTERN = r"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_ \u4e00-\u9fa5]*"
PARAM_NAME_PATTERN = r"[A-Za-z][A-Za-z0-9\-_.]*"
FRONTEND_URI_PATTERN = r"/[A-Za-z0-9\-_.~*%/{}+]*"
BACKEND_URI_PATTERN = r"/[A-Za-z0-9\-_.~*%/{}+#]*"    # backends may use #variable# placeholders
DOMAIN_PATTERN = r"[A-Za-z0-9\-_.:#\[\]]*"   # may be empty with a VPC channel
VARIABLE = re.compile(r"#([A-Za-z][A-Za-z0-9_\-]{2,31})#")

_REMARK = Field("remark", max_len=255, default="")
_AUTHORIZER = Field("authorizer_id", max_len=64, default="")
_TIMEOUT = Field("timeout", int, required=True, minimum=1, maximum=MAX_TIMEOUT)
_POLICY_TIMEOUT = Field("timeout", int, minimum=1, maximum=MAX_TIMEOUT, default=5000)
_BACKEND_PARAM = (
    Field("origin", required=True, enum=("REQUEST", "CONSTANT", "SYSTEM")),
    Field("name", required=True, min_len=1, max_len=32, pattern=PARAM_NAME_PATTERN),
    _REMARK,
    Field("location", required=True, enum=LOCATIONS),
    Field("value", required=True, max_len=255),
)
_CONDITION = (
    Field("req_param_name", default=""),
    Field("condition_type", enum=("exact", "enum", "pattern"), default=""),
    Field("condition_origin", required=True, enum=("param", "source")),
    Field("condition_value", required=True, min_len=1, max_len=1024),
)
_POLICY = (
    Field("effect_mode", required=True, enum=("ALL", "ANY")),
    Field("name", required=True, min_len=3, max_len=64, pattern=POLICY_NAME_PATTERN),
    Field("backend_params", list, fields=_BACKEND_PARAM, default=[]),
    Field("conditions", list, required=True, fields=_CONDITION),
    _AUTHORIZER,
)
_FUNCTION = (
    Field("function_urn", required=True, min_len=1, max_len=255),
    Field("invocation_type", required=True, enum=("async", "sync")),
    Field("network_type", required=True, enum=("V1", "V2")),
    Field("version", max_len=64, default=""),
    Field("alias_urn", max_len=255, default=""),
)
_HTTP_TARGET = (
    Field("url_domain", max_len=255, pattern=DOMAIN_PATTERN, default=""),
    Field("req_protocol", required=True, enum=("HTTP", "HTTPS")),
    Field("req_method", required=True, enum=METHODS),
    Field("req_uri", required=True, max_len=512, pattern=BACKEND_URI_PATTERN),
)
_VPC = (
    Field("vpc_channel_info", dict, fields=(Field("vpc_channel_proxy_host", max_len=255, default=""),
                                            Field("vpc_channel_id", required=True, min_len=1, max_len=64))),
    Field("vpc_channel_status", int, enum=(1, 2), default=2),
)
_REQ_PARAM = (
    Field("name", required=True, min_len=1, max_len=32, pattern=PARAM_NAME_PATTERN),
    Field("type", required=True, enum=("STRING", "NUMBER")),
    Field("location", required=True, enum=LOCATIONS),
    Field("default_value", max_len=255, default=""),
    Field("sample_value", max_len=255, default=""),
    Field("required", int, enum=(1, 2)),            # default depends on location, see _definition
    Field("valid_enable", int, enum=(1, 2), default=2),
    _REMARK,
    Field("enumerations", max_len=1024, default=""),
    Field("min_num", int, default=0),
    Field("max_num", int, default=0),
    Field("min_size", int, minimum=0, default=0),
    Field("max_size", int, minimum=0, default=0),
    Field("regular", default=""),
    Field("json_schema", default=""),
    Field("pass_through", int, enum=(1, 2), default=1),
)
_SAMPLE_TEXT = 20480

# Body of POST and PUT (PUT replaces the whole definition), in the reference's order.
FIELDS = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("type", int, required=True, enum=(1, 2)),
    Field("version", max_len=16, default=""),
    Field("req_protocol", enum=("HTTP", "HTTPS", "BOTH"), default="HTTPS"),
    Field("req_method", required=True, enum=METHODS),
    Field("req_uri", required=True, max_len=512, pattern=FRONTEND_URI_PATTERN),
    Field("auth_type", required=True, enum=("NONE", "APP", "IAM", "AUTHORIZER")),
    Field("auth_opt", dict, fields=(Field("app_code_auth_type", enum=("DISABLE", "HEADER"), default="DISABLE"),),
          default={"app_code_auth_type": "DISABLE"}),
    Field("cors", bool, default=False),
    Field("match_mode", enum=("SWA", "NORMAL"), default="NORMAL"),
    Field("backend_type", required=True, enum=("HTTP", "FUNCTION", "MOCK")),
    _REMARK,
    Field("group_id", required=True, min_len=1, max_len=64),
    Field("body_remark", max_len=_SAMPLE_TEXT, default=""),
    Field("result_normal_sample", max_len=_SAMPLE_TEXT, default=""),
    Field("result_failure_sample", max_len=_SAMPLE_TEXT, default=""),
    _AUTHORIZER,
    Field("tags", list, item=Field("tags", min_len=1, max_len=128, pattern=r"[A-Za-z][A-Za-z0-9_]*"), default=[]),
    Field("response_id", max_len=64, default=""),
    Field("roma_app_id", default=""),
    Field("domain_name", default=""),
    Field("tag", default=""),
    # §3.5.1 spells the last one "multipart/form-date", §3.5.12 "multipart/form-data": accept both.
    Field("content_type", enum=("application/json", "application/xml", "multipart/form-date", "multipart/form-data",
                                "text/plain"), default=""),
    Field("mock_info", dict, fields=(_REMARK, Field("result_content", max_len=MAX_DEBUG_BODY, default=""),
                                     Field("version", max_len=64, default=""), _AUTHORIZER)),
    Field("func_info", dict, fields=_FUNCTION + (_REMARK, _TIMEOUT, _AUTHORIZER)),
    Field("req_params", list, fields=_REQ_PARAM, default=[]),
    Field("backend_params", list, fields=_BACKEND_PARAM, default=[]),
    Field("policy_mocks", list, fields=(Field("result_content", max_len=MAX_DEBUG_BODY, default=""),) + _POLICY,
          default=[]),
    Field("policy_functions", list, fields=_FUNCTION + (_POLICY_TIMEOUT,) + _POLICY, default=[]),
    Field("backend_api", dict, fields=(_AUTHORIZER,) + _HTTP_TARGET + (
        _REMARK, Field("version", max_len=16, default=""), _TIMEOUT, Field("enable_client_ssl", bool, default=False),
    ) + _VPC),
    Field("policy_https", list, fields=_HTTP_TARGET + (_POLICY_TIMEOUT,) + _POLICY + _VPC, default=[]),
)
# backend_type -> (its backend object, its policy list); the others must be absent.
BACKENDS = {"HTTP": ("backend_api", "policy_https"), "FUNCTION": ("func_info", "policy_functions"),
            "MOCK": ("mock_info", "policy_mocks")}
POLICIES = tuple(p for _, p in BACKENDS.values())
# Detail-only fields: list items (ApiInfoPerPage) leave them out.
DETAIL_ONLY = ("func_info", "mock_info", "backend_params") + POLICIES
GROUP_INFO = ("id", "name", "status", "sl_domain", "register_time", "update_time", "on_sell_status", "url_domains")
SERVER_FIELDS = ("id", "status", "arrange_necessary", "register_time", "update_time", "group_name", "group_version",
                 "run_env_id", "run_env_name", "publish_id", "publish_time", "roma_app_name", "ld_api_id",
                 "backend_api", "api_group_info", "req_params")
LIST_FIELDS = tuple(f.name for f in FIELDS if f.name not in DETAIL_ONLY + SERVER_FIELDS) + SERVER_FIELDS


def rows(tx, kind, **exact):
    """Every row of ``kind`` (creation order) whose fields equal the given strings."""
    return tx.page(kind, exact, {}, 0, -1)[1]


# ---------------------------------------------------------------- definition rules

def _unique_names(items, label, code, text):
    seen = set()
    for i, item in enumerate(items):
        if item["name"] in seen:
            raise param_error(code, text, "%s[%d].name" % (label, i))
        seen.add(item["name"])


def _check_backend_params(params, label, req_names, backend_uri):
    _unique_names(params, label, "APIG.3209", "The parameter name already exists")
    for i, param in enumerate(params):
        where = "%s[%d]" % (label, i)
        if param["origin"] == "REQUEST" and param["value"] not in req_names:
            raise param_error("APIG.2028", "The request parameters mapped to the backend parameters are not defined",
                              where + ".value")
        if param["location"] == "PATH" and backend_uri is not None and param["name"] not in _path_names(backend_uri):
            raise param_error("APIG.2027", "The backend path parameters are not defined", where + ".name")


def _path_names(uri):
    return {name.rstrip("+") for name in re.findall(r"\{([^}]+)\}", uri)}


def _check_policy(policy, label, req_names):
    _check_backend_params(policy["backend_params"], label + ".backend_params", req_names, policy.get("req_uri"))
    for j, cond in enumerate(policy["conditions"]):
        where = "%s.conditions[%d]." % (label, j)
        if cond["condition_origin"] == "param":
            if not cond["condition_type"]:
                raise missing(where + "condition_type")
            if cond["req_param_name"] not in req_names:
                raise invalid(where + "req_param_name", "APIG.2011")


def _check_http(target, label):
    if target["vpc_channel_status"] == 1 and target["vpc_channel_info"] is None:
        raise missing(label + ".vpc_channel_info")
    if target["vpc_channel_status"] == 2 and not target["url_domain"]:
        raise missing(label + ".url_domain")


def check_rules(values):
    """Rules between fields of one definition (no other rows needed)."""
    own_backend, own_policies = BACKENDS[values["backend_type"]]
    if values[own_backend] is None:
        raise missing(own_backend)
    for backend, policies in BACKENDS.values():
        if backend != own_backend and values[backend] is not None:
            raise invalid(backend, "APIG.2011")
        if policies != own_policies and values[policies]:
            raise invalid(policies, "APIG.2011")
    if values["auth_type"] == "AUTHORIZER" and not values["authorizer_id"]:
        raise missing("authorizer_id")
    req_params = values["req_params"]
    _unique_names(req_params, "req_params", "APIG.3209", "The parameter name already exists")
    path_names = _path_names(values["req_uri"])
    for i, param in enumerate(req_params):
        if param["location"] == "PATH" and param["name"] not in path_names:
            raise param_error("APIG.2026", "The request path parameters are not defined", "req_params[%d].name" % i)
    req_names = {p["name"] for p in req_params}
    backend = values["backend_api"]
    _check_backend_params(values["backend_params"], "backend_params", req_names, backend and backend["req_uri"])
    if backend is not None:
        _check_http(backend, "backend_api")
    policies = values[own_policies]
    _unique_names(policies, own_policies, "APIG.3210", "The backend policy name already exists")
    for i, policy in enumerate(policies):
        label = "%s[%d]" % (own_policies, i)
        _check_policy(policy, label, req_names)
        if own_policies == "policy_https":
            _check_http(policy, label)


# ---------------------------------------------------------------- stored definition

def _with_ids(items, old_items):
    """Items with server ids, keeping the id of an item of the same name in ``old_items``."""
    old = {item["name"]: item["id"] for item in old_items or ()}
    return [{**item, "id": old.get(item["name"]) or new_id()} for item in items]


def _linked(params, old_params, req_params):
    """Backend parameters with ids; REQUEST ones carry the id of the request parameter they map."""
    return [{**p, "req_param_id": req_params[p["value"]]["id"] if p["origin"] == "REQUEST" else ""}
            for p in _with_ids(params, old_params)]


def _conditions(conditions, req_params):
    out = []
    for cond in conditions:
        param = req_params.get(cond["req_param_name"]) if cond["condition_origin"] == "param" else None
        out.append({**cond, "id": new_id(), "req_param_id": param["id"] if param else "",
                    "req_param_location": param["location"] if param else ""})
    return out


def _stamped(obj, old, now):
    """A backend object with its server fields; an updated one keeps its id and register_time."""
    if obj is None:
        return None
    born = old or {"id": new_id(), "register_time": now}
    return {**obj, "id": born["id"], "status": 1, "register_time": born["register_time"], "update_time": now}


def definition(values, old=None):
    """The stored API for validated ``values``; ``old`` is the stored API on update."""
    check_rules(values)
    old = old or {}
    now = now_iso()
    body = {f.name: values[f.name] for f in FIELDS}
    req_params = _with_ids([{**p, "required": p["required"] or (1 if p["location"] == "PATH" else 2)}
                            for p in values["req_params"]], old.get("req_params"))
    by_name = {p["name"]: p for p in req_params}
    body.update(id=old.get("id") or new_id(), status=1, arrange_necessary=2,
                register_time=old.get("register_time", now), update_time=now, roma_app_name="", ld_api_id="",
                req_params=req_params, backend_params=_linked(values["backend_params"], old.get("backend_params"),
                                                              by_name))
    for obj, policies in BACKENDS.values():
        body[obj] = _stamped(values[obj], old.get(obj), now)
        old_policies = {p["name"]: p for p in old.get(policies) or ()}
        body[policies] = [
            {**p, "backend_params": _linked(p["backend_params"], old_policies.get(p["name"], {}).get("backend_params"),
                                            by_name),
             "conditions": _conditions(p["conditions"], by_name)}
            for p in _with_ids(values[policies], old.get(policies))]
    return body


def _authorizer_ids(api):
    yield api["authorizer_id"]
    for obj, policies in BACKENDS.values():
        yield (api[obj] or {}).get("authorizer_id", "")
        for policy in api[policies]:
            yield policy["authorizer_id"]


def check_other_rows(tx, api, old):
    """Rules needing other rows: method + path unique in the group, authorizers and VPC channels exist.

    Runs inside the write transaction (``BEGIN IMMEDIATE``), so no other writer interleaves.
    """
    for other in rows(tx, "api", group_id=api["group_id"], req_method=api["req_method"], req_uri=api["req_uri"]):
        if other["id"] != api["id"]:
            raise ApiError("APIG.3301", "The API already exists,method:%s,uri:%s" % (api["req_method"], api["req_uri"]))
    for authorizer_id in filter(None, _authorizer_ids(api)):
        if tx.get("authorizer", authorizer_id) is None:
            raise ApiError("APIG.3081", "The authorizer does not exist,id:%s" % authorizer_id)
    for target in [api["backend_api"] or {}] + api["policy_https"]:
        if target.get("vpc_channel_status") == 1:
            channel_id = target["vpc_channel_info"]["vpc_channel_id"]
            if tx.get("vpc_channel", channel_id) is None:
                raise ApiError("APIG.3023", "The VPC channel does not exist,id:%s" % channel_id)


def _group_fields(tx, group_id):
    group = tx.get("group", group_id) or {}
    return {"group_name": group.get("name", ""), "group_version": group.get("version", "V1"),
            "api_group_info": {k: group[k] for k in GROUP_INFO if k in group}}


def render(tx, api):
    """The detail: the stored API joined with its group and its publications (``|``-joined)."""
    pubs = rows(tx, "publish", api_id=api["id"])
    env_names = [(tx.get("env", p["env_id"]) or {}).get("name", "") for p in pubs]
    return {**api, **_group_fields(tx, api["group_id"]),
            "run_env_id": "|".join(p["env_id"] for p in pubs), "run_env_name": "|".join(env_names),
            "publish_id": "|".join(p["id"] for p in pubs), "publish_time": "|".join(p["publish_time"] for p in pubs)}


COLLECTION = Collection(
    kind="api",
    path="apis",
    id_param="api_id",
    list_key="apis",
    not_found=("APIG.3002", "API {id} does not exist"),
    create=FIELDS,
    update=FIELDS,
    create_invalid="APIG.2011",
    update_invalid="APIG.2011",
    unique=("group_id", "name"),
    unique_error=("APIG.3202", "The API name already exists,name:{name}"),
    references={"group_id": "group"},
    exact_filters={"id": "id", "group_id": "group_id", "req_protocol": "req_protocol", "req_method": "req_method",
                   "auth_type": "auth_type", "type": "type"},
    name_filters={"name": "name", "req_uri": "req_uri"},
    joins={"env_id": ("publish", "env_id", "api_id")},
    list_fields=LIST_FIELDS,
    guards=(Guard("publish", "api_id", "APIG.3416", "The API cannot be deleted because it has been published"),),
    cascade=(("api_version", "api_id"),),
    build=definition,
    on_update=definition,
    check=check_other_rows,
    render=render,
)


# ---------------------------------------------------------------- publishing and versions

@contextmanager
def _instance_tx(project_id, instance_id, write=True):
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        yield tx


def _publication(tx, api_id, env_id):
    found = rows(tx, "publish", api_id=api_id, env_id=env_id)
    return found[0] if found else None


# Kinds whose rows (``api_id``, ``env_id``) hang on a publication, such as bindings and app
# authorizations: taking the API offline there deletes them, as the real service does.
# Their families add the kinds.
PUBLICATION_DEPENDENTS = []


def _withdraw(tx, pub):
    tx.delete("publish", pub["id"])
    for kind in PUBLICATION_DEPENDENTS:
        for row in rows(tx, kind, api_id=pub["api_id"], env_id=pub["env_id"]):
            tx.delete(kind, row["id"])


def _not_published(api_id, env_id):
    return ApiError("APIG.3015", "The API publication record does not exist,api_id:%s,env_id:%s" % (api_id, env_id))


def _no_version(version_id):
    return ApiError("APIG.3022", "The API version does not exist,id:%s" % version_id)


def _version_or_404(tx, version_id):
    version = tx.get("api_version", version_id)
    if version is None:
        raise _no_version(version_id)
    return version


def _publish_result(api, pub):
    return {"publish_id": pub["id"], "api_id": api["id"], "api_name": api["name"], "env_id": pub["env_id"],
            "remark": pub["remark"], "publish_time": pub["publish_time"], "version_id": pub["version_id"]}


def _put_publication(tx, api, env_id, version, api_update_time, publish_time):
    """Make ``version`` the one in effect in ``env_id`` (a new publication record)."""
    old = _publication(tx, api["id"], env_id)
    if old is not None:
        tx.delete("publish", old["id"])
    pub = {"id": new_id(), "api_id": api["id"], "env_id": env_id, "version_id": version["id"],
           "publish_time": publish_time, "remark": version["remark"], "api_update_time": api_update_time}
    tx.insert("publish", pub, json.dumps([api["id"], env_id]))
    return pub


def _online(tx, api, env, remark):
    version = {"id": new_id(), "version_no": time.strftime("%Y%m%d%H%M%S", time.gmtime()), "api_id": api["id"],
               "env_id": env["id"], "env_name": env["name"], "remark": remark, "publish_time": now_iso(),
               "definition": api}
    tx.insert("api_version", version)
    for stale in rows(tx, "api_version", api_id=api["id"], env_id=env["id"])[:-VERSIONS_KEPT]:
        tx.delete("api_version", stale["id"])
    pub = _put_publication(tx, api, env["id"], version, api["update_time"], version["publish_time"])
    return _publish_result(api, pub)


def _offline(tx, api, env, remark):
    pub = _publication(tx, api["id"], env["id"])
    if pub is None:
        raise _not_published(api["id"], env["id"])
    _withdraw(tx, pub)
    return _publish_result(api, {**pub, "remark": remark, "publish_time": now_iso()})


ACTIONS = {"online": _online, "offline": _offline}
_ACTION = (Field("action", required=True, enum=tuple(ACTIONS)), Field("env_id", required=True),
           Field("api_id", required=True), Field("remark", max_len=255, default=""))
_BATCH = (Field("apis", list, item=Field("apis", min_len=1, max_len=64), max_items=1000, default=[]),
          Field("env_id", required=True), Field("group_id", default=""), Field("remark", max_len=255, default=""))


def publish_api(project_id, instance_id):
    body = json_body()
    with _instance_tx(project_id, instance_id) as tx:
        values = validate(_ACTION, body, "APIG.2011")
        api = COLLECTION.get_or_404(tx, values["api_id"])
        env = environments.COLLECTION.get_or_404(tx, values["env_id"])
        return ACTIONS[values["action"]](tx, api, env, values["remark"]), 201


def _batch_targets(tx, values):
    if values["apis"]:
        return values["apis"]
    if not values["group_id"]:
        raise missing("apis")
    group = tx.get("group", values["group_id"])
    if group is None:
        raise ApiError("APIG.3001", "API group %s does not exist" % values["group_id"])
    return [api["id"] for api in rows(tx, "api", group_id=group["id"])]


def batch_publish(project_id, instance_id):
    """Per-API failures are reported inside the 200; the successes are kept."""
    body = json_body()
    # The reference and the SDK send the action as a query parameter; accept it in the body too.
    action = request.args.get("action") or body.get("action")
    if action not in ACTIONS:
        raise ApiError("APIG.2011", 'Invalid parameter value: parameter action should be "online" or "offline"')
    with _instance_tx(project_id, instance_id) as tx:
        values = validate(_BATCH, body, "APIG.2011")
        env = environments.COLLECTION.get_or_404(tx, values["env_id"])
        success, failure = [], []
        for api_id in _batch_targets(tx, values):
            api = tx.get("api", api_id)
            try:
                if api is None:
                    raise ApiError("APIG.3002", "Api %s not found" % api_id)
                success.append(ACTIONS[action](tx, api, env, values["remark"]))
            except ApiError as exc:
                failure.append({"api_id": api_id, "api_name": api["name"] if api else "",
                                "error_code": exc.code, "error_msg": exc.msg})
        return {"success": success, "failure": failure}


def _version_info(tx, version):
    pub = _publication(tx, version["api_id"], version["env_id"])
    env = tx.get("env", version["env_id"])
    return {"version_id": version["id"], "version_no": version["version_no"], "api_id": version["api_id"],
            "env_id": version["env_id"], "env_name": env["name"] if env else version["env_name"],
            "remark": version["remark"], "publish_time": version["publish_time"],
            "status": 1 if pub and pub["version_id"] == version["id"] else 2}


def list_versions(project_id, instance_id, api_id):
    with _instance_tx(project_id, instance_id, write=False) as tx:
        COLLECTION.get_or_404(tx, api_id)
        offset, limit = paging(request.args)
        exact = {"api_id": api_id}
        env_id, env_name = request.args.get("env_id"), request.args.get("env_name")
        if env_id:
            if tx.get("env", env_id) is None:
                raise invalid("env_id", "APIG.2012")
            exact["env_id"] = env_id
        if env_name:
            envs = rows(tx, "env", name=env_name)
            if not envs:
                raise invalid("env_name", "APIG.2012")
            exact["env_id"] = envs[0]["id"]
        total, versions = tx.page("api_version", exact, {}, offset, limit)
        return {"size": len(versions), "total": total, "api_versions": [_version_info(tx, v) for v in versions]}


def switch_version(project_id, instance_id, api_id):
    body = json_body()
    with _instance_tx(project_id, instance_id) as tx:
        api = COLLECTION.get_or_404(tx, api_id)
        values = validate((Field("version_id", required=True, min_len=1, max_len=64),), body, "APIG.2011")
        version = _version_or_404(tx, values["version_id"])
        if version["api_id"] != api_id:
            raise _no_version(version["id"])  # another API's version is no version of this one
        # The environment's publish_time stays the version's own: a switch publishes nothing new,
        # so an API edited after that version was published shows as changed since.
        pub = _put_publication(tx, api, version["env_id"], version, version["definition"]["update_time"],
                               version["publish_time"])
        return _publish_result(api, pub)


def _variables(tx, group_id, env_id):
    return {v["variable_name"]: v["variable_value"] for v in rows(tx, "variable", group_id=group_id, env_id=env_id)}


def substitute(value, variables):
    """``value`` with every ``#name#`` of a defined variable replaced by its value, at any depth."""
    if isinstance(value, str):
        return VARIABLE.sub(lambda m: variables.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [substitute(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, variables) for k, v in value.items()}
    return value


def _snapshot(tx, version, env, pub):
    """A version's definition as published, with group and environment fields."""
    api = version["definition"]
    group = tx.get("group", api["group_id"]) or {}
    return {**api, **_group_fields(tx, api["group_id"]), "run_env_id": env["id"], "run_env_name": env["name"],
            "publish_id": pub["id"] if pub and pub["version_id"] == version["id"] else "",
            "sl_domain": group.get("sl_domain", ""), "sl_domains": group.get("sl_domains", [])}


# §3.5.11 answers with the front end of the definition only: no backends, no timestamps.
RUNTIME_FIELDS = (
    "name", "type", "version", "req_protocol", "req_method", "req_uri", "auth_type", "auth_opt", "cors",
    "match_mode", "backend_type", "remark", "group_id", "body_remark", "result_normal_sample",
    "result_failure_sample", "authorizer_id", "tags", "response_id", "roma_app_id", "domain_name", "tag",
    "content_type", "id", "group_name", "run_env_name", "run_env_id", "publish_id", "sl_domain", "sl_domains",
    "req_params")


def show_runtime(project_id, instance_id, api_id):
    """The definition in effect in ``env_id`` (default RELEASE) with that environment's variables filled in."""
    with _instance_tx(project_id, instance_id, write=False) as tx:
        api = COLLECTION.get_or_404(tx, api_id)
        env = environments.COLLECTION.get_or_404(tx, request.args.get("env_id") or environments.RELEASE_ID)
        pub = _publication(tx, api_id, env["id"])
        if pub is None:
            raise _not_published(api_id, env["id"])
        version = tx.get("api_version", pub["version_id"])
        snapshot = _snapshot(tx, version, env, pub)
        runtime = {k: snapshot[k] for k in RUNTIME_FIELDS if k in snapshot}
        return substitute(runtime, _variables(tx, api["group_id"], env["id"]))


def show_version(project_id, instance_id, version_id):
    """The snapshot (its own ``update_time`` is the API's at publish time) plus the version's fields."""
    with _instance_tx(project_id, instance_id, write=False) as tx:
        version = _version_or_404(tx, version_id)
        env = tx.get("env", version["env_id"]) or {"id": version["env_id"], "name": version["env_name"]}
        pub = _publication(tx, version["api_id"], version["env_id"])
        info = _version_info(tx, version)
        # ``remark`` stays the API's description, as §3.5.12 defines it; the publish remark is in the list.
        del info["remark"]
        return {**_snapshot(tx, version, env, pub), **info}


def offline_version(project_id, instance_id, version_id):
    with _instance_tx(project_id, instance_id) as tx:
        version = _version_or_404(tx, version_id)
        pub = _publication(tx, version["api_id"], version["env_id"])
        if pub is None or pub["version_id"] != version_id:
            raise _not_published(version["api_id"], version["env_id"])
        _withdraw(tx, pub)
    return "", 204


# ---------------------------------------------------------------- debugging

_DEBUG = (
    Field("mode", required=True, enum=("DEVELOPER", "MARKET", "CONSUMER")),
    Field("scheme", required=True, enum=("HTTP", "HTTPS")),
    Field("method", required=True, enum=METHODS[:-1]),
    Field("path", required=True, max_len=1024, pattern=r"/\S*"),
    Field("query", dict, default={}),
    Field("header", dict, default={}),
    Field("body", max_len=MAX_DEBUG_BODY, default=""),
    Field("stage", default=environments.RELEASE_NAME),
    Field("app_key", default=""),
    Field("app_secret", default=""),
    Field("domain", max_len=255, default=""),
)
_GATEWAY_HEADERS = [("Content-Type", "application/json"), ("Server", "api-gateway")]


def _pairs(mapping, label):
    """``{name: [values]}`` as ``[(name, value)]``; each value list must hold strings."""
    out = []
    for name, values in mapping.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise serialization("json: cannot unmarshal %s.%s into Go value of type []string" % (label, name))
        out.extend((name, v) for v in values)
    return out


def _path_values(api, path):
    """Path parameters of ``path`` by the API's ``req_uri`` template, or None when it does not match."""
    template = api["req_uri"]
    regex = "(.+?)".join(re.escape(part) for part in re.split(r"\{[^}]+\}", template))
    if api["match_mode"] == "SWA":
        regex += "(?:/.*)?"
    match = re.fullmatch(regex, path)
    if match is None:
        return None
    names = [name.rstrip("+") for name in re.findall(r"\{([^}]+)\}", template)]
    return dict(zip(names, match.groups()))


def _call_mock(api, req, path_values, query):
    return 200, "OK", _GATEWAY_HEADERS, api["mock_info"]["result_content"], ""


def _call_function(api, req, path_values, query):
    func = api["func_info"]
    answer = {"function_urn": func["function_urn"], "invocation_type": func["invocation_type"],
              "result": "emulated: FunctionGraph functions are not run by the emulator"}
    return 200, "OK", _GATEWAY_HEADERS, json.dumps(answer), ""


def _call_http(api, req, path_values, query):
    backend = api["backend_api"]
    if backend["vpc_channel_status"] == 1:
        return 502, "Bad Gateway", _GATEWAY_HEADERS, "", "VPC channel backends are not reachable from the emulator"
    # Backend path parameters: same-named request ones, then the PATH backend parameters' mappings.
    backend_values = dict(path_values)
    for param in api["backend_params"]:
        if param["location"] == "PATH":
            backend_values[param["name"]] = (path_values.get(param["value"], "") if param["origin"] == "REQUEST"
                                             else param["value"])
    uri = backend["req_uri"]
    for name, value in backend_values.items():
        uri = uri.replace("{%s}" % name, value).replace("{%s+}" % name, value)
    method = req["method"] if backend["req_method"] == "ANY" else backend["req_method"]
    connection = http.client.HTTPSConnection if backend["req_protocol"] == "HTTPS" else http.client.HTTPConnection
    conn = connection(backend["url_domain"], timeout=backend["timeout"] / 1000)
    try:
        conn.putrequest(method, uri + ("?" + query if query else ""))
        for name, value in _pairs(req["header"], "header"):
            conn.putheader(name, value)
        data = req["body"].encode()
        conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        resp = conn.getresponse()
        text = resp.read(MAX_DEBUG_BODY + 1).decode("utf-8", "replace")
        return resp.status, resp.reason, resp.getheaders(), text, ""
    except (OSError, http.client.HTTPException) as exc:
        return 502, "Bad Gateway", _GATEWAY_HEADERS, "", "backend request to %s failed: %s" % (backend["url_domain"],
                                                                                               exc)
    finally:
        conn.close()


BACKEND_CALLS = {"HTTP": _call_http, "FUNCTION": _call_function, "MOCK": _call_mock}


def _http_text(first_line, headers, body):
    if len(body) > MAX_DEBUG_BODY:
        body = body[:MAX_DEBUG_BODY] + "[TRUNCATED]"
    return first_line + "\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n" + body


def _debug_definition(tx, api, values):
    """The definition a debug request runs: the draft (DEVELOPER) or the stage's version, variables filled in."""
    envs = rows(tx, "env", name=values["stage"])
    if not envs:
        raise invalid("stage", "APIG.2011")
    env = envs[0]
    if values["mode"] != "DEVELOPER":
        pub = _publication(tx, api["id"], env["id"])
        if pub is None:
            raise _not_published(api["id"], env["id"])
        api = tx.get("api_version", pub["version_id"])["definition"]
    return substitute(api, _variables(tx, api["group_id"], env["id"]))


def debug_api(project_id, instance_id, api_id):
    body = json_body()
    with _instance_tx(project_id, instance_id, write=False) as tx:
        api = COLLECTION.get_or_404(tx, api_id)
        values = validate(_DEBUG, body, "APIG.2011")
        api = _debug_definition(tx, api, values)
        host = values["domain"] or (tx.get("group", api["group_id"]) or {}).get("sl_domain", "")
    # The backend is called outside the transaction: no database lock is held while waiting on it.
    query = urlencode(_pairs(values["query"], "query"))
    target = values["path"] + ("?" + query if query else "")
    headers = [("Host", host), ("User-Agent", "APIGatewayDebugClient/1.0"), ("X-Apig-Mode", "debug")]
    sent = _http_text("%s %s HTTP/1.1" % (values["method"], target), headers + _pairs(values["header"], "header"),
                      values["body"])
    started = time.monotonic()
    path_values = _path_values(api, values["path"])
    if path_values is None:
        status, reason, resp_headers, text, log = 404, "Not Found", _GATEWAY_HEADERS, json.dumps({
            "error_code": "APIG.0101",
            "error_msg": "The API does not exist or has not been published in the environment"}), ""
    else:
        status, reason, resp_headers, text, log = BACKEND_CALLS[api["backend_type"]](api, values, path_values, query)
    latency = int((time.monotonic() - started) * 1000)
    return {"request": sent, "response": _http_text("HTTP/1.1 %d %s" % (status, reason), resp_headers, text),
            "latency": latency, "log": log}


def register(blueprint):
    """The operations beyond create/show/update/delete/list."""
    base = PREFIX + "/apis"
    for rule, view, methods in (
            ("/action", publish_api, ["POST"]),
            ("/publish", batch_publish, ["POST"]),
            ("/publish/<api_id>", list_versions, ["GET"]),
            ("/publish/<api_id>", switch_version, ["PUT"]),
            ("/runtime/<api_id>", show_runtime, ["GET"]),
            ("/versions/<version_id>", show_version, ["GET"]),
            ("/versions/<version_id>", offline_version, ["DELETE"]),
            ("/debug/<api_id>", debug_api, ["POST"])):
        blueprint.add_url_rule(base + rule, endpoint="api_" + view.__name__, view_func=view, methods=methods)
