#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: statistics_info
short_description: Show the recent call statistics of an API or an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Per-minute request counts, status classes, latencies and throughput of one API over the last
    O(duration) (API reference 3.19.1), or of one API group over the last hour (3.19.2).
options:
  api:
    description:
      - The API, by id or by name (a name must be unique in the instance). Mutually exclusive with O(group).
    type: str
  group:
    description: The API group, by name or by id. Mutually exclusive with O(api).
    type: str
  duration:
    description: How far back the API's statistics go, in minutes or hours, for example V(30m) or V(1h).
    type: str
    default: 1h
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
"""

EXAMPLES = r"""
- name: The last 30 minutes of one API
  huaweicloud.apig.statistics_info:
    api: list_orders
    duration: 30m
  register: stats

- name: Its error count
  ansible.builtin.debug:
    msg: "{{ stats.statistics | map(attribute='req_count_error') | sum }} errors"

- name: The last hour of a group
  huaweicloud.apig.statistics_info:
    group: shop_api
"""

RETURN = r"""
statistics:
  description: One record per minute that had calls, oldest first, as the API returns them.
  returned: always
  type: list
  elements: dict
  sample:
    - {api_id: 39bce6d25a3f470e8cf7b2c97174f7d9, group_id: d0fc4e40b7d1492cba802f667c7c7226, cycle: MINUTE,
       current_minute: 1595576640, req_count: 7, req_count2xx: 0, req_count4xx: 6, req_count5xx: 1,
       req_count_error: 7, max_latency: 14, avg_latency: 4.14, input_throughput: 1071, output_throughput: 3790}
start_time:
  description: Start of the period, UTC epoch seconds.
  returned: always
  type: int
  sample: 1595573280
end_time:
  description: End of the period, UTC epoch seconds.
  returned: always
  type: int
  sample: 1595576880
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import run_view
from ansible_collections.huaweicloud.apig.plugins.module_utils.views import statistics


def main():
    module = APIGModule(argument_spec=dict(api=dict(type="str"), group=dict(type="str"),
                                           duration=dict(type="str", default="1h")),
                        mutually_exclusive=[("api", "group")], required_one_of=[("api", "group")],
                        supports_check_mode=True)
    run_view(module, statistics)


if __name__ == "__main__":
    main()
