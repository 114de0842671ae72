# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the engine knows of each APIG resource: paths, fields, rules and references.

Option names are the API's field names; the limits are the reference's, checked before
any call. A Reference lets another resource's module name this one by name or id.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import BOOL_CODE, Codec, Field, Reference, ResourceSpec

REMARK_RULE = dict(blank_is_unset=True)

API_GROUP = ResourceSpec(
    kind="api_group", plural="api_groups", path=("api-groups",), list_key="groups",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3001",
    filters=("id",),
    fields={
        "name": Field(
            min_length=3, max_length=255,
            pattern=u"^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_./()\uff08\uff09:\uff1a\u3001-]*$",
            rule="start with a letter, digit or Chinese character; then letters, digits, Chinese "
                 "characters, '-', '_', '.', '/', brackets, colons and the Chinese enumeration comma"),
        "remark": Field(max_length=1000, **REMARK_RULE),
    })

ENVIRONMENT = ResourceSpec(
    kind="environment", plural="environments", path=("envs",), list_key="envs",
    # The name filter matches loosely; the engine keeps only the exact name.
    name_query="name",
    fields={
        "name": Field(min_length=3, max_length=64, pattern=r"^[A-Za-z][A-Za-z0-9_]*$",
                      rule="start with a letter; then letters, digits and underscores"),
        "remark": Field(max_length=255, **REMARK_RULE),
    })

GROUP_REFERENCE = Reference("group", "group_id", API_GROUP)
ENVIRONMENT_REFERENCE = Reference("environment", "env_id", ENVIRONMENT)

ENVIRONMENT_VARIABLE = ResourceSpec(
    kind="environment_variable", plural="environment_variables", path=("env-variables",),
    list_key="variables", name_field="variable_name", name_option="variable_name",
    name_query="variable_name", precise_search="name", get_by_id=True, not_found="APIG.3011",
    # The API has no update call: a new value means delete + create.
    updatable=False, scope=(GROUP_REFERENCE, ENVIRONMENT_REFERENCE),
    fields={
        "variable_name": Field(min_length=3, max_length=32, pattern=r"^[A-Za-z][A-Za-z0-9_-]*$",
                               rule="start with a letter; then letters, digits, '_' and '-'"),
        "variable_value": Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9_/.:-]*$",
                                rule="only letters, digits, '_', '-', '/', '.' and ':'"),
    })


# Resources other modules name by name or id. Each family's block is owned by that family:
# it grows the fields its own module manages; the kind, paths and lookups stay stable.

# -- traffic control and access (§3.4, §3.6, §3.9, §3.14, §3.16) -------------------------------
POLICY_NAME_RULE = dict(
    min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
    rule="start with a letter or Chinese character; then letters, digits, '_' and Chinese characters")
MAX_CALLS = 2147483647


class CommaList(Codec):
    """A list of strings the API holds as one comma-separated string (ACL values)."""

    def __init__(self):
        Codec.__init__(self, {})

    def encode(self, value):
        return ",".join(value)

    def decode(self, value):
        return [item for item in (value or "").split(",") if item]


def throttle_limit_problems(params):
    """The reference's limits between the options: user <= API, app <= user (or API), IP <= API."""
    api, user, app, ip = (params.get(name) for name in
                          ("api_call_limits", "user_call_limits", "app_call_limits", "ip_call_limits"))
    bounds = [("user_call_limits", user, "api_call_limits", api),
              ("app_call_limits", app, "user_call_limits" if user else "api_call_limits", user or api),
              ("ip_call_limits", ip, "api_call_limits", api)]
    return ["%s (%d) must not exceed %s (%d)" % (name, value, bound, limit)
            for name, value, bound, limit in bounds if value and limit and value > limit]


def _ip_entity(value):
    try:
        if "-" in value:
            low, high = (ipaddress.IPv4Address(u"%s" % part) for part in value.split("-", 1))
            return low <= high
        ipaddress.IPv4Network(u"%s" % value, strict=False)
        return True
    except ValueError:
        return False


def acl_value_problems(params):
    values = params.get("acl_value")
    if values is None:
        return []
    if not values:
        return ["acl_value must name at least one value"]
    problems = ["acl_value[%d] must not be empty or contain ','" % index
                for index, value in enumerate(values) if not value or "," in value]
    if params.get("entity_type") == "IP":
        problems += ["acl_value[%d] '%s' is not an IPv4 address, CIDR block or range a-b" % (index, value)
                     for index, value in enumerate(values) if value and not _ip_entity(value)]
    return problems


