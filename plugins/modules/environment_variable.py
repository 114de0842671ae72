#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment_variable
short_description: Manage environment variables of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create and delete the variables an API group defines per environment (API reference 3.3).
    API definitions refer to a variable as C(#variable_name#); publishing substitutes the value.
  - A variable is identified by O(group), O(environment) and O(variable_name) (case-sensitive).
  - B(The API has no update call.) When O(variable_value) differs, the module deletes the variable
    and creates it again with the new value, so the variable gets a new id. If the creation fails after
    the delete, the task fails with a message saying the old variable was deleted.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  environment:
    description: The environment, by name or by id.
    type: str
    required: true
    aliases: [env, env_id]
  variable_name:
    description:
      - The variable name, unique per group and environment.
      - 3-32 characters; letters, digits, C(_) and C(-), starting with a letter.
    type: str
    required: true
    aliases: [name]
  variable_value:
    description:
      - The value; 1-255 characters; letters, digits, C(_), C(-), C(/), C(.) and C(:).
      - Required when O(state=present).
    type: str
    aliases: [value]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
"""

EXAMPLES = r"""
- name: Point the backend address at the test server in DEV
  huaweicloud.apig.environment_variable:
    group: shop_api
    environment: DEV
    variable_name: address
    variable_value: 192.168.1.5

- name: Remove the variable
  huaweicloud.apig.environment_variable:
    group: shop_api
    env: DEV
    name: address
    state: absent
"""

RETURN = r"""
environment_variable:
  description: The variable as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 25054838a624400bbf2267cf5b3a3f70
    group_id: c77f5e81d9cb4424bf704ef2b0ac7600
    env_id: 7a1ad0c350844ee69479b47df9a881cb
    variable_name: address
    variable_value: 192.168.1.5
diff:
  description: The compared fields before and after, with the id, the name, the group id and the environment id.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run, state_option
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT_VARIABLE


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", required=True, aliases=["group_id"]),
            environment=dict(type="str", required=True, aliases=["env", "env_id"]),
            variable_name=dict(type="str", required=True, aliases=["name"]),
            variable_value=dict(type="str", aliases=["value"]),
            state=state_option(),
        ),
        required_if=[("state", "present", ("variable_value",))],
        supports_check_mode=True,
    )
    run(module, ENVIRONMENT_VARIABLE)


if __name__ == "__main__":
    main()
