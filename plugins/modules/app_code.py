#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: app_code
short_description: Manage the app codes of an app (simple authentication) on an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Adds an app code of your choosing (API reference 3.12.8), lets the gateway generate codes until the
    app has O(count) of them (3.12.9), or removes one code (3.12.10).
  - Idempotent by value (O(app_code)) or by the number of codes (O(count)).
  - App codes are secrets. Every code in the result is masked, except the codes the gateway generated
    in this run, which you have no other way to receive; they are returned once as RV(new_app_codes).
    The diff shows code ids only.
options:
  app:
    description: The app, by name or by id.
    type: str
    required: true
    aliases: [app_id]
  app_code:
    description:
      - The value of one app code. With O(state=present) the app gets a code with this value unless it
        has one; with O(state=absent) the code with this value is removed.
      - 64-180 characters; letters, digits and C(+_!@#$%-/=), starting with a letter, a digit,
        C(+) or C(/). Must be unique within the instance.
    type: str
  count:
    description:
      - With O(state=present) and no O(app_code), how many codes the app should have at least; the
        gateway generates the missing ones (64 random characters each). Codes are never removed to meet it.
      - Every code of the app counts, whether generated or explicit. An app holds at most 5 codes.
    type: int
  id:
    description: With O(state=absent), the id of the code to remove (instead of O(app_code)).
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - RV(new_app_codes) is printed by Ansible like any other result value. Set C(no_log) on the task and
    register the result to keep generated codes out of the output and logs.
"""

EXAMPLES = r"""
- name: An app code of our choosing
  huaweicloud.apig.app_code:
    app: shop_frontend
    app_code: "{{ vault_frontend_app_code }}"

- name: Two generated codes for another app
  huaweicloud.apig.app_code:
    app: partner_feed
    count: 2
  register: codes
  no_log: true   # new_app_codes holds the generated values

- name: Remove a code by its id
  huaweicloud.apig.app_code:
    app: partner_feed
    id: b3d34f746d0847fb95138670e10207ed
    state: absent
"""

RETURN = r"""
app_code:
  description:
    - The code managed by O(app_code) or O(id), value masked (predicted in check mode); empty after a removal.
  returned: with O(app_code) or O(id)
  type: dict
  sample:
    id: 32dc8ca22d1b4b9cb94022186880576b
    app_id: 9ed8b7fe84224de681e7d7a5587e76dc
    app_code: "********"
    create_time: "2020-07-24T02:37:24Z"
app_codes:
  description: Every code of the app after the run, values masked (predicted in check mode).
  returned: always
  type: list
  elements: dict
new_app_codes:
  description:
    - The codes the gateway generated in this run, C(id) and C(app_code), the only unmasked copies.
      Never in check mode.
  returned: when O(count) generated codes
  type: list
  elements: dict
  sample:
    - id: b3d34f746d0847fb95138670e10207ed
      app_code: fdc8d90a30174460a91ddacfa54d6f04c92e523a85cc4a1894f87cb13b6f572a
diff:
  description: The app id and the ids of its codes before and after (a code predicted in check mode has no id).
  returned: when diff mode is on
  type: dict
  sample:
    before: {app_id: 9ed8b7fe84224de681e7d7a5587e76dc, app_codes: [32dc8ca22d1b4b9cb94022186880576b]}
    after: {app_id: 9ed8b7fe84224de681e7d7a5587e76dc, app_codes: [32dc8ca22d1b4b9cb94022186880576b,
            b3d34f746d0847fb95138670e10207ed]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.consumers import run_app_code
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import state_option


def main():
    module = APIGModule(
        argument_spec=dict(
            app=dict(type="str", required=True, aliases=["app_id"]),
            app_code=dict(type="str", no_log=True),
            count=dict(type="int"),
            id=dict(type="str"),
            state=state_option(),
        ),
        mutually_exclusive=[("app_code", "count", "id")],
        required_if=[("state", "present", ("app_code", "count"), True), ("state", "absent", ("app_code", "id"), True)],
        supports_check_mode=True,
    )
    if module.params["count"] is not None and not 1 <= module.params["count"] <= 5:
        module.fail_json(msg="count must be between 1 and 5, got %d" % module.params["count"])
    run_app_code(module)


if __name__ == "__main__":
    main()
