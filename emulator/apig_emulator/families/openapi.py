"""§3.17 OpenAPI: export a group's APIs as Swagger 2.0 / OpenAPI 3.0, import such a document.

Documents use the gateway's extensions ("导入导出API：扩展定义"): ``operationId`` is the API
name, ``x-apigateway-request-type``/``-match-mode``/``-cors``, security schemes carrying
``x-apigateway-auth-type`` (``AppSigv1``, ``IAM``, ``AUTHORIZER``), ``x-apigateway-backend``
(``HTTP`` with ``httpEndpoints``, ``HTTP-VPC`` with ``httpVpcEndpoints`` naming the channel,
``FUNCTION`` with ``functionEndpoints``, ``MOCK`` with ``mockEndpoints``, backend ``parameters``).

Export ``define``: ``spec`` the front end, ``proxy`` front and back end, ``all`` adds the names of
the throttling policy and ACL bound in the environment, ``dev`` front and back end of every API of
the group as currently defined (published or not; no environment needed). The others export the
versions published in ``env_id``.

Import: an operation matches the group's API with the same method and path. An API whose
definition would not change is listed in ``ignore``; ``api_mode=merge`` keeps a different existing
API and reports it as an ``APIG.3301`` failure, ``override`` updates it. A document without a
backend keeps an existing API's backend and gives a new one a MOCK backend (as ``mock_mode`` does
for every API); backend policies are neither exported nor imported, an updated API keeps those of
its backend type. Failures are per API inside the 200, the others are imported.
"""
import json

import yaml
from flask import Response, request

from ..engine import PREFIX, json_body, new_id, now_iso, require_instance, store
from ..errors import ApiError, invalid, missing
from ..schema import Field, validate
from ..storage import IntegrityError, Scope
from . import api_groups, apis, environments

DEFINES = ("spec", "proxy", "all", "dev")
OAS_VERSIONS = ("2.0", "3.0")
AUTH_SCHEMES = {  # auth_type -> (scheme name, its definition)
    "APP": ("apig-auth-app", {"type": "apiKey", "name": "Authorization", "in": "header",
                              "x-apigateway-auth-type": "AppSigv1"}),
    "IAM": ("apig-auth-iam", {"type": "apiKey", "name": "unused", "in": "header", "x-apigateway-auth-type": "IAM"}),
    "AUTHORIZER": ("apig-auth-custom", {"type": "apiKey", "name": "unused", "in": "header",
                                        "x-apigateway-auth-type": "AUTHORIZER"}),
}
APP_CODE_SCHEME = ("apig-auth-app-header", dict(AUTH_SCHEMES["APP"][1], **{
    "x-apigateway-auth-opt": {"appcode-auth-type": "header"}}))
AUTH_TYPES = {"AppSigv1": "APP", "IAM": "IAM", "AUTHORIZER": "AUTHORIZER"}
HTTP_METHODS = ("get", "post", "put", "delete", "head", "patch", "options")
ANY_METHOD = "x-apigateway-any-method"
NUMBER_TYPES = ("integer", "number", "long", "float", "double")

_EXPORT = (
    Field("env_id", default=""),
    Field("group_id", required=True, min_len=1, max_len=64),
    Field("define", enum=DEFINES, default="spec"),
    Field("type", enum=("json", "yaml", "yml"), default="json"),
    Field("version", max_len=64, default=""),
    Field("apis", list, item=Field("apis", min_len=1, max_len=64), default=[]),
)


# ---------------------------------------------------------------- export

def _param_out(param, oas3):
    schema = {"type": "string" if param["type"] == "STRING" else "number"}
    if param["default_value"]:
        schema["default"] = param["default_value"]
    if param["enumerations"]:
        schema["enum"] = param["enumerations"].split(",")
    bounds = (("min_size", "minLength"), ("max_size", "maxLength")) if param["type"] == "STRING" else \
        (("min_num", "minimum"), ("max_num", "maximum"))
    schema.update((key, param[name]) for name, key in bounds if param[name])
    out = {"name": param["name"], "in": param["location"].lower(), "required": param["required"] == 1}
    if param["remark"]:
        out["description"] = param["remark"]
    if param["sample_value"]:
        out["example"] = param["sample_value"]
    out["x-apigateway-pass-through"] = "always" if param["pass_through"] == 1 else "never"
    if oas3:
        out["schema"] = schema
    else:
        out.update(schema)
    return out


