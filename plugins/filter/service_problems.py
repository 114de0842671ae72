# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: service_problems
short_description: What is wrong in a service file, each problem named by the path of its key
version_added: 0.2.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - "Checks a service file (the C(apig_service) variable of the C(service) role) before any API call, and
    returns one message per broken key, starting with its path, for example
    C(apig_service.apis[3].backend_api.timeout: must be of type int, got 'soon')."
  - Each list item is checked against the options of its module (from the module's documentation), the
    reference's limits the module checks (lengths, patterns, ranges), and the file's own rules (unique names,
    bindings naming APIs of the service published in the environment).
options:
  _input:
    description: The service file's C(apig_service).
    type: dict
    required: true
  root:
    description: The name the paths start with.
    type: str
    default: apig_service
"""

EXAMPLES = r"""
- name: Check the service file
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems }}"
  vars:
    problems: "{{ apig_service | huaweicloud.apig.service_problems }}"
"""

RETURN = r"""
_value:
  description: The problems, empty when the file is valid.
  type: list
  elements: str
"""

from ansible_collections.huaweicloud.apig.plugins.plugin_utils.service import problems


class FilterModule(object):
    def filters(self):
        return {"service_problems": problems}
