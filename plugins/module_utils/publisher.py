# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""api_publish: publishing APIs to an environment and taking them offline (API reference 3.5.4,
3.5.8, 3.5.10), writing only what differs. Finding the APIs is in publishing.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError, RETRY_ERROR_CODES
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import (
    apis_path, earlier, environment_id, find_apis, instant, published_in, unchanged_in, versions)

# The batch call (3.5.8) takes at most this many APIs.
BATCH_LIMIT = 1000
# "The publication record does not exist": taking offline an API that is not published.
NOT_PUBLISHED = "APIG.3015"
IN_EFFECT = 1
# The API's state in the environment before and after each action, for --diff.
DIFF_STATES = {
    "published": ("offline", "published"),
    "republished": ("published, changed since", "published"),
    "offline": ("published", "offline"),
    "switched": ("another version in effect", "this version in effect"),
}
# Actions that leave the environment as it was.
NO_CHANGE = ("unchanged", "rollback_kept")


class Publisher:
    """Publishes APIs to one environment or takes them offline, writing only what differs."""

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.params = module.params
        self.offline = self.params["state"] == "offline"
        self.env_id = None
        self.entries = []
        # api_id of the entries a write still has to apply (or that failed)
        self.pending = set()
        self.failures = []

    # -- deciding ---------------------------------------------------------------------------

    def entry(self, api, action, version_id=None):
        return {"api_id": api["id"], "api_name": api.get("name"), "env_id": self.env_id, "action": action,
                "publish_id": published_in(api).get(self.env_id), "version_id": version_id}

    def plan(self, api):
        """The entry saying what publishing (or offline) would do to ``api`` in the environment."""
        published = self.env_id in published_in(api)
        if self.offline:
            return self.entry(api, "offline" if published else "unchanged")
        if not published:
            return self.entry(api, "published")
        if unchanged_in(api, self.env_id):
            return self.entry(api, "unchanged")
        return self.plan_published(api)

    def same_definition(self, api, version):
        """Whether ``version`` holds the API's current definition: published after its last
        change, or (timestamps that can't tell) its snapshot records the same update_time."""
        before = earlier(api.get("update_time"), version.get("publish_time"))
        if before is not None:
            return before
        snapshot = self.client.get(apis_path(self.module, "versions", version["version_id"])) or {}
        return snapshot.get("update_time") == api.get("update_time")

    def plan_published(self, api):
        """A published API that may have changed: its versions in the environment decide."""
        history = versions(self.module, api["id"], self.env_id)
        current = next((v for v in history if v.get("status") == IN_EFFECT), None)
        if current is None:
            return self.entry(api, "republished")
        newest = max(history, key=lambda v: instant(v.get("publish_time")) or 0)
        if newest.get("version_id") == current.get("version_id"):
            action = "unchanged" if self.same_definition(api, current) else "republished"
            return self.entry(api, action, current["version_id"])
        # An earlier version is in effect: someone switched back to it (a rollback).
        edited = not self.same_definition(api, newest)
        keep = not edited and self.params.get("on_rollback", "keep") == "keep"
        self.module.warn(
            "API '%s' runs an earlier version (%s) in environment '%s' than its newest (%s): a rollback; %s"
            % (api.get("name"), current["version_id"], self.params["environment"], newest["version_id"],
               "kept, as on_rollback=keep asks" if keep else
               "the API changed since its newest version, so it is published again" if edited else
               "published again, as on_rollback=republish asks"))
        return self.entry(api, "rollback_kept" if keep else "republished", current["version_id"])

    def plan_version(self, api, version_id):
        """Switch the environment to ``version_id``, or take that version offline."""
        if api["id"] is None:
            self.module.fail_json(msg="version_id: API '%s' does not exist, so it has no versions" % api["name"])
        version = next((v for v in versions(self.module, api["id"], self.env_id)
                        if v.get("version_id") == version_id), None)
        if version is None:
            self.module.fail_json(msg="version_id: API '%s' has no version '%s' in environment '%s'"
                                      % (api.get("name"), version_id, self.params["environment"]))
        in_effect = version.get("status") == IN_EFFECT
        if self.offline:
            action = "offline" if in_effect else "unchanged"
        else:
            action = "unchanged" if in_effect else "switched"
        return self.entry(api, action, version_id)

    # -- writing ----------------------------------------------------------------------------

    def body(self, **fields):
        if self.params.get("remark") is not None:
            fields["remark"] = self.params["remark"]
        return fields

    def apply(self, entry, answer):
        entry.update((k, answer[k]) for k in ("publish_id", "version_id") if (answer or {}).get(k))
        self.pending.discard(entry["api_id"])

    def write_one(self, entry):
        """One API: the single publish/offline call (3.5.4), a switch (3.5.10) or a version offline (3.5.13)."""
        if entry["action"] == "switched":
            answer = self.client.put(apis_path(self.module, "publish", entry["api_id"]),
                                     {"version_id": entry["version_id"]})
        elif self.params.get("version_id"):
            answer = self.client.delete(apis_path(self.module, "versions", entry["version_id"]))
        else:
            try:
                answer = self.client.post(apis_path(self.module, "action"), self.body(
                    action="offline" if self.offline else "online", api_id=entry["api_id"], env_id=self.env_id))
            except APIGError as err:
                if not (self.offline and err.error_code == NOT_PUBLISHED):
                    raise
                answer = None  # offline already, e.g. by an earlier attempt whose answer was lost
        self.apply(entry, answer)

    def write_batch(self, todo):
        """The batch call (3.5.8) in chunks; per-API failures come back inside the 200."""
        action = "offline" if self.offline else "online"
        by_id = dict((e["api_id"], e) for e in todo)
        chunks = [[e["api_id"] for e in todo[start:start + BATCH_LIMIT]] for start in range(0, len(todo), BATCH_LIMIT)]
        retries = self.params.get("max_retries") or 0
        while chunks:
            chunk = chunks.pop(0)
            # The reference and the SDK send the action in the query; the body copy is for
            # servers that read it there (unknown body keys are ignored).
            answer = self.client.request("POST", apis_path(self.module, "publish"), query={"action": action},
                                         body=self.body(action=action, env_id=self.env_id, apis=chunk)) or {}
            for done in answer.get("success") or []:
                if done.get("api_id") in by_id:
                    self.apply(by_id[done["api_id"]], done)
            failures = list(answer.get("failure") or [])
            if self.offline:  # offline already, e.g. by an earlier attempt whose answer was lost
                for done in [f for f in failures if f.get("error_code") == NOT_PUBLISHED and f.get("api_id") in by_id]:
                    self.apply(by_id[done["api_id"]], {})
                    failures.remove(done)
            # Items that failed for a passing reason (a route that did not sync) are sent again.
            again = [f.get("api_id") for f in failures if f.get("error_code") in RETRY_ERROR_CODES
                     and f.get("api_id") in by_id]
            if again and retries > 0:
                retries -= 1
                chunks.append(again)
                failures = [f for f in failures if f.get("api_id") not in again]
            self.failures.extend(failures)
            answered = set(f.get("api_id") for f in answer.get("failure") or [])
            self.failures.extend({"api_id": api_id, "api_name": by_id[api_id]["api_name"], "error_code": None,
                                  "error_msg": "the batch answer does not mention this API"}
                                 for api_id in chunk if api_id in self.pending and api_id not in answered)

    # -- the run ----------------------------------------------------------------------------

    def result(self):
        publishes = [e for e in self.entries if e["api_id"] not in self.pending]
        changed = any(e["action"] not in NO_CHANGE for e in publishes)
        result = {"changed": changed, "publishes": publishes}
        if self.module._diff:
            moved = [e for e in publishes if e["action"] in DIFF_STATES]
            result["diff"] = dict(
                (side, dict((e["api_name"], DIFF_STATES[e["action"]][index]) for e in moved))
                for index, side in enumerate(("before", "after")))
        return result

    def run(self):
        predict = self.module.check_mode
        single = self.params.get("api") is not None
        apis = find_apis(self.module, [self.params["api"]] if single else self.params["apis"], predict)
        self.env_id = environment_id(self.module, apis, predict)
        if self.params.get("version_id"):
            self.entries = [self.plan_version(apis[0], self.params["version_id"])]
        else:
            self.entries = [self.plan(api) for api in apis]
        todo = [e for e in self.entries if e["action"] not in NO_CHANGE]
        if self.module.check_mode or not todo:
            return self.result()
        self.pending = set(e["api_id"] for e in todo)
        try:
            if single:
                self.write_one(todo[0])
            else:
                self.write_batch(todo)
        except APIGError as err:
            self.module.fail_json(msg=str(err), error=err.to_dict(), **self.result())
        if self.failures:
            verb = "taken offline" if self.offline else "published"
            self.module.fail_json(
                msg="%d of %d APIs could not be %s: %s" % (
                    len(self.failures), len(todo), verb,
                    "; ".join("%s (%s): %s (%s)" % (f.get("api_name"), f.get("api_id"), f.get("error_msg"),
                                                    f.get("error_code")) for f in self.failures)),
                failures=self.failures, **self.result())
        return self.result()


def run_publish(module):
    exit_with(module, Publisher(module).run)