def _backend_params_out(params):
    out = []
    for param in params:
        item = {"name": param["name"], "value": param["value"], "in": param["location"].lower(),
                "origin": param["origin"]}
        if param["remark"]:
            item["description"] = param["remark"]
        out.append(item)
    return out


def _backend_out(tx, api):
    kind = api["backend_type"]
    out = {"type": kind}
    if api["backend_params"]:
        out["parameters"] = _backend_params_out(api["backend_params"])
    if kind == "HTTP":
        backend = api["backend_api"]
        endpoint = {"scheme": backend["req_protocol"].lower(), "method": backend["req_method"],
                    "path": backend["req_uri"], "timeout": backend["timeout"]}
        if backend["remark"]:
            endpoint["description"] = backend["remark"]
        if backend["enable_client_ssl"]:
            endpoint["enableClientSsl"] = True
        if backend["vpc_channel_status"] == 1:
            info = backend["vpc_channel_info"]
            channel = tx.get("vpc_channel", info["vpc_channel_id"]) or {"name": info["vpc_channel_id"]}
            endpoint["name"] = channel["name"]
            if info.get("vpc_channel_proxy_host"):
                endpoint["host"] = info["vpc_channel_proxy_host"]
            out.update(type="HTTP-VPC", httpVpcEndpoints=endpoint)
        else:
            out["httpEndpoints"] = dict(endpoint, address=backend["url_domain"])
    elif kind == "FUNCTION":
        func = api["func_info"]
        out["functionEndpoints"] = {k: v for k, v in (
            ("function-urn", func["function_urn"]), ("version", func["version"]),
            ("invocation-type", func["invocation_type"]), ("network-type", func["network_type"]),
            ("alias-urn", func["alias_urn"]), ("timeout", func["timeout"])) if v}
    else:
        out["mockEndpoints"] = {"result-content": api["mock_info"]["result_content"]}
    return out


def _bound_name(tx, kind, api, env_id, policy_kind, id_field, name_field):
    for row in apis.rows(tx, kind, api_id=api["id"], env_id=env_id):
        policy = tx.get(policy_kind, row[id_field])
        if policy:
            return policy[name_field]
    return None


def _operation(tx, api, define, env_id, oas3, host):
    op = {"operationId": api["name"]}
    if api["remark"]:
        op["description"] = api["remark"]
    if api["tags"]:
        op["tags"] = list(api["tags"])
    schemes = ["http", "https"] if api["req_protocol"] == "BOTH" else [api["req_protocol"].lower()]
    if oas3:
        op["servers"] = [{"url": "%s://%s" % (scheme, host)} for scheme in schemes]
    else:
        op["schemes"] = schemes
    params = [p for p in api["req_params"]]
    if params:
        op["parameters"] = [_param_out(p, oas3) for p in params]
    response = {"description": "default response"}
    if api["result_normal_sample"]:
        response["x-apigateway-result-normal-sample"] = api["result_normal_sample"]
    if api["result_failure_sample"]:
        response["x-apigateway-result-failure-sample"] = api["result_failure_sample"]
    op["responses"] = {"default": response}
    if api["auth_type"] != "NONE":
        scheme = AUTH_SCHEMES[api["auth_type"]][0]
        if api["auth_type"] == "APP" and (api["auth_opt"] or {}).get("app_code_auth_type") == "HEADER":
            scheme = APP_CODE_SCHEME[0]
        op["security"] = [{scheme: []}]
    if api["auth_type"] == "AUTHORIZER":
        op["x-apigateway-authorizer"] = api["authorizer_id"]
    op.update({"x-apigateway-request-type": "public" if api["type"] == 1 else "private",
               "x-apigateway-match-mode": api["match_mode"], "x-apigateway-cors": api["cors"]})
    if define != "spec":
        op["x-apigateway-backend"] = _backend_out(tx, api)
    if define == "all":
        for key, found in (
                ("x-apigateway-ratelimit", _bound_name(tx, "throttle_binding", api, env_id, "throttle", "strategy_id",
                                                       "name")),
                ("x-apigateway-access-control", _bound_name(tx, "acl_binding", api, env_id, "acl", "acl_id",
                                                            "acl_name"))):
            if found:
                op[key] = found
    return op


