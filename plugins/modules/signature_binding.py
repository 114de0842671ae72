#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: signature_binding
short_description: Bind a signature key to published APIs in an environment
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Binds a signature key to APIs published in an environment, or unbinds it (API reference 3.7), so the
    gateway then signs its requests to those APIs' backends with the key. An API has at most one signature
    key per environment; binding another one to it fails with the gateway's error.
  - The key's secret is never returned.
options:
  signature:
    description: The signature key, by name or by id.
    type: str
    required: true
    aliases: [sign_id]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.bindings
"""

EXAMPLES = r"""
- name: Sign the backend requests of two APIs in RELEASE
  huaweicloud.apig.signature_binding:
    signature: backend_hmac
    environment: RELEASE
    group: shop_api
    apis: [list_orders, get_order]
"""

RETURN = r"""
signature_binding:
  description: What is bound to which APIs in the environment after the task (predicted in check mode).
  returned: always
  type: dict
  contains:
    sign_id:
      description: The signature key's id.
      type: str
    env_id:
      description: The environment's id (null when check mode predicts it).
      type: str
    apis:
      description: The names of the APIs bound in the environment, sorted.
      type: list
      elements: str
  sample:
    sign_id: 0b0e8f456b8742218af75f945307173c
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
      error_code: APIG.3018
      error_msg: The signature key binding record does not exist
diff:
  description: The names of the APIs bound in the environment before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {apis: [list_orders]}
    after: {apis: [get_order, list_orders]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import SIGNATURE_BINDING, binding_argument_spec, run_binding
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule


def main():
    module = APIGModule(argument_spec=binding_argument_spec(SIGNATURE_BINDING), supports_check_mode=True)
    run_binding(module, SIGNATURE_BINDING)


if __name__ == "__main__":
    main()
