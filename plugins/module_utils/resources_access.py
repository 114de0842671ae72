# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Traffic control and access (§3.4, §3.6, §3.9, §3.14, §3.16): throttling policies, ACL
policies, signature keys and custom authorizers. Their lookups are in resources.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Codec, Field
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import (
    ACL_LOOKUP, AUTHORIZER_LOOKUP, REMARK_RULE, SIGNATURE_LOOKUP, THROTTLE_LOOKUP)

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


AUTHORIZER = AUTHORIZER_LOOKUP.extended(
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

THROTTLE = THROTTLE_LOOKUP.extended(
    filters=("id",),
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

ACL = ACL_LOOKUP.extended(
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

SIGNATURE = SIGNATURE_LOOKUP.extended(
    filters=("id",),
    checks=(signature_problems,),
    fields={
        "name": Field(**POLICY_NAME_RULE),
        "sign_type": Field(choices=list(SIGN_LENGTHS)),
        "sign_key": Field(),
        "sign_secret": Field(secret=True),
        "sign_algorithm": Field(choices=["aes-128-cfb", "aes-256-cfb"]),
    })