def _exported_apis(tx, group, values):
    """The definitions to export: drafts for ``dev``, else the versions in effect in the environment."""
    wanted = set(values["apis"])
    chosen = []
    for api in apis.rows(tx, "api", group_id=group["id"]):
        if wanted and api["id"] not in wanted:
            continue
        if values["define"] != "dev":
            pub = apis.rows(tx, "publish", api_id=api["id"], env_id=values["env_id"])
            if not pub:
                continue
            api = tx.get("api_version", pub[0]["version_id"])["definition"]
        chosen.append(api)
    return chosen


def build_document(tx, group, values, oas_version):
    oas3 = oas_version == "3.0"
    paths = {}
    used = set()
    for api in _exported_apis(tx, group, values):
        method = ANY_METHOD if api["req_method"] == "ANY" else api["req_method"].lower()
        paths.setdefault(api["req_uri"], {})[method] = op = _operation(tx, api, values["define"], values["env_id"],
                                                                       oas3, group["sl_domain"])
        used.update(name for requirement in op.get("security", ()) for name in requirement)
    schemes = dict(list(AUTH_SCHEMES.values()) + [APP_CODE_SCHEME])
    security = {name: schemes[name] for name in sorted(used)}
    info = {"title": group["name"], "version": values["version"] or now_iso()}
    if group["remark"]:
        info["description"] = group["remark"]
    host = group["sl_domain"]
    if oas3:
        doc = {"openapi": "3.0.1", "info": info, "servers": [{"url": "https://" + host}], "paths": paths}
        if security:
            doc["components"] = {"securitySchemes": security}
        return doc
    doc = {"swagger": "2.0", "info": info, "host": host, "paths": paths}
    if security:
        doc["securityDefinitions"] = security
    return doc


def export_openapi(project_id, instance_id):
    body = json_body()
    oas_version = request.args.get("oas_version") or "2.0"
    if oas_version not in OAS_VERSIONS:
        raise invalid("oas_version", "APIG.2012")
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        require_instance(tx)
        values = validate(_EXPORT, body, "APIG.2012")
        if values["define"] != "dev" and not values["env_id"]:
            raise missing("env_id")
        group = api_groups.COLLECTION.get_or_404(tx, values["group_id"])
        if values["env_id"]:
            environments.COLLECTION.get_or_404(tx, values["env_id"])
        doc = build_document(tx, group, values, oas_version)
    if values["type"] == "json":
        text, mime = json.dumps(doc, ensure_ascii=False, indent=2), "application/json"
    else:
        text, mime = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "application/x-yaml"
    filename = "%s.%s" % (group["id"], values["type"])
    return Response(text, mimetype=mime, headers={"Content-Disposition": 'attachment; filename="%s"' % filename})


# ---------------------------------------------------------------- import

def _flag(name, default):
    value = request.form.get(name)
    if value is None or value == "":
        return default
    if value.lower() not in ("true", "false"):
        raise invalid(name, "APIG.2011")
    return value.lower() == "true"


def _choice(name, choices):
    value = request.form.get(name) or choices[0]
    if value not in choices:
        raise invalid(name, "APIG.2011")
    return value


