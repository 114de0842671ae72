# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which desired APIs the api module would leave unchanged, by the module's own comparison (the
service role's planning and the api_unchanged filter)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import ID_LIKE, from_api, set_only
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API

# Options of the api module that are not API fields.
LOCATORS = ("group", "id", "state")
TYPES = {"str": str, "bool": bool, "int": int, "list": list, "dict": dict}


def _typed(field, value):
    """Whether ``value`` already has the option's type (Ansible would not convert it)."""
    if not isinstance(value, TYPES[field.type]) or field.type == "int" and isinstance(value, bool):
        return False
    if field.type != "list":
        return True
    return all(isinstance(item, dict if field.is_list else str) for item in value)


def _exact(fields, obj):
    """Whether the module would take ``obj`` as it is: known options, typed, valid, ids for references."""
    if not isinstance(obj, dict) or set(obj) - set(fields):
        return False
    for option, field in fields.items():
        value = obj.get(option)
        if value is None:
            if field.required:
                return False
            continue
        if not _typed(field, value) or field.problem(option, value) or field.choices and value not in field.choices:
            return False
        if field.reference and not ID_LIKE.match(value) and not (field.blank_implies and value == ""):
            return False
        if field.suboptions and not all(_exact(field.suboptions, item) for item in field.items(value)):
            return False
    return True


def _unchanged(item, current):
    if not current or item.get("state", "present") != "present" or current.get("group_id") != item.get("group"):
        return False
    desired = dict((option, value) for option, value in item.items() if option not in LOCATORS)
    if not _exact(API.fields, desired) or any(check(item) for check in API.checks):
        return False
    # What ResourceEngine.ensure compares for an existing API.
    desired = set_only(API.fields, desired)
    have = from_api(API.fields, current)
    return not any(API.fields[option].differs(value, have.get(option))
                   for option, value in desired.items() if API.fields[option].compare)


def api_unchanged(items, current):
    by_id = dict((api.get("id"), api) for api in current or [] if api.get("id"))
    return [item.get("name") for item in items or [] if _unchanged(item, by_id.get(item.get("id")))]
