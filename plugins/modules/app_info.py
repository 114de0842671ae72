#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: app_info
short_description: List the apps of an APIG dedicated instance, or verify that an app exists
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the apps of the instance (API reference 3.12.7), all pages, optionally filtered; each app's
    C(app_secret) is masked.
  - With O(verify=true), checks the app with id O(id) instead (API reference 3.12.5), which also answers
    for an app you do not own, with its id, name and remark only.
options:
  name:
    description: Only the app with exactly this name.
    type: str
  id:
    description: Only the app with this id; with O(verify=true), the app to verify.
    type: str
  app_key:
    description: Only the app with this AppKey.
    type: str
  verify:
    description:
      - Verify the app O(id) (API reference 3.12.5) instead of listing. RV(apps) then holds that app's
        C(id), C(name) and C(remark), or nothing when no app has this id.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: All apps
  huaweicloud.apig.app_info:
  register: all_apps

- name: One app by name
  huaweicloud.apig.app_info:
    name: shop_frontend
  register: frontend

- name: Verify that an app id given by a partner exists
  huaweicloud.apig.app_info:
    id: 356de8eb7a8742168586e5daf5339965
    verify: true
  register: checked

- name: Fail when it does not
  ansible.builtin.assert:
    that: checked.apps | length == 1
"""

RETURN = r"""
apps:
  description:
    - The matching apps as the API returns them, with C(app_secret) masked and the number of APIs each is
      authorized for (C(bind_num)); empty when none match.
    - With O(verify=true), at most one item with C(id), C(name) and C(remark).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 356de8eb7a8742168586e5daf5339965
      name: shop_frontend
      remark: Web shop frontend
      app_key: ee8f878c252747028f07eb116c2cd91b
      app_secret: "********"
      creator: USER
      status: 1
      app_type: apig
      bind_num: 3
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.consumers import run_app_info


def main():
    module = APIGModule(
        argument_spec=dict(name=dict(type="str"), id=dict(type="str"), app_key=dict(type="str", no_log=False),
                           verify=dict(type="bool", default=False)),
        required_if=[("verify", True, ("id",))],
        supports_check_mode=True,
    )
    run_app_info(module)


if __name__ == "__main__":
    main()
