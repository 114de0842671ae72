# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: published_unchanged
short_description: Names of the APIs published in an environment and unchanged since
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Takes API list items (as M(huaweicloud.apig.api_info) returns them) and an environment id, and returns
    the names of the APIs published in that environment whose last change (C(update_time)) is older than
    the publish of the version in effect there (C(publish_time)).
  - M(huaweicloud.apig.api_publish) would leave these APIs as they are without reading anything more; it
    uses the same rule. The other APIs (not published there, changed since, or with timestamps that can't
    tell) are the ones worth a M(huaweicloud.apig.api_publish) call.
  - The C(service) role of this collection uses it to skip the publish calls of a converged service.
positional: env_id
options:
  _input:
    description: API list items, with C(name), C(run_env_id), C(publish_time) and C(update_time).
    type: list
    elements: dict
    required: true
  env_id:
    description: The environment's id. None or an unknown id gives an empty list.
    type: str
    required: true
"""

EXAMPLES = r"""
- name: The APIs that need a publish call in the development environment
  ansible.builtin.debug:
    msg: "{{ wanted | difference(apis.apis | huaweicloud.apig.published_unchanged(dev_id)) }}"
  vars:
    wanted: [list_orders, get_order]
"""

RETURN = r"""
_value:
  description: The names of the APIs published in the environment and unchanged since, in input order.
  type: list
  elements: str
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import unchanged_in


def published_unchanged(apis, env_id):
    return [api.get("name") for api in apis or [] if env_id and unchanged_in(api, env_id)]


class FilterModule(object):
    def filters(self):
        return {"published_unchanged": published_unchanged}
