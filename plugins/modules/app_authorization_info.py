#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: app_authorization_info
short_description: List app authorizations, or the APIs an app may not call yet
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - With O(app), lists the APIs the app is authorized for (API reference 3.10.3); with O(api) only, the apps
    authorized to that API (3.10.5). Both narrow to one environment with O(environment).
  - With O(unauthorized=true), lists the APIs published in O(environment) that O(app) is not authorized for
    yet (3.10.4).
options:
  app:
    description: The app, by name or by id.
    type: str
    aliases: [app_id]
  api:
    description: The API, by name (within O(group)) or by id.
    type: str
    aliases: [api_id]
  group:
    description: The API group of O(api), by name or by id; needed when other groups have an API of that name.
    type: str
    aliases: [group_id]
  environment:
    description: Only authorizations in this environment, by name or by id.
    type: str
    aliases: [env, env_id]
  unauthorized:
    description: List the published APIs O(app) is not authorized for in O(environment) instead.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The APIs an app may call in RELEASE
  huaweicloud.apig.app_authorization_info:
    app: shop_frontend
    environment: RELEASE

- name: The apps that may call one API
  huaweicloud.apig.app_authorization_info:
    group: shop_api
    api: list_orders

- name: The APIs published in RELEASE that the app may not call yet
  huaweicloud.apig.app_authorization_info:
    app: shop_frontend
    environment: RELEASE
    unauthorized: true
"""

RETURN = r"""
authorizations:
  description: The authorizations, each with its API, its app and its environment.
  returned: unless O(unauthorized=true)
  type: list
  elements: dict
  sample:
    - id: dd29b33ae4394e3b924b582c6b40880b
      app_id: 356de8eb7a8742168586e5daf5339965
      app_name: shop_frontend
      api_id: 5f918d104dc84480a75166ba99efff21
      api_name: list_orders
      group_id: c77f5e81d9cb4424bf704ef2b0ac7600
      group_name: shop_api
      env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
      env_name: RELEASE
      publish_id: 40e7162dc6b94bbbb1a60d2a24b1b0c
      auth_role: PROVIDER
      auth_time: "2020-08-04T04:02:22Z"
apis:
  description: The APIs published in the environment that the app is not authorized for.
  returned: when O(unauthorized=true)
  type: list
  elements: dict
  sample:
    - id: abd9c4b2ff974888b0ba79be7e6b2763
      name: get_order
      group_id: c77f5e81d9cb4424bf704ef2b0ac7600
      group_name: shop_api
      run_env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
      run_env_name: RELEASE
      publish_id: ca2631e233a74a758744ae1e19cc5ad7
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import run_authorization_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule


def main():
    module = APIGModule(
        argument_spec=dict(
            app=dict(type="str", aliases=["app_id"]),
            api=dict(type="str", aliases=["api_id"]),
            group=dict(type="str", aliases=["group_id"]),
            environment=dict(type="str", aliases=["env", "env_id"]),
            unauthorized=dict(type="bool", default=False),
        ),
        required_one_of=[("app", "api")],
        required_if=[("unauthorized", True, ("app", "environment"))],
        supports_check_mode=True,
    )
    run_authorization_info(module)


if __name__ == "__main__":
    main()
