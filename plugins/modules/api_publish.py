#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: api_publish
short_description: Publish APIs to an environment, take them offline, or switch versions
version_added: 0.1.0
author: huaweicloud.apig maintainers (!UNKNOWN)
description:
  - Publishes APIs to an environment or takes them offline (API reference 3.5.4 and, for a list,
    the batch call 3.5.8), switches an environment to an earlier version of an API (3.5.10), or
    takes one version offline (3.5.13).
  - B(Idempotent.) An API already published in the environment is published again only when its
    definition changed since the version in effect there was published; an API is taken offline only
    when it is published there.
  - B(Cost.) The APIs are read with one list call (500 per page), which says where each one is published,
    when, and when it last changed. An API whose last change is older than the publish of the version in
    effect is unchanged without another request; for the others the version history in the environment
    is read (one request each). So N published, unchanged APIs cost ceil(N/500) requests, plus one for
    the group given by name. The list items name the environments each API is published in, so an
    environment given by name is looked up only when none of the APIs is published there. A single
    API given by name (O(api)) is looked up by name, its group matched on the list item.
  - B(Rollbacks.) When an earlier version than the API's newest one is in effect in the environment (someone
    switched back to it, for example with O(version_id)), the module warns and, if the API did not change
    since its newest version was published, keeps the earlier version in effect (action V(rollback_kept),
    not a change) unless O(on_rollback=republish). An API that changed since its newest version is
    published again either way, with the warning.
  - A list of APIs is published with the batch call, 1000 APIs per call. APIs the batch call reports
    as failed fail the task, each named with its error code; the APIs that succeeded are still
    returned in RV(publishes).
options:
  group:
    description:
      - The API group of the APIs, by name or by id.
      - Needed when an API is given by a name that APIs of other groups have too. With it, the APIs
        are found with one list call of the group's APIs, the cheapest way for many APIs.
    type: str
    aliases: [group_id]
  api:
    description: One API, by name or by id.
    type: str
    aliases: [api_id]
  apis:
    description: Several APIs, by name or by id; published or taken offline with the batch call.
    type: list
    elements: str
  environment:
    description: The environment, by name or by id.
    type: str
    required: true
    aliases: [env, env_id]
  state:
    description:
      - V(published) publishes the APIs (or, with O(version_id), makes that version the one in effect).
      - V(offline) takes the APIs offline in the environment (or, with O(version_id), that version).
    type: str
    choices: [published, offline]
    default: published
  remark:
    description: Description of this publish, at most 255 characters.
    type: str
  version_id:
    description:
      - An earlier version of O(api) in O(environment), from M(huaweicloud.apig.api_version_info).
      - With O(state=published) the environment switches to this version; with O(state=offline) this
        version is taken offline. Nothing is written when the version is already in that state.
    type: str
  on_rollback:
    description:
      - What to do with an API whose environment runs an earlier version than its newest one (a rollback)
        and that did not change since its newest version was published.
      - V(keep) leaves the earlier version in effect and warns; V(republish) publishes the current
        definition again, ending the rollback, and warns.
    type: str
    choices: [keep, republish]
    default: keep
extends_documentation_fragment:
  - huaweicloud.apig.apig
  - huaweicloud.apig.apig.instance
attributes:
  check_mode:
    description: Reports which APIs would change, and how, without writing anything.
    support: full
  diff_mode:
    description: The diff shows, per API that changes, its state in the environment before and after.
    support: full
  platform:
    description: Where the module runs.
    support: full
    platforms: all
notes:
  - An API that is published can't be deleted (C(APIG.3416)); take it offline in every environment first.
"""

EXAMPLES = r"""
- name: Publish one API to RELEASE
  huaweicloud.apig.api_publish:
    group: shop_api
    api: list_orders
    environment: RELEASE
    remark: Weekly release

- name: Publish every API of a group with one batch call
  huaweicloud.apig.api_publish:
    group: shop_api
    apis: "{{ shop_api_names }}"
    environment: RELEASE

- name: Take two APIs offline in DEV
  huaweicloud.apig.api_publish:
    group: shop_api
    apis: [list_orders, get_order]
    environment: DEV
    state: offline

- name: Roll RELEASE back to an earlier version
  huaweicloud.apig.api_publish:
    group: shop_api
    api: list_orders
    environment: RELEASE
    version_id: 632b2c9e022941969af9a1d45735ae2c
"""

RETURN = r"""
publishes:
  description:
    - One entry per API, in the order given, for the APIs that succeeded or needed nothing.
    - In check mode, RV(publishes[].publish_id) and RV(publishes[].version_id) of a predicted publish are
      the ones in effect before it.
  returned: always
  type: list
  elements: dict
  contains:
    api_id:
      description: The API's id.
      type: str
    api_name:
      description: The API's name.
      type: str
    env_id:
      description: The environment's id.
      type: str
    action:
      description: What was done (or, in check mode, would be done); V(rollback_kept) means an earlier version stays in effect.
      type: str
      choices: [published, republished, unchanged, offline, switched, rollback_kept]
    publish_id:
      description: The publish record in the environment, when there is one.
      type: str
    version_id:
      description: The version in effect, when known.
      type: str
  sample:
    - api_id: 5f918d104dc84480a75166ba99efff21
      api_name: list_orders
      env_id: DEFAULT_ENVIRONMENT_RELEASE_ID
      action: published
      publish_id: 9191cdb430724d4b8586ed7f1b962ca2
      version_id: ee1a5a38d3d3493abf1dc4ed6cacfa0b
failures:
  description: The APIs the batch call could not publish or take offline, with the API's error.
  returned: when the batch call reported failures
  type: list
  elements: dict
  sample:
    - api_id: abd9c4b2ff974888b0ba79be7e6b2762
      api_name: get_order
      error_code: APIG.3002
      error_msg: Api abd9c4b2ff974888b0ba79be7e6b2762 not found
diff:
  description: Per API that changes, its state in the environment before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {list_orders: offline, get_order: "published, changed since"}
    after: {list_orders: published, get_order: published}
"""

from ansible_collections.huaweicloud.apig.plugins.module_utils.common import APIGModule
from ansible_collections.huaweicloud.apig.plugins.module_utils.publisher import run_publish


def main():
    module = APIGModule(
        argument_spec=dict(
            group=dict(type="str", aliases=["group_id"]),
            api=dict(type="str", aliases=["api_id"]),
            apis=dict(type="list", elements="str"),
            environment=dict(type="str", required=True, aliases=["env", "env_id"]),
            state=dict(type="str", default="published", choices=["published", "offline"]),
            remark=dict(type="str"),
            version_id=dict(type="str"),
            on_rollback=dict(type="str", default="keep", choices=["keep", "republish"]),
        ),
        required_one_of=[("api", "apis")],
        mutually_exclusive=[("api", "apis"), ("apis", "version_id")],
        supports_check_mode=True,
    )
    run_publish(module)


if __name__ == "__main__":
    main()
