#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: authorizer
short_description: Manage custom authorizers of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete custom authorizers (API reference 3.16), FunctionGraph functions that
    authorize calls to APIs (V(FRONTEND)) or to their backends (V(BACKEND)).
  - The authorizer is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared; an update sends one full C(PUT) with the current values
    merged with the ones you set. O(identities) are matched by name.
  - APIs name an authorizer with the O(huaweicloud.apig.api#module:authorizer) option of M(huaweicloud.apig.api).
options:
  name:
    description:
      - The authorizer name, unique within the instance.
      - 3-64 characters; letters, digits, C(_) and Chinese characters, starting with a letter or a
        Chinese character.
    type: str
    required: true
  id:
    description: The id of an existing authorizer. The module fails when O(state=present) and no authorizer has this id.
    type: str
  type:
    description:
      - Whether the authorizer guards calls to APIs (V(FRONTEND)) or to backends (V(BACKEND)).
        Required to create an authorizer.
      - It can't change on an existing authorizer; the module fails unless O(recreate=true).
    type: str
    choices: [FRONTEND, BACKEND]
  authorizer_uri:
    description: The URN of the function. Required to create an authorizer.
    type: str
  network_type:
    description: The network architecture of the function, V(V1) (non-VPC) or V(V2) (VPC).
    type: str
    choices: [V1, V2]
  authorizer_version:
    description: The function version, at most 64 characters; an O(authorizer_alias_uri) takes precedence.
    type: str
  authorizer_alias_uri:
    description: The URN of a function alias.
    type: str
  identities:
    description: The identity sources the gateway passes to the function, matched by name.
    type: list
    elements: dict
    suboptions:
      name:
        description: The parameter name, 1-32 characters; letters, digits, C(-), C(_) and C(.), starting with a letter.
        type: str
        required: true
      location:
        description: Where the parameter is.
        type: str
        required: true
        choices: [HEADER, QUERY]
      validation:
        description: A regular expression the value must match; V("") for none.
        type: str
  ttl:
    description: How long the gateway caches the function's answer, in minutes, 0-3600.
    type: int
  user_data:
    description: Data passed to the function with every call, at most 2048 characters.
    type: str
  need_body:
    description: Whether the request body is passed to the function.
    type: bool
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
  - huaweicloud.apig.apig.recreate
"""

EXAMPLES = r"""
- name: A front-end authorizer reading a header
  huaweicloud.apig.authorizer:
    name: token_check
    type: FRONTEND
    authorizer_uri: "urn:fss:cn-north-4:106506b9a92342df9a5025fc12351cfc:function:default:token_check"
    identities:
      - name: Authorization
        location: HEADER
    ttl: 5

- name: Delete the authorizer
  huaweicloud.apig.authorizer:
    name: token_check
    state: absent
"""

RETURN = r"""
authorizer:
  description: The authorizer as the API returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 0d982c1ac3da493dae47627b6439fc5c
    name: token_check
    type: FRONTEND
    authorizer_type: FUNC
    authorizer_uri: "urn:fss:cn-north-4:106506b9a92342df9a5025fc12351cfc:function:default:token_check"
    identities: [{name: Authorization, location: HEADER, validation: ""}]
    ttl: 5
    create_time: "2020-07-31T11:55:43Z"
diff:
  description: The compared fields before and after, with the id and the name.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options, recreate_option, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import AUTHORIZER


def main():
    module = APIGModule(argument_spec=managed_options(AUTHORIZER, recreate=recreate_option()),
                        supports_check_mode=True)
    run(module, AUTHORIZER)


if __name__ == "__main__":
    main()
