#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: authorizer_info
short_description: List custom authorizers of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the custom authorizers of the instance (API reference 3.16.5), all pages, optionally filtered.
options:
  name:
    description: Only the authorizer with exactly this name.
    type: str
  id:
    description: Only the authorizer with this id.
    type: str
  type:
    description: Only the authorizers of this type.
    type: str
    choices: [FRONTEND, BACKEND]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every front-end authorizer
  huaweicloud.apig.authorizer_info:
    type: FRONTEND
  register: frontend_authorizers
"""

RETURN = r"""
authorizers:
  description: The matching authorizers as the API returns them; empty when none match.
  returned: always
  type: list
  elements: dict
  sample:
    - id: 0d982c1ac3da493dae47627b6439fc5c
      name: token_check
      type: FRONTEND
      authorizer_type: FUNC
      authorizer_uri: "urn:fss:cn-north-4:106506b9a92342df9a5025fc12351cfc:function:default:token_check"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import info_options, run_info
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import AUTHORIZER


def main():
    module = APIGModule(argument_spec=info_options(AUTHORIZER), supports_check_mode=True)
    run_info(module, AUTHORIZER)


if __name__ == "__main__":
    main()
