#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: acl_policy
short_description: Manage ACL policies of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete access control policies (API reference 3.14) that allow (V(PERMIT))
    or deny (V(DENY)) calls from IP addresses or tenants.
  - The policy is found by its exact O(acl_name), or by O(id) when given; with O(id), O(acl_name) renames it.
  - Only the options you set are compared; O(acl_value) is compared as a set.
  - Bind a policy to published APIs with M(huaweicloud.apig.acl_binding).
options:
  acl_name:
    description:
      - The policy name, unique within the instance.
      - 3-64 characters; letters, digits, C(_) and Chinese characters, starting with a letter or a
        Chinese character.
    type: str
    required: true
    aliases: [name]
  id:
    description: The id of an existing policy. The module fails when O(state=present) and no policy has this id.
    type: str
  acl_type:
    description: V(PERMIT) allows only the listed values; V(DENY) refuses them. Required to create a policy.
    type: str
    choices: [PERMIT, DENY]
  acl_value:
    description:
      - The IP addresses, CIDR blocks or ranges (C(a.b.c.d-e.f.g.h)) when O(entity_type=IP); the
        tenant (account) names when O(entity_type=DOMAIN). Required to create a policy.
      - Compared as a set; the API stores them comma-separated, so a value can't contain C(,).
    type: list
    elements: str
  entity_type:
    description:
      - What O(acl_value) lists. Required to create a policy.
      - It can't change on an existing policy; the module fails unless O(recreate=true).
    type: str
    choices: [IP, DOMAIN]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
  - huaweicloud.apig.apig.recreate
notes:
  - Deleting a policy that is still bound to APIs fails with C(APIG.3447); unbind it first.
"""

EXAMPLES = r"""
- name: Deny two addresses
  huaweicloud.apig.acl_policy:
    acl_name: block_scanners
    acl_type: DENY
    entity_type: IP
    acl_value:
      - 192.168.1.5
      - 10.10.0.0/16

- name: Switch a policy from IP addresses to tenants (a new policy, unbound)
  huaweicloud.apig.acl_policy:
    acl_name: block_scanners
    entity_type: DOMAIN
    acl_value: [partner_account]
    recreate: true

- name: Delete the policy
  huaweicloud.apig.acl_policy:
    acl_name: block_scanners
    state: absent
"""

RETURN = r"""
acl_policy:
  description: The policy as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 7eb619ecf2a24943b099833cd24a01ba
    acl_name: block_scanners
    acl_type: DENY
    acl_value: 192.168.1.5,10.10.0.0/16
    entity_type: IP
    update_time: "2020-08-04T08:42:43Z"
diff:
  description: The compared fields before and after, with the id and the name; C(acl_value) as a list.
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: 7eb619ecf2a24943b099833cd24a01ba, acl_name: block_scanners, acl_value: [192.168.1.5]}
    after: {id: 7eb619ecf2a24943b099833cd24a01ba, acl_name: block_scanners, acl_value: [192.168.1.5, 10.10.0.0/16]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options, recreate_option, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import ACL


def main():
    options = managed_options(ACL, recreate=recreate_option())
    options["acl_name"]["aliases"] = ["name"]
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run(module, ACL)


if __name__ == "__main__":
    main()
