#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: signature_info
short_description: List signature keys of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the signature keys of the instance (API reference 3.6.4), all pages, optionally filtered.
  - The secrets are masked.
options:
  name:
    description: Only the key with exactly this name.
    type: str
  id:
    description: Only the key with this id.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: All signature keys
  huaweicloud.apig.signature_info:
  register: keys
"""

RETURN = r"""
signatures:
  description: The matching keys as the API returns them, C(sign_secret) masked; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 0b0e8f456b8742218af75f945307173c
      name: backend_sign
      sign_type: hmac
      sign_key: backendsignkey01
      sign_secret: "********"
      bind_num: 2
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import SIGNATURE


def main():
    module = APIGModule(argument_spec=info_options(SIGNATURE), supports_check_mode=True)
    run_info(module, SIGNATURE)


if __name__ == "__main__":
    main()
