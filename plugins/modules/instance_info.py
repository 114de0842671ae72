#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: instance_info
short_description: List the APIG dedicated gateway instances of a project
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the gateway instances of the project (API reference 3.24.11), all pages, optionally filtered;
    with O(details), each as the full detail of 3.24.2.
options:
  instance_name:
    description: Only the instance with exactly this name.
    type: str
  id:
    description: Only the instance with this id.
    type: str
  status:
    description: Only instances in this status, for example V(Running), V(Creating) or V(CreateFail).
    type: str
  details:
    description: Return each instance's full detail (one more call per instance) instead of the list fields.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every instance of the project
  huaweicloud.apig.instance_info:
  register: gateways

- name: One instance, with every detail
  huaweicloud.apig.instance_info:
    instance_name: apig-prod
    details: true
  register: prod
"""

RETURN = r"""
instances:
  description: The matching instances as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: eddc4d25480b4cd6b512f270a1b8b341
      instance_name: apig-prod
      status: Running
      instance_status: 6
      spec: PROFESSIONAL
      eip_address: 100.95.155.221
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with, info_options
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_instance import INSTANCE, InstanceEngine


def main():
    options = info_options(INSTANCE)
    options.update(details=dict(type="bool", default=False))
    module = APIGModule(argument_spec=options, instance=False, supports_check_mode=True)
    exit_with(module, InstanceEngine(module, INSTANCE).info)


if __name__ == "__main__":
    main()