def parse_document(raw):
    """The document of an uploaded JSON or YAML file; APIG.2011 naming file_name when it is none."""
    try:
        doc = yaml.safe_load(raw.decode("utf-8"))  # YAML 1.1 reads JSON documents too
    except (UnicodeError, yaml.YAMLError):
        doc = None
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict) or not (
            str(doc.get("swagger", "")).startswith("2") or str(doc.get("openapi", "")).startswith("3")):
        raise invalid("file_name", "APIG.2011")
    return doc


def _param_in(param, oas3):
    schema = (param.get("schema") or {}) if oas3 else param
    kind = "NUMBER" if schema.get("type") in NUMBER_TYPES else "STRING"
    value = {"name": param.get("name"), "type": kind, "location": str(param.get("in", "")).upper(),
             "required": 1 if param.get("required") else 2, "remark": param.get("description") or "",
             "pass_through": 2 if param.get("x-apigateway-pass-through") == "never" else 1}
    if "default" in schema:
        value["default_value"] = str(schema["default"])
    if param.get("example") not in (None, ""):
        value["sample_value"] = str(param["example"])
    if schema.get("enum"):
        value["enumerations"] = ",".join(str(v) for v in schema["enum"])
    bounds = (("min_size", "minLength"), ("max_size", "maxLength")) if kind == "STRING" else \
        (("min_num", "minimum"), ("max_num", "maximum"))
    value.update((name, schema[key]) for name, key in bounds if schema.get(key))
    if any(k in value for k in ("enumerations", "min_size", "max_size", "min_num", "max_num")):
        value["valid_enable"] = 1
    return value


def _req_params(op, oas3, current):
    """The operation's path, query and header parameters; what a document can't say (such as
    ``regular`` or ``json_schema``) stays as the existing API's parameter of that name has it."""
    old = {(p["name"], p["location"]): p for p in current}
    params = []
    for param in op.get("parameters") or ():
        if isinstance(param, dict) and str(param.get("in", "")).lower() in ("path", "query", "header"):
            value = _param_in(param, oas3)
            params.append(dict(old.get((value["name"], value["location"]), {}), **value))
    return params


def _auth_in(doc, op, oas3):
    schemes = (doc.get("components") or {}).get("securitySchemes") if oas3 else doc.get("securityDefinitions")
    for requirement in op.get("security", doc.get("security")) or ():
        for name in requirement:
            scheme = (schemes or {}).get(name) or {}
            auth_type = AUTH_TYPES.get(scheme.get("x-apigateway-auth-type"))
            if auth_type:
                code = (scheme.get("x-apigateway-auth-opt") or {}).get("appcode-auth-type", "disable")
                return auth_type, {"app_code_auth_type": "HEADER" if code.lower() == "header" else "DISABLE"}
    return "NONE", None


def _protocol(doc, op, oas3):
    if oas3:
        urls = [s.get("url", "") for s in op.get("servers") or doc.get("servers") or ()]
        schemes = {u.split("://", 1)[0].lower() for u in urls if "://" in u}
    else:
        schemes = {str(s).lower() for s in op.get("schemes") or doc.get("schemes") or ()}
    if schemes >= {"http", "https"}:
        return "BOTH"
    return "HTTP" if schemes == {"http"} else "HTTPS"


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _channel_id(tx, name):
    found = apis.rows(tx, "vpc_channel", name=name)
    if not found:
        raise ApiError("APIG.3023", "The VPC channel does not exist,id:%s" % name)
    return found[0]["id"]


