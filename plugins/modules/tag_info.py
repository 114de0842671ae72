#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tag_info
short_description: List the tags used by the APIs of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the tags the instance's APIs carry (API reference 3.21.1), all pages, each once.
options: {}
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every tag in use
  huaweicloud.apig.tag_info:
  register: tags
"""

RETURN = r"""
tags:
  description: The tags.
  returned: always
  type: list
  elements: str
  sample: [webApi, functionApi]
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_view


def tags(module):
    return {"changed": False, "tags": module.client.list_all(module.instance_path("tags"), "tags")}


def main():
    run_view(APIGModule(argument_spec={}, supports_check_mode=True), tags)


if __name__ == "__main__":
    main()
