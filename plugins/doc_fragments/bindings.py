# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # What every binding module (throttling, ACL, signature bindings, app authorizations) shares.
    DOCUMENTATION = r"""
options:
  environment:
    description: The environment the bindings apply in, by name or by id.
    type: str
    required: true
    aliases: [env, env_id]
  group:
    description:
      - The API group of the APIs in O(apis), by name or by id.
      - Needed when an API is given by a name that APIs of other groups have too.
    type: str
    aliases: [group_id]
  apis:
    description:
      - The APIs, by name (within O(group)) or by id.
      - With O(state=present) they are bound; with O(state=absent) the ones bound are unbound.
    type: list
    elements: str
    required: true
  purge:
    description:
      - With O(state=present), also unbind the APIs bound in O(environment) that O(apis) does not list.
    type: bool
    default: false
  state:
    description: Whether the APIs should be bound.
    type: str
    choices: [present, absent]
    default: present
attributes:
  check_mode:
    description: Predicts which APIs would be bound and unbound without writing anything.
    support: full
  diff_mode:
    description: The diff shows the names of the APIs bound in the environment before and after.
    support: full
  platform:
    description: Where the module runs.
    support: full
    platforms: all
notes:
  - Bindings attach to the publication of an API in one environment. The module finds the publish records
    itself; an API that is not published in O(environment) fails the task with a message naming it (in
    check mode it is only warned about, as an earlier task may publish it). Taking an API offline removes
    its bindings in that environment.
  - B(Idempotent.) The list of the APIs already bound names each API, its group and its environment, so a
    task with nothing to do sends at most three requests; the APIs and the environment are resolved only
    when something has to change.
  - APIs that a call reports as failed inside its successful answer fail the task, each named with its
    error code; the result then lists them in RV(failures).
"""
