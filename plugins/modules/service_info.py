#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: service_info
short_description: Read an API group and everything it uses as a service file
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Reads one API group, its environments, variables and APIs, and the instance-level resources its APIs
    use or are bound to, and returns them in the service file format (RV(service)), the value of the
    C(apig_service) variable that the service role converges. Every item holds the options of its
    family's module; other resources are named by name, never by id, so the file applies to any instance.
  - Given back to their modules (with O(group) and C(state=present)), the items change nothing.
  - Options the gateway holds unset, empty or at its own default are left out of the file.
  - Secret values (a signature's C(sign_secret), an app's C(app_secret) and app codes, a certificate's
    C(private_key)) never appear in RV(service); it holds the reference
    C({{ apig_secrets['<family>/<item name>/<option>'] }}) instead, for a separate secrets file
    (RV(secrets)) meant for C(ansible-vault encrypt).
  - Also returns, as the API returns them, what a plan of the service needs - the group, every
    environment of the instance, the group's variables and its APIs' full definitions.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  families:
    description:
      - The families of instance-level resources to read besides the group, its environments, variables and
        APIs (always read).
      - V(throttling_policies), V(acl_policies), V(signatures) - the policies bound to the group's APIs, with
        C(bindings) limited to those APIs (and a throttling policy's C(special_throttles)).
      - V(authorizers), V(vpc_channels) - the ones the group's APIs name.
      - V(gateway_responses), V(domains) - the group's own (with each domain's C(certificate)); a
        C(default) response nobody customized is left out.
      - V(apps) - the apps authorized for the group's APIs, with C(app_codes) and C(authorizations).
    type: list
    elements: str
    choices: [throttling_policies, acl_policies, signatures, authorizers, vpc_channels, gateway_responses, domains, apps]
    default: [throttling_policies, acl_policies, signatures, authorizers, vpc_channels, gateway_responses, domains, apps]
  include_secrets:
    description:
      - Return RV(secrets), the secret values by reference. They are printed like any other result value;
        use C(no_log) on the task.
    type: bool
    default: false
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.info_attributes
notes:
  - "Requests for a group of N APIs - the group by name (1), the environments, the group's variables and its
    APIs (1 list each, 1 per 500 items), then one GET per API - N + 4 in all with O(families=[]). A missing
    group costs 2 (the group and the environments)."
  - "Each family read adds - V(throttling_policies), V(acl_policies), V(signatures) 1 list of the policies,
    then 1 list of bound APIs per policy bound anywhere (C(bind_num) > 0), and 1 list of special throttles per
    throttling policy found that has some; V(authorizers) 1 list; V(vpc_channels) 1 list and 1 GET per
    channel the APIs name; V(gateway_responses) 1 list (and 1 GET per response when the list items lack
    their entries); V(domains) nothing (the group holds them); V(apps) 1 list of the instance's
    authorizations, then, when some are for the group's APIs, 1 list of apps and 1 list of codes per app
    found."
  - "APIs that name an authorizer, a VPC channel or a gateway response cost 1 more list per kind when that
    family is not read (names, not ids, go in the file)."
  - The gateway returns neither a bound certificate nor its key, so C(cert_content) and C(private_key) of a
    domain's certificate are references to empty secrets to fill in.
seealso:
  - module: huaweicloud.apig.api_info
  - module: huaweicloud.apig.api_group_info
"""

EXAMPLES = r"""
- name: Export the shop group as a service file and its secrets file
  huaweicloud.apig.service_info:
    group: shop_api
    include_secrets: true
  register: shop
  no_log: true

- name: Write the service file
  ansible.builtin.copy:
    content: "{{ {'apig_service': shop.service} | to_nice_yaml }}"
    dest: shop_service.yml
    mode: "0644"

- name: Write the secrets file, to encrypt with ansible-vault
  ansible.builtin.copy:
    content: "{{ {'apig_secrets': shop.secrets} | to_nice_yaml }}"
    dest: shop_secrets.yml
    mode: "0600"
  no_log: true

- name: Only the core (group, environments, variables, APIs) - N + 4 requests
  huaweicloud.apig.service_info:
    group: shop_api
    families: []
  register: shop_core
