#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: vpc_channel
short_description: Manage the VPC channels of an APIG dedicated instance and their members
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete a VPC channel (API reference 3.18.1-3.18.4), the load-balancing target
    an HTTP API's backend can use instead of a domain (see O(huaweicloud.apig.api#module:backend_api.vpc_channel)).
  - The channel is found by its exact O(name), or by O(id) when given; with O(id), O(name) renames it.
  - Only the options you set are compared. A settings change is one full C(PUT) that repeats the
    channel's current members unchanged.
  - O(members) are matched by C(host), or by C(ecs_id) when the list names ECS instances. Member changes
    never replace the list - new and changed members are one add call (3.18.6; adding an address the
    channel has updates it), each removed member one delete call (3.18.8), and removals happen only
    with O(purge_members=true).
options:
  name:
    description:
      - The channel name, unique in the instance.
      - 3-64 characters; letters, digits, Chinese characters, C(-) and C(_), starting with a letter or a
        Chinese character.
    type: str
    required: true
  id:
    description: The id of an existing channel. The module fails when O(state=present) and no channel has this id.
    type: str
  type:
    description:
      - V(single) (C(1)) holds exactly one member; V(server) (C(2)) balances the load over several and
        checks their health. The service defaults to V(server).
      - Can't be changed on an existing channel.
    type: str
    choices: [single, server]
  port:
    description: The port of the members, 1-65535. Required by the service for O(type=server).
    type: int
  balance_strategy:
    description:
      - How requests are spread over the members (C(1)-C(4)) - weighted round robin, weighted least
        connections, source address hash, URI hash. The service defaults to V(wrr).
    type: str
    choices: [wrr, wleastconn, source, uri]
  member_type:
    description: Whether members are IP addresses (V(ip), C(host)) or ECS instances (V(ecs), C(ecs_id)). The service defaults to V(ecs).
    type: str
    choices: [ip, ecs]
  vpc_health_config:
    description:
      - The health check of the members. Required by the service for O(type=server).
      - Only the suboptions you set are compared.
    type: dict
    suboptions:
      protocol:
        description: The protocol of the check.
        type: str
        choices: [TCP, HTTP, HTTPS]
      path:
        description: The path checked; required for V(HTTP) and V(HTTPS).
        type: str
      method:
        description: The method of the check. The service defaults to V(GET).
        type: str
        choices: [GET, HEAD]
      port:
        description: The port checked, 1-65535; defaults to O(port).
        type: int
      threshold_normal:
        description: Consecutive successes, 2-10, that mark a member healthy.
        type: int
      threshold_abnormal:
        description: Consecutive failures, 2-10, that mark a member unhealthy.
        type: int
      time_interval:
        description: Seconds between checks, 5-300; greater than O(vpc_health_config.timeout).
        type: int
      timeout:
        description: Seconds a check waits for an answer, 2-30.
        type: int
      http_code:
        description: The HTTP codes that mean healthy, such as C(200), C(200,201) or C(200-299); required for V(HTTP) and V(HTTPS).
        type: str
      enable_client_ssl:
        description: Whether the check authenticates with the instance's backend client certificate.
        type: bool
  members:
    description:
      - The channel's members (backend instances). Required to create a channel.
      - Members the list does not name are kept unless O(purge_members=true); leaving O(members) unset
        leaves them all alone.
    type: list
    elements: dict
    suboptions:
      host:
        description:
          - The member's address (IP or domain), at most 64 characters; identifies it when O(member_type=ip).
          - Members given by address need O(member_type=ip) (the service's default type, V(ecs), needs O(members[].ecs_id)).
        type: str
      ecs_id:
        description: The ECS instance id; identifies the member when O(member_type=ecs).
        type: str
      ecs_name:
        description: The ECS instance name.
        type: str
      weight:
        description: The member's weight, 0-10000; a higher weight gets more requests.
        type: int
      port:
        description: The member's own port, 0-65535.
        type: int
      is_backup:
        description: Whether the member only serves when all the others are down.
        type: bool
  purge_members:
    description: Delete the members the channel has that O(members) does not name.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
"""

EXAMPLES = r"""
- name: A channel over three web servers
  huaweicloud.apig.vpc_channel:
    name: shop_backend
    port: 8080
    member_type: ip
    balance_strategy: wrr
    vpc_health_config:
      protocol: HTTP
      path: /health
      http_code: "200"
      threshold_normal: 2
      threshold_abnormal: 3
      time_interval: 10
      timeout: 5
    members:
      - {host: 192.168.0.11, weight: 10}
      - {host: 192.168.0.12, weight: 10}
      - {host: 192.168.0.13, weight: 5}

- name: Drain one server (one member call), keep the others as they are
  huaweicloud.apig.vpc_channel:
    name: shop_backend
    members:
      - {host: 192.168.0.13, weight: 0}

- name: Exactly these members, the others removed
  huaweicloud.apig.vpc_channel:
    name: shop_backend
    members:
      - {host: 192.168.0.11}
      - {host: 192.168.0.12}
    purge_members: true

- name: Remove the channel (the service refuses while an API uses it)
  huaweicloud.apig.vpc_channel:
    name: shop_backend
    state: absent
"""

RETURN = r"""
vpc_channel:
  description:
    - The channel as the service returns it, with its C(members) as the member list returns them
      (predicted in check mode, without C(id) on create); empty after a delete.
  returned: always
  type: dict
  sample:
    id: 105c6902457144a4820dff8b1ad63331
    name: shop_backend
    type: 2
    port: 8080
    balance_strategy: 1
    member_type: ip
    status: 1
    vpc_health_config: {protocol: HTTP, path: /health, http_code: "200", timeout: 5, time_interval: 10}
    members:
      - {id: 683b6807cad54122a6777ad047a6178e, host: 192.168.0.11, weight: 10, status: 1}
diff:
  description:
    - The id, the name and the compared options before and after, in this module's form; C(members)
      lists the members named by O(members) (with the options you set), ordered by their key.
  returned: when diff mode is on
  type: dict
  sample:
    before: {members: [{host: 192.168.0.13, weight: 5}]}
    after: {members: [{host: 192.168.0.13, weight: 0}]}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.children import Children, children_argument_spec, run
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import managed_options
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_channels import VPC_CHANNEL, vpc_member_fields


def members(key):
    # Adding an address the channel has updates that member: a changed weight is one add call.
    return Children(option="members", path=("members",), list_key="members", key=key, fields=vpc_member_fields(),
                    batch_key="members", create_updates=True)


def main():
    by_host = members("host")
    options = managed_options(VPC_CHANNEL, **children_argument_spec([by_host]))
    module = APIGModule(argument_spec=options, supports_check_mode=True)
    # ECS members are identified by their instance id (their host is the instance's address).
    declared = module.params["members"] or []
    child = members("ecs_id") if any(item.get("ecs_id") for item in declared) else by_host
    run(module, VPC_CHANNEL, [child])


if __name__ == "__main__":
    main()
