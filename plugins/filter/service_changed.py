# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: service_changed
short_description: What one stage of the service role changed
version_added: 0.2.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - "Names the items a stage's loop changed - by name, C(environment/variable) for variables, the app for app
    codes (never a code), C(policy/environment: APIs) for bindings."
positional: stage
options:
  _input:
    description: The registered result of the stage's loop.
    type: dict
    required: true
  stage:
    description: The stage key.
    type: str
    required: true
  environment_names:
    description: Environment id -> name, to name variables given by environment id.
    type: dict
"""

EXAMPLES = r"""
- name: What the stage changed
  ansible.builtin.debug:
    msg: "{{ stage_result | huaweicloud.apig.service_changed('throttling_policies') }}"
"""

RETURN = r"""
_value:
  description: The labels of the changed items, in loop order.
  type: list
  elements: str
"""

from ansible_collections.huaweicloud.apig.plugins.plugin_utils.service import changed


class FilterModule(object):
    def filters(self):
        return {"service_changed": changed}
