"""What the binding families share (§3.7 signature keys, §3.8 throttles, §3.15 ACLs, §3.10 app
authorizations): rows that tie a policy, a key or an app to an API published in one environment.

A binding row holds ``api_id``, ``env_id``, the ``publish_id`` it was made on and its policy's
id. Responses show the publication in effect now: republishing keeps an API's bindings, taking
it offline deletes them (``apis.PUBLICATION_DEPENDENTS``). The "unbound" lists show only
published APIs. A ``Binding`` declares one family; ``register`` serves its six routes.
"""
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Optional

from flask import request

from ..engine import PREFIX, REGISTRY, Collection, json_body, new_id, now_iso, paging, require_instance, store
from ..errors import ApiError, missing, param_error
from ..schema import Field, validate
from ..storage import Scope
from . import apis

# The fields an API shows in the "unbound"/"bound" API lists of every binding family.
API_FIELDS = ("id", "name", "group_id", "type", "remark", "req_uri", "req_method", "auth_type", "tags")


@contextmanager
def instance_tx(project_id, instance_id, write=True):
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        yield tx


def hangs_on_publications(kind):
    """Rows of ``kind`` go when their API is taken offline in their environment."""
    if kind not in apis.PUBLICATION_DEPENDENTS:
        apis.PUBLICATION_DEPENDENTS.append(kind)


def required_arg(name):
    value = request.args.get(name)
    if not value:
        raise missing(name)
    return value


def found(tx, kind, rid):
    """The row of ``kind`` (served by another family) or its family's 404."""
    return REGISTRY[kind].get_or_404(tx, rid)


def rendered(tx, kind, row):
    return REGISTRY[kind].render(tx, row)


def policy_name(policy):
    return policy.get("name") or policy.get("acl_name", "")


def env_name(tx, env_id):
    return (tx.get("env", env_id) or {}).get("name", "")


def publication(tx, api_id, env_id):
    return next(iter(apis.rows(tx, "publish", api_id=api_id, env_id=env_id)), None)


def publish_id(tx, row):
    """The publication in effect for a binding row (a republish makes a new record)."""
    pub = publication(tx, row["api_id"], row["env_id"])
    return pub["id"] if pub else row["publish_id"]


def api_view(tx, api, pub):
    """An API as the binding lists show it, in the environment of the publication ``pub``."""
    group = tx.get("group", api["group_id"]) or {}
    view = {k: api[k] for k in API_FIELDS}
    view.update(group_name=group.get("name", ""), run_env_id=pub["env_id"], run_env_name=env_name(tx, pub["env_id"]),
                publish_id=pub["id"])
    return view


def published_apis(tx, args):
    """(API, publication) of every publication, narrowed by the lists' API filters."""
    exact = {k: args[k] for k in ("env_id", "api_id") if args.get(k)}
    pubs = apis.rows(tx, "publish", **exact)
    out = []
    for pub in pubs:
        api = tx.get("api", pub["api_id"])
        if api is None or (args.get("group_id") and api["group_id"] != args["group_id"]):
            continue
        if args.get("api_name") and args["api_name"] not in api["name"]:
            continue
        out.append((api, pub))
    return out


def page(items, list_key):
    offset, limit = paging(request.args)
    return {"size": len(items[offset:offset + limit]), "total": len(items), list_key: items[offset:offset + limit]}


def id_list(name, max_items=None):
    return Field(name, list, required=True, item=Field(name, min_len=1, max_len=64), max_items=max_items)


_BATCH_ACTION = 'Invalid parameter value: parameter action should be "delete"'


def batch_delete(tx, kind, ids, not_found):
    """The batch answer: ``success_count`` and a ``failure`` item per id that could not go."""
    failure, done = [], 0
    for rid in ids:
        row = tx.get(kind, rid)
        if row is None:
            code, message = not_found
            failure.append({"bind_id": rid, "error_code": code, "error_msg": message})
            continue
        tx.delete(kind, rid)
        done += 1
    return {"success_count": done, "failure": failure}


