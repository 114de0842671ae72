#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: quota_info
short_description: Show the quotas of an APIG dedicated instance and of its project
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the instance's quotas and switches with how much of each is used (API reference 3.23.1),
    and the project's own quota on instances (3.23.2).
options:
  config_name:
    description: Only the quota with this name, for example V(API_NUM_LIMIT) or V(INSTANCE_NUM_LIMIT).
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: How many more APIs fit in the instance
  huaweicloud.apig.quota_info:
    config_name: API_NUM_LIMIT
  register: quota

- name: Show it
  ansible.builtin.debug:
    msg: "{{ (quota.quotas[0].config_value | int) - quota.quotas[0].used }} APIs left"
"""

RETURN = r"""
quotas:
  description: The instance's quotas (3.23.1); C(used) is what the instance uses of each.
  returned: always
  type: list
  elements: dict
  sample:
    - {config_id: "2", config_name: API_NUM_LIMIT, config_value: "1000", used: 12,
       config_time: "2019-02-12T19:42:19.914989Z", remark: Maximum number of APIs a tenant can create}
project_quotas:
  description: The project's quotas (3.23.2), such as C(INSTANCE_NUM_LIMIT).
  returned: always
  type: list
  elements: dict
  sample:
    - {config_id: "1", config_name: INSTANCE_NUM_LIMIT, config_value: "5", config_time: "2019-02-12T19:42:19Z"}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_view
from ansible_collections.huaweicloud.apig.plugins.module_utils.views import quotas


def main():
    run_view(APIGModule(argument_spec=dict(config_name=dict(type="str")), supports_check_mode=True), quotas)


if __name__ == "__main__":
    main()
