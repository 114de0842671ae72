"""The in-memory APIG of engine_fakes.py, plus APIs, authorizers and VPC channels.

APIs behave like the service's: the server adds ids to nested objects and timestamps,
list items lack the backends, parameters and policies but name their group (``group_name``),
a name is unique in its group, and a published API can't be deleted.
"""
import uuid

from engine_fakes import FakeAPI, api_error

# Nested lists and objects of an API that get a server id.
NESTED_LISTS = ("req_params", "backend_params", "policy_https", "policy_functions", "policy_mocks")
NESTED_OBJECTS = ("backend_api", "func_info", "mock_info")
DETAIL_ONLY = ("func_info", "mock_info", "backend_params", "policy_https", "policy_functions", "policy_mocks")
# collection -> (list key, not-found code)
EXTRA = {"apis": ("apis", "APIG.3002"), "authorizers": ("authorizer_list", "APIG.3081"),
         "vpc-channels": ("vpc_channels", "APIG.3023")}
NOW = "2024-01-01T00:00:00Z"


def with_server_fields(api):
    """``api`` as the server stores it: ids on every nested object."""
    api = dict(api, register_time=NOW, update_time=NOW)
    for key in NESTED_OBJECTS:
        if api.get(key):
            api[key] = dict(api[key], id=uuid.uuid4().hex, register_time=NOW, status=1)
    for key in NESTED_LISTS:
        items = []
        for item in api.get(key) or []:
            item = dict(item, id=uuid.uuid4().hex)
            if key == "backend_params":
                item["req_param_id"] = uuid.uuid4().hex
            if "conditions" in item:
                item["conditions"] = [dict(c, id=uuid.uuid4().hex) for c in item["conditions"]]
            items.append(item)
        api[key] = items
    return api


class FakeAPIG(FakeAPI):
    def __init__(self, read_only=False):
        super().__init__(read_only)
        self.store.update((name, {}) for name in EXTRA)
        self.published = set()

    def _item(self, collection, item_id):
        if collection in EXTRA and item_id not in self.store[collection]:
            raise api_error(404, EXTRA[collection][1], "%s does not exist" % item_id)
        return super()._item(collection, item_id)

    def _with_group_name(self, api):
        return dict(api, group_name=self.store["api-groups"].get(api.get("group_id"), {}).get("name"))

    def _get(self, collection, item_id, query, body):
        if collection == "apis" and item_id:
            return self._with_group_name(super()._get(collection, item_id, query, body))
        if collection not in EXTRA or item_id:
            return super()._get(collection, item_id, query, body)
        items = list(self.store[collection].values())
        for key, value in query.items():
            if key in ("offset", "limit", "precise_search"):
                continue
            exact = key == query.get("precise_search") or key.endswith("id") or key == "type"
            items = [i for i in items if (i.get(key) == value if exact else str(value) in str(i.get(key)))]
        if collection == "apis":
            items = [self._with_group_name(dict((k, v) for k, v in i.items() if k not in DETAIL_ONLY)) for i in items]
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
        page = items[offset:offset + limit]
        return {"total": len(items), "size": len(page), EXTRA[collection][0]: page}

    def _check_api(self, api):
        for other in self.store["apis"].values():
            if other["id"] != api["id"] and other["group_id"] == api["group_id"] and other["name"] == api["name"]:
                raise api_error(400, "APIG.3202", "The API name already exists.")

    def _post(self, collection, item_id, query, body):
        if collection != "apis":
            return super()._post(collection, item_id, query, body)
        api = with_server_fields(dict(body, id=uuid.uuid4().hex))
        self._check_api(api)
        self.store["apis"][api["id"]] = api
        return dict(api)

    def _put(self, collection, item_id, query, body):
        if collection != "apis":
            return super()._put(collection, item_id, query, body)
        self._item(collection, item_id)
        api = with_server_fields(dict(body, id=item_id))  # a full replacement
        self._check_api(api)
        self.store["apis"][item_id] = api
        return dict(api)

    def _delete(self, collection, item_id, query, body):
        if collection == "apis" and item_id in self.published:
            raise api_error(403, "APIG.3416", "The API cannot be deleted because it has been published.")
        self._item(collection, item_id)
        del self.store[collection][item_id]