def _backend_in(tx, backend, values):
    """Fill ``values`` with the API backend ``x-apigateway-backend`` describes."""
    kind = str(backend.get("type", "")).upper()
    values["backend_params"] = [
        {"name": p.get("name"), "value": p.get("value"), "location": str(p.get("in", "")).upper(),
         "origin": p.get("origin"), "remark": p.get("description") or ""} for p in backend.get("parameters") or ()]
    if kind in ("HTTP", "HTTP-VPC"):
        endpoint = backend.get("httpVpcEndpoints" if kind == "HTTP-VPC" else "httpEndpoints") or {}
        target = {"req_protocol": str(endpoint.get("scheme", "https")).upper(), "req_method": endpoint.get("method"),
                  "req_uri": endpoint.get("path"), "timeout": endpoint.get("timeout", 5000),
                  "remark": endpoint.get("description") or "", "enable_client_ssl": bool(endpoint.get("enableClientSsl"))}
        if kind == "HTTP-VPC":
            target.update(vpc_channel_status=1, vpc_channel_info={
                "vpc_channel_id": _channel_id(tx, _first(endpoint.get("name"))),
                "vpc_channel_proxy_host": endpoint.get("host") or ""})
        else:
            target.update(vpc_channel_status=2, url_domain=_first(endpoint.get("address")))
        values.update(backend_type="HTTP", backend_api=target)
    elif kind == "FUNCTION":
        endpoint = backend.get("functionEndpoints") or {}
        values.update(backend_type="FUNCTION", func_info={
            "function_urn": endpoint.get("function-urn"), "version": endpoint.get("version") or "",
            "invocation_type": endpoint.get("invocation-type"), "network_type": endpoint.get("network-type", "V2"),
            "alias_urn": endpoint.get("alias-urn") or "", "timeout": endpoint.get("timeout", 5000)})
    elif kind == "MOCK":
        endpoint = backend.get("mockEndpoints") or {}
        values.update(backend_type="MOCK", mock_info={"result_content": endpoint.get("result-content") or ""})
    else:
        raise invalid("x-apigateway-backend.type", "APIG.2011")


_BACKEND_FIELDS = ("backend_type", "backend_api", "func_info", "mock_info", "backend_params") + apis.POLICIES


def _api_values(tx, doc, path, method, op, existing, group_id, mock_mode):
    """The API body an operation defines: the existing API's fields the document leaves out stay."""
    oas3 = "openapi" in doc
    values = dict(existing or {})
    responses = [r for r in (op.get("responses") or {}).values() if isinstance(r, dict)]
    auth_type, auth_opt = _auth_in(doc, op, oas3)
    values.update(
        group_id=group_id, name=op.get("operationId") or values.get("name"),
        type=2 if op.get("x-apigateway-request-type") == "private" else 1,
        req_protocol=_protocol(doc, op, oas3), req_method="ANY" if method == ANY_METHOD else method.upper(),
        req_uri=_request_path(doc, path),
        auth_type=auth_type, auth_opt=auth_opt, remark=op.get("description") or "",
        cors=bool(op.get("x-apigateway-cors", False)), match_mode=op.get("x-apigateway-match-mode", "NORMAL"),
        tags=list(op.get("tags") or ()), authorizer_id=op.get("x-apigateway-authorizer") or "",
        req_params=_req_params(op, oas3, values.get("req_params") or ()),
        result_normal_sample=next((r["x-apigateway-result-normal-sample"] for r in responses
                                   if r.get("x-apigateway-result-normal-sample")), ""),
        result_failure_sample=next((r["x-apigateway-result-failure-sample"] for r in responses
                                    if r.get("x-apigateway-result-failure-sample")), ""))
    if not values["name"]:
        raise missing("operationId")
    backend = op.get("x-apigateway-backend")
    if mock_mode or (backend is None and existing is None):
        values.update({name: None for name in _BACKEND_FIELDS},
                      backend_type="MOCK", mock_info={"result_content": ""}, backend_params=[])
    elif backend is not None:
        values.update({name: None for name in _BACKEND_FIELDS if name not in apis.POLICIES})
        _backend_in(tx, backend, values)
    # Documents carry no backend policies: an API keeps those of its backend type.
    for own, policies in apis.BACKENDS.values():
        if own != apis.BACKENDS[values["backend_type"]][0]:
            values[policies] = None
    return validate(apis.FIELDS, _unset_blanks(values), "APIG.2011")


