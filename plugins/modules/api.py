#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api
short_description: Manage the APIs of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete one API of an API group (API reference 3.5.1-3.5.3, 3.5.5).
    Publishing it to an environment is M(huaweicloud.apig.api_publish)'s job.
  - The API is found by its exact O(name) within O(group), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared, nested ones included. Lists of parameters and policies are
    matched by their C(name), so their order does not matter; policy C(conditions) are compared as a set.
    Ids and timestamps the server adds are ignored.
  - An update sends one full C(PUT), the API's current definition with the options you set merged in.
    A list you set replaces the API's list, but an item keeps the server's values of the suboptions you
    leave unset.
  - Option names are the API's field names. Integer codes of the API are readable here, O(type) is
    V(public) or V(private), and the C(1)/C(2) flags of O(req_params) are booleans.
options:
  group:
    description: The API group the API belongs to, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  name:
    description:
      - The API name, unique within the group.
      - 3-64 characters; letters, digits, C(_) and Chinese characters, starting with a letter or a Chinese character.
    type: str
    required: true
  id:
    description:
      - The id of an existing API. The module fails when O(state=present) and no API has this id.
    type: str
  type:
    description:
      - V(public) APIs can be listed on the marketplace, V(private) ones cannot (C(1)/C(2) in the API).
      - Required to create an API.
    type: str
    choices: [public, private]
  version:
    description: The API's version, at most 16 characters.
    type: str
  req_protocol:
    description: The protocols the API is called with. The service defaults to V(HTTPS).
    type: str
    choices: [HTTP, HTTPS, BOTH]
  req_method:
    description:
      - The method the API is called with. Method and O(req_uri) are unique within the group.
      - Required to create an API.
    type: str
    choices: [GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY]
  req_uri:
    description:
      - The request path, starting with C(/), at most 512 characters; C({name}) marks a path parameter,
        for example V(/users/{userId}).
      - Required to create an API.
    type: str
  match_mode:
    description: V(NORMAL) matches the path exactly, V(SWA) matches it as a prefix. The service defaults to V(NORMAL).
    type: str
    choices: [SWA, NORMAL]
  auth_type:
    description:
      - How callers authenticate. V(AUTHORIZER) needs O(authorizer).
      - Required to create an API.
    type: str
    choices: [NONE, APP, IAM, AUTHORIZER]
  auth_opt:
    description: Authentication options.
    type: dict
    suboptions:
      app_code_auth_type:
        description: With O(auth_type=APP), V(HEADER) also accepts an AppCode in a header. The service defaults to V(DISABLE).
        type: str
        choices: [DISABLE, HEADER]
  cors:
    description: Whether cross-origin requests (CORS) are allowed.
    type: bool
  remark:
    description: Description of the API, at most 255 characters; V("") clears it.
    type: str
  body_remark:
    description: Description of the request body (an example, media type, parameters), at most 20480 characters.
    type: str
  result_normal_sample:
    description: An example of a successful response, at most 20480 characters.
    type: str
  result_failure_sample:
    description: An example of a failed response, at most 20480 characters.
    type: str
  tags:
    description: Tags; each starts with a letter and holds letters, digits and C(_). Compared in order.
    type: list
    elements: str
  authorizer:
    description: The custom frontend authorizer, by name or by id (C(authorizer_id) in the API), for O(auth_type=AUTHORIZER).
    type: str
  response_id:
    description:
      - The gateway response of the API's group the API answers errors with, by name or by id
        (see M(huaweicloud.apig.gateway_response)).
    type: str
  backend_type:
    description:
      - The kind of backend. V(HTTP) needs O(backend_api), V(FUNCTION) O(func_info), V(MOCK) O(mock_info).
      - Required to create an API.
    type: str
    choices: [HTTP, FUNCTION, MOCK]
  req_params:
    description:
      - The request parameters, matched by O(req_params[].name) (their order does not matter).
      - Setting the list replaces the API's parameters; V([]) removes them all.
    type: list
    elements: dict
    suboptions:
      name:
        description: The parameter name; 1-32 characters, letters, digits, C(-), C(_) and C(.), starting with a letter.
        type: str
        required: true
      type:
        description: The value type.
        type: str
        required: true
        choices: [STRING, NUMBER]
      location:
        description: Where the parameter is sent.
        type: str
        required: true
        choices: [PATH, QUERY, HEADER]
      default_value:
        description: The value used when the caller sends none.
        type: str
      sample_value:
        description: An example value.
        type: str
      required:
        description: Whether the caller must send it. The service defaults to V(true) for PATH parameters, V(false) otherwise.
        type: bool
      valid_enable:
        description: Whether the gateway validates the value against the limits below. The service defaults to V(false).
        type: bool
      pass_through:
        description: Whether the parameter is passed through to the backend.
        type: bool
      remark:
        description: Description, at most 255 characters.
        type: str
      enumerations:
        description: The allowed values, comma-separated.
        type: str
      min_num:
        description: The smallest value, for V(NUMBER) parameters.
        type: int
      max_num:
        description: The largest value, for V(NUMBER) parameters.
        type: int
      min_size:
        description: The shortest length, for V(STRING) parameters.
        type: int
      max_size:
        description: The longest length, for V(STRING) parameters.
        type: int
  backend_api:
    description: The web backend, for O(backend_type=HTTP).
    type: dict
    suboptions:
      url_domain:
        description:
          - The backend's C(host:port) (the port defaults to 80 or 443), at most 255 characters.
            Environment variables (C(#name#)) are allowed. Not used with O(backend_api.vpc_channel).
        type: str
      req_protocol: &backend_protocol
        description: The protocol the gateway calls the backend with.
        type: str
        choices: [HTTP, HTTPS]
      req_method: &backend_method
        description: The method the gateway calls the backend with.
        type: str
        choices: [GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY]
      req_uri: &backend_uri
        description: The backend path, at most 512 characters; C({name}) parameters and C(#name#) variables allowed.
        type: str
      timeout: &backend_timeout
        description: Milliseconds the gateway waits for the backend, at least 1.
        type: int
      vpc_channel:
        description:
          - A VPC channel to reach the backend through, by name or by id. Setting it sends C(vpc_channel_status=1)
            and C(vpc_channel_info.vpc_channel_id).
          - V("") detaches the backend from its channel (C(vpc_channel_status=2), no C(vpc_channel_info)); give
            O(backend_api.url_domain) with it.
        type: str
      vpc_channel_proxy_host: &proxy_host
        description: The C(Host) header sent through the VPC channel (C(vpc_channel_info.vpc_channel_proxy_host)).
        type: str
      remark:
        description: Description, at most 255 characters.
        type: str
      version:
        description: The backend's version, at most 16 characters.
        type: str
      enable_client_ssl:
        description: Whether the gateway authenticates to the backend with a client certificate (two-way TLS).
        type: bool
      authorizer:
        description: A custom backend authorizer, by name or by id (C(authorizer_id)).
        type: str
  func_info:
    description: The FunctionGraph backend, for O(backend_type=FUNCTION).
    type: dict
    suboptions:
      function_urn: &function_urn
        description: The function's URN.
        type: str
      invocation_type: &invocation_type
        description: Whether the function is called synchronously.
        type: str
        choices: [async, sync]
      network_type: &network_type
        description: The function's network architecture, V(V1) without VPC, V(V2) with.
        type: str
        choices: [V1, V2]
      version:
        description: The function version, at most 64 characters; ignored when O(func_info.alias_urn) is set.
        type: str
      alias_urn: &alias_urn
        description: The URN of a function alias.
        type: str
      timeout: &function_timeout
        description: Milliseconds the gateway waits for the function, at least 1.
        type: int
      remark:
        description: Description, at most 255 characters.
        type: str
      authorizer:
        description: A custom backend authorizer, by name or by id (C(authorizer_id)).
        type: str
  mock_info:
    description: The mock backend, for O(backend_type=MOCK).
    type: dict
    suboptions:
      result_content:
        description: The response the mock returns.
        type: str
      remark:
        description: Description, at most 255 characters.
        type: str
      version:
        description: The mock's version, at most 64 characters.
        type: str
      authorizer:
        description: A custom backend authorizer, by name or by id (C(authorizer_id)).
        type: str
  backend_params:
    description:
      - Parameters the gateway sends to the backend, matched by O(backend_params[].name).
      - Setting the list replaces the API's backend parameters; V([]) removes them all.
    type: list
    elements: dict
    suboptions: &backend_params
      name:
        description: The parameter name; 1-32 characters, letters, digits, C(-), C(_) and C(.), starting with a letter.
        type: str
        required: true
      origin:
        description:
          - V(REQUEST) maps a request parameter (O(backend_params[].value) is its name), V(CONSTANT) sends
            O(backend_params[].value), V(SYSTEM) sends a gateway value.
        type: str
        required: true
        choices: [REQUEST, CONSTANT, SYSTEM]
      location:
        description: Where the backend receives it.
        type: str
        required: true
        choices: [PATH, QUERY, HEADER]
      value:
        description: The value, at most 255 characters; its meaning depends on O(backend_params[].origin).
        type: str
        required: true
      remark:
        description: Description, at most 255 characters.
        type: str
  policy_https:
    description:
      - Policy web backends, used instead of O(backend_api) when their conditions match; matched by name.
    type: list
    elements: dict
    suboptions:
      name: &policy_name
        description: The policy name; 3-64 characters, letters, digits, C(_) and Chinese characters, starting with a letter or a Chinese character.
        type: str
        required: true
      effect_mode: &effect_mode
        description: Whether all conditions (V(ALL)) or any (V(ANY)) must match.
        type: str
        required: true
        choices: [ALL, ANY]
      conditions: &conditions
        description: The conditions, compared as a set (their order does not matter).
        type: list
        elements: dict
        required: true
        suboptions:
          condition_origin:
            description: V(param) tests a request parameter, V(source) the caller's IP address.
            type: str
            required: true
            choices: [param, source]
          condition_value:
            description: The value, list or pattern to match.
            type: str
            required: true
          condition_type:
            description: How to match; needed when C(condition_origin=param).
            type: str
            choices: [exact, enum, pattern]
          req_param_name:
            description: The request parameter tested; needed when C(condition_origin=param).
            type: str
      backend_params: &policy_backend_params
        description: The policy's own backend parameters, matched by name.
        type: list
        elements: dict
        suboptions: *backend_params
      authorizer: &policy_authorizer
        description: A custom backend authorizer, by name or by id (C(authorizer_id)).
        type: str
      url_domain:
        description: The backend's C(host:port), at most 255 characters.
        type: str
      req_protocol: *backend_protocol
      req_method: *backend_method
      req_uri: *backend_uri
      timeout: *backend_timeout
      vpc_channel:
        description: A VPC channel to reach the backend through, by name or by id; V("") detaches the policy backend from it.
        type: str
      vpc_channel_proxy_host: *proxy_host
  policy_functions:
    description: Policy FunctionGraph backends, used instead of O(func_info) when their conditions match; matched by name.
    type: list
    elements: dict
    suboptions:
      name: *policy_name
      effect_mode: *effect_mode
      conditions: *conditions
      backend_params: *policy_backend_params
      authorizer: *policy_authorizer
      function_urn: *function_urn
      invocation_type: *invocation_type
      network_type: *network_type
      version:
        description: The function version, at most 64 characters.
        type: str
      alias_urn: *alias_urn
      timeout: *function_timeout
  policy_mocks:
    description: Policy mock backends, used instead of O(mock_info) when their conditions match; matched by name.
    type: list
    elements: dict
    suboptions:
      name: *policy_name
      effect_mode: *effect_mode
      conditions: *conditions
      backend_params: *policy_backend_params
      authorizer: *policy_authorizer
      result_content:
        description: The response the mock returns.
        type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Deleting a published API fails with C(APIG.3416); take it offline first with M(huaweicloud.apig.api_publish).
  - The fields the reference marks as not yet supported (C(roma_app_id), C(domain_name), C(content_type))
    and the deprecated C(tag) are not offered.
"""

EXAMPLES = r"""
- name: An HTTP API with a path parameter, a mapped backend parameter and a policy backend
  huaweicloud.apig.api:
    group: shop_api
    name: get_user
    type: public
    req_method: GET
    req_uri: /users/{userId}
    auth_type: APP
    backend_type: HTTP
    req_params:
      - name: userId
        type: STRING
        location: PATH
        required: true
    backend_api:
      req_protocol: HTTPS
      req_method: GET
      url_domain: "#backend_host#"
      req_uri: /v1/users/{id}
      timeout: 5000
    backend_params:
      - name: id
        origin: REQUEST
        location: PATH
        value: userId
    policy_https:
      - name: beta_users
        effect_mode: ANY
        conditions:
          - condition_origin: source
            condition_value: 10.0.0.0/8
        url_domain: beta.example.com
        req_protocol: HTTPS
        req_method: GET
        req_uri: /v1/users

- name: A mock API
  huaweicloud.apig.api:
    group: shop_api
    name: ping
    type: private
    req_method: GET
    req_uri: /ping
    auth_type: NONE
    backend_type: MOCK
    mock_info:
      result_content: pong

- name: Delete an API (it must not be published)
  huaweicloud.apig.api:
    group: shop_api
    name: ping
    state: absent
"""

RETURN = r"""
api:
  description: The API as the service returns it (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 5f918d104dc84480a75166ba99efff21
    name: ping
    group_id: c77f5e81d9cb4424bf704ef2b0ac7600
    type: 2
    req_method: GET
    req_uri: /ping
    auth_type: NONE
    backend_type: MOCK
    mock_info:
      id: 9f1b1c5f3e1c4dcd8c3a9f3a3b5e4e1d
      result_content: pong
diff:
  description:
    - The id, name, group id and the compared options before and after, in this module's form
      (readable values, only the suboptions you set).
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API


def main():
    options = managed_options(API, group=dict(type="str", required=True, aliases=["group_id"]))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    run(module, API)


if __name__ == "__main__":
    main()
