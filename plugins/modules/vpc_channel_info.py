#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_channel_info
short_description: List the VPC channels of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the VPC channels of the instance (API reference 3.18.5), all pages, optionally filtered.
  - The list items lack the members and the health check; O(details=true) fetches each channel's
    detail (API reference 3.18.4), one request per channel.
options:
  name:
    description: Only the channel with exactly this name.
    type: str
  id:
    description: Only the channel with this id.
    type: str
  member_host:
    description: Only the channels with a member at this address.
    type: str
  details:
    description: Return each channel's detail, with its members and health check, instead of the list item.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every channel with its members
  huaweicloud.apig.vpc_channel_info:
    details: true
  register: channels

- name: The channels that route to one server
  huaweicloud.apig.vpc_channel_info:
    member_host: 192.168.0.11
  register: using_server
"""

RETURN = r"""
vpc_channels:
  description: The matching channels as the service returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 105c6902457144a4820dff8b1ad63331
      name: shop_backend
      type: 2
      port: 8080
      balance_strategy: 1
      member_type: ip
      status: 1
      create_time: "2020-07-23T07:11:57.244829604Z"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_channels import VPC_CHANNEL


def main():
    options = info_options(VPC_CHANNEL)
    options.update(details=dict(type="bool", default=False))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run_info(module, VPC_CHANNEL)


if __name__ == "__main__":
    main()