# sign_type -> (key lengths, secret lengths) of the reference (§3.6.1); aes keys: 16 or 32 by algorithm.
SIGN_LENGTHS = {"hmac": ((8, 32), (16, 64)), "basic": ((4, 32), (8, 64)),
                "public_key": ((8, 512), (15, 2048)), "aes": ((16, 32), (16, 16))}


def signature_problems(params):
    sign_type = params.get("sign_type")
    if sign_type is None:
        return []
    problems = []
    for option, (low, high) in zip(("sign_key", "sign_secret"), SIGN_LENGTHS[sign_type]):
        value = params.get(option)
        if value is not None and not low <= len(value) <= high:
            problems.append("%s of a %s key must be %d-%d characters long" % (option, sign_type, low, high))
    if params.get("sign_algorithm") and sign_type != "aes":
        problems.append("sign_algorithm applies to aes keys only")
    return problems


THROTTLE_TYPE = Codec({"api_based": 1, "api_shared": 2})
TIME_UNITS = ["SECOND", "MINUTE", "HOUR", "DAY"]
AUTHORIZER_TYPES = ["FRONTEND", "BACKEND"]
ACL_TYPES = ["PERMIT", "DENY"]
ACL_ENTITIES = ["IP", "DOMAIN"]


def _calls(**rule):
    return Field(type="int", maximum=MAX_CALLS, **rule)


AUTHORIZER = ResourceSpec(
    kind="authorizer", plural="authorizers", path=("authorizers",), list_key="authorizer_list",
    name_query="name", get_by_id=True, not_found="APIG.3081",
    filters={"id": Field(), "type": Field(choices=AUTHORIZER_TYPES)},
    create_requires=("type", "authorizer_uri"), immutable=("type",),
    fields={
        "name": Field(**POLICY_NAME_RULE),
        "type": Field(choices=AUTHORIZER_TYPES),
        # FUNC is the only authorizer_type: a function URN implies it.
        "authorizer_uri": Field(min_length=1, max_length=255, implies={"authorizer_type": "FUNC"}),
        "network_type": Field(choices=["V1", "V2"]),
        "authorizer_version": Field(max_length=64, blank_is_unset=True),
        "authorizer_alias_uri": Field(max_length=255, blank_is_unset=True),
        "identities": Field(elements="dict", key="name", suboptions={
            "name": Field(required=True, min_length=1, max_length=32, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$",
                          rule="start with a letter; then letters, digits, '-', '_' and '.'"),
            "location": Field(required=True, choices=["HEADER", "QUERY"]),
            "validation": Field(max_length=1024, blank_is_unset=True),
        }),
        "ttl": Field(type="int", minimum=0, maximum=3600),
        "user_data": Field(max_length=2048, blank_is_unset=True),
        "need_body": Field(type="bool"),
    })

THROTTLE = ResourceSpec(
    kind="throttling_policy", plural="throttling_policies", path=("throttles",), list_key="throttles",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3005", filters=("id",),
    create_requires=("api_call_limits", "time_interval", "time_unit"), checks=(throttle_limit_problems,),
    fields={
        "name": Field(**POLICY_NAME_RULE),
        "remark": Field(max_length=255, **REMARK_RULE),
        "type": Field(codec=THROTTLE_TYPE),
        "api_call_limits": _calls(minimum=1),
        # 0: no limit of this kind (what the API answers for one never set).
        "user_call_limits": _calls(minimum=0),
        "app_call_limits": _calls(minimum=0),
        "ip_call_limits": _calls(minimum=0),
        "time_interval": _calls(minimum=1),
        "time_unit": Field(choices=TIME_UNITS),
        # The reference marks it "not supported yet"; the API stores TRUE/FALSE.
        "enable_adaptive_control": Field(type="bool", codec=Codec({True: "TRUE", False: "FALSE"})),
    })

