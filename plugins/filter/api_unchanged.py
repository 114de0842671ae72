# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: api_unchanged
short_description: Names of the APIs whose desired definition the gateway already holds
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Takes the desired APIs (the options of M(huaweicloud.apig.api), each with the C(id) of the existing API)
    and the APIs' details (as M(huaweicloud.apig.api_info) returns them with O(huaweicloud.apig.api_info#module:details=true)),
    and returns the names of the APIs that module would leave unchanged, by the module's own comparison.
  - It is conservative, and leaves out (for the module to decide) every API that is new, not
    O(huaweicloud.apig.api#module:state=present), outside its group, set with an option or value the module would
    convert, reject or check in a way this filter can't repeat exactly, or that names another resource
    (authorizer, VPC channel, gateway response) by name rather than by id.
  - The C(service) role of this collection uses it to skip the module runs of a converged service's APIs.
positional: current
options:
  _input:
    description: The desired APIs, module options; C(group) and C(id) are the group's and the API's ids.
    type: list
    elements: dict
    required: true
  current:
    description: The API details, with C(id) and C(group_id).
    type: list
    elements: dict
    required: true
"""

EXAMPLES = r"""
- name: The APIs that need a huaweicloud.apig.api run
  ansible.builtin.debug:
    msg: "{{ wanted | map(attribute='name') | difference(wanted | huaweicloud.apig.api_unchanged(found.apis)) }}"
"""

RETURN = r"""
_value:
  description: The names of the unchanged APIs, in input order.
  type: list
  elements: str
"""

from ansible_collections.huaweicloud.apig.plugins.plugin_utils.api_unchanged import api_unchanged


class FilterModule(object):
    def filters(self):
        return {"api_unchanged": api_unchanged}
