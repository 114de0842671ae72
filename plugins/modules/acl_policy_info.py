#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: acl_policy_info
short_description: List ACL policies of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the access control policies of the instance (API reference 3.14.6), all pages, optionally filtered.
options:
  acl_name:
    description: Only the policy with exactly this name.
    type: str
    aliases: [name]
  id:
    description: Only the policy with this id.
    type: str
  acl_type:
    description: Only the policies of this type.
    type: str
    choices: [PERMIT, DENY]
  entity_type:
    description: Only the policies listing this kind of value.
    type: str
    choices: [IP, DOMAIN]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every DENY policy
  huaweicloud.apig.acl_policy_info:
    acl_type: DENY
  register: deny_policies

- name: One policy by name
  huaweicloud.apig.acl_policy_info:
    acl_name: block_scanners
  register: block_scanners
"""

RETURN = r"""
acl_policies:
  description: The matching policies as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 7eb619ecf2a24943b099833cd24a01ba
      acl_name: block_scanners
      acl_type: DENY
      acl_value: 192.168.1.5,10.10.0.0/16
      entity_type: IP
      bind_num: 1
      update_time: "2020-08-04T08:42:43Z"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import ACL


def main():
    options = info_options(ACL)
    options["acl_name"]["aliases"] = ["name"]
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run_info(module, ACL)


if __name__ == "__main__":
    main()