ACL = ResourceSpec(
    kind="acl_policy", plural="acl_policies", path=("acls",), list_key="acls", name_field="acl_name",
    name_option="acl_name", name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3006",
    filters={"id": Field(), "acl_type": Field(choices=ACL_TYPES), "entity_type": Field(choices=ACL_ENTITIES)},
    create_requires=("acl_type", "acl_value", "entity_type"),
    immutable=("entity_type",), checks=(acl_value_problems,),
    fields={
        "acl_name": Field(**POLICY_NAME_RULE),
        "acl_type": Field(choices=ACL_TYPES),
        # Compared as a set: the order of the values means nothing to the gateway.
        "acl_value": Field(type="list", elements="str", unordered=True, codec=CommaList()),
        "entity_type": Field(choices=ACL_ENTITIES),
    })

SIGNATURE = ResourceSpec(
    kind="signature", plural="signatures", path=("signs",), list_key="signs",
    name_query="name", precise_search="name", not_found="APIG.3017", filters=("id",),
    checks=(signature_problems,),
    fields={
        "name": Field(**POLICY_NAME_RULE),
        "sign_type": Field(choices=list(SIGN_LENGTHS)),
        "sign_key": Field(),
        "sign_secret": Field(secret=True),
        "sign_algorithm": Field(choices=["aes-128-cfb", "aes-256-cfb"]),
    })

# -- consumers (§3.10-§3.12) ----------------------------------------------------------------------
# The reference allows keys and secrets of 8-64 characters; the SDK documents the live service's
# 8-200 (key) and 8-128 (secret), which include them.
APP_SECRET_RULE = dict(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9][A-Za-z0-9_!@#$%-]*$",
                       rule="start with a letter or digit; then letters, digits, '_', '-', '!', '@', '#', '$' and '%'")
APP = ResourceSpec(
    kind="app", plural="apps", path=("apps",), list_key="apps",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3004",
    filters=("id", "app_key"),
    fields={
        "name": Field(min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
                      rule="start with a letter or Chinese character; then letters, digits, '_' and Chinese characters"),
        "remark": Field(max_length=255, **REMARK_RULE),
        "app_key": Field(min_length=8, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
                         rule="start with a letter or digit; then letters, digits, '_' and '-'"),
        # Only a reset (the app module's reset_secret) changes the secret of an existing app.
        "app_secret": Field(secret=True, update=False, compare=False, **APP_SECRET_RULE),
    })


# -- edge (§3.13, §3.17, §3.18, §3.20) --------------------------------------------------------------
def vpc_member_fields():
    """A VPC channel member (backend instance), identified by its host or its ECS id."""
    return {
        "host": Field(max_length=64),
        "ecs_id": Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                        rule="only letters, digits, '-' and '_'"),
        "ecs_name": Field(min_length=1, max_length=64),
        "weight": Field(type="int", minimum=0, maximum=10000),
        "port": Field(type="int", minimum=0, maximum=65535),
        "is_backup": Field(type="bool"),
    }


def vpc_health_problems(params):
    """§3.18.1: the health check interval must be greater than its timeout."""
    config = params.get("vpc_health_config") or {}
    interval, timeout = config.get("time_interval"), config.get("timeout")
    if interval is not None and timeout is not None and interval <= timeout:
        return ["vpc_health_config.time_interval (%d) must be greater than vpc_health_config.timeout (%d)"
                % (interval, timeout)]
    return []


VPC_CHANNEL = ResourceSpec(
    kind="vpc_channel", plural="vpc_channels", path=("vpc-channels",), list_key="vpc_channels",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3023",
    # List items lack the members and the health check: compare against the detail.
    detail=True, create_requires=("members",), immutable=("type",), checks=(vpc_health_problems,),
    filters={"id": Field(), "member_host": Field()},
    fields={
        "name": Field(min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]*$",
                      rule="start with a letter or Chinese character; then letters, digits, Chinese characters, "
                           "'-' and '_'"),
        "type": Field(codec=Codec({"single": 1, "server": 2})),
        "port": Field(type="int", minimum=1, maximum=65535),
        "balance_strategy": Field(codec=Codec({"wrr": 1, "wleastconn": 2, "source": 3, "uri": 4})),
        "member_type": Field(choices=["ip", "ecs"]),
        "vpc_health_config": Field(suboptions={
            "protocol": Field(choices=["TCP", "HTTP", "HTTPS"]),
            "path": Field(max_length=512),
            "method": Field(choices=["GET", "HEAD"]),
            "port": Field(type="int", minimum=1, maximum=65535),
            "threshold_normal": Field(type="int", minimum=2, maximum=10),
            "threshold_abnormal": Field(type="int", minimum=2, maximum=10),
            "time_interval": Field(type="int", minimum=5, maximum=300),
            "timeout": Field(type="int", minimum=2, maximum=30),
            "http_code": Field(),
            "enable_client_ssl": Field(type="bool"),
        }),
        # The POST and PUT bodies carry the member list and a PUT replaces it: a create sends the
        # declared members, an update the server's unchanged. Member changes are the member calls
        # calls of the vpc_channel module (module_utils/children.py), never this list.
        "members": Field(elements="dict", suboptions=vpc_member_fields(), compare=False),
    })

