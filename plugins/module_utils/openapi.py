# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OpenAPI import and export (API reference 3.17): documents, the calls, and the comparison that
makes an import idempotent.

An operation is compared in the form the import stores it: the gateway's defaults filled in
(no security means no authentication, no ``x-apigateway-request-type`` means public, and so on),
parameters keyed by location and name, only what the gateway keeps (``responses`` other than the
result samples, ``consumes``/``produces`` and ``formData``/``body`` parameters are not imported).
The same normalization of the document and of the group's export says which APIs an import
creates, changes or leaves alone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import tempfile
import traceback

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import CHECK_MODE_ASSUMES
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT_REFERENCE, GROUP_REFERENCE

HTTP_METHODS = ("get", "post", "put", "delete", "head", "patch", "options")
ANY_METHOD = "x-apigateway-any-method"
NUMBER_TYPES = ("integer", "number", "long", "float", "double")
AUTH_TYPES = {"AppSigv1": "APP", "IAM": "IAM", "AUTHORIZER": "AUTHORIZER"}
DEFINES = ["spec", "proxy", "all", "dev"]
OAS_VERSIONS = ["2.0", "3.0"]


class YAMLMissing(Exception):
    """A text that is not JSON needs PyYAML, which is not installed."""


def load_text(text):
    """The data of a JSON or YAML ``text``. JSON is read with the standard library: PyYAML, whose
    import is about 15 ms of a module's start-up, loads only for other text. Raises ValueError
    (neither JSON nor YAML) or YAMLMissing."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        import yaml  # pylint: disable=import-outside-toplevel
    except ImportError:
        raise YAMLMissing(traceback.format_exc())
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise ValueError(str(err))


def fail_without_yaml(module, missing):
    module.fail_json(msg=missing_required_lib("PyYAML"), exception=str(missing))


def oas_version(doc):
    """"2.0" for a Swagger 2.0 document, "3.0" for an OpenAPI 3 one, None for anything else."""
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        return None
    if str(doc.get("swagger", "")).startswith("2"):
        return "2.0"
    if str(doc.get("openapi", "")).startswith("3"):
        return "3.0"
    return None


def parse(text, option):
    """The document in a JSON or YAML ``text``; a ValueError naming ``option`` when it is none."""
    try:
        doc = load_text(text)
    except ValueError as err:
        raise ValueError("%s is neither JSON nor YAML: %s" % (option, err))
    if oas_version(doc) is None:
        raise ValueError("%s is not a Swagger 2.0 or OpenAPI 3.0 document (swagger/openapi and paths)" % option)
    return doc


def load(module):
    """The document of the ``src`` file or of ``content`` (a dict, JSON or YAML text)."""
    content = module.params["content"]
    try:
        if module.params["src"] is not None:
            try:
                with open(module.params["src"], "rb") as handle:
                    return parse(handle.read().decode("utf-8"), "src")
            except (IOError, OSError, UnicodeError) as err:
                module.fail_json(msg="src: can't read %s: %s" % (module.params["src"], err))
        if isinstance(content, dict):
            if oas_version(content) is None:
                raise ValueError("content is not a Swagger 2.0 or OpenAPI 3.0 document (swagger/openapi and paths)")
            return content
        return parse(content, "content")
    except ValueError as err:
        module.fail_json(msg=str(err))
    except YAMLMissing as missing:
        fail_without_yaml(module, missing)


def resolve_group(module):
    """The id of the ``group`` option's group; None in check mode when an earlier task would create it."""
    group_id = GROUP_REFERENCE.resolve(module, module.params["group"])
    if group_id is None:
        message = GROUP_REFERENCE.missing(module.params["group"])
        if not module.check_mode:
            module.fail_json(msg=message)
        module.warn(message + CHECK_MODE_ASSUMES)
    return group_id


def export(module, group_id, version, define, env_id=None, fmt="json", doc_version=None):
    """The group's definition (3.17.1): a dict for JSON, the text for YAML. A read, so check mode sends it too."""
    body = {"group_id": group_id, "define": define, "type": fmt}
    if env_id:
        body["env_id"] = env_id
    if doc_version:
        body["version"] = doc_version
    return module.client.read_post(module.instance_path("openapi", "export"), body, query={"oas_version": version})


def import_document(module, group_id, doc):
    """Import ``doc`` into the group (3.17.2), overriding the APIs it defines differently."""
    files = {"is_create_group": "false", "group_id": group_id, "api_mode": "override", "extend_mode": "override",
             "file_name": ("openapi.json", json.dumps(doc, ensure_ascii=False).encode("utf-8"), "application/json")}
    return module.client.post(module.instance_path("openapi", "import"), files=files)


# ---------------------------------------------------------------- normalization

