# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the engine knows of each APIG resource: paths, fields, rules and references.

Option names are the API's field names; the limits are the reference's, checked before
any call. A Reference lets another resource's module name this one by name or id.

This file holds the core families (groups, environments, variables) and the lookup of every
family another module names: where it is found by name or id, which is all a Reference
needs. Each family's full spec extends its lookup in the family's own file
(``resources_api.py``, ``resources_access.py``, ``resources_apps.py``, ``resources_channels.py``,
``resources_edge.py``, ``resources_instance.py``; ``features.py`` and ``views.py`` for the rest
of the gateway): a module run compiles the code of every module_utils file it imports out of the
AnsiballZ zip, so it should import its family only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field, Reference, ResourceSpec

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


# -- lookups of the families other modules name -----------------------------------------------
API_LOOKUP = ResourceSpec(
    kind="api", plural="apis", path=("apis",), list_key="apis",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3002", scope=(GROUP_REFERENCE,),
    parent_names={"group_id": "group_name"})
THROTTLE_LOOKUP = ResourceSpec(
    kind="throttling_policy", plural="throttling_policies", path=("throttles",), list_key="throttles",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3005")
ACL_LOOKUP = ResourceSpec(
    kind="acl_policy", plural="acl_policies", path=("acls",), list_key="acls", name_field="acl_name",
    name_option="acl_name", name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3006")
SIGNATURE_LOOKUP = ResourceSpec(
    kind="signature", plural="signatures", path=("signs",), list_key="signs",
    name_query="name", precise_search="name", not_found="APIG.3017")
AUTHORIZER_LOOKUP = ResourceSpec(
    kind="authorizer", plural="authorizers", path=("authorizers",), list_key="authorizer_list",
    name_query="name", get_by_id=True, not_found="APIG.3081")
APP_LOOKUP = ResourceSpec(
    kind="app", plural="apps", path=("apps",), list_key="apps",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3004")
VPC_CHANNEL_LOOKUP = ResourceSpec(
    kind="vpc_channel", plural="vpc_channels", path=("vpc-channels",), list_key="vpc_channels",
    name_query="name", precise_search="name", get_by_id=True, not_found="APIG.3023")
# A group's gateway responses (§3.20), which an API names.
GATEWAY_RESPONSE_LOOKUP = ResourceSpec(
    kind="gateway_response", plural="gateway_responses", path=("api-groups", "{group_id}", "gateway-responses"),
    list_key="responses", get_by_id=True, not_found="APIG.3007")

API_REFERENCE = Reference("api", "api_id", API_LOOKUP)
THROTTLE_REFERENCE = Reference("throttling_policy", "throttle_id", THROTTLE_LOOKUP)
ACL_REFERENCE = Reference("acl_policy", "acl_id", ACL_LOOKUP)
SIGNATURE_REFERENCE = Reference("signature", "sign_id", SIGNATURE_LOOKUP)
APP_REFERENCE = Reference("app", "app_id", APP_LOOKUP)
AUTHORIZER_REFERENCE = Reference("authorizer", "authorizer_id", AUTHORIZER_LOOKUP)
VPC_CHANNEL_REFERENCE = Reference("vpc_channel", "vpc_channel_id", VPC_CHANNEL_LOOKUP)
GATEWAY_RESPONSE_REFERENCE = Reference("response_id", "response_id", GATEWAY_RESPONSE_LOOKUP)
