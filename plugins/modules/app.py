#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: app
short_description: Manage apps (API consumers) of an APIG dedicated instance, and rotate their secrets
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, rename, update and delete apps, the identities that call APIs with AppKey/AppSecret
    authentication or app codes (API reference 3.12.1-3.12.3), and reset an app's secret (3.12.4).
  - The app is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared. O(app_secret) is never compared with an existing app;
    O(reset_secret) is the only way this module changes the secret of an app that exists.
  - The secret is masked (C(********)) in the returned app and in the diff. A secret the gateway
    generated in this run, which you have no other way to receive, is returned once as RV(new_app_secret).
options:
  name:
    description:
      - The app name, unique within the instance.
      - 3-64 characters; letters, digits, underscores and Chinese characters, starting with a letter or a
        Chinese character.
    type: str
    required: true
  remark:
    description:
      - Description of the app, at most 255 characters.
      - V("") clears it; the API reports a remark that was never set as empty, so the two compare equal.
    type: str
  id:
    description:
      - The id of an existing app. The module fails when O(state=present) and no app has this id.
    type: str
  app_key:
    description:
      - A custom AppKey, unique within the instance; the gateway generates one when it is not set.
      - 8-200 characters (the 2022 reference says 8-64); letters, digits, C(_) and C(-), starting with a
        letter or a digit.
      - Compared and updated like any other option. Requires the instance's custom key and secret switch
        (C(APP_KEY_SECRET_SWITCH)).
    type: str
  app_secret:
    description:
      - A custom AppSecret, used when the app is created, and by O(reset_secret).
      - 8-128 characters (the 2022 reference says 8-64); letters, digits and C(_-!@#$%), starting with
        a letter or a digit.
      - Not compared with an existing app; an existing app's secret changes only with O(reset_secret=true).
    type: str
  reset_secret:
    description:
      - Reset the secret of an existing app (API reference 3.12.4).
      - With O(app_secret), the secret becomes that value; nothing changes when the app already has it.
      - Without O(app_secret), the gateway generates a new secret on every run, returned as RV(new_app_secret);
        the task always reports a change.
      - Ignored when the app is created in this run (its secret is new) and with O(state=absent).
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Deleting an app also removes its app codes and its authorizations to APIs.
  - RV(new_app_secret) is printed by Ansible like any other result value. Set C(no_log) on the task and
    register the result to keep a generated secret out of the output and logs.
"""

EXAMPLES = r"""
- name: Create an app; the gateway generates its key and secret
  huaweicloud.apig.app:
    name: shop_frontend
    remark: Web shop frontend
  register: frontend
  no_log: true   # the result carries the generated secret once

- name: Store the new secret (only set on the run that created the app)
  ansible.builtin.copy:
    content: "{{ frontend.new_app_secret }}"
    dest: /etc/shop/app_secret
    mode: "0600"
  when: frontend.new_app_secret is defined
  no_log: true

- name: An app with a custom key and secret
  huaweicloud.apig.app:
    name: partner_feed
    app_key: partner-feed-key
    app_secret: "{{ vault_partner_secret }}"

- name: Rotate the secret to a new generated value
  huaweicloud.apig.app:
    name: shop_frontend
    reset_secret: true
  register: rotated
  no_log: true

- name: Delete an app (and its app codes and authorizations)
  huaweicloud.apig.app:
    name: shop_frontend
    state: absent
"""

RETURN = r"""
app:
  description:
    - The app as the API returns it, with C(app_secret) masked (predicted in check mode, without C(id) on
      create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 356de8eb7a8742168586e5daf5339965
    name: shop_frontend
    remark: Web shop frontend
    app_key: ee8f878c252747028f07eb116c2cd91b
    app_secret: "********"
    creator: USER
    status: 1
    app_type: apig
    register_time: "2020-08-03T13:09:13Z"
    update_time: "2020-08-03T13:09:13Z"
new_app_secret:
  description:
    - The secret the gateway generated in this run, the only unmasked copy; returned when the module
      created the app without O(app_secret), or reset the secret without O(app_secret). Never in check mode.
  returned: when the gateway generated a secret
  type: str
  sample: 416b6b2a1d394111b9bc1df0e6842ab8
diff:
  description:
    - The compared fields before and after, with the id and the name. A reset shows C(app_secret)
      changing from C(********) to C(******** (reset)).
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: 356de8eb7a8742168586e5daf5339965, name: shop_frontend, remark: old}
    after: {id: 356de8eb7a8742168586e5daf5339965, name: shop_frontend, remark: Web shop frontend}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.consumers import run_app
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import named_argument_spec


def main():
    spec = named_argument_spec()
    spec.update(app_key=dict(type="str", no_log=False), app_secret=dict(type="str", no_log=True),
                reset_secret=dict(type="bool", default=False))
    run_app(APIGModule(argument_spec=spec, supports_check_mode=True))


if __name__ == "__main__":
    main()