def _text(value):
    return "" if value is None else str(value)


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _param(param, oas3):
    schema = (param.get("schema") or {}) if oas3 else param
    number = schema.get("type") in NUMBER_TYPES
    bounds = ("minimum", "maximum") if number else ("minLength", "maxLength")
    return {
        "type": "NUMBER" if number else "STRING",
        "required": bool(param.get("required")),
        "default": _text(schema.get("default")),
        "description": _text(param.get("description")),
        "example": _text(param.get("example")),
        "enum": [_text(v) for v in schema.get("enum") or ()],
        "bounds": [schema.get(b) or 0 for b in bounds],
        "pass_through": param.get("x-apigateway-pass-through") != "never",
    }


def _params(op, oas3):
    out = {}
    for param in op.get("parameters") or ():
        location = _text(param.get("in")).lower() if isinstance(param, dict) else ""
        if location in ("path", "query", "header"):
            name = _text(param.get("name"))
            # Header names are not case-sensitive.
            out["%s:%s" % (location, name.lower() if location == "header" else name)] = _param(param, oas3)
    return out


def _auth(doc, op, oas3):
    schemes = ((doc.get("components") or {}).get("securitySchemes") if oas3 else doc.get("securityDefinitions")) or {}
    for requirement in op.get("security", doc.get("security")) or ():
        for name in requirement:
            scheme = schemes.get(name) or {}
            auth_type = AUTH_TYPES.get(scheme.get("x-apigateway-auth-type"))
            if auth_type:
                code = _text((scheme.get("x-apigateway-auth-opt") or {}).get("appcode-auth-type")).lower()
                return [auth_type, code == "header"]
    return ["NONE", False]


def _protocol(doc, op, oas3):
    if oas3:
        urls = [_text(s.get("url")) for s in op.get("servers") or doc.get("servers") or ()]
        schemes = set(u.split("://", 1)[0].lower() for u in urls if "://" in u)
    else:
        schemes = set(_text(s).lower() for s in op.get("schemes") or doc.get("schemes") or ())
    if schemes >= set(["http", "https"]):
        return "BOTH"
    return "HTTP" if schemes == set(["http"]) else "HTTPS"


def _endpoint(endpoint, names):
    """The keys of an endpoint with their defaults: (key, default) pairs."""
    return dict((key, _text(_first(endpoint.get(key, default)))) for key, default in names)


def _backend(backend):
    kind = _text(backend.get("type")).upper()
    out = {"type": kind, "parameters": sorted(
        [_text(p.get("name")), _text(p.get("value")), _text(p.get("in")).lower(), _text(p.get("origin")),
         _text(p.get("description"))] for p in backend.get("parameters") or ())}
    common = (("scheme", "https"), ("method", ""), ("path", ""), ("timeout", 5000), ("description", ""),
              ("enableClientSsl", False))
    if kind == "HTTP":
        out["endpoint"] = _endpoint(backend.get("httpEndpoints") or {}, common + (("address", ""),))
    elif kind == "HTTP-VPC":
        out["endpoint"] = _endpoint(backend.get("httpVpcEndpoints") or {}, common + (("name", ""), ("host", "")))
    elif kind == "FUNCTION":
        out["endpoint"] = _endpoint(backend.get("functionEndpoints") or {}, (
            ("function-urn", ""), ("version", ""), ("invocation-type", ""), ("network-type", "V2"),
            ("alias-urn", ""), ("timeout", 5000)))
    else:
        out["endpoint"] = _endpoint(backend.get("mockEndpoints") or {}, (("result-content", ""),))
    endpoint = out["endpoint"]
    if "scheme" in endpoint:
        endpoint["scheme"] = endpoint["scheme"].lower()
    return out


def _sample(op, key):
    for response in (op.get("responses") or {}).values():
        if isinstance(response, dict) and response.get(key):
            return _text(response[key])
    return ""


def normalize(doc, op):
    """What the gateway stores of one operation, for comparison."""
    oas3 = "openapi" in doc
    out = {
        "name": _text(op.get("operationId")),
        "description": _text(op.get("description")),
        "tags": sorted(_text(t) for t in op.get("tags") or ()),
        "protocol": _protocol(doc, op, oas3),
        "auth": _auth(doc, op, oas3),
        "authorizer": _text(op.get("x-apigateway-authorizer")),
        "request_type": "private" if op.get("x-apigateway-request-type") == "private" else "public",
        "match_mode": _text(op.get("x-apigateway-match-mode") or "NORMAL"),
        "cors": bool(op.get("x-apigateway-cors")),
        "parameters": _params(op, oas3),
        "normal_sample": _sample(op, "x-apigateway-result-normal-sample"),
        "failure_sample": _sample(op, "x-apigateway-result-failure-sample"),
    }
    if isinstance(op.get("x-apigateway-backend"), dict):
        out["backend"] = _backend(op["x-apigateway-backend"])
    return out


