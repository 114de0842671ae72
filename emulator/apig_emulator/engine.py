"""Generic REST collections: a family is a ``Collection`` declaration plus small hooks.

The generic views implement create/show/update/delete/list with the reference's
wire format: validation errors, uniqueness codes, 404 codes, paging
(``offset``/``limit`` -> ``size``/``total``/<list key>), exact and loose filters
with ``precise_search``, deletion guards and cascades.
"""
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Optional

from flask import current_app, request

from .errors import ApiError, invalid, missing, serialization
from .schema import validate
from . import storage
from .storage import IntegrityError, Scope

PREFIX = "/v2/<project_id>/apigw/instances/<instance_id>"
DEFAULT_LIMIT = 20
MAX_LIMIT = 500
REGISTRY = {}  # kind -> Collection, so references and guards can name other kinds


def new_id():
    return uuid.uuid4().hex


def now_iso():
    """UTC time in the reference's format, e.g. ``2020-07-31T06:55:55.383169299Z``."""
    ns = time.time_ns()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ns // 10**9)) + ".%09dZ" % (ns % 10**9)


def settings():
    return current_app.config["APIG_SETTINGS"]


def store():
    return current_app.config["APIG_STORE"]


def _keep(values, old=None):
    return values


def _as_stored(tx, body):
    return body


@dataclass
class Guard:
    """Rows of ``kind`` whose ``field`` holds the item's id block its deletion."""
    kind: str
    field: str
    code: str
    message: str


@dataclass
class Collection:
    kind: str                       # storage kind
    path: str                       # URL segment below the instance, e.g. "api-groups"
    id_param: str                   # URL variable of one item, e.g. "group_id"
    list_key: str                   # key of the list in list responses
    not_found: tuple                # (code, message template with {id})
    create: tuple = ()              # body schema of POST (Fields)
    update: tuple = ()              # body schema of PUT; PUT replaces these fields
    create_invalid: str = "APIG.2012"  # code for a broken rule on POST / PUT, as each
    update_invalid: str = "APIG.2012"  # operation's 400 example shows it
    ops: frozenset = frozenset({"create", "show", "update", "delete", "list"})
    unique: tuple = ()              # body fields forming the uniqueness key (case-sensitive)
    unique_error: tuple = None      # (code, message template with {name})
    references: dict = field(default_factory=dict)     # body field -> referenced kind (must exist)
    exact_filters: dict = field(default_factory=dict)  # query param -> body field, equality
    name_filters: dict = field(default_factory=dict)   # query param -> body field, substring unless precise
    precise_aliases: dict = field(default_factory=dict)  # extra precise_search names -> query param
    joins: dict = field(default_factory=dict)  # query param -> (kind, field, id field): items named by such rows
    required_filters: tuple = ()
    list_fields: Optional[tuple] = None  # project list items onto these keys (None: whole body)
    guards: tuple = ()              # Guard rows checked before delete
    cascade: tuple = ()             # (kind, field) rows deleted with the item
    build: Callable = _keep         # (values) -> full stored body with server fields
    on_update: Callable = _keep     # (new, old) -> body to store; may raise ApiError
    on_delete: Callable = None      # (old) -> None; may raise ApiError
    check: Callable = None          # (tx, new, old or None) -> None: rules needing other rows; may raise
    render: Callable = _as_stored   # (tx, body) -> response body (joins other rows' fields)

    def missing_error(self, rid):
        code, template = self.not_found
        return ApiError(code, template.format(id=rid))

    def unique_key(self, body):
        if not self.unique:
            return None
        return json.dumps([body[f] for f in self.unique], ensure_ascii=False)

    def get_or_404(self, tx, rid):
        record = tx.get(self.kind, rid)
        if record is None:
            raise self.missing_error(rid)
        return record

    def project(self, body):
        if self.list_fields is None:
            return body
        return {k: body[k] for k in self.list_fields if k in body}


def json_body():
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw or b"null")
        # A lone surrogate (\ud800) parses but can be neither stored nor sent back as UTF-8.
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, RecursionError) as exc:  # UnicodeError is a ValueError
        raise serialization(str(exc)) from None
    if not isinstance(body, dict):
        raise serialization("the request body must be a JSON object")
    return body