# A group's gateway responses (§3.20), which an API names; resources_edge.py holds the full spec.
GATEWAY_RESPONSES_PATH = ("api-groups", "{group_id}", "gateway-responses")
GATEWAY_RESPONSE_LOOKUP = ResourceSpec(
    kind="gateway_response", plural="gateway_responses", path=GATEWAY_RESPONSES_PATH, list_key="responses",
    get_by_id=True, not_found="APIG.3007", fields={"name": Field()})

THROTTLE_REFERENCE = Reference("throttling_policy", "throttle_id", THROTTLE)
ACL_REFERENCE = Reference("acl_policy", "acl_id", ACL)
SIGNATURE_REFERENCE = Reference("signature", "sign_id", SIGNATURE)
APP_REFERENCE = Reference("app", "app_id", APP)
AUTHORIZER_REFERENCE = Reference("authorizer", "authorizer_id", AUTHORIZER)
VPC_CHANNEL_REFERENCE = Reference("vpc_channel", "vpc_channel_id", VPC_CHANNEL)
GATEWAY_RESPONSE_REFERENCE = Reference("response_id", "response_id", GATEWAY_RESPONSE_LOOKUP)

API_TYPE = Codec({"public": 1, "private": 2})
METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "ANY"]
LOCATIONS = ["PATH", "QUERY", "HEADER"]
AUTH_TYPES = ["NONE", "APP", "IAM", "AUTHORIZER"]
INVOCATION_TYPES = ["async", "sync"]
NETWORK_TYPES = ["V1", "V2"]
EFFECT_MODES = ["ALL", "ANY"]
PARAM_NAME_RULE = dict(min_length=1, max_length=32, pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$",
                       rule="start with a letter; then letters, digits, '-', '_' and '.'")
API_NAME_RULE = dict(
    min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5]*$",
    rule="start with a letter or Chinese character; then letters, digits, '_' and Chinese characters")
SAMPLE_RULE = dict(max_length=20480, blank_is_unset=True)
SHORT_REMARK = dict(max_length=255, blank_is_unset=True)


def authorizer_field():
    return Field(api="authorizer_id", reference=AUTHORIZER_REFERENCE)


def vpc_channel_fields():
    """A web backend's VPC channel: naming one switches the backend onto it, ``""`` detaches it."""
    return {
        "vpc_channel": Field(api="vpc_channel_info.vpc_channel_id", reference=VPC_CHANNEL_REFERENCE,
                             implies={"vpc_channel_status": 1}, blank_is_unset=True,
                             blank_implies={"vpc_channel_status": 2, "vpc_channel_info": None}),
        "vpc_channel_proxy_host": Field(api="vpc_channel_info.vpc_channel_proxy_host"),
    }


def backend_params_field():
    return Field(elements="dict", key="name", suboptions={
        "name": Field(required=True, **PARAM_NAME_RULE),
        "origin": Field(required=True, choices=["REQUEST", "CONSTANT", "SYSTEM"]),
        "location": Field(required=True, choices=LOCATIONS),
        "value": Field(required=True, max_length=255),
        "remark": Field(**SHORT_REMARK),
    })


# Milliseconds; the upper bound is the instance feature backend_timeout, at most 600000.
BACKEND_TIMEOUT = dict(type="int", minimum=1, maximum=600000)


def function_fields():
    """What a FUNCTION backend and a function policy have in common."""
    return {
        "function_urn": Field(),
        "invocation_type": Field(choices=INVOCATION_TYPES),
        "network_type": Field(choices=NETWORK_TYPES),
        "version": Field(max_length=64),
        "alias_urn": Field(),
        "timeout": Field(**BACKEND_TIMEOUT),
        "authorizer": authorizer_field(),
    }


