#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment_variable_info
short_description: List the environment variables of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the variables an API group defines (API reference 3.3.4), all pages, optionally for one
    environment or one variable name.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  environment:
    description: Only variables of this environment, by name or by id.
    type: str
    aliases: [env, env_id]
  variable_name:
    description: Only the variables with exactly this name (case-sensitive).
    type: str
    aliases: [name]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every variable of a group
  huaweicloud.apig.environment_variable_info:
    group: shop_api
  register: variables

- name: The address variable in DEV
  huaweicloud.apig.environment_variable_info:
    group: shop_api
    environment: DEV
    variable_name: address
  register: address
"""

RETURN = r"""
environment_variables:
  description: The matching variables as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 25054838a624400bbf2267cf5b3a3f70
      group_id: c77f5e81d9cb4424bf704ef2b0ac7600
      env_id: 7a1ad0c350844ee69479b47df9a881cb
      variable_name: address
      variable_value: 192.168.1.5
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT_VARIABLE


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", required=True, aliases=["group_id"]),
            environment=dict(type="str", aliases=["env", "env_id"]),
            variable_name=dict(type="str", aliases=["name"]),
        ),
        supports_check_mode=True,
    )
    run_info(module, ENVIRONMENT_VARIABLE)


if __name__ == "__main__":
    main()
