#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: throttling_binding
short_description: Bind a request throttling policy to published APIs in an environment
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Binds a request throttling policy to APIs published in an environment, or unbinds it (API reference 3.8).
    An API has at most one throttling policy per environment; binding another one to it fails with the
    gateway's error.
  - Unbinding uses the batch call (3.8.6), one call for all the APIs.
options:
  throttling_policy:
    description: The request throttling policy, by name or by id.
    type: str
    required: true
    aliases: [throttle_id]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.bindings
"""

EXAMPLES = r"""
- name: Limit two APIs in RELEASE
  huaweicloud.apig.throttling_binding:
    throttling_policy: standard_limits
    environment: RELEASE
    group: shop_api
    apis: [list_orders, get_order]

- name: Only these APIs, unbinding the others
  huaweicloud.apig.throttling_binding:
    throttling_policy: standard_limits
    environment: RELEASE
    group: shop_api
    apis: [list_orders]
    purge: true
"""

RETURN = r"""
throttling_binding:
  description: What is bound to which APIs in the environment after the task (predicted in check mode).
  returned: always
  type: dict
  contains:
    throttle_id:
      description: The throttling policy's id.
      type: str
    env_id:
      description: The environment's id (null when check mode predicts it).
      type: str
    apis:
      description: The names of the APIs bound in the environment, sorted.
      type: list
      elements: str
  sample:
    throttle_id: 3437448ad06f4e0c91a224183116e965
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
      error_code: APIG.3012
      error_msg: The request throttling policy binding record does not exist
diff:
  description: The names of the APIs bound in the environment before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {apis: [list_orders]}
    after: {apis: [get_order, list_orders]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import THROTTLING_BINDING, binding_argument_spec, run_binding
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule


def main():
    module = APIGModule(argument_spec=binding_argument_spec(THROTTLING_BINDING), supports_check_mode=True)
    run_binding(module, THROTTLING_BINDING)


if __name__ == "__main__":
    main()
