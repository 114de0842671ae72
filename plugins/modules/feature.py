#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: feature
short_description: Configure a feature of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Turns an instance feature on or off and sets its configuration (API reference 3.22.1, appendix A.5),
    for example the default request limit (V(ratelimit)), the longest backend timeout (V(backend_timeout)) or
    the largest request body (V(request_body_size)).
  - O(config) is compared with the current configuration as a value (parsed JSON), not as text, so key order
    and spacing don't matter. Each configuration value is checked against the ranges of appendix A.5 before any call.
  - The service lets a feature change at most once a minute (C(APIG.3711)); the module then waits and retries
    (see O(max_retries) and O(retry_max_delay)).
options:
  name:
    description: The feature.
    type: str
    required: true
    choices: [lts, gateway_responses, ratelimit, request_body_size, backend_timeout, app_token, app_api_key,
              app_basic, app_secret, app_jwt, public_key, backend_token_allow, sign_basic, multi_auth,
              backend_client_certificate, ssl_ciphers, real_ip_from_xff, route, cors]
  enable:
    description:
      - Whether the feature is on. When unset, an already configured feature keeps its state and a new
        one is turned on.
    type: bool
  config:
    description:
      - The feature's configuration; a dict (sent as JSON), a string such as V(on) or V(off), or a number.
      - Ranges (appendix A.5) include C(ratelimit.api_limits) 1-1000000, C(backend_timeout.max_timeout) 1-600000 ms,
        C(request_body_size) 1-9536 MiB given in bytes, C(app_token) expiry times 1-72000 s, C(enable) keys
        V(on)/V(off), and C(ssl_ciphers.ssl_ciphers) a non-empty list of the supported ECDHE cipher suites.
      - When unset, the current configuration is kept.
    type: raw
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
notes:
  - Features can't be deleted; O(enable=false) turns one off.
"""

EXAMPLES = r"""
- name: Raise the longest backend timeout to 90 seconds
  huaweicloud.apig.feature:
    name: backend_timeout
    config:
      max_timeout: 90000

- name: Allow the app_api_key authentication
  huaweicloud.apig.feature:
    name: app_api_key
    config: "on"
"""

RETURN = r"""
feature:
  description: The feature as the API returns it (C(config) is a string on the wire); predicted in check mode.
  returned: always
  type: dict
  sample:
    id: db9a9260cd3e4a16a9b5747a65d3ffaa
    name: backend_timeout
    enable: true
    config: '{"max_timeout":90000}'
    instance_id: eddc4d25480b4cd6b512f270a1b8b341
    update_time: "2020-08-24T01:17:31.041984021Z"
diff:
  description: C(enable) and the parsed C(config) before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {enable: true, config: {max_timeout: 60000}}
    after: {enable: true, config: {max_timeout: 90000}}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.features import FEATURES, FeatureEngine


def main():
    module = APIGModule(argument_spec=dict(name=dict(type="str", required=True, choices=FEATURES),
                                           enable=dict(type="bool"), config=dict(type="raw")),
                        supports_check_mode=True)
    exit_with(module, FeatureEngine(module).ensure)


if __name__ == "__main__":
    main()
