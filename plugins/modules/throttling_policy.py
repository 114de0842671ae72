#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: throttling_policy
short_description: Manage request throttling policies and their special throttles
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete request throttling policies (API reference 3.4) and the special
    throttles of a policy, the limits for particular apps or tenants (API reference 3.9).
  - The policy is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared; an update sends one full C(PUT) with the current values
    merged with the ones you set.
  - Bind a policy to published APIs with M(huaweicloud.apig.throttling_binding).
options:
  name:
    description:
      - The policy name, unique within the instance.
      - 3-64 characters; letters, digits, C(_) and Chinese characters, starting with a letter or a
        Chinese character.
    type: str
    required: true
  id:
    description: The id of an existing policy. The module fails when O(state=present) and no policy has this id.
    type: str
  remark:
    description: Description of the policy, at most 255 characters. V("") clears it.
    type: str
  type:
    description:
      - V(api_based) limits each API bound to the policy on its own; V(api_shared) limits all of them together.
      - The API defaults to V(api_based).
    type: str
    choices: [api_based, api_shared]
  api_call_limits:
    description:
      - How often an API can be called within O(time_interval) O(time_unit), 1-2147483647.
      - Required to create a policy.
    type: int
  user_call_limits:
    description:
      - How often one tenant can call an API within the period, at most O(api_call_limits).
      - V(0) means no such limit.
    type: int
  app_call_limits:
    description:
      - How often one app can call an API within the period, at most O(user_call_limits)
        (O(api_call_limits) when there is no user limit). V(0) means no such limit.
    type: int
  ip_call_limits:
    description:
      - How often one source IP address can call an API within the period, at most
        O(api_call_limits). V(0) means no such limit.
    type: int
  time_interval:
    description: The length of the period, in O(time_unit)s, 1-2147483647. Required to create a policy.
    type: int
  time_unit:
    description: The unit of O(time_interval). Required to create a policy.
    type: str
    choices: [SECOND, MINUTE, HOUR, DAY]
  enable_adaptive_control:
    description:
      - Dynamic throttling. The reference marks it as not supported yet; the API stores it as C(TRUE)/C(FALSE).
    type: bool
  special_throttles:
    description:
      - Limits for particular apps or tenants, which replace O(app_call_limits) or
        O(user_call_limits) for them.
      - Matched by O(special_throttles[].object_type) and O(special_throttles[].object); a changed
        limit is updated in place.
      - Items the policy has that this list doesn't name are kept unless O(purge_special_throttles=true).
      - Left unset, the special throttles are neither read nor changed.
    type: list
    elements: dict
    suboptions:
      object_type:
        description: Whether O(special_throttles[].object) is an app or a tenant.
        type: str
        required: true
        choices: [APP, USER]
      object:
        description:
          - The app (by name or id) when O(special_throttles[].object_type=APP); the tenant's account
            id when O(special_throttles[].object_type=USER).
        type: str
        required: true
      call_limits:
        description: How often the app or tenant can call an API within the period, 1-2147483647.
        type: int
        required: true
  purge_special_throttles:
    description: Also delete the special throttles that O(special_throttles) doesn't name.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - The limits are checked against each other before any call (user <= API, app <= user or API,
    IP <= API), naming the options.
  - Deleting a policy that is still bound to APIs fails with C(APIG.3451); unbind it first.
    Deleting a policy deletes its special throttles.
"""

EXAMPLES = r"""
- name: A policy of 800 calls a second, with a special limit for one app
  huaweicloud.apig.throttling_policy:
    name: shop_throttle
    type: api_based
    api_call_limits: 800
    user_call_limits: 500
    app_call_limits: 300
    ip_call_limits: 600
    time_interval: 1
    time_unit: SECOND
    special_throttles:
      - object_type: APP
        object: shop_app
        call_limits: 150

- name: Keep only the listed special throttles
  huaweicloud.apig.throttling_policy:
    name: shop_throttle
    special_throttles:
      - object_type: USER
        object: 106506b9a92342df9a5025fc12351cfc
        call_limits: 50
    purge_special_throttles: true

- name: Delete the policy
  huaweicloud.apig.throttling_policy:
    name: shop_throttle
    state: absent
"""

RETURN = r"""
throttling_policy:
  description:
    - The policy as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
    - C(special_throttles) is there when the task sets O(special_throttles).
  returned: always
  type: dict
  sample:
    id: 3437448ad06f4e0c91a224183116e965
    name: shop_throttle
    type: 1
    api_call_limits: 800
    user_call_limits: 500
    app_call_limits: 300
    ip_call_limits: 600
    time_interval: 1
    time_unit: SECOND
    bind_num: 0
    is_inclu_special_throttle: 1
    create_time: "2020-07-31T08:44:02Z"
    special_throttles:
      - id: a3e9ff8db55544ed9db91d8b048770c0
        object_type: APP
        object_id: 356de8eb7a8742168586e5daf5339965
        object_name: shop_app
        call_limits: 150
diff:
  description: The compared fields before and after, with the id and the name; C(special_throttles) keyed by object.
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: 3437448ad06f4e0c91a224183116e965, name: shop_throttle, api_call_limits: 800}
    after: {id: 3437448ad06f4e0c91a224183116e965, name: shop_throttle, api_call_limits: 900}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.children import children_argument_spec, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import THROTTLE
from ansible_collections.huaweicloud.apig.plugins.module_utils.traffic import SPECIAL_THROTTLES


def main():
    options = managed_options(THROTTLE, **children_argument_spec([SPECIAL_THROTTLES]))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run(module, THROTTLE, [SPECIAL_THROTTLES])


if __name__ == "__main__":
    main()
