#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: openapi_import
short_description: Import a Swagger 2.0 or OpenAPI 3.0 document into an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Imports the APIs a Swagger 2.0 or OpenAPI 3.0 document defines into an existing API group
    (API reference 3.17.2), with the gateway's C(x-apigateway-*) extensions (backends, request type,
    match mode, CORS, authentication through C(x-apigateway-auth-type) security schemes).
  - An operation is the group's API with the same method and path (Swagger's C(basePath) included);
    its C(operationId) is the API name and is required.
  - Idempotent - the module first exports the group (API reference 3.17.1, C(define=dev)) and compares
    each operation, in the form the gateway stores it, with the API it matches. Only when an API would
    be created or changed is the document imported, with C(api_mode=override); the APIs the document
    does not define are left alone.
  - An operation without C(x-apigateway-backend) keeps the backend of an existing API; a new API gets a mock backend.
  - Imported APIs are not published; see M(huaweicloud.apig.api_publish).
  - The task fails when the import reports a failure for any API, naming each; the other APIs are imported.
options:
  group:
    description: The API group to import into, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  src:
    description: Path of a JSON or YAML document on the host that runs the module.
    type: path
  content:
    description: The document itself, as a dict or as JSON or YAML text.
    type: raw
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
attributes:
  check_mode:
    description: Runs in check mode, reporting which APIs the import would create or change without importing.
    support: full
  diff_mode:
    description: Reports the APIs to be created or changed in RV(created) and RV(updated); there is no before/after diff.
    support: none
  platform:
    description: Where the module runs.
    support: full
    platforms: all
requirements:
  - PyYAML, for a YAML document (JSON needs nothing more)
notes:
  - Exactly one of O(src) and O(content) is required.
"""

EXAMPLES = r"""
- name: Import the shop's API design
  huaweicloud.apig.openapi_import:
    group: shop_api
    src: files/shop-openapi.yaml
  register: imported

- name: Import an inline document
  huaweicloud.apig.openapi_import:
    group: shop_api
    content:
      swagger: "2.0"
      info: {title: shop, version: "1.0"}
      paths:
        /ping:
          get:
            operationId: ping
            x-apigateway-backend:
              type: MOCK
              mockEndpoints: {result-content: pong}
"""

RETURN = r"""
group_id:
  description: The id of the group (none in check mode when an earlier task would create it).
  returned: always
  type: str
created:
  description: The APIs the import created (predicted in check mode), as C(METHOD /path).
  returned: always
  type: list
  elements: str
  sample: ["GET /v1/users/{id}"]
updated:
  description: The existing APIs the import changed (predicted in check mode), as C(METHOD /path).
  returned: always
  type: list
  elements: str
  sample: ["ANY /v1/ping"]
result:
  description: The service's import result (C(success), C(failure), C(ignore)); only when the document was imported.
  returned: when changed and not in check mode
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.openapi import run_import


def main():
    module = APIGModule(
        argument_spec=dict(group=dict(type="str", required=True, aliases=["group_id"]), src=dict(type="path"),
                           content=dict(type="raw")),
        mutually_exclusive=[("src", "content")], required_one_of=[("src", "content")], supports_check_mode=True)
    exit_with(module, lambda: run_import(module))


if __name__ == "__main__":
    main()
