# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC channels (§3.18): load balancing channels to backend instances. Their lookup is in
resources.py; members are synced by module_utils/children.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Codec, Field
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import VPC_CHANNEL_LOOKUP


def vpc_member_fields():
    """A VPC channel member (backend instance), identified by its host or its ECS id."""
    return {
        "host": Field(max_length=64),
        "ecs_id": Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
                        rule="only letters, digits, '-' and '_'"),
        "ecs_name": Field(min_length=1, max_length=64),
        "weight": Field(type="int", minimum=0, maximum=10000),
        "port": Field(type="int", minimum=0, maximum=65535),
        "is_backup": Field(type="bool"),
    }


def vpc_health_problems(params):
    """§3.18.1: the health check interval must be greater than its timeout."""
    config = params.get("vpc_health_config") or {}
    interval, timeout = config.get("time_interval"), config.get("timeout")
    if interval is not None and timeout is not None and interval <= timeout:
        return ["vpc_health_config.time_interval (%d) must be greater than vpc_health_config.timeout (%d)"
                % (interval, timeout)]
    return []


VPC_CHANNEL = VPC_CHANNEL_LOOKUP.extended(
    # List items lack the members and the health check: compare against the detail.
    detail=True, create_requires=("members",), immutable=("type",), checks=(vpc_health_problems,),
    filters={"id": Field(), "member_host": Field()},
    fields={
        "name": Field(min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]*$",
                      rule="start with a letter or Chinese character; then letters, digits, Chinese characters, "
                           "'-' and '_'"),
        "type": Field(codec=Codec({"single": 1, "server": 2})),
        "port": Field(type="int", minimum=1, maximum=65535),
        "balance_strategy": Field(codec=Codec({"wrr": 1, "wleastconn": 2, "source": 3, "uri": 4})),
        "member_type": Field(choices=["ip", "ecs"]),
        "vpc_health_config": Field(suboptions={
            "protocol": Field(choices=["TCP", "HTTP", "HTTPS"]),
            "path": Field(max_length=512),
            "method": Field(choices=["GET", "HEAD"]),
            "port": Field(type="int", minimum=1, maximum=65535),
            "threshold_normal": Field(type="int", minimum=2, maximum=10),
            "threshold_abnormal": Field(type="int", minimum=2, maximum=10),
            "time_interval": Field(type="int", minimum=5, maximum=300),
            "timeout": Field(type="int", minimum=2, maximum=30),
            "http_code": Field(),
            "enable_client_ssl": Field(type="bool"),
        }),
        # The POST and PUT bodies carry the member list and a PUT replaces it: a create sends the
        # declared members, an update the server's unchanged. Member changes are the member calls
        # calls of the vpc_channel module (module_utils/children.py), never this list.
        "members": Field(elements="dict", suboptions=vpc_member_fields(), compare=False),
    })
