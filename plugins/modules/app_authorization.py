#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: app_authorization
short_description: Authorize an app to call published APIs in an environment
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Authorizes an app to call APIs published in an environment, or cancels authorizations (API reference
    3.10). Without an authorization an app can't call an API that uses app authentication.
  - The authorize call answers per API; an API answered as failed (C(auth_result.status=FAILED)) fails the
    task, named with its error code.
options:
  app:
    description: The app, by name or by id.
    type: str
    required: true
    aliases: [app_id]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.bindings
"""

EXAMPLES = r"""
- name: Let the shop frontend call two APIs in RELEASE
  huaweicloud.apig.app_authorization:
    app: shop_frontend
    environment: RELEASE
    group: shop_api
    apis: [list_orders, get_order]

- name: Only list_orders, cancelling the others
  huaweicloud.apig.app_authorization:
    app: shop_frontend
    environment: RELEASE
    group: shop_api
    apis: [list_orders]
    purge: true
"""

RETURN = r"""
app_authorization:
  description: What is bound to which APIs in the environment after the task (predicted in check mode).
  returned: always
  type: dict
  contains:
    app_id:
      description: The app's id.
      type: str
    env_id:
      description: The environment's id (null when check mode predicts it).
      type: str
    apis:
      description: The names of the APIs bound in the environment, sorted.
      type: list
      elements: str
  sample:
    app_id: 356de8eb7a8742168586e5daf5339965
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
      error_code: APIG.3316
      error_msg: The API authorization record already exists
diff:
  description: The names of the APIs bound in the environment before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {apis: [list_orders]}
    after: {apis: [get_order, list_orders]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import APP_AUTHORIZATION, binding_argument_spec, run_binding
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule


def main():
    module = APIGModule(argument_spec=binding_argument_spec(APP_AUTHORIZATION), supports_check_mode=True)
    run_binding(module, APP_AUTHORIZATION)


if __name__ == "__main__":
    main()
