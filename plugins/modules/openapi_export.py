#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: openapi_export
short_description: Write an API group's definition to a Swagger 2.0 or OpenAPI 3.0 file
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Exports the APIs of a group (API reference 3.17.1) and writes the document to O(dest).
  - The task is changed only when the file's content changes; the file is replaced in one step.
  - Without O(version) the document keeps the C(info.version) of the file it replaces (the service would
    otherwise stamp the current time), so exporting an unchanged group changes nothing.
options:
  group:
    description: The API group to export, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  environment:
    description:
      - The environment whose published APIs are exported, by name or by id.
      - Required unless O(define=dev).
    type: str
    aliases: [env, env_id]
  define:
    description:
      - How much of each API is exported. V(spec) the front end (the service's default), V(proxy) the front
        and back end, V(all) also the throttling policy and ACL bound in the environment, V(dev) the front and
        back end of every API of the group as currently defined, published or not.
    type: str
    choices: [spec, proxy, all, dev]
  format:
    description: The file format.
    type: str
    choices: [json, yaml]
    default: json
  oas_version:
    description: V(2.0) for Swagger 2.0 (the service's default), V(3.0) for OpenAPI 3.0.
    type: str
    choices: ["2.0", "3.0"]
  version:
    description: The document's C(info.version).
    type: str
  dest:
    description: Path of the file to write on the host that runs the module; its directory must exist.
    type: path
    required: true
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
attributes:
  check_mode:
    description: Runs in check mode, exporting (a read) and reporting whether the file would change without writing it.
    support: full
  diff_mode:
    description: Returns the file's content before and after when run with C(--diff).
    support: full
  platform:
    description: Where the module runs.
    support: full
    platforms: all
requirements:
  - PyYAML, for O(format=yaml) (JSON needs nothing more)
"""

EXAMPLES = r"""
- name: Back up the full definition of what RELEASE serves
  huaweicloud.apig.openapi_export:
    group: shop_api
    environment: RELEASE
    define: proxy
    format: yaml
    dest: backups/shop_api.yaml

- name: The working definition, published or not, as OpenAPI 3.0
  huaweicloud.apig.openapi_export:
    group: shop_api
    define: dev
    oas_version: "3.0"
    dest: shop_api.openapi.json
"""

RETURN = r"""
dest:
  description: The file written.
  returned: always
  type: str
document:
  description: The exported document.
  returned: always
  type: dict
  sample:
    swagger: "2.0"
    info: {title: shop_api, version: "1.0"}
    host: c77f5e81d9cb4424bf704ef2b0ac7600.apic.cn-north-4.huaweicloudapis.com
    paths: {/ping: {get: {operationId: ping, x-apigateway-request-type: public}}}
diff:
  description: The file's content before (empty when it did not exist) and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.openapi import DEFINES, OAS_VERSIONS, run_export


def main():
    module = APIGModule(argument_spec=dict(
        group=dict(type="str", required=True, aliases=["group_id"]),
        environment=dict(type="str", aliases=["env", "env_id"]),
        define=dict(type="str", choices=DEFINES),
        format=dict(type="str", choices=["json", "yaml"], default="json"),
        oas_version=dict(type="str", choices=OAS_VERSIONS),
        version=dict(type="str"),
        dest=dict(type="path", required=True),
    ), supports_check_mode=True)
    exit_with(module, lambda: run_export(module))


if __name__ == "__main__":
    main()
