#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_info
short_description: List the APIs of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the APIs of the instance (API reference 3.5.6), all pages, optionally filtered.
  - The list items lack the backends, backend parameters and policies; O(details=true) fetches each
    API's full definition (API reference 3.5.5), one request per API.
options:
  group:
    description: Only the APIs of this group, by name or by id.
    type: str
    aliases: [group_id]
  name:
    description: Only the API with exactly this name.
    type: str
  id:
    description: Only the API with this id.
    type: str
  environment:
    description: Only the APIs published in this environment, by name or by id.
    type: str
    aliases: [env, env_id]
  req_method:
    description: Only the APIs called with this method.
    type: str
    choices: [GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY]
  req_uri:
    description: Only the APIs with exactly this request path.
    type: str
  auth_type:
    description: Only the APIs with this authentication type.
    type: str
    choices: [NONE, APP, IAM, AUTHORIZER]
  type:
    description: Only the public or only the private APIs.
    type: str
    choices: [public, private]
  details:
    description: Return each API's full definition instead of the list item.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The APIs of a group
  huaweicloud.apig.api_info:
    group: shop_api
  register: shop_apis

- name: The full definitions of the APIs published in RELEASE
  huaweicloud.apig.api_info:
    environment: RELEASE
    details: true
  register: released
"""

RETURN = r"""
apis:
  description: The matching APIs as the service returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 5f918d104dc84480a75166ba99efff21
      name: ping
      group_id: c77f5e81d9cb4424bf704ef2b0ac7600
      group_name: shop_api
      type: 2
      req_method: GET
      req_uri: /ping
      auth_type: NONE
      backend_type: MOCK
      run_env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
      run_env_name: RELEASE
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API


def main():
    options = info_options(API)
    options.update(group=dict(type="str", aliases=["group_id"]), details=dict(type="bool", default=False))
    options["environment"]["aliases"] = ["env", "env_id"]
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run_info(module, API)


if __name__ == "__main__":
    main()
