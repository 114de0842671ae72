#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment
short_description: Manage environments of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, rename, update and delete the environments APIs are published to (API reference 3.2).
  - The environment is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - The built-in C(RELEASE) environment (id C(DEFAULT_ENVIRONMENT_RELEASE_ID)) always exists; the module
    refuses to delete or rename it before calling the API.
options:
  name:
    description:
      - The environment name, unique within the instance.
      - 3-64 characters; letters, digits and underscores, starting with a letter.
    type: str
    required: true
  remark:
    description:
      - Description of the environment, at most 255 characters.
      - V("") clears it; the API reports a remark that was never set as empty, so the two compare equal.
    type: str
  id:
    description:
      - The id of an existing environment. The module fails when O(state=present) and no environment has this id.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Deleting an environment that APIs are published to fails with C(APIG.3418); take them offline first.
"""

EXAMPLES = r"""
- name: Create or update an environment
  huaweicloud.apig.environment:
    name: DEV
    remark: Development environment

- name: Delete an environment
  huaweicloud.apig.environment:
    name: DEV
    state: absent
"""

RETURN = r"""
environment:
  description: The environment as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 7a1ad0c350844ee69479b47df9a881cb
    name: DEV
    remark: Development environment
    create_time: "2020-07-31T06:41:43Z"
diff:
  description: The compared fields before and after, with the id and the name.
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {name: DEV, remark: Development environment}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import named_argument_spec, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT

RELEASE_NAME = "RELEASE"
RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"


def release_problem(params):
    """Why the task would delete or rename the built-in RELEASE environment, or None."""
    if params["state"] == "absent" and (params["name"] == RELEASE_NAME or params["id"] == RELEASE_ID):
        return "the built-in RELEASE environment can't be deleted"
    if params["id"] == RELEASE_ID and params["name"] != RELEASE_NAME:
        return "the built-in RELEASE environment can't be renamed (to '%s')" % params["name"]
    return None


def main():
    module = APIGModule(argument_spec=named_argument_spec(), supports_check_mode=True)
    problem = release_problem(module.params)
    if problem:
        module.fail_json(msg=problem)
    run(module, ENVIRONMENT)


if __name__ == "__main__":
    main()
