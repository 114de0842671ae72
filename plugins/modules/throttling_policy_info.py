#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: throttling_policy_info
short_description: List request throttling policies of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the request throttling policies of the instance (API reference 3.4.4), all pages, optionally filtered.
options:
  name:
    description: Only the policy with exactly this name.
    type: str
  id:
    description: Only the policy with this id.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: All throttling policies
  huaweicloud.apig.throttling_policy_info:
  register: policies

- name: One policy by name
  huaweicloud.apig.throttling_policy_info:
    name: shop_throttle
  register: shop_throttle
"""

RETURN = r"""
throttling_policies:
  description: The matching policies as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 3437448ad06f4e0c91a224183116e965
      name: shop_throttle
      type: 1
      api_call_limits: 800
      time_interval: 1
      time_unit: SECOND
      bind_num: 2
      is_inclu_special_throttle: 2
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import THROTTLE


def main():
    module = APIGModule(argument_spec=info_options(THROTTLE), supports_check_mode=True)
    run_info(module, THROTTLE)


if __name__ == "__main__":
    main()
