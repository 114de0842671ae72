# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: service_publishes
short_description: The publish batches of a service, once its APIs are converged
version_added: 0.2.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - One M(huaweicloud.apig.api_publish) item per environment - offline where the gateway shows an API of the
    service published but the file does not want it, published where it is wanted, for the APIs not already
    published there and unchanged since (the module's own rule) and not changed by this run's API stage.
positional: found
options:
  _input:
    description: The service file's C(apig_service).
    type: dict
    required: true
  found:
    description: The registered result of M(huaweicloud.apig.service_info).
    type: dict
    required: true
  state:
    description: Converge (V(present)) or tear down (V(absent), everything offline).
    type: str
    default: present
  created:
    description: Ids of what this run created so far - C(group) (the group's id) and C(environments) (name
      -> id) - used instead of names, which the modules would have to look up.
    type: dict
  edited:
    description: The names of the APIs this run changed.
    type: list
    elements: str
"""

EXAMPLES = r"""
- name: The publish batches
  ansible.builtin.debug:
    msg: "{{ apig_service | huaweicloud.apig.service_publishes(found, edited=['list_products']) }}"
"""

RETURN = r"""
_value:
  description: Items of the C(publish) role (group, environment, apis, state).
  type: list
  elements: dict
"""

from ansible_collections.huaweicloud.apig.plugins.plugin_utils.service import publishes


class FilterModule(object):
    def filters(self):
        return {"service_publishes": publishes}
