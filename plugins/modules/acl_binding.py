#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: acl_binding
short_description: Bind an ACL policy to published APIs in an environment
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Binds an access control (ACL) policy to APIs published in an environment, or unbinds it (API reference
    3.15). An API has at most one ACL policy of each type (PERMIT, DENY) per environment; binding another
    one of the same type fails with the gateway's error.
  - Unbinding uses the batch call (3.15.3), one call for all the APIs.
options:
  acl_policy:
    description: The ACL policy, by name or by id.
    type: str
    required: true
    aliases: [acl_id]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.bindings
"""

EXAMPLES = r"""
- name: Block the listed addresses on the order APIs
  huaweicloud.apig.acl_binding:
    acl_policy: blocked_addresses
    environment: RELEASE
    group: shop_api
    apis: [list_orders, get_order]

- name: Unbind it from one API
  huaweicloud.apig.acl_binding:
    acl_policy: blocked_addresses
    environment: RELEASE
    group: shop_api
    apis: [get_order]
    state: absent
"""

RETURN = r"""
acl_binding:
  description: What is bound to which APIs in the environment after the task (predicted in check mode).
  returned: always
  type: dict
  contains:
    acl_id:
      description: The ACL policy's id.
      type: str
    env_id:
      description: The environment's id (null when check mode predicts it).
      type: str
    apis:
      description: The names of the APIs bound in the environment, sorted.
      type: list
      elements: str
  sample:
    acl_id: 7eb619ecf2a24943b099833cd24a01ba
    env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
    apis: [get_order, list_orders]
bound:
  description: The names of the APIs the task bound (or would bind).
  returned: always
  type: list
  elements: str
unbound:
  description: The names of the APIs the task unbound (or would unbind).
  returned: always
  type: list
  elements: str
failures:
  description: The APIs the API answered as failed inside a successful response, with their error.
  returned: when such failures happened
  type: list
  elements: dict
  sample:
    - api_id: abd9c4b2ff974888b0ba79be7e6b2762
      api_name: get_order
      error_code: APIG.3010
      error_msg: The access control policy binding record does not exist
diff:
  description: The names of the APIs bound in the environment before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {apis: [list_orders]}
    after: {apis: [get_order, list_orders]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import ACL_BINDING, binding_argument_spec, run_binding
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule


def main():
    module = APIGModule(argument_spec=binding_argument_spec(ACL_BINDING), supports_check_mode=True)
    run_binding(module, ACL_BINDING)


if __name__ == "__main__":
    main()
