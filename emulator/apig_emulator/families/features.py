"""§3.22 instance features: configure (POST ~/features) and list (GET ~/features).

``config`` is a string on the wire (the SDK's ``FeatureToggle.config``): ``"on"``/``"off"``, a
number, or a JSON object, depending on the feature (appendix A.5); each is checked against the
ranges A.5 documents. A feature set again within ``--feature-interval`` seconds (a minute, like the
real service) answers 409 ``APIG.3711`` with a ``Retry-After`` header.
"""
import json
import math
import time

from ..engine import Collection, json_body, new_id, now_iso, require_instance, settings, store
from ..errors import ApiError, invalid
from ..schema import Field, validate
from ..storage import Scope

ON_OFF = ("on", "off")
INT32 = (-2 ** 31, 2 ** 31 - 1)
MEBIBYTE = 1024 * 1024
SSL_CIPHERS = ("ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-AES128-GCM-SHA256",
               "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384",
               "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256")

# The config of each feature (A.5): "switch" ("on"/"off"), "bytes" (a number of bytes in a range),
# or an object of parameter -> rule: (low, high) integers, ON_OFF, str, or a list of allowed strings.
CONFIGS = {
    "lts": {"group_id": str, "topic_id": str, "log_group": str, "log_stream": str},
    "ratelimit": {"api_limits": (1, 1000000)},
    "request_body_size": ("bytes", MEBIBYTE, 9536 * MEBIBYTE),
    "backend_timeout": {"max_timeout": (1, 600000)},
    "app_token": {"enable": ON_OFF, "app_token_expire_time": (1, 72000), "refresh_token_expire_time": (1, 72000),
                  "app_token_uri": str, "app_token_key": str},
    "app_api_key": "switch",
    "app_basic": "switch",
    "app_secret": "switch",
    "app_jwt": {"enable": ON_OFF, "auth_header": str},
    "public_key": {"enable": ON_OFF, "public_key_uri_prefix": str},
    "backend_token_allow": {"backend_token_allow_users": [str]},
    "backend_client_certificate": {"enable": ON_OFF, "ca": str, "content": str, "key": str},
    "ssl_ciphers": {"ssl_ciphers": [SSL_CIPHERS]},
    "real_ip_from_xff": {"enable": ON_OFF, "xff_index": INT32},
}
# Features that are only switched on and off; their config, if any, is not interpreted.
TOGGLES = ("gateway_responses", "sign_basic", "multi_auth", "route", "cors")

_BODY = (Field("name", required=True, min_len=1, max_len=64), Field("enable", bool, required=True),
         Field("config", default=""))

COLLECTION = Collection(
    kind="feature",
    path="features",
    id_param="feature_id",
    list_key="features",
    not_found=("APIG.3030", "The feature {id} does not exist"),
    ops=frozenset({"list"}),
    list_fields=("id", "name", "enable", "config", "instance_id", "update_time"),
)


def _bad(label):
    return invalid(label, "APIG.2011")


def _check_value(rule, value, label):
    if isinstance(rule, tuple) and rule != ON_OFF:
        if isinstance(value, bool) or not isinstance(value, int) or not rule[0] <= value <= rule[1]:
            raise _bad(label)
    elif rule == ON_OFF:
        if value not in ON_OFF:
            raise _bad(label)
    elif isinstance(rule, list):
        allowed = rule[0]
        if not isinstance(value, list) or not value or not all(
                isinstance(v, str) and (allowed is str or v in allowed) for v in value):
            raise _bad(label)
    elif not isinstance(value, str):
        raise _bad(label)


def check_config(name, config):
    """Raise the reference's 400 when ``config`` (the wire string) breaks the feature's rules."""
    rule = CONFIGS.get(name)
    if rule is None or config == "":
        return
    if rule == "switch":
        if config not in ON_OFF:
            raise _bad("config")
        return
    if isinstance(rule, tuple):
        if not config.isdigit() or not rule[1] <= int(config) <= rule[2]:
            raise _bad("config")
        return
    try:
        parsed = json.loads(config)
    except ValueError:
        raise _bad("config") from None
    if not isinstance(parsed, dict):
        raise _bad("config")
    for key, value in parsed.items():
        if key not in rule:
            raise _bad("config." + key)
        _check_value(rule[key], value, "config." + key)


def configure_feature(project_id, instance_id):
    body = json_body()
    with store().transaction(Scope(project_id, instance_id)) as tx:
        require_instance(tx)
        values = validate(_BODY, body, "APIG.2011")
        name = values["name"]
        if name not in CONFIGS and name not in TOGGLES:
            raise ApiError("APIG.2000", "unrecognized feature " + name)
        if name not in tx.get("instance", instance_id)["supported_features"]:
            raise ApiError("APIG.3458", "The feature is not supported by the current instance", status=412)
        check_config(name, values["config"])
        old = next(iter(tx.page("feature", {"name": name}, {}, 0, 1)[1]), None)
        now = time.time()
        if old is not None:
            wait = old["set_at"] + settings().feature_interval - now
            if wait > 0:
                error = {"error_code": "APIG.3711",
                         "error_msg": "A configuration parameter can be modified only once per minute"}
                return error, 409, {"Retry-After": str(int(math.ceil(wait)))}
        feature = {"id": old["id"] if old else new_id(), "name": name, "enable": values["enable"],
                   "config": values["config"], "instance_id": instance_id, "update_time": now_iso(), "set_at": now}
        (tx.replace if old else tx.insert)("feature", feature)
        return COLLECTION.project(feature)


def register(blueprint):
    blueprint.add_url_rule("/v2/<project_id>/apigw/instances/<instance_id>/features", endpoint="feature_configure",
                           view_func=configure_feature, methods=["POST"])