def _unset_blanks(value):
    """A stored definition as a request would send it: "" (the server's "unset") left out."""
    if isinstance(value, dict):
        return {k: _unset_blanks(v) for k, v in value.items() if v != ""}
    if isinstance(value, list):
        return [_unset_blanks(v) for v in value]
    return value


def _operations(doc):
    for path, item in doc["paths"].items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if (method in HTTP_METHODS or method == ANY_METHOD) and isinstance(op, dict):
                yield path, method, op


def _request_path(doc, path):
    return (doc.get("basePath", "").rstrip("/") if "openapi" not in doc else "") + path


def _import_one(tx, doc, path, method, op, group_id, api_mode, mock_mode):
    """Write one operation's API; return ("create"/"update", api) or ("ignore", None)."""
    req_uri = _request_path(doc, path)
    req_method = "ANY" if method == ANY_METHOD else method.upper()
    found = apis.rows(tx, "api", group_id=group_id, req_method=req_method, req_uri=req_uri)
    old = found[0] if found else None
    current = validate(apis.FIELDS, _unset_blanks(old), "APIG.2011") if old else None
    values = _api_values(tx, doc, path, method, op, current, group_id, mock_mode)
    if old and values == current:
        return "ignore", None
    if old and api_mode == "merge":
        raise ApiError("APIG.3301", "The API already exists, An API with the same combination of the method, path, "
                                    "and x-apigateway-match-mode fields already exists. API name: %s" % old["name"])
    record = apis.definition(values, old)
    apis.check_other_rows(tx, record, old)
    try:
        (tx.replace if old else tx.insert)("api", record, apis.COLLECTION.unique_key(record))
    except IntegrityError:
        raise ApiError("APIG.3202", "The API name already exists,name:%s" % record["name"]) from None
    return ("update" if old else "create"), record


def _target_group(tx, doc):
    if _flag("is_create_group", True):
        info = doc.get("info") or {}
        values = validate(api_groups.COLLECTION.create, {"name": info.get("title"), "remark": info.get("description")},
                          "APIG.2011")
        group = api_groups.build(values)
        try:
            tx.insert("group", group, api_groups.COLLECTION.unique_key(group))
        except IntegrityError:
            raise ApiError("APIG.3201", "The API group name already exists,name:%s" % group["name"]) from None
        return group["id"]
    group_id = request.form.get("group_id")
    if not group_id:
        raise missing("group_id")
    return api_groups.COLLECTION.get_or_404(tx, group_id)["id"]


def import_openapi(project_id, instance_id):
    upload = request.files.get("file_name")
    with store().transaction(Scope(project_id, instance_id)) as tx:
        require_instance(tx)
        api_mode = _choice("api_mode", ("merge", "override"))
        _choice("extend_mode", ("merge", "override"))
        mock_mode = _flag("mock_mode", False)
        _flag("simple_mode", False)
        if upload is None:
            raise missing("file_name")
        doc = parse_document(upload.read())
        group_id = _target_group(tx, doc)
        result = {"success": [], "failure": [], "ignore": [], "group_id": group_id}
        for path, method, op in _operations(doc):
            # The API's request path: Swagger's basePath included.
            shown = {"path": _request_path(doc, path), "method": "ANY" if method == ANY_METHOD else method.upper()}
            try:
                action, api = _import_one(tx, doc, path, method, op, group_id, api_mode, mock_mode)
            except ApiError as exc:
                result["failure"].append(dict(shown, error_code=exc.code, error_msg=exc.msg))
                continue
            if api is None:
                result["ignore"].append(shown)
            else:
                result["success"].append(dict(shown, action=action, id=api["id"]))
        swagger_id = new_id()
        result.update(swagger={"id": swagger_id, "result": "Success"}, swagger_id=swagger_id, result="Success")
        return result


def register(blueprint):
    blueprint.add_url_rule(PREFIX + "/openapi/export", endpoint="openapi_export", view_func=export_openapi,
                           methods=["POST"])
    blueprint.add_url_rule(PREFIX + "/openapi/import", endpoint="openapi_import", view_func=import_openapi,
                           methods=["POST"])