"""

RETURN = r"""
exists:
  description: Whether the group exists.
  returned: always
  type: bool
  sample: true
service:
  description:
    - The group in the service file format, empty when the group does not exist - C(group), C(environments)
      (the ones where the group has variables, publishes APIs or has bindings, each with C(variables)), one
      list per family of O(families) (empty when none is found) and C(apis) (each with C(publish), the names of
      the environments it is published in).
    - Items are sorted by name; C(bindings) and C(authorizations) items are C({environment, apis}), one per
      environment, API names sorted.
  returned: always
  type: dict
  sample:
    group: {name: shop_api, remark: Public shop API}
    environments:
      - {name: DEV, variables: {backend: dev.shop.example.com}}
      - {name: RELEASE, remark: Default environment, variables: {}}
    throttling_policies:
      - name: per_second
        api_call_limits: 100
        time_interval: 1
        time_unit: SECOND
        special_throttles: [{object_type: APP, object: shop_web, call_limits: 10}]
        bindings: [{environment: RELEASE, apis: [list_products]}]
    signatures:
      - name: backend_sig
        sign_type: hmac
        sign_key: backend_key_01
        sign_secret: "{{ apig_secrets['signatures/backend_sig/sign_secret'] }}"
        bindings: [{environment: RELEASE, apis: [list_products]}]
    domains:
      - url_domain: api.shop.example.com
        min_ssl_version: TLSv1.2
        certificate:
          name: shop_cert
          cert_content: "{{ apig_secrets['domains/api.shop.example.com/cert_content'] }}"
          private_key: "{{ apig_secrets['domains/api.shop.example.com/private_key'] }}"
    apps:
      - name: shop_web
        app_key: 163257ca6ad503d15bd45589e0ca56b1
        app_secret: "{{ apig_secrets['apps/shop_web/app_secret'] }}"
        app_codes: ["{{ apig_secrets['apps/shop_web/app_codes/0'] }}"]
        authorizations: [{environment: RELEASE, apis: [list_products]}]
    apis:
      - name: list_products
        type: public
        req_method: GET
        req_uri: /products
        auth_type: APP
        backend_type: HTTP
        backend_api: {req_protocol: HTTP, req_method: GET, req_uri: /products, timeout: 5000, vpc_channel: shop_backends}
        publish: [RELEASE]
secrets:
  description:
    - The secret values by reference (C(<family>/<item name>/<option>)), for the C(apig_secrets) variable.
      A value the gateway does not return (a certificate and its key) is an empty string to fill in.
  returned: when O(include_secrets=true)
  type: dict
  sample:
    signatures/backend_sig/sign_secret: 9f3c0d1e2b4a5c6d
    apps/shop_web/app_secret: 55593970feeac2b26d0b582891388039
    domains/api.shop.example.com/private_key: ""
group:
  description: The group as the API returns it; empty when it does not exist.
  returned: always
  type: dict
  sample:
    id: c77f5e81d9cb4424bf704ef2b0ac7600
    name: shop_api
    remark: Public shop API
    url_domains: []
environments:
  description: Every environment of the instance, as the API lists them.
  returned: always
  type: list
  elements: dict
  sample:
    - {id: DEFAULT_ENVIRONMENT_RELEASE_ID, name: RELEASE, remark: Default environment}
variables:
  description: The group's environment variables, as the API lists them.
  returned: always
  type: list
  elements: dict
  sample:
    - {id: b0f22e4f121448659fcdcfe7c10103b7, group_id: c77f5e81d9cb4424bf704ef2b0ac7600,
       env_id: 7b2e0a5e91814c849a94296398908729, variable_name: backend, variable_value: dev.shop.example.com}
apis:
  description:
    - The full definition of each API of the group, as the API returns it (what M(huaweicloud.apig.api_info)
      returns with C(details=true)), including where it is published (C(run_env_id), C(publish_id),
      C(publish_time), joined with C(|)).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.snapshot import FAMILIES, run_service_info


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", required=True, aliases=["group_id"]),
            families=dict(type="list", elements="str", choices=list(FAMILIES), default=list(FAMILIES)),
            include_secrets=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    run_service_info(module)


if __name__ == "__main__":
    main()
