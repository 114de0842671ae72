# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""APIs (§3.5): the definition the api module manages. Its lookup is in resources.py;
finding, versions and debugging are in publishing.py, publishing in publisher.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import BOOL_CODE, Codec, Field
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import (
    API_LOOKUP, AUTHORIZER_REFERENCE, ENVIRONMENT_REFERENCE, GATEWAY_RESPONSE_REFERENCE, VPC_CHANNEL_REFERENCE)

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


API = API_LOOKUP.extended(
    # List items lack the backends, parameters and policies: compare against the detail.
    detail=True,
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
