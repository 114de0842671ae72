#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: gateway_response
short_description: Manage the gateway responses of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, rename, update and delete a group's gateway responses (API reference 3.20), which set the status, body
    template and headers the gateway answers with for each error type (authentication failure, throttling,
    backend timeout, ...). APIs of the group use one by its id (the C(response_id) of M(huaweicloud.apig.api)).
  - The response is found by its exact O(name) within the group, or by O(id) (then O(name) renames it).
  - Every group has a response named V(default). Its entries can be customized, but it can't be renamed or
    deleted (C(APIG.3492), C(APIG.3491)).
  - O(responses) lists the customized error types. A type not customized answers the gateway's default.
    Only the types you list are compared, and within them only the options you set. A changed entry is
    written with the call for its type; a rename, or several changed entries, with one C(PUT) of the response.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  name:
    description:
      - The response name, unique within the group; 1-64 characters, letters, digits, C(_), C(-) and Chinese
        characters, starting with a letter or a Chinese character.
    type: str
    required: true
  id:
    description:
      - The id of an existing response; with it, O(name) renames the response.
    type: str
  responses:
    description:
      - The customized error types, one item per type.
    type: list
    elements: dict
    suboptions:
      response_type:
        description: The error type.
        type: str
        required: true
        choices: [AUTH_FAILURE, AUTH_HEADER_MISSING, AUTHORIZER_FAILURE, AUTHORIZER_CONF_FAILURE,
                  AUTHORIZER_IDENTITY_FAILURE, BACKEND_UNAVAILABLE, BACKEND_TIMEOUT, THROTTLED, UNAUTHORIZED,
                  ACCESS_DENIED, NOT_FOUND, REQUEST_PARAMETERS_FAILURE, DEFAULT_4XX, DEFAULT_5XX]
      status:
        description: The HTTP status to answer with, 200-599; the type's default status when unset.
        type: int
      body:
        description:
          - The body template, at most 2048 characters; it may use variables such as C($context.error.code),
            C($context.error.message) and C($context.requestId).
        type: str
      headers:
        description: Response headers to add, compared by O(responses[].headers[].key).
        type: list
        elements: dict
        suboptions:
          key:
            description: The header name.
            type: str
            required: true
          value:
            description: The header value.
            type: str
  purge_responses:
    description:
      - Also reset to the gateway's default every customized type that O(responses) does not list
        (one C(DELETE) per type). Ignored when O(responses) is not set.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
"""

EXAMPLES = r"""
- name: Answer authentication failures and throttling in the shop's own format
  huaweicloud.apig.gateway_response:
    group: shop_api
    name: shop_errors
    responses:
      - response_type: AUTH_FAILURE
        status: 401
        body: '{"code":"$context.error.code","message":"$context.error.message"}'
      - response_type: THROTTLED
        status: 429
        headers:
          - key: Retry-After
            value: "1"

- name: Only THROTTLED stays customized; every other type goes back to the default
  huaweicloud.apig.gateway_response:
    group: shop_api
    name: shop_errors
    responses:
      - response_type: THROTTLED
        status: 429
    purge_responses: true

- name: Change the group's default response for unmatched paths
  huaweicloud.apig.gateway_response:
    group: shop_api
    name: default
    responses:
      - response_type: NOT_FOUND
        body: '{"message":"no such API"}'

- name: Delete the response
  huaweicloud.apig.gateway_response:
    group: shop_api
    name: shop_errors
    state: absent
"""

RETURN = r"""
gateway_response:
  description:
    - The response as the API returns it, every error type in C(responses) (C(default) true for the types
      not customized); predicted in check mode; empty after a delete.
  returned: always
  type: dict
  sample:
    id: e839b367e10f4ab19d1c5008e476b83a
    name: shop_errors
    default: false
    create_time: "2020-08-12T06:52:02Z"
    update_time: "2020-08-12T06:52:02Z"
    responses:
      THROTTLED: {status: 429, body: '{"error_code":"$context.error.code"}', default: false}
      NOT_FOUND: {status: 404, body: '{"error_code":"$context.error.code"}', default: true}
diff:
  description: The name and the customized types you listed (with the options you set), before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with, named_argument_spec
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import GATEWAY_RESPONSE, \
    GatewayResponseEngine, entry_argument_spec


def main():
    options = named_argument_spec()
    del options["remark"]
    options.update(entry_argument_spec(), group=dict(type="str", required=True, aliases=["group_id"]))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    exit_with(module, GatewayResponseEngine(module, GATEWAY_RESPONSE).ensure)


if __name__ == "__main__":
    main()
