"""The engine tests' in-memory API plus the API collection and its publish bookkeeping (3.5)."""
import itertools
import time
import uuid

from ansible_collections.huaweicloud.apig.plugins.module_utils.publisher import BATCH_LIMIT
from engine_fakes import INSTANCE, Exit, FakeAPI, FakeModule, api_error

APIS = "/v2/proj/apigw/instances/%s/apis" % INSTANCE
_clock = itertools.count(1)


def stamp():
    """A timestamp one second later than the previous one."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1704067200 + next(_clock)))


class PublishAPI(FakeAPI):
    """Serves ``~/apis...`` from ``apis`` and ``versions``; the rest goes to FakeAPI."""

    def __init__(self, read_only=False):
        super().__init__(read_only)
        self.apis = {}
        self.versions = {}
        self.batch_failures = {}  # api_id -> error code the batch call reports for it

    def add_api(self, name, group_id="g1"):
        api = {"id": uuid.uuid4().hex, "name": name, "group_id": group_id, "update_time": stamp(),
               "req_method": "GET", "req_uri": "/" + name, "req_protocol": "HTTPS"}
        self.apis[api["id"]] = api
        return api

    def touch(self, api_id):
        self.apis[api_id]["update_time"] = stamp()

    def publish(self, api_id, env_id):
        api = self.apis[api_id]
        for version in self.versions.values():
            if version["api_id"] == api_id and version["env_id"] == env_id:
                version["status"] = 2
        version = {"version_id": uuid.uuid4().hex, "api_id": api_id, "env_id": env_id, "status": 1,
                   "update_time": api["update_time"], "publish_time": stamp()}
        self.versions[version["version_id"]] = version
        self._set_published(api, env_id, uuid.uuid4().hex, version["publish_time"])
        return {"api_id": api_id, "api_name": api["name"], "env_id": env_id,
                "publish_id": self.published(api_id)[env_id], "version_id": version["version_id"]}

    def published(self, api_id, key="publish_id"):
        api = self.apis[api_id]
        return dict(zip((api.get("run_env_id") or "").split("|"), (api.get(key) or "").split("|")))

    def _set_published(self, api, env_id, publish_id, publish_time=None):
        """Record (or, without ``publish_id``, remove) the environment's publish, as the list items show it."""
        envs = dict((k, (v, t)) for (k, v), t in zip(self.published(api["id"]).items(),
                                                     self.published(api["id"], "publish_time").values()) if k)
        if publish_id:
            envs[env_id] = (publish_id, publish_time)
        else:
            envs.pop(env_id, None)
        api["run_env_id"] = "|".join(envs)
        api["run_env_name"] = "|".join(self.store["envs"].get(e, {}).get("name", "") for e in envs)
        api["publish_id"] = "|".join(v for v, _ in envs.values())
        api["publish_time"] = "|".join(t for _, t in envs.values())

    def offline(self, api_id, env_id):
        for version in self.versions.values():
            if version["api_id"] == api_id and version["env_id"] == env_id:
                version["status"] = 2
        self._set_published(self.apis[api_id], env_id, None)
        return {"api_id": api_id, "api_name": self.apis[api_id]["name"], "env_id": env_id}

    def request(self, method, path, query=None, body=None, files=None):
        if not path.startswith(APIS):
            return super().request(method, path, query, body, files)
        self.calls.append((method, path, dict(query or {}), body))
        if self.read_only and method != "GET":
            raise AssertionError("write in check mode: %s %s" % (method, path))
        query = query or {}
        route = tuple(path[len(APIS):].split("/")[1:])
        if method == "GET" and not route:
            items = [a for a in self.apis.values()
                     if all(a.get(k) == query[k] for k in ("group_id", "id", "name") if k in query)]
            offset, limit = int(query.get("offset", 0)), int(query.get("limit", 20))
            return {"total": len(items), "apis": [dict(a, group_name=self.store["api-groups"].get(a["group_id"], {}).get(
                "name")) for a in items[offset:offset + limit]]}
        if method == "GET" and route[0] == "publish":
            items = [dict(v) for v in self.versions.values() if v["api_id"] == route[1]
                     and v["env_id"] == query.get("env_id", v["env_id"])]
            return {"total": len(items), "api_versions": items}
        if method == "GET" and route[0] == "versions":
            if route[1] not in self.versions:
                raise api_error(404, "APIG.3022", "The API version does not exist")
            return {"version_id": route[1], "update_time": self.versions[route[1]]["update_time"]}
        if method == "GET" and route[0] == "runtime":
            return dict(self.apis[route[1]], env_id=query.get("env_id", "DEFAULT_ENVIRONMENT_RELEASE_ID"))
        if method == "POST" and route == ("action",):
            act = self.publish if body["action"] == "online" else self.offline
            return act(body["api_id"], body["env_id"])
        if method == "POST" and route == ("publish",):
            assert len(body["apis"]) <= BATCH_LIMIT
            act = self.publish if query["action"] == "online" else self.offline
            answer = {"success": [], "failure": []}
            for api_id in body["apis"]:
                if api_id in self.batch_failures:
                    answer["failure"].append({"api_id": api_id, "api_name": self.apis[api_id]["name"],
                                              "error_code": self.batch_failures[api_id], "error_msg": "refused"})
                else:
                    answer["success"].append(act(api_id, body["env_id"]))
            return answer
        if method == "PUT" and route[0] == "publish":
            version = self.versions[body["version_id"]]
            for other in self.versions.values():
                if other["api_id"] == version["api_id"] and other["env_id"] == version["env_id"]:
                    other["status"] = 2
            version["status"] = 1
            # like the emulator: the environment's publish_time stays the version's own
            self._set_published(self.apis[route[1]], version["env_id"], "switched-publish", version["publish_time"])
            return {"api_id": route[1], "publish_id": "switched-publish", "version_id": body["version_id"]}
        if method == "DELETE" and route[0] == "versions":
            version = self.versions[route[1]]
            return self.offline(version["api_id"], version["env_id"])
        if method == "POST" and route[0] == "debug":
            return {"request": "GET %s HTTP/1.1" % body["path"], "response": "HTTP/1.1 200 OK", "latency": 3,
                    "log": ""}
        raise AssertionError("unexpected %s %s" % (method, path))


def params(**given):
    base = {"group": None, "api": None, "apis": None, "environment": "RELEASE", "state": "published",
            "remark": None, "version_id": None, "runtime": False, "mode": "DEVELOPER"}
    return dict(base, **given)


def drive(fake, action, check_mode=False, **given):
    """Run a publishing entry point (run_publish, ...) on ``fake``; the module result, ``failed`` set."""
    module = FakeModule(fake, params(**given), check_mode=check_mode)
    try:
        action(module)
    except Exit as done:
        return dict(done.result, failed=done.failed, warnings=module.warnings)
    raise AssertionError("neither exited nor failed")
