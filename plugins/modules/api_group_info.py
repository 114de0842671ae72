#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_group_info
short_description: List API groups of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the API groups of the instance (API reference 3.1.5), all pages, optionally filtered.
options:
  name:
    description: Only the group with exactly this name.
    type: str
  id:
    description: Only the group with this id.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: All groups
  huaweicloud.apig.api_group_info:
  register: all_groups

- name: One group by name
  huaweicloud.apig.api_group_info:
    name: shop_api
  register: shop
"""

RETURN = r"""
api_groups:
  description: The matching groups as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: c77f5e81d9cb4424bf704ef2b0ac7600
      name: shop_api
      remark: Public shop API
      status: 1
      sl_domain: c77f5e81d9cb4424bf704ef2b0ac7600.apic.example.com
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_GROUP


def main():
    module = APIGModule(argument_spec=info_options(API_GROUP), supports_check_mode=True)
    run_info(module, API_GROUP)


if __name__ == "__main__":
    main()
