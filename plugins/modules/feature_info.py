#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: feature_info
short_description: List the configured features of an APIG dedicated instance
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Lists the features configured on the instance (API reference 3.22.2), all pages, with each
    configuration also parsed from its JSON text.
options:
  name:
    description: Only this feature.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The backend timeout limit
  huaweicloud.apig.feature_info:
    name: backend_timeout
  register: timeout

- name: Show it
  ansible.builtin.debug:
    msg: "{{ timeout.features[0].config_value.max_timeout }}"
"""

RETURN = r"""
features:
  description:
    - The features as the API returns them, plus C(config_value), the configuration parsed from its JSON
      text (the text itself when it is not JSON, such as V(on)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: db9a9260cd3e4a16a9b5747a65d3ffaa
      name: backend_timeout
      enable: true
      config: '{"max_timeout":90000}'
      config_value: {max_timeout: 90000}
      instance_id: eddc4d25480b4cd6b512f270a1b8b341
      update_time: "2020-08-24T01:17:31.041984021Z"
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_view
from ansible_collections.huaweicloud.apig.plugins.module_utils.features import FeatureEngine, parse_config


def features(module):
    name = module.params["name"]
    found = [dict(f, config_value=parse_config(f.get("config"))) for f in FeatureEngine(module).features()
             if name in (None, f.get("name"))]
    return {"changed": False, "features": found}


def main():
    run_view(APIGModule(argument_spec=dict(name=dict(type="str")), supports_check_mode=True), features)


if __name__ == "__main__":
    main()