@dataclass
class Binding:
    """One family of policy bindings on publications (``POST``/``DELETE``/batch ``PUT`` and three lists)."""
    kind: str               # storage kind of the binding rows
    path: str               # URL segment, e.g. "throttle-bindings"
    id_param: str           # URL variable of one binding
    not_found: tuple        # (code, message) of a missing binding
    policy_kind: str        # storage kind of what is bound, e.g. "throttle"
    policy_field: str       # the bind body's field naming it (stored under the same name)
    policy_query: str       # the query parameter naming it in the API lists
    time_field: str         # the binding time in the row and in the bind answer
    created_key: str        # list key of the bind answer
    created: Callable       # (tx, row, policy) -> an item of the bind answer
    bound_key: str          # list key of "the APIs bound to this policy"
    bound: Callable         # (tx, row, api, policy) -> its item
    unbound_key: str        # list key of "the APIs not bound to this policy"
    other_name: str         # key naming, in an unbound item, the policy of this kind bound there instead
    of_api_path: str        # "the policies bound to this API", e.g. "binded-throttles"
    of_api_key: str
    of_api: Callable        # (tx, row, policy) -> its item
    of_api_filters: dict    # query parameter -> field of the of_api item (exact match)
    excludes: Callable = None  # (policy, other policy) -> whether binding both to one API in one env is barred
    batch_key: Optional[str] = None  # body key of the batch unbind call, when the family has one
    extra: dict = None      # more fields of a new row

    def collection(self):
        """The generic DELETE of one binding (and the kind's entry in the engine's registry)."""
        code, message = self.not_found
        return Collection(kind=self.kind, path=self.path, id_param=self.id_param, list_key=self.created_key,
                          not_found=(code, message), ops=frozenset({"delete"}))

    def rows_of(self, tx, **exact):
        return apis.rows(tx, self.kind, **exact)

    def conflicts(self, tx, policy, pub):
        """The binding of another policy on this publication that a new one would break the rule with."""
        for row in self.rows_of(tx, api_id=pub["api_id"], env_id=pub["env_id"]):
            other = tx.get(self.policy_kind, row[self.policy_field])
            if row[self.policy_field] == policy["id"] or other is None:
                continue
            if self.excludes is None or self.excludes(policy, other):
                return row, other
        return None

    # -- views --------------------------------------------------------------------------------

    def bind(self, project_id, instance_id):
        body = json_body()
        with instance_tx(project_id, instance_id) as tx:
            values = validate((Field(self.policy_field, required=True, min_len=1, max_len=64),
                               id_list("publish_ids")), body, "APIG.2011")
            policy = found(tx, self.policy_kind, values[self.policy_field])
            made = []
            for pid in dict.fromkeys(values["publish_ids"]):
                pub = tx.get("publish", pid)
                if pub is None:
                    raise ApiError("APIG.3015", "The API publication record does not exist,publish_id:%s" % pid)
                same = [r for r in self.rows_of(tx, api_id=pub["api_id"], env_id=pub["env_id"])
                        if r[self.policy_field] == policy["id"]]
                if same:  # bound already: the existing binding answers
                    made.append(same[0])
                    continue
                clash = self.conflicts(tx, policy, pub)
                if clash:
                    raise param_error("APIG.2011", "The API %s is already bound to %s in environment %s"
                                      % (pub["api_id"], policy_name(clash[1]),
                                         env_name(tx, pub["env_id"])), "publish_ids")
                row = {"id": new_id(), self.policy_field: policy["id"], "publish_id": pid, "api_id": pub["api_id"],
                       "env_id": pub["env_id"], self.time_field: now_iso(), **(self.extra or {})}
                tx.insert(self.kind, row)
                made.append(row)
            return {self.created_key: [self.created(tx, {**r, "publish_id": publish_id(tx, r)}, policy)
                                       for r in made]}, 201

    def batch_unbind(self, project_id, instance_id):
        body = json_body()
        if request.args.get("action") != "delete":
            raise ApiError("APIG.2011", _BATCH_ACTION)
        with instance_tx(project_id, instance_id) as tx:
            values = validate((id_list(self.batch_key),), body, "APIG.2011")
            return batch_delete(tx, self.kind, values[self.batch_key], self.not_found)

    def bound_apis(self, project_id, instance_id):
        with instance_tx(project_id, instance_id, write=False) as tx:
            policy = found(tx, self.policy_kind, required_arg(self.policy_query))
            items = []
            for api, pub in published_apis(tx, request.args):
                for row in self.rows_of(tx, api_id=api["id"], env_id=pub["env_id"]):
                    if row[self.policy_field] == policy["id"]:
                        items.append(self.bound(tx, {**row, "publish_id": pub["id"]}, api_view(tx, api, pub),
                                                policy))
            return page(items, self.bound_key)

    def unbound_apis(self, project_id, instance_id):
        with instance_tx(project_id, instance_id, write=False) as tx:
            policy = found(tx, self.policy_kind, required_arg(self.policy_query))
            items = []
            for api, pub in published_apis(tx, request.args):
                rows = self.rows_of(tx, api_id=api["id"], env_id=pub["env_id"])
                if any(r[self.policy_field] == policy["id"] for r in rows):
                    continue
                item = api_view(tx, api, pub)
                clash = self.conflicts(tx, policy, pub)
                if clash:
                    item[self.other_name] = policy_name(clash[1])
                items.append(item)
            return page(items, self.unbound_key)

    def policies_of_api(self, project_id, instance_id):
        with instance_tx(project_id, instance_id, write=False) as tx:
            api = found(tx, "api", required_arg("api_id"))
            env_id = request.args.get("env_id")
            items = []
            for row in self.rows_of(tx, api_id=api["id"]):
                policy = tx.get(self.policy_kind, row[self.policy_field])
                if policy is None or (env_id and row["env_id"] != env_id):
                    continue
                item = self.of_api(tx, {**row, "publish_id": publish_id(tx, row)}, rendered(tx, self.policy_kind,
                                                                                              policy))
                if all(item.get(field) == request.args[q] for q, field in self.of_api_filters.items()
                       if request.args.get(q)):
                    items.append(item)
            return page(items, self.of_api_key)

    def register(self, blueprint):
        base = "%s/%s" % (PREFIX, self.path)
        routes = [("", self.bind, "POST"), ("/binded-apis", self.bound_apis, "GET"),
                  # The SDK says unbinded-apis, the reference unbound-apis (or the other way round).
                  ("/unbinded-apis", self.unbound_apis, "GET"), ("/unbound-apis", self.unbound_apis, "GET"),
                  ("/" + self.of_api_path, self.policies_of_api, "GET")]
        if self.batch_key:
            routes.append(("", self.batch_unbind, "PUT"))
        for rule, view, method in routes:
            endpoint = "%s_%s%s" % (self.kind, view.__name__, rule.replace("/", "_").replace("-", "_"))
            blueprint.add_url_rule(base + rule, endpoint=endpoint, view_func=view, methods=[method])
        hangs_on_publications(self.kind)
