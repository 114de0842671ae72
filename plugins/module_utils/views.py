# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only views of the instance that are no resource's list: the statistics of an API or a
group (§3.19) and the quotas (§3.23).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import ResourceEngine
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_LOOKUP, API_REFERENCE, GROUP_REFERENCE

DURATION = re.compile(r"^[1-9][0-9]*[mh]$")


def statistics(module):
    """§3.19.1 for an API over ``duration``, or §3.19.2 for a group over the last hour."""
    client, params = module.client, module.params
    if not DURATION.match(params["duration"]):
        module.fail_json(msg="duration must be minutes or hours such as 30m or 1h, got %s" % params["duration"])
    engine = ResourceEngine(module, API_LOOKUP)
    if params.get("api"):
        query = {"api_id": engine.resolved(API_REFERENCE, params["api"], "api"), "duration": params["duration"]}
        answer = client.get(module.instance_path("statistics", "api", "latest"), query)
    else:
        query = {"group_id": engine.resolved(GROUP_REFERENCE, params["group"], "group")}
        answer = client.get(module.instance_path("statistics", "group", "latest"), query)
    return {"changed": False, "statistics": answer.get("list") or [], "start_time": answer.get("start_time"),
            "end_time": answer.get("end_time")}


def quotas(module):
    """§3.23.1 (the instance's quotas and what they use) and §3.23.2 (the project's instance quota)."""
    client, name = module.client, module.params.get("config_name")
    instance = client.list_all(module.instance_path("project", "configs"), "configs")
    project = client.list_all(client.path("instance", "configs"), "configs")
    return {"changed": False,
            "quotas": [q for q in instance if name in (None, q.get("config_name"))],
            "project_quotas": [q for q in project if name in (None, q.get("config_name"))]}