def paging(args):
    """``offset`` (negative -> 0) and ``limit`` (1..500, default 20) from the query."""
    try:
        offset = max(int(args.get("offset", 0)), 0)
    except ValueError:
        raise invalid("offset", "APIG.2012") from None
    try:
        limit = int(args.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise invalid("limit", "APIG.2012") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", "APIG.2012")
    return offset, limit


def require_instance(tx):
    if tx.get("instance", tx.scope.instance_id) is None:
        raise ApiError("APIG.3030", "The instance does not exist;id:" + tx.scope.instance_id)


def check_references(tx, coll, values):
    for name, kind in coll.references.items():
        if values.get(name) is not None and tx.get(kind, values[name]) is None:
            raise REGISTRY[kind].missing_error(values[name])


def list_page(tx, coll, args):
    """The list response body for query ``args`` within ``tx``'s scope."""
    offset, limit = paging(args)
    for name in coll.required_filters:
        if not args.get(name):
            raise missing(name)
    precise = set()
    for name in args.get("precise_search", "").split(","):
        precise.add(coll.precise_aliases.get(name.strip(), name.strip()))
    exact = {f: args[q] for q, f in coll.exact_filters.items() if args.get(q)}
    loose = {}
    for q, f in coll.name_filters.items():
        if args.get(q):
            (exact if q in precise else loose)[f] = args[q]
    check_references(tx, coll, exact)
    joined = [(kind, f, args[q], id_field) for q, (kind, f, id_field) in coll.joins.items() if args.get(q)]
    total, items = tx.page(coll.kind, exact, loose, offset, limit, joined=joined)
    return {"size": len(items), "total": total, coll.list_key: [coll.project(coll.render(tx, i)) for i in items]}


def _store_unique(tx, coll, body, write):
    try:
        write(coll.kind, body, coll.unique_key(body))
    except IntegrityError:
        code, template = coll.unique_error
        raise ApiError(code, template.format(name=body[coll.unique[-1]])) from None


def create_view(coll):
    def view(project_id, instance_id):
        body = json_body()
        with store().transaction(Scope(project_id, instance_id)) as tx:
            require_instance(tx)
            values = validate(coll.create, body, coll.create_invalid)
            check_references(tx, coll, values)
            record = coll.build(values)
            if coll.check:
                coll.check(tx, record, None)
            _store_unique(tx, coll, record, tx.insert)
            return coll.render(tx, record), 201
    return view


def show_view(coll):
    def view(project_id, instance_id, **ids):
        item_id = ids[coll.id_param]
        with store().transaction(Scope(project_id, instance_id), write=False) as tx:
            require_instance(tx)
            return coll.render(tx, coll.get_or_404(tx, item_id))
    return view


def update_view(coll):
    def view(project_id, instance_id, **ids):
        item_id = ids[coll.id_param]
        body = json_body()
        with store().transaction(Scope(project_id, instance_id)) as tx:
            require_instance(tx)
            old = coll.get_or_404(tx, item_id)
            values = validate(coll.update, body, coll.update_invalid)
            record = coll.on_update({**old, **values}, old)
            if coll.check:
                coll.check(tx, record, old)
            _store_unique(tx, coll, record, tx.replace)
            return coll.render(tx, record)
    return view


def delete_view(coll):
    def view(project_id, instance_id, **ids):
        item_id = ids[coll.id_param]
        with store().transaction(Scope(project_id, instance_id)) as tx:
            require_instance(tx)
            old = coll.get_or_404(tx, item_id)
            if coll.on_delete:
                coll.on_delete(old)
            for guard in coll.guards:
                if tx.exists_where(guard.kind, guard.field, item_id):
                    raise ApiError(guard.code, guard.message)
            for kind, ref_field in coll.cascade:
                tx.delete_where(kind, ref_field, item_id)
            tx.delete(coll.kind, item_id)
        return "", 204
    return view


def list_view(coll):
    def view(project_id, instance_id):
        with store().transaction(Scope(project_id, instance_id), write=False) as tx:
            require_instance(tx)
            return list_page(tx, coll, request.args)
    return view


_VIEWS = {
    "create": (create_view, "POST", False),
    "list": (list_view, "GET", False),
    "show": (show_view, "GET", True),
    "update": (update_view, "PUT", True),
    "delete": (delete_view, "DELETE", True),
}


def declare_indexes(coll):
    """Index the fields ``coll`` and its guards, cascades and joins look rows up by (see storage)."""
    schema = {f.name: f for f in coll.create}
    for name in set(coll.exact_filters.values()) | set(coll.references) | set(coll.unique[:-1]):
        coded = name in schema and (schema[name].enum is not None or schema[name].type in (int, bool))
        storage.index(coll.kind, name, storage.NEVER if coded else storage.ORDINARY)
    for name in set(coll.name_filters.values()) | set(coll.unique[-1:]):
        storage.index(coll.kind, name, storage.SELECTIVE)
    for kind, name in [(g.kind, g.field) for g in coll.guards] + list(coll.cascade) + \
            [(kind, name) for kind, name, _ in coll.joins.values()]:
        storage.index(kind, name)


def register(blueprint, coll):
    """Serve ``coll``'s operations on ``blueprint`` and make it known to references/guards."""
    REGISTRY[coll.kind] = coll
    declare_indexes(coll)
    for op in sorted(coll.ops):
        factory, method, per_item = _VIEWS[op]
        rule = "%s/%s" % (PREFIX, coll.path) + ("/<%s>" % coll.id_param if per_item else "")
        blueprint.add_url_rule(rule, endpoint="%s_%s" % (coll.kind, op), view_func=factory(coll), methods=[method])


def add_routes(blueprint, base, endpoint_prefix, routes):
    """Serve a family's own views: ``routes`` holds ``(rule below base, view, methods)``."""
    for rule, view, methods in routes:
        blueprint.add_url_rule(base + rule, endpoint=endpoint_prefix + view.__name__, view_func=view, methods=methods)
