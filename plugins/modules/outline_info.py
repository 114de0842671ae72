#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: outline_info
short_description: The API, API group and app outlines of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Reads the counts the gateway keeps about the instance (API reference 3.11), one request per outline.
options:
  outlines:
    description:
      - Which outlines to read. V(apis) (3.11.1), V(groups) (3.11.2), V(apps) (3.11.3).
    type: list
    elements: str
    choices: [apis, groups, apps]
    default: [apis, groups, apps]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: Every outline
  huaweicloud.apig.outline_info:
  register: outline

- name: How many apps have no authorization yet
  ansible.builtin.debug:
    msg: "{{ outline.outline.apps.unauthed_nums }}"
"""

RETURN = r"""
outline:
  description: The outlines asked for, each as the API returns it.
  returned: always
  type: dict
  contains:
    apis:
      description: C(instance_num) (all APIs), C(nums_on_release) (published in RELEASE), C(nums_off_release).
      returned: when asked for
      type: dict
      sample: {instance_num: 27, nums_on_release: 11, nums_off_release: 16}
    groups:
      description: C(onsell_nums) and C(offsell_nums) (listed on the marketplace or not).
      returned: when asked for
      type: dict
      sample: {onsell_nums: 23, offsell_nums: 0}
    apps:
      description: C(authed_nums) (apps authorized for at least one API) and C(unauthed_nums).
      returned: when asked for
      type: dict
      sample: {authed_nums: 7, unauthed_nums: 5}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.consumers import run_outline_info

OUTLINES = ["apis", "groups", "apps"]


def main():
    module = APIGModule(
        argument_spec=dict(outlines=dict(type="list", elements="str", choices=OUTLINES, default=OUTLINES)),
        supports_check_mode=True,
    )
    run_outline_info(module)


if __name__ == "__main__":
    main()
