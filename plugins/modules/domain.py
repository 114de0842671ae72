#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: domain
short_description: Bind custom domains to an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Bind a custom domain to an API group, change its minimum TLS version, or unbind it
    (API reference 3.13.1, 3.13.3, 3.13.4). Clients then call the group's APIs through the domain
    once its DNS record points at the gateway.
  - The domain is found by its exact name among the group's bound domains (the group's C(url_domains)).
  - A domain name can be bound to one group of the instance only, and a group holds at most 5 domains.
  - Use M(huaweicloud.apig.domain_certificate) to bind an SSL certificate to the domain.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  url_domain:
    description:
      - The custom domain, for example V(www.example.com); at most 255 characters. A leading V(*.) binds a
        wildcard domain.
    type: str
    required: true
    aliases: [name, domain]
  min_ssl_version:
    description:
      - The oldest TLS version clients may use. The gateway defaults to V(TLSv1.1) when a domain is bound
        without it.
    type: str
    choices: [TLSv1.1, TLSv1.2]
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
notes:
  - Unbinding a domain also removes its certificate; deleting the group unbinds all its domains.
"""

EXAMPLES = r"""
- name: Serve the shop APIs on api.shop.example.com, TLS 1.2 only
  huaweicloud.apig.domain:
    group: shop_api
    url_domain: api.shop.example.com
    min_ssl_version: TLSv1.2

- name: Unbind it
  huaweicloud.apig.domain:
    group: shop_api
    url_domain: api.shop.example.com
    state: absent
"""

RETURN = r"""
domain:
  description: The bound domain (predicted in check mode, without C(id) when it would be bound); empty after an unbind.
  returned: always
  type: dict
  sample:
    id: c5e0d5ba62a34d26ad5c709ae22c1a17
    url_domain: api.shop.example.com
    status: 3
    min_ssl_version: TLSv1.2
diff:
  description: The compared fields before and after, with the domain's id and name.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with, state_option
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_edge import DOMAIN, SSL_VERSIONS, DomainEngine


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", required=True, aliases=["group_id"]),
            url_domain=dict(type="str", required=True, aliases=["name", "domain"]),
            min_ssl_version=dict(type="str", choices=SSL_VERSIONS),
            state=state_option(),
        ),
        supports_check_mode=True,
    )
    exit_with(module, DomainEngine(module, DOMAIN).ensure)


if __name__ == "__main__":
    main()