def operations(doc):
    """``{"METHOD /path": operation}`` of a document; Swagger's basePath prefixes the paths."""
    base = "" if "openapi" in doc else _text(doc.get("basePath")).rstrip("/")
    found = {}
    for path, item in doc["paths"].items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if (method in HTTP_METHODS or method == ANY_METHOD) and isinstance(op, dict):
                found["%s %s%s" % ("ANY" if method == ANY_METHOD else method.upper(), base, path)] = op
    return found


def plan(doc, exported):
    """(to create, to change) API keys of ``doc`` against the group's ``exported`` definition."""
    have = operations(exported) if exported else {}
    creates, updates = [], []
    for key, op in sorted(operations(doc).items()):
        if key not in have:
            creates.append(key)
            continue
        wanted, current = normalize(doc, op), normalize(exported, have[key])
        if "backend" not in wanted:
            current.pop("backend", None)  # a document without a backend keeps the API's
        if wanted != current:
            updates.append(key)
    return creates, updates


def _named(items, action):
    return sorted("%s %s" % (i.get("method"), i.get("path")) for i in items if i.get("action") == action)


def failures(result):
    """The import's per-API failures as ``METHOD /path: message (code)``."""
    return ["%s %s: %s (%s)" % (f.get("method"), f.get("path"), f.get("error_msg"), f.get("error_code"))
            for f in (result or {}).get("failure") or ()]


def run_import(module):
    """Import the document unless the group already defines its APIs that way."""
    doc = load(module)
    unnamed = sorted(key for key, op in operations(doc).items() if not op.get("operationId"))
    if unnamed:
        module.fail_json(msg="every operation needs an operationId (the API name); missing on %s" % ", ".join(unnamed))
    group_id = resolve_group(module)
    exported = export(module, group_id, oas_version(doc), "dev") if group_id else None
    creates, updates = plan(doc, exported)
    result = {"changed": bool(creates or updates), "group_id": group_id, "created": creates, "updated": updates}
    if not result["changed"] or module.check_mode:
        return result
    answer = import_document(module, group_id, doc)
    problems = failures(answer)
    done = (answer or {}).get("success") or ()
    result.update(created=_named(done, "create"), updated=_named(done, "update"), result=answer)
    if problems:
        module.fail_json(msg="the import failed for %d API(s): %s" % (len(problems), "; ".join(problems)), **result)
    return result


# ---------------------------------------------------------------- export to a file

def _read(path):
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (IOError, OSError):
        return None


def _version_of(content):
    """The ``info.version`` of a document file's ``content``, or None."""
    try:
        doc = load_text(content.decode("utf-8"))
    except (UnicodeError, ValueError, YAMLMissing):
        return None
    version = (doc.get("info") or {}).get("version") if isinstance(doc, dict) else None
    return _text(version) or None


def _write(module, dest, data):
    """Replace ``dest`` with ``data`` in one step (a temporary file moved over it)."""
    handle, tmp = tempfile.mkstemp(dir=module.tmpdir)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    module.atomic_move(tmp, dest)


def run_export(module):
    """Write the group's definition to ``dest``; changed only when the file's content changes."""
    params = module.params
    define = params["define"] or "spec"
    if define != "dev" and not params["environment"]:
        module.fail_json(msg="environment is required unless define is dev (only dev exports APIs not published)")
    dest = params["dest"]
    if not os.path.isdir(os.path.dirname(os.path.abspath(dest))):
        module.fail_json(msg="dest: the directory of %s does not exist" % dest)
    group_id = GROUP_REFERENCE.resolve(module, params["group"])
    if group_id is None:
        module.fail_json(msg=GROUP_REFERENCE.missing(params["group"]))
    env_id = None
    if params["environment"]:
        env_id = ENVIRONMENT_REFERENCE.resolve(module, params["environment"])
        if env_id is None:
            module.fail_json(msg=ENVIRONMENT_REFERENCE.missing(params["environment"]))
    old = _read(dest)
    # Unless told, the version stays the file's own: the service would stamp the current time.
    version = params["version"] or (old and _version_of(old))
    exported = export(module, group_id, params["oas_version"] or "2.0", define, env_id, params["format"], version)
    text = json.dumps(exported, indent=2, ensure_ascii=False) + "\n" if isinstance(exported, dict) else exported
    data = text.encode("utf-8")
    document = exported
    if not isinstance(exported, dict):  # YAML text
        try:
            document = load_text(exported)
        except YAMLMissing as missing:
            fail_without_yaml(module, missing)
    result = {"changed": data != old, "dest": dest, "document": document}
    if result["changed"] and not module.check_mode:
        _write(module, dest, data)
    if module._diff:
        result["diff"] = {"before": old.decode("utf-8", "replace") if old else "", "after": text,
                          "before_header": dest, "after_header": dest}
    return result
