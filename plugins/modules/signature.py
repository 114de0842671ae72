#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: signature
short_description: Manage signature keys of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete signature keys (API reference 3.6), with which the gateway signs the
    requests it sends to backends.
  - The key is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared. The secret is never shown (results and diffs mask it),
    and on an existing key it is only compared and changed when O(update_secret=always).
  - Bind a key to published APIs with M(huaweicloud.apig.signature_binding).
options:
  name:
    description:
      - The key name, unique within the instance.
      - 3-64 characters; letters, digits, C(_) and Chinese characters, starting with a letter or a
        Chinese character.
    type: str
    required: true
  id:
    description: The id of an existing key. The module fails when O(state=present) and no key has this id.
    type: str
  sign_type:
    description:
      - The kind of signature; the API defaults to V(hmac).
      - V(basic), V(public_key) and V(aes) need an instance version or feature that supports them.
    type: str
    choices: [hmac, basic, public_key, aes]
  sign_key:
    description:
      - The key; the gateway generates one when you leave it out on create.
      - V(hmac) 8-32 characters, V(basic) 4-32, V(public_key) 8-512, V(aes) 16 (V(aes-128-cfb)) or
        32 (V(aes-256-cfb)).
    type: str
  sign_secret:
    description:
      - The secret; the gateway generates one when you leave it out on create.
      - V(hmac) 16-64 characters, V(basic) 8-64, V(public_key) 15-2048, V(aes) 16 (the vector).
      - Never logged, returned or shown in diffs; see O(update_secret).
    type: str
  sign_algorithm:
    description: The algorithm of an V(aes) key; other types have none. The API defaults to V(aes-128-cfb).
    type: str
    choices: [aes-128-cfb, aes-256-cfb]
  update_secret:
    description:
      - V(on_create) sends O(sign_secret) only when the key is created; an existing key keeps its secret
        and is never reported as changed because of it.
      - V(always) compares O(sign_secret) with the key's and sets it when it differs (rotation);
        the change is reported with the secret masked.
    type: str
    choices: [always, on_create]
    default: on_create
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Deleting a key also removes its bindings to APIs.
"""

EXAMPLES = r"""
- name: An HMAC key with a secret from the vault
  huaweicloud.apig.signature:
    name: backend_sign
    sign_type: hmac
    sign_key: backendsignkey01
    sign_secret: "{{ vault_backend_sign_secret }}"

- name: Rotate the secret
  huaweicloud.apig.signature:
    name: backend_sign
    sign_secret: "{{ vault_backend_sign_secret_next }}"
    update_secret: always

- name: Delete the key
  huaweicloud.apig.signature:
    name: backend_sign
    state: absent
"""

RETURN = r"""
signature:
  description:
    - The key as the API returns it, C(sign_secret) masked (predicted in check mode, without C(id) on
      create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 0b0e8f456b8742218af75f945307173c
    name: backend_sign
    sign_type: hmac
    sign_key: backendsignkey01
    sign_secret: "********"
    create_time: "2020-08-03T03:39:38Z"
    update_time: "2020-08-03T03:39:38Z"
diff:
  description: The compared fields before and after, with the id and the name; the secret masked.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import SIGNATURE


def main():
    options = managed_options(SIGNATURE, update_secret=dict(type="str", choices=["always", "on_create"],
                                                            default="on_create"))
    options["sign_key"]["no_log"] = False  # the key names the secret; it is not one
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run(module, SIGNATURE)


if __name__ == "__main__":
    main()
