# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # Connection and authentication options, shared by every module.
    DOCUMENTATION = r"""
options:
  region:
    description:
      - The Huawei Cloud region, for example V(cn-north-4).
      - The API is then reached at C(https://apig.<region>.myhuaweicloud.com).
      - One of O(region) or O(endpoint) is required.
      - If not set, the value of the E(HW_REGION_NAME) environment variable is used.
    type: str
  endpoint:
    description:
      - The base URL of the APIG API, for example V(https://apig.cn-north-4.myhuaweicloud.com)
        or the URL the local APIG emulator prints. Overrides O(region).
      - If not set, the value of the E(HW_APIG_ENDPOINT) environment variable is used.
    type: str
  project_id:
    description:
      - The id of the project that owns the resources; it is part of every API path.
      - If not set, the value of the E(HW_PROJECT_ID) environment variable is used.
    type: str
    required: true
  access_key:
    description:
      - The access key (AK) that signs requests with C(SDK-HMAC-SHA256).
      - Requires O(secret_key). Mutually exclusive with O(auth_token).
      - If not set, the value of the E(HW_ACCESS_KEY) environment variable is used.
    type: str
  secret_key:
    description:
      - The secret key (SK) of O(access_key).
      - If not set, the value of the E(HW_SECRET_KEY) environment variable is used.
    type: str
  security_token:
    description:
      - The security token of a temporary O(access_key)/O(secret_key) pair, sent and signed as
        C(X-Security-Token).
      - If not set, the value of the E(HW_SECURITY_TOKEN) environment variable is used.
    type: str
  auth_token:
    description:
      - An IAM token sent as C(X-Auth-Token), instead of signing with O(access_key) and O(secret_key).
      - If not set, the value of the E(HW_AUTH_TOKEN) environment variable is used.
    type: str
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the API endpoint.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates (or a directory of them) to verify the endpoint's TLS certificate
        with, instead of the system's trusted CAs; for endpoints whose certificate a private CA signed.
      - Ignored when O(validate_certs=false).
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response. Must be greater than 0.
    type: int
    default: 30
  max_retries:
    description:
      - How many times a request is retried after HTTP 429 or 5xx, the error codes C(APIG.9008),
        C(APIG.3500) and C(APIG.3711), or a connection failure. V(0) disables retries.
      - A create (C(POST)) whose response was lost, or that answered with a server error, is not re-sent
        blindly. The module looks the resource up by name first and sends it again only if it is not there.
    type: int
    default: 5
  retry_max_delay:
    description:
      - The longest wait in seconds between two retries. Waits grow exponentially with random jitter
        up to this value; a server's C(Retry-After) is honoured up to this value too.
      - C(APIG.3711) (a feature changed again within a minute) without C(Retry-After) waits this whole value.
    type: float
    default: 30
notes:
  - Secrets (O(secret_key), O(security_token), O(auth_token)) are never logged or returned.
  - The environment variables match the ones of the Huawei Cloud Terraform provider.
"""

    # The dedicated gateway instance, for modules that manage resources inside one.
    INSTANCE = r"""
options:
  instance_id:
    description:
      - The id of the dedicated APIG gateway instance.
      - If not set, the value of the E(HW_APIG_INSTANCE_ID) environment variable is used.
    type: str
    required: true
"""

    # Attributes of the modules that manage a resource.
    ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Runs in check mode, predicting the change and the resource without writing anything.
    support: full
  diff_mode:
    description: Returns the compared fields before and after the change when run with C(--diff).
    support: full
  platform:
    description: Where the module runs.
    support: full
    platforms: all
"""

    # Attributes of the *_info modules, which only read.
    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Runs in check mode; the module only reads, so it behaves the same.
    support: full
  diff_mode:
    description: The module only reads; there is nothing to diff.
    support: N/A
  platform:
    description: Where the module runs.
    support: full
    platforms: all
"""

    # The recreate option of the modules whose resource has options that can't change in place.
    RECREATE = r"""
options:
  recreate:
    description:
      - When an option that can't change in place differs, delete the resource and create it again
        (with the options you left unset keeping their current values) instead of failing.
      - The new resource has a new id; what was bound to the old one is not carried over, and the
        gateway refuses to delete a resource that is still bound.
    type: bool
    default: false
"""

    # The state option of the modules that manage a resource.
    STATE = r"""
options:
  state:
    description: Whether the resource should exist.
    type: str
    choices: [present, absent]
    default: present
"""
