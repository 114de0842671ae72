"""An in-memory APIG for engine and module tests.

``FakeAPI`` is an ``APIGClient`` whose ``request`` serves dict-backed collections instead of
HTTP, so ``path``/``get``/``post``/``list_all`` are the real client's code. It records every
call, refuses writes when read-only (check mode) exactly like the client, and answers with
the API's status codes and error codes.
"""
import copy
import uuid

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, APIGError, WriteInCheckMode
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run, run_info

PROJECT = "proj"
INSTANCE = "inst"
RELEASE = {"id": "DEFAULT_ENVIRONMENT_RELEASE_ID", "name": "RELEASE", "remark": "",
           "create_time": "2019-02-12T19:42:19Z"}

# collection -> (list key, name field, fields that make the name unique, not-found code)
COLLECTIONS = {
    "api-groups": ("groups", "name", (), "APIG.3001"),
    "envs": ("envs", "name", (), "APIG.3003"),
    "env-variables": ("variables", "variable_name", ("group_id", "env_id"), "APIG.3011"),
}
# What precise_search=<value> makes exact, per collection.
PRECISE = {"api-groups": {"name": "name"}, "env-variables": {"name": "variable_name"}}


def api_error(status, code, msg, method=None):
    return APIGError("HTTP %s" % status, status=status, error_code=code, error_msg=msg, method=method)


class FakeAPI(APIGClient):
    # pylint: disable=super-init-not-called
    def __init__(self, read_only=False):
        self.project_id = PROJECT
        self.read_only = read_only
        self.store = dict((name, {}) for name in COLLECTIONS)
        self.store["envs"][RELEASE["id"]] = dict(RELEASE)
        self.calls = []
        # (method, APIGError or a callable making one at call time), raised by the next matching call
        self.fail = []

    def add(self, collection, **item):
        item.setdefault("id", uuid.uuid4().hex)
        self.store[collection][item["id"]] = item
        return dict(item)

    def writes(self):
        return [c for c in self.calls if c[0] != "GET"]

    def request(self, method, path, query=None, body=None, files=None, recover=None):
        self.calls.append((method, path, dict(query or {}), copy.deepcopy(body)))
        if self.read_only and method != "GET":
            raise WriteInCheckMode("refusing to send %s in check mode" % method, method=method)
        for planned in self.fail:
            if planned[0] == method:
                self.fail.remove(planned)
                raise planned[1]() if callable(planned[1]) else planned[1]
        prefix = self.path("instances", INSTANCE) + "/"
        assert path.startswith(prefix), path
        segments = path[len(prefix):].split("/")
        collection, item_id = segments[0], (segments[1] if len(segments) > 1 else None)
        handler = getattr(self, "_" + method.lower())
        return handler(collection, item_id, query or {}, body)

    def _item(self, collection, item_id):
        if item_id not in self.store[collection]:
            raise api_error(404, COLLECTIONS[collection][3], "%s does not exist" % item_id)
        return self.store[collection][item_id]

    def _get(self, collection, item_id, query, body):
        if item_id:
            return dict(self._item(collection, item_id))
        list_key = COLLECTIONS[collection][0]
        exact = PRECISE.get(collection, {}).get(query.get("precise_search"))
        items = list(self.store[collection].values())
        for key, value in query.items():
            if key in ("offset", "limit", "precise_search"):
                continue
            items = [i for i in items if (i.get(key) == value if key == exact or key.endswith("id")
                                          else str(value) in str(i.get(key)))]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        page = [dict(i) for i in items[offset:offset + limit]]
        return {"total": len(items), "size": len(page), list_key: page}

    def _check_unique(self, collection, item):
        _, name_field, scope, _ = COLLECTIONS[collection]
        for other in self.store[collection].values():
            if other["id"] != item.get("id") and other[name_field] == item[name_field] and \
                    all(other.get(s) == item.get(s) for s in scope):
                raise api_error(400, "APIG.3201", "name already exists")

    def _post(self, collection, item_id, query, body):
        item = dict(body, id=uuid.uuid4().hex)
        self._check_unique(collection, item)
        self.store[collection][item["id"]] = item
        return dict(item)

    def _put(self, collection, item_id, query, body):
        item = dict(self._item(collection, item_id), **body)
        self._check_unique(collection, item)
        self.store[collection][item_id] = item
        return dict(item)

    def _delete(self, collection, item_id, query, body):
        del self.store[collection][self._item(collection, item_id)["id"]]


class Exit(Exception):
    """exit_json or fail_json was called; ``result`` holds its arguments."""

    def __init__(self, failed, result):
        super().__init__(result.get("msg"))
        self.failed = failed
        self.result = result


class FakeModule:
    """The part of APIGModule the engine uses."""

    def __init__(self, api, params, check_mode=False, diff=True):
        api.read_only = check_mode
        self.client = api
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def warn(self, warning):
        self.warnings.append(warning)

    def instance_path(self, *segments):
        return self.client.path("instances", INSTANCE, *segments)

    def exit_json(self, **result):
        raise Exit(False, result)

    def fail_json(self, **result):
        raise Exit(True, result)

    def fail_from_error(self, err, **result):
        self.fail_json(msg=str(err), error=err.to_dict(), **result)


def drive(api, spec, params, check_mode=False, diff=True, info=False):
    """Run the engine once; return the module result (with ``failed`` set on failure)."""
    module = FakeModule(api, params, check_mode=check_mode, diff=diff)
    try:
        (run_info if info else run)(module, spec)
    except Exit as done:
        return dict(done.result, failed=done.failed, warnings=module.warnings)
    raise AssertionError("the engine neither exited nor failed")