def policy_field(**backend):
    """A policy backend: its own backend definition, used when its conditions match."""
    suboptions = {
        "name": Field(required=True, min_length=3, max_length=64, pattern=API_NAME_RULE["pattern"],
                      rule=API_NAME_RULE["rule"]),
        "effect_mode": Field(required=True, choices=EFFECT_MODES),
        # A condition has no name: the set of conditions is compared, in any order.
        "conditions": Field(required=True, elements="dict", suboptions={
            "condition_origin": Field(required=True, choices=["param", "source"]),
            "condition_value": Field(required=True),
            "condition_type": Field(choices=["exact", "enum", "pattern"]),
            "req_param_name": Field(),
        }),
        "backend_params": backend_params_field(),
        "authorizer": authorizer_field(),
    }
    suboptions.update(backend)
    return Field(elements="dict", key="name", suboptions=suboptions)


def web_backend_fields():
    fields = {
        "url_domain": Field(max_length=255),
        "req_protocol": Field(choices=["HTTP", "HTTPS"]),
        "req_method": Field(choices=METHODS),
        "req_uri": Field(max_length=512),
        "timeout": Field(**BACKEND_TIMEOUT),
    }
    fields.update(vpc_channel_fields())
    return fields


API = ResourceSpec(
    kind="api", plural="apis", path=("apis",), list_key="apis",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3002",
    # List items lack the backends, parameters and policies: compare against the detail.
    detail=True, scope=(GROUP_REFERENCE,),
    create_requires=("type", "req_method", "req_uri", "auth_type", "backend_type"),
    filters={
        "id": Field(), "req_uri": Field(),
        "req_method": Field(choices=METHODS), "auth_type": Field(choices=AUTH_TYPES),
        "type": Field(codec=API_TYPE),
        "environment": Field(api="env_id", reference=ENVIRONMENT_REFERENCE),
    },
    fields={
        "name": Field(**API_NAME_RULE),
        "type": Field(codec=API_TYPE),
        "version": Field(max_length=16),
        "req_protocol": Field(choices=["HTTP", "HTTPS", "BOTH"]),
        "req_method": Field(choices=METHODS),
        "req_uri": Field(max_length=512, pattern=r"^/", rule="start with '/'"),
        "match_mode": Field(choices=["SWA", "NORMAL"]),
        "auth_type": Field(choices=AUTH_TYPES),
        "auth_opt": Field(suboptions={"app_code_auth_type": Field(choices=["DISABLE", "HEADER"])}),
        "cors": Field(type="bool"),
        "remark": Field(**SHORT_REMARK),
        "body_remark": Field(**SAMPLE_RULE),
        "result_normal_sample": Field(**SAMPLE_RULE),
        "result_failure_sample": Field(**SAMPLE_RULE),
        "tags": Field(type="list", elements="str", unordered=True),
        "authorizer": authorizer_field(),
        "response_id": Field(reference=GATEWAY_RESPONSE_REFERENCE),
        "backend_type": Field(choices=["HTTP", "FUNCTION", "MOCK"]),
        "req_params": Field(elements="dict", key="name", suboptions={
            "name": Field(required=True, **PARAM_NAME_RULE),
            "type": Field(required=True, choices=["STRING", "NUMBER"]),
            "location": Field(required=True, choices=LOCATIONS),
            "default_value": Field(),
            "sample_value": Field(),
            "required": Field(type="bool", codec=BOOL_CODE),
            "valid_enable": Field(type="bool", codec=BOOL_CODE),
            "pass_through": Field(type="bool", codec=BOOL_CODE),
            "remark": Field(**SHORT_REMARK),
            "enumerations": Field(),
            "min_num": Field(type="int"),
            "max_num": Field(type="int"),
            "min_size": Field(type="int"),
            "max_size": Field(type="int"),
        }),
        "backend_api": Field(suboptions=dict(
            web_backend_fields(), remark=Field(**SHORT_REMARK), version=Field(max_length=16),
            enable_client_ssl=Field(type="bool"), authorizer=authorizer_field())),
        "func_info": Field(suboptions=dict(function_fields(), remark=Field(**SHORT_REMARK))),
        "mock_info": Field(suboptions={
            "result_content": Field(), "remark": Field(**SHORT_REMARK), "version": Field(max_length=64),
            "authorizer": authorizer_field()}),
        "backend_params": backend_params_field(),
        "policy_https": policy_field(**web_backend_fields()),
        "policy_functions": policy_field(**function_fields()),
        "policy_mocks": policy_field(result_content=Field()),
    })
