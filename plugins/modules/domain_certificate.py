#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: domain_certificate
short_description: Bind an SSL certificate to a custom domain of an API group
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Bind a PEM certificate and its private key to a domain bound with M(huaweicloud.apig.domain), or remove
    the domain's certificate (API reference 3.13.2, 3.13.5, 3.13.6). HTTPS APIs need one on their custom domains.
  - The bound certificate is compared by its identity (serial number, validity and names, what the gateway
    shows of a bound certificate) and its O(name). The private key is sent only when the module binds a
    certificate; it is never compared, returned or shown in a diff.
  - Before any request the module checks what the gateway would refuse, naming the option, using the
    C(cryptography) library on the host that runs it. The key must belong to the certificate and must not
    be encrypted; the certificate must not have expired, must expire before 2038-01-19T03:14:07Z, and its
    common name or a subject alternative name must cover O(url_domain) (C(*.example.com) covers one label).
  - Binding a certificate to a domain that has one replaces it.
options:
  group:
    description: The API group, by name or by id.
    type: str
    required: true
    aliases: [group_id]
  url_domain:
    description: The domain, as bound to the group.
    type: str
    required: true
    aliases: [domain]
  name:
    description:
      - The certificate's name; 4-50 characters, letters, digits, C(_) and Chinese characters, starting with a
        letter or a Chinese character.
      - Required when O(state=present).
    type: str
  cert_content:
    description:
      - The certificate in PEM form, optionally followed by its chain (intermediate certificates).
      - Required when O(state=present).
    type: str
  private_key:
    description:
      - The certificate's private key in PEM form, unencrypted.
      - Required when O(state=present). Never logged or returned.
    type: str
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
  - huaweicloud.apig.apig.attributes
  - huaweicloud.apig.apig.state
requirements:
  - cryptography
"""

EXAMPLES = r"""
- name: Serve api.shop.example.com over HTTPS
  huaweicloud.apig.domain_certificate:
    group: shop_api
    url_domain: api.shop.example.com
    name: shop_cert
    cert_content: "{{ lookup('file', 'shop.crt') }}"
    private_key: "{{ lookup('file', 'shop.key') }}"

- name: Remove the domain's certificate
  huaweicloud.apig.domain_certificate:
    group: shop_api
    url_domain: api.shop.example.com
    state: absent
"""

RETURN = r"""
domain_certificate:
  description:
    - The bound certificate, its details read from O(cert_content) (C(id) is null in check mode); empty after
      a removal.
  returned: always
  type: dict
  sample:
    id: a27be832f2e9441c8127fe48e3b5ac67
    name: shop_cert
    domain_id: f6bb84ccf1c34035878aa51b7253b21c
    url_domain: api.shop.example.com
    common_name: api.shop.example.com
    san: [api.shop.example.com]
    serial_number: "219450666855693268010130472645821723203"
    not_before: "2024-06-01T00:00:00Z"
    not_after: "2025-06-01T00:00:00Z"
    issuer: [Example CA]
    fingerprint_sha256: 3f1c...
diff:
  description: The certificate's name and identity (serial number, validity, names) before and after.
  returned: when diff mode is on
  type: dict
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with, state_option
from ansible_collections.huaweicloud.apig.plugins.module_utils.certificates import DOMAIN_CERTIFICATE, \
    CertificateEngine


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", required=True, aliases=["group_id"]),
            url_domain=dict(type="str", required=True, aliases=["domain"]),
            name=dict(type="str"),
            cert_content=dict(type="str"),
            private_key=dict(type="str", no_log=True),
            state=state_option(),
        ),
        required_if=[("state", "present", ("name", "cert_content", "private_key"))],
        supports_check_mode=True,
    )
    exit_with(module, CertificateEngine(module, DOMAIN_CERTIFICATE).ensure)


if __name__ == "__main__":
    main()
