# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the traffic-control modules share: the special throttles of a policy and the options
of a named policy (the specs themselves are in resources_access.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.children import Children
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field, argument_spec, state_option
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import APP_REFERENCE
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import MAX_CALLS

# §3.9: one special limit per app or tenant; only the limit changes in place.
SPECIAL_THROTTLES = Children(
    option="special_throttles", path=("throttle-specials",), list_key="throttle_specials",
    key=("object_type", "object"),
    fields={
        "object_type": Field(required=True, update=False, choices=["APP", "USER"]),
        "object": Field(api="object_id", required=True, update=False, min_length=1, max_length=64),
        "call_limits": Field(type="int", required=True, minimum=1, maximum=MAX_CALLS),
    },
    references={"object": (APP_REFERENCE, {"object_type": "APP"})})


def managed_options(spec, **extra):
    """The options of a module managing one ``spec`` resource: its fields (the name required),
    ``id``, ``state`` and ``extra``."""
    options = argument_spec(spec.fields)
    options[spec.name_option]["required"] = True
    options.update(id=dict(type="str"), state=state_option(), **extra)
    return options


def info_options(spec):
    """The options of a ``spec`` *_info module: its name and its filters."""
    options = argument_spec(spec.filters)
    options[spec.name_option] = dict(type="str")
    return options
