#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: availability_zone_info
short_description: List the availability zones where APIG dedicated instances can be created
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the availability zones of the region with the editions each supports (API reference 3.24.10),
    for the O(huaweicloud.apig.instance#module:available_zone_ids) of a new instance.
options: {}
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Zones that support the professional edition
  huaweicloud.apig.availability_zone_info:
  register: zones

- name: Their codes
  ansible.builtin.debug:
    msg: "{{ zones.availability_zones | selectattr('specs.PROFESSIONAL') | map(attribute='code') | list }}"
"""

RETURN = r"""
availability_zones:
  description: The zones as the API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - code: cn-north-4a
      id: effdcbc7d4d64a02aa1fa26b42f56533
      name: AZ1
      port: "8403"
      local_name: {en_us: AZ1, zh_cn: AZ1}
      specs: {BASIC: true, PROFESSIONAL: true, BASIC_IPV6: false}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_view


def zones(module):
    answer = module.client.get(module.client.path("available-zones")) or {}
    return {"changed": False, "availability_zones": answer.get("available_zones") or []}


def main():
    run_view(APIGModule(argument_spec={}, instance=False, supports_check_mode=True), zones)


if __name__ == "__main__":
    main()
