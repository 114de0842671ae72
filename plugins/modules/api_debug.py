#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_debug
short_description: Send a debug request through an API
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Calls an API through the gateway's debug call (API reference 3.5.7) and returns the raw request
    and response and the gateway's log. The request reaches the API's backend.
  - Never reports a change. In check mode nothing is sent, since the backend would be called.
options:
  group:
    description: The API group of O(api), by name or by id; needed when other groups have an API of that name.
    type: str
    aliases: [group_id]
  api:
    description: The API, by name or by id.
    type: str
    required: true
    aliases: [api_id]
  mode:
    description:
      - V(DEVELOPER) debugs the API's current definition, even unpublished; V(CONSUMER) the definition
        published in O(stage).
    type: str
    choices: [DEVELOPER, MARKET, CONSUMER]
    default: DEVELOPER
  scheme:
    description: The protocol of the request; the API's own when it has one, else V(HTTPS).
    type: str
    choices: [HTTP, HTTPS]
  method:
    description: The request method; the API's own (V(GET) for an API that takes any method) when not set.
    type: str
    choices: [GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS]
  path:
    description: The request path, starting with C(/); the API's request path when not set.
    type: str
  query:
    description: Query parameters; each value is a string or a list of strings.
    type: dict
  header:
    description: Request headers; each value is a string or a list of strings.
    type: dict
  body:
    description: The request body.
    type: str
  stage:
    description: The environment whose definition O(mode=CONSUMER) debugs, by name (C(RELEASE) when not set).
    type: str
  app_key:
    description: The key of the app that signs the request, for APIs with app authentication.
    type: str
  app_secret:
    description: The secret of that app.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
attributes:
  check_mode:
    description: Sends nothing (the backend would be called) and says so in RV(msg).
    support: full
  diff_mode:
    description: Nothing changes; there is nothing to diff.
    support: N/A
  platform:
    description: Where the module runs.
    support: full
    platforms: all
"""

EXAMPLES = r"""
- name: Call an API as its developer
  huaweicloud.apig.api_debug:
    group: shop_api
    api: list_orders
    scheme: HTTP
    query:
      status: open
  register: call

- name: The backend answered
  ansible.builtin.assert:
    that: "'200 OK' in call.response"
"""

RETURN = r"""
request:
  description: The raw HTTP request the gateway sent.
  returned: unless in check mode
  type: str
response:
  description: The raw HTTP response (bodies over 2 MiB are cut and end with C([TRUNCATED])).
  returned: unless in check mode
  type: str
latency:
  description: How long the call took, in milliseconds.
  returned: unless in check mode
  type: int
log:
  description: The gateway's log of the call.
  returned: unless in check mode
  type: str
msg:
  description: Says that nothing was sent.
  returned: in check mode
  type: str
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import debug


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", aliases=["group_id"]),
            api=dict(type="str", required=True, aliases=["api_id"]),
            mode=dict(type="str", default="DEVELOPER", choices=["DEVELOPER", "MARKET", "CONSUMER"]),
            scheme=dict(type="str", choices=["HTTP", "HTTPS"]),
            method=dict(type="str", choices=["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]),
            path=dict(type="str"),
            query=dict(type="dict"),
            header=dict(type="dict"),
            body=dict(type="str"),
            stage=dict(type="str"),
            app_key=dict(type="str", no_log=False),
            app_secret=dict(type="str", no_log=True),
        ),
        supports_check_mode=True,
    )
    exit_with(module, lambda: debug(module))


if __name__ == "__main__":
    main()
