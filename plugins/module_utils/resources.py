# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the engine knows of each APIG resource: paths, fields, rules and references.

Option names are the API's field names; the limits are the reference's, checked before
any call. A Reference lets another resource's module name this one by name or id.
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
