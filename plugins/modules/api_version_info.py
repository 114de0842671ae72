#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_version_info
short_description: Show the published versions of an API
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Without O(version_id) or O(runtime), lists the versions of an API (API reference 3.5.9), in one
    environment when O(environment) is set. Each environment keeps at most 10 versions per API.
  - With O(version_id), returns that version's definition (3.5.12).
  - With O(runtime=true), returns the definition in effect in O(environment) (C(RELEASE) when not set),
    with the environment's variables substituted (3.5.11).
options:
  group:
    description: The API group of O(api), by name or by id; needed when other groups have an API of that name.
    type: str
    aliases: [group_id]
  api:
    description: The API, by name or by id. Required unless O(version_id) is set.
    type: str
    aliases: [api_id]
  environment:
    description: The environment, by name or by id.
    type: str
    aliases: [env, env_id]
  version_id:
    description: One version, by id.
    type: str
  runtime:
    description: Return the definition in effect in O(environment) instead of the version list.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The versions of an API in RELEASE
  huaweicloud.apig.api_version_info:
    group: shop_api
    api: list_orders
    environment: RELEASE
  register: history

- name: The definition of the oldest kept version
  huaweicloud.apig.api_version_info:
    version_id: "{{ history.versions[-1].version_id }}"
  register: old

- name: What RELEASE serves now
  huaweicloud.apig.api_version_info:
    group: shop_api
    api: list_orders
    runtime: true
"""

RETURN = r"""
versions:
  description: The versions, as the API returns them; C(status) is C(1) for the version in effect, C(2) otherwise.
  returned: without O(version_id) and O(runtime)
  type: list
  elements: dict
  sample:
    - version_id: 632b2c9e022941969af9a1d45735ae2c
      version_no: "20200803030131"
      api_id: 5f918d104dc84480a75166ba99efff21
      env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
      env_name: RELEASE
      remark: Weekly release
      publish_time: "2020-08-03T03:01:31Z"
      status: 1
version:
  description: The version's API definition as it was published, with the version's C(version_id).
  returned: with O(version_id)
  type: dict
runtime:
  description: The API definition in effect in the environment.
  returned: with O(runtime=true)
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import version_info


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", aliases=["group_id"]),
            api=dict(type="str", aliases=["api_id"]),
            environment=dict(type="str", aliases=["env", "env_id"]),
            version_id=dict(type="str"),
            runtime=dict(type="bool", default=False),
        ),
        required_one_of=[("api", "version_id")],
        mutually_exclusive=[("version_id", "runtime")],
        supports_check_mode=True,
    )
    exit_with(module, lambda: version_info(module))


if __name__ == "__main__":
    main()
