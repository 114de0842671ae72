#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_group
short_description: Manage API groups of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, rename, update and delete API groups (API reference 3.1).
  - The group is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared; an update sends one full C(PUT) with the current values
    merged with the ones you set.
options:
  name:
    description:
      - The group name, unique within the instance.
      - 3-255 characters; letters, digits, Chinese characters, C(-), C(_), C(.), C(/), brackets, colons
        and the Chinese enumeration comma; starting with a letter, a digit or a Chinese character.
    type: str
    required: true
  remark:
    description:
      - Description of the group, at most 1000 characters.
      - V("") clears it; the API reports a remark that was never set as empty, so the two compare equal.
    type: str
  id:
    description:
      - The id of an existing group. The module fails when O(state=present) and no group has this id.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Deleting a group that still holds APIs fails with C(APIG.3415); take its APIs offline and delete them first.
"""

EXAMPLES = r"""
- name: Create or update a group
  huaweicloud.apig.api_group:
    name: shop_api
    remark: Public shop API

- name: Rename a group found by id
  huaweicloud.apig.api_group:
    id: c77f5e81d9cb4424bf704ef2b0ac7600
    name: shop_api_v2

- name: Delete a group
  huaweicloud.apig.api_group:
    name: shop_api
    state: absent
"""

RETURN = r"""
api_group:
  description: The group as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: c77f5e81d9cb4424bf704ef2b0ac7600
    name: shop_api
    remark: Public shop API
    status: 1
    sl_domain: c77f5e81d9cb4424bf704ef2b0ac7600.apic.example.com
    register_time: "2020-07-31T06:55:55Z"
    update_time: "2020-07-31T06:55:55Z"
diff:
  description: The compared fields before and after, with the id and the name.
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: c77f5e81d9cb4424bf704ef2b0ac7600, name: shop_api, remark: old}
    after: {id: c77f5e81d9cb4424bf704ef2b0ac7600, name: shop_api, remark: Public shop API}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import named_argument_spec, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_GROUP


def main():
    module = APIGModule(argument_spec=named_argument_spec(), supports_check_mode=True)
    run(module, API_GROUP)


if __name__ == "__main__":
    main()
