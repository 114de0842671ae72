# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Instance features (§3.22, appendix A.5): a feature is set with a POST, and the list shows the
ones that were set; the limits of appendix A.5 are checked before any call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

FEATURES = ["lts", "gateway_responses", "ratelimit", "request_body_size", "backend_timeout", "app_token",
            "app_api_key", "app_basic", "app_secret", "app_jwt", "public_key", "backend_token_allow", "sign_basic",
            "multi_auth", "backend_client_certificate", "ssl_ciphers", "real_ip_from_xff", "route", "cors"]
SWITCH = ("on", "off")
CIPHERS = frozenset(("ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256",
                     "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384",
                     "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256"))
# What A.5 allows, keyed "<feature>" for the whole config or "<feature>.<parameter>": a pair is an
# integer range, SWITCH "on"/"off", a set the values of a list must come from.
FEATURE_LIMITS = {
    "app_api_key": SWITCH, "app_basic": SWITCH, "app_secret": SWITCH,
    "request_body_size": (1024 * 1024, 9536 * 1024 * 1024),
    "ratelimit.api_limits": (1, 1000000),
    "backend_timeout.max_timeout": (1, 600000),
    "app_token.enable": SWITCH,
    "app_token.app_token_expire_time": (1, 72000),
    "app_token.refresh_token_expire_time": (1, 72000),
    "app_jwt.enable": SWITCH,
    "public_key.enable": SWITCH,
    "backend_client_certificate.enable": SWITCH,
    "real_ip_from_xff.enable": SWITCH,
    "real_ip_from_xff.xff_index": (-2 ** 31, 2 ** 31 - 1),
    "ssl_ciphers.ssl_ciphers": CIPHERS,
}


def parse_config(value):
    """A feature config as a value: JSON text parsed, anything else as it is (``"on"``)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def config_text(value):
    """The wire form of a config: a string, JSON for objects and lists."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    return value if isinstance(value, str) else json.dumps(value)


def _limit_problem(label, limit, value):
    if limit is SWITCH:
        ok = value in SWITCH
        rule = "'on' or 'off'"
    elif isinstance(limit, tuple):
        ok = isinstance(value, int) and not isinstance(value, bool) and limit[0] <= value <= limit[1]
        rule = "an integer from %d to %d" % limit
    else:
        ok = isinstance(value, list) and bool(value) and all(item in limit for item in value)
        rule = "a non-empty list of: " + ", ".join(sorted(limit))
    return None if ok else "%s must be %s, got %s" % (label, rule, json.dumps(value))


def config_problems(name, config):
    """Messages for each part of ``config`` (parsed) outside the ranges A.5 gives feature ``name``."""
    if name in FEATURE_LIMITS:
        return [p for p in [_limit_problem("config", FEATURE_LIMITS[name], config)] if p]
    if not isinstance(config, dict):
        return []
    limits = ((key, FEATURE_LIMITS.get("%s.%s" % (name, key))) for key in sorted(config))
    return [p for p in (_limit_problem("config." + key, limit, config[key]) for key, limit in limits if limit) if p]


class FeatureEngine(object):
    """§3.22 has no update or delete: POST sets a feature, the list shows the ones that were set."""

    def __init__(self, module):
        self.module = module
        self.params = module.params

    def features(self):
        return self.module.client.list_all(self.module.instance_path("features"), "features")

    def ensure(self):
        name = self.params["name"]
        desired_config = parse_config(self.params.get("config"))
        if desired_config is not None:
            problems = config_problems(name, desired_config)
            if problems:
                self.module.fail_json(msg="%s: %s" % (name, "; ".join(problems)))
        current = next((f for f in self.features() if f.get("name") == name), None)
        have = dict(current or {}, config=parse_config((current or {}).get("config")))
        enable = self.params["enable"]
        if enable is None:
            enable = have.get("enable", True)
        want = {"enable": enable, "config": have.get("config") if desired_config is None else desired_config}
        changed = current is None or any(have.get(key) != value for key, value in want.items())
        after = current
        if changed:
            body = {"name": name, "enable": enable}
            if want["config"] is not None:
                body["config"] = config_text(want["config"])
            if self.module.check_mode:
                after = dict(current or {}, instance_id=self.params["instance_id"], **body)
            else:
                after = self.module.client.post(self.module.instance_path("features"), body)
        result = {"changed": changed, "feature": after}
        if self.module._diff:
            result["diff"] = {"before": dict((k, have.get(k)) for k in want) if current else {}, "after": want}
        return result
