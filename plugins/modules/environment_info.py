#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment_info
short_description: List environments of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the environments of the instance (API reference 3.2.4), all pages, including the built-in C(RELEASE).
options:
  name:
    description: Only the environment with exactly this name (the API's own name filter matches loosely).
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: All environments
  huaweicloud.apig.environment_info:
  register: envs

- name: The DEV environment
  huaweicloud.apig.environment_info:
    name: DEV
  register: dev
"""

RETURN = r"""
environments:
  description: The matching environments as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: DEFAULT_ENVIRONMENT_RELEASE_ID
      name: RELEASE
      remark: ""
      create_time: "2019-02-12T19:42:19.914989Z"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import ENVIRONMENT


def main():
    module = APIGModule(argument_spec=info_options(ENVIRONMENT), supports_check_mode=True)
    run_info(module, ENVIRONMENT)


if __name__ == "__main__":
    main()
