# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Apps, their secrets and their app codes (API reference 3.12), and the outlines (3.11).

Secrets and app codes are masked everywhere (results, diffs, messages) with one exception: a
value the gateway generated during this run, which the user has no other way to receive, is
returned once, under a ``new_`` key of the task result (``new_app_secret``, ``new_app_codes``).
A value the user passed in a ``no_log`` option is never returned.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    MASK, Field, ResourceEngine, exit_with)
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import APP_REFERENCE
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_apps import APP

# How the diff shows that a secret was (or, in check mode, would be) reset: the value stays masked.
RESET = MASK + " (reset)"
# The reference: 64-180 characters, letters, digits and + _ ! @ # $ % - / =, starting with a
# letter, a digit, + or / (the SDK's wording, which includes the reference's).
APP_CODE = Field(secret=True, min_length=64, max_length=180, pattern=r"^[A-Za-z0-9+/][A-Za-z0-9+_!@#$%/=-]*$",
                 rule="start with a letter, a digit, '+' or '/'; then letters, digits and + _ ! @ # $ % - / =")


class AppEngine(ResourceEngine):
    """The resource engine plus the secret: returned once when generated, rotated on request."""

    def __init__(self, module):
        super(AppEngine, self).__init__(module, APP)
        self.current = None
        self.created = None

    def find(self):
        self.current = super(AppEngine, self).find()
        return self.current

    def create(self, desired):
        self.created = super(AppEngine, self).create(desired)
        return self.created

    def ensure(self):
        result = super(AppEngine, self).ensure()
        if self.params["state"] == "absent":
            return result
        if self.created is not None:
            # A reset of an app created in this run would add nothing: its secret is new already.
            if not self.module.check_mode and self.params.get("app_secret") is None:
                result["new_app_secret"] = self.created.get("app_secret")
        elif self.params["reset_secret"]:
            self.reset(result)
        return result

    def reset(self, result):
        """Rotate the secret of the existing app (3.12.4): to ``app_secret`` when given, else a new one."""
        chosen = self.params.get("app_secret")
        if chosen is not None and chosen == self.current.get("app_secret"):
            return
        result["changed"] = True
        if self.module._diff:
            result["diff"]["before"]["app_secret"] = MASK
            result["diff"]["after"]["app_secret"] = RESET
        if self.module.check_mode:
            return
        body = {} if chosen is None else {"app_secret": chosen}
        app = self.client.put(self.path("secret", self.current["id"]), body)
        result["app"] = self.mask(app)
        if chosen is None:
            result["new_app_secret"] = app.get("app_secret")


def run_app(module):
    exit_with(module, AppEngine(module).ensure)


def run_app_info(module):
    """The app list, or with ``verify`` the check of 3.12.5 (which answers for others' apps too)."""
    engine = ResourceEngine(module, APP)
    if not module.params["verify"]:
        exit_with(module, engine.info)

    def verify():
        try:
            app = module.client.get(engine.path("validation", module.params["id"]))
        except APIGError as err:
            if err.error_code != APP.not_found:
                raise
            app = None
        return {"changed": False, "apps": [app] if app else []}
    exit_with(module, verify)


# ---------------------------------------------------------------- app codes

def _masked(code):
    return dict(code, app_code=MASK)


class AppCodes:
    """The codes of one app: an explicit value, or a count of generated ones; absent by value or id."""

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.params = module.params
        self.app_id = None

    def path(self, *extra):
        return self.module.instance_path("apps", self.app_id, "app-codes", *extra)

    def ensure(self):
        value = self.params.get("app_code")
        if value is not None:
            problem = APP_CODE.problem("app_code", value)
            if problem:
                self.module.fail_json(msg=problem)
        absent = self.params["state"] == "absent"
        # Without its app a code can't exist: nothing to remove.
        self.app_id = APP_REFERENCE.resolve(self.module, self.params["app"]) if absent else \
            APP_REFERENCE.require(self.module, predict=self.module.check_mode)
        before = self.codes(absent) if self.app_id else []
        result = {"changed": False}
        if absent:
            after = self.remove(before, result)
        elif value is not None:
            after = self.add(before, value, result)
        else:
            after = self.generate(before, result)
        result["app_codes"] = [_masked(code) for code in after]
        if self.module._diff:
            result["diff"] = {"before": self.diff_view(before), "after": self.diff_view(after)}
        return result

    def codes(self, absent):
        try:
            return self.client.list_all(self.path(), "app_codes")
        except APIGError as err:
            # An id is used as given: a missing app answers here. Its codes are gone with it.
            if not (absent and err.error_code == APP.not_found):
                raise
            return []

    def diff_view(self, codes):
        return {"app_id": self.app_id, "app_codes": [code.get("id") or "(new)" for code in codes]}

    def matching(self, codes):
        by = "app_code" if self.params.get("app_code") is not None else "id"
        wanted = self.params[by]
        return next((code for code in codes if code.get(by) == wanted), None)

    def add(self, codes, value, result):
        found = self.matching(codes)
        if found is None:
            result["changed"] = True
            body = {"app_code": value}
            found = dict(body, app_id=self.app_id) if self.module.check_mode else self.client.post(self.path(), body)
            codes = codes + [found]
        result["app_code"] = _masked(found)
        return codes

    def generate(self, codes, result):
        """Generate codes (3.12.9) until the app has ``count``; the new values are returned once."""
        missing = max(0, self.params["count"] - len(codes))
        result["changed"] = bool(missing)
        if self.module.check_mode:
            return codes + [{"app_id": self.app_id, "app_code": MASK}] * missing
        new = [self.client.put(self.path()) for dummy in range(missing)]
        if new:
            result["new_app_codes"] = [dict(id=code["id"], app_code=code["app_code"]) for code in new]
        return codes + new

    def remove(self, codes, result):
        found = self.matching(codes)
        result["app_code"] = {}
        if found is None:
            return codes
        result["changed"] = True
        if not self.module.check_mode:
            self.client.delete(self.path(found["id"]))
        return [code for code in codes if code is not found]


def run_app_code(module):
    exit_with(module, AppCodes(module).ensure)


def run_outline_info(module):
    """The outlines asked for (3.11.1-3.11.3), one GET each."""
    def outline():
        return {"changed": False, "outline": dict(
            (name, module.client.get(module.instance_path("resources", "outline", name)))
            for name in module.params["outlines"])}
    exit_with(module, outline)
