# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: service_plan
short_description: What each stage of the service role does to converge a service file
version_added: 0.2.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Compares a checked service file with what M(huaweicloud.apig.service_info) read from the gateway, and
    returns the items of each stage's module, in dependency order (reversed to tear down).
  - The group, environments, variables and APIs are handed to their modules only when they differ (the
    APIs by the M(huaweicloud.apig.api) module's own comparison); the other families' items always go to
    their modules, which compare them.
  - The drift is what the gateway has in the group that the file does not declare - APIs, variables,
    bindings of the group's APIs, app authorizations, gateway responses, domains; with O(purge) the stages
    also remove it.
positional: found
options:
  _input:
    description: The service file's C(apig_service), checked by P(huaweicloud.apig.service_problems#filter).
    type: dict
    required: true
  found:
    description: The registered result of M(huaweicloud.apig.service_info) for the service's group.
    type: dict
    required: true
  state:
    description: Converge (V(present)) or tear down (V(absent)).
    type: str
    default: present
  purge:
    description: Also remove the drift.
    type: bool
    default: false
  created:
    description: Ids of what this run created so far - C(group) (the group's id) and C(environments) (name
      -> id) - used instead of names, which the modules would have to look up.
    type: dict
  published:
    description: Torn down, environment name -> the API list items published there (an environment is
      deleted only when nothing but the service's APIs is published in it).
    type: dict
"""

EXAMPLES = r"""
- name: What would change
  ansible.builtin.debug:
    msg: "{{ plan.stages }}: {{ plan.drift }}"
  vars:
    plan: "{{ apig_service | huaweicloud.apig.service_plan(found) }}"
"""

RETURN = r"""
_value:
  description: The plan.
  type: dict
  contains:
    stages:
      description: The stages with work, in order.
      type: list
      elements: str
    stage_items:
      description: Stage -> the option sets of its module. The C(publishes) stage is planned with
        P(huaweicloud.apig.service_publishes#filter) once the APIs are converged.
      type: dict
    changes:
      description: The report's stages (the core ones and those the file uses), each with an empty list.
      type: dict
    drift:
      description: Kind -> what the gateway has in the group that the file does not declare.
      type: dict
    group:
      description: The group's id, or its name before it exists.
      type: str
    teardown_candidates:
      description: Torn down, the service's environments that exist (but C(RELEASE)).
      type: list
      elements: str
    environment_names:
      description: Environment id -> name.
      type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.plugin_utils.service import plan


class FilterModule(object):
    def filters(self):
        return {"service_plan": plan}
