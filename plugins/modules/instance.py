#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: instance
short_description: Manage APIG dedicated gateway instances, their public EIP and their public egress
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Create, update and delete dedicated gateway instances (API reference 3.24), bind, change or unbind
    their public inbound EIP (3.24.5, 3.24.6) and turn their public egress on, resize it or turn it off
    (3.24.7-3.24.9).
  - Instances belong to the project, not to an instance, so this module has no C(instance_id) option;
    the instance is found by its exact O(instance_name), or by O(id) when given (then O(instance_name) renames it).
  - Creating answers at once and then takes minutes; with O(wait=true) the module follows the creation
    progress (3.24.4) and fails with the service's error code if the creation fails. Deleting is waited for
    the same way until the instance is gone.
  - Only the options you set are compared. O(instance_name), O(description), the maintenance window and
    O(security_group_id) change with one C(PUT); O(eip_id), O(bandwidth_size) and O(spec_id) with their own calls.
    The other options can't change on an existing instance; the module fails and names them.
options:
  instance_name:
    description:
      - The instance name, unique within the project. Required unless O(id) is given.
      - 3-64 characters; letters, digits, Chinese characters, C(_) and C(-), starting with a letter or a
        Chinese character.
    type: str
  id:
    description:
      - The id of an existing instance. The module fails when O(state=present) and no instance has this id.
    type: str
  spec_id:
    description:
      - The edition. Required to create.
      - A larger edition resizes the instance (the SDK's C(postpaid-resize) call, which the 2022 reference
        does not list), waited for like a creation; the service refuses smaller editions (C(APIC.7243)).
    type: str
    choices: [BASIC, PROFESSIONAL, ENTERPRISE, PLATINUM, BASIC_IPV6, PROFESSIONAL_IPV6, ENTERPRISE_IPV6, PLATINUM_IPV6]
  vpc_id:
    description: The VPC the instance is in. Required to create; can't change on an existing instance.
    type: str
  subnet_id:
    description: The subnet (network id) of the instance. Required to create; can't change on an existing instance.
    type: str
  security_group_id:
    description: The security group of the instance. Required to create.
    type: str
  available_zone_ids:
    description:
      - The availability zones (codes or ids from M(huaweicloud.apig.availability_zone_info)), compared as a set.
        Required to create; can't change on an existing instance.
    type: list
    elements: str
  description:
    description:
      - Description of the instance, at most 255 characters. V("") clears it.
    type: str
  maintain_begin:
    description:
      - Start of the 4-hour maintenance window, V(02:00:00), V(06:00:00), V(10:00:00), V(14:00:00),
        V(18:00:00) or V(22:00:00). Setting only one end of the window sets the other 4 hours away.
    type: str
  maintain_end:
    description:
      - End of the maintenance window, 4 hours after O(maintain_begin), in the same form.
    type: str
  enterprise_project_id:
    description: The enterprise project of the instance (required for enterprise accounts). Can't change later.
    type: str
  loadbalancer_provider:
    description: The load balancer type (V(elb) only in some regions). Can't change later.
    type: str
    choices: [lvs, elb]
  eip_id:
    description:
      - The elastic public IP bound for inbound access from the internet. A different id rebinds; V("") unbinds.
      - The API shows the address of the bound EIP, never its id. Set O(eip_address) so the module can tell
        whether the bound EIP is this one; without it, an instance that has an EIP keeps it and the module warns.
    type: str
  eip_address:
    description:
      - The public address of the EIP O(eip_id) names, compared with the address the instance shows.
      - Only used to compare; the bind call sends O(eip_id).
    type: str
  bandwidth_size:
    description:
      - The public egress bandwidth in Mbit/s, 1-2000, letting backends on the internet be reached;
        V(0) turns the egress off. Another value resizes it.
    type: int
  wait:
    description:
      - Whether to wait until a creation finishes (or fails) and until a deleted instance is gone.
      - Without waiting, the module returns the instance as it is (C(status=Creating)) right after the create call.
    type: bool
    default: true
  wait_timeout:
    description: How many seconds to wait at most.
    type: int
    default: 1800
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - The public EIP and the egress are options of this module rather than modules of their own, as they are
    properties of the one gateway with no identity or lifecycle apart from it, they can be given when the
    instance is created, and the Terraform resource C(huaweicloud_apig_instance) shapes them the same way.
  - An instance that failed to create stays in status C(CreateFail); the module reports its id and the
    error code, and fails on later runs until the instance is deleted with O(state=absent).
"""

EXAMPLES = r"""
- name: Create a gateway with a public EIP and 10 Mbit/s egress, and wait until it runs
  huaweicloud.apig.instance:
    instance_name: apig-prod
    spec_id: PROFESSIONAL
    vpc_id: 0957108c-257c-4ce0-9e93-527d279ce763
    subnet_id: a938121c-11c4-4c91-b983-bc9acd347bb5
    security_group_id: 36d0ec18-bd10-4da7-86f3-ad7a5ddc55d7
    available_zone_ids: [cn-north-4a, cn-north-4b]
    maintain_begin: "22:00:00"
    eip_id: 41f961ab-2bdd-4ca7-9b59-cfc4fcef10c9
    bandwidth_size: 10
  register: gateway

- name: Turn the egress off and unbind the EIP
  huaweicloud.apig.instance:
    instance_name: apig-prod
    bandwidth_size: 0
    eip_id: ""

- name: Delete the gateway and wait until it is gone
  huaweicloud.apig.instance:
    instance_name: apig-prod
    state: absent
"""

RETURN = r"""
instance:
  description:
    - The instance as the API shows it (3.24.2), after the change; predicted in check mode (a create then
      has no C(id)); empty after a delete.
  returned: always
  type: dict
  sample:
    id: eddc4d25480b4cd6b512f270a1b8b341
    instance_name: apig-prod
    status: Running
    instance_status: 6
    spec: PROFESSIONAL
    eip_address: 100.95.155.221
    nat_eip_address: 100.64.10.20
    bandwidth_size: 10
    maintain_begin: "22:00:00"
    maintain_end: "02:00:00"
diff:
  description: The compared options before and after, with the id and the name.
  returned: when diff mode is on
  type: dict
  sample:
    before: {id: eddc4d25480b4cd6b512f270a1b8b341, instance_name: apig-prod, bandwidth_size: 5}
    after: {id: eddc4d25480b4cd6b512f270a1b8b341, instance_name: apig-prod, bandwidth_size: 10}
error:
  description: The code and message of a failed creation (or of a failed API call).
  returned: on failure
  type: dict
  sample: {error_code: APIC.9206, error_msg: Failed to create the gateway.}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with, managed_options
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_instance import INSTANCE, InstanceEngine, \
    eip_options, wait_options


def main():
    # An instance is found by its id or its name: neither is required alone.
    spec = managed_options(INSTANCE, name_required=False, **dict(wait_options(), **eip_options()))
    module = APIGModule(argument_spec=spec, instance=False, required_one_of=[("id", "instance_name")],
                        supports_check_mode=True)
    exit_with(module, InstanceEngine(module, INSTANCE).ensure)


if __name__ == "__main__":
    main()
