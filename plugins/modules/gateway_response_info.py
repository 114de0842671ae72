#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: gateway_response_info
short_description: List the gateway responses of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists a group's gateway responses (API reference 3.20.8), all pages, optionally one by name or id.
    The group's V(default) response is always among them.
  - The reference documents list items as summaries; O(details=true) reads each response (3.20.2) for its
    entries per error type.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  name:
    description: Only the response with exactly this name.
    type: str
  id:
    description: Only the response with this id.
    type: str
  details:
    description: Read each response's full definition (one request per response).
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The shop's responses, each with its entries
  huaweicloud.apig.gateway_response_info:
    group: shop_api
    details: true
  register: shop_responses

- name: The id of the default response
  huaweicloud.apig.gateway_response_info:
    group: shop_api
    name: default
  register: default_response
"""

RETURN = r"""
gateway_responses:
  description: The matching responses as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: ed8e8c52ab0e4a1c9c809268e5002e64
      name: default
      default: true
      create_time: "2020-07-31T11:39:23Z"
      update_time: "2020-07-31T11:39:23Z"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import GATEWAY_RESPONSE


def main():
    options = info_options(GATEWAY_RESPONSE)
    options.update(group=dict(type="str", required=True, aliases=["group_id"]), details=dict(type="bool", default=False))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run_info(module, GATEWAY_RESPONSE)


if __name__ == "__main__":
    main()
