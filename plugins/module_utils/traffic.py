# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The special throttles of a throttling policy (§3.9), synced as its children; the policy's spec
is in resources_access.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.children import Children
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field
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
