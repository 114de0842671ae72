# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding APIs and reading their publications: what api_publish, api_version_info, api_debug and the
bindings share (API reference 3.5.4, 3.5.7-3.5.13). Publishing itself is in publisher.py.

Groups, environments and APIs are found by name or id through the resource engine. Many APIs
are resolved with one list call, whose items also say where each API is published and when
(``run_env_id``/``publish_id``/``publish_time``, joined with ``|``) and when it was last
changed (``update_time``). An API whose last change is older than the version in effect is
unchanged without another request; only the others have their version history read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import re

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import CHECK_MODE_ASSUMES, ID_LIKE, ResourceEngine
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import API_LOOKUP, ENVIRONMENT_REFERENCE

# 2020-08-03T12:20:30Z, 2020-08-03 12:20:30.383169299+08:00, ...; UTC unless a zone is given.
_TIME = r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9})\d*)?(Z|[+-]\d\d:?\d\d)?$"


def find_apis(module, values, predict=False):
    """The API list items that ``values`` (names or ids) name, in their order, with one list call.

    One name is listed by name, its group (when ``group`` names one) matched on the items;
    otherwise the call lists the group's APIs, or one id is looked up, or several values
    list the instance's APIs. With ``predict`` (check mode), a missing group or API is
    warned about and stands in as an unpublished API.
    """
    if not values:
        return []
    engine = ResourceEngine(module, API_LOOKUP)
    one_name = len(values) == 1 and not ID_LIKE.match(values[0])

    def stand_ins(missing_group):
        module.warn(missing_group + CHECK_MODE_ASSUMES)
        return [{"id": None, "name": value} for value in values]

    missing_group = engine.resolve_scope(missing_ok=predict, defer=one_name)
    if missing_group:
        return stand_ins(missing_group)
    query = None
    if one_name:
        query = {"name": values[0], "precise_search": "name"}
    elif not engine.scope and len(values) == 1:
        query = {"id": values[0]}
    by_id, by_name = {}, {}
    for item in engine.list(query):
        if engine.in_scope(item):
            by_id[item["id"]] = item
            by_name.setdefault(item.get("name"), []).append(item)
    found, seen, missing = [], set(), []
    for value in values:
        # An id wins over a name that happens to equal it.
        matches = [by_id[value]] if value in by_id else by_name.get(value, [])
        if len(matches) > 1:
            module.fail_json(msg="%d APIs in different groups are named '%s'; set group to pick one"
                                 % (len(matches), value))
        if not matches:
            missing.append(value)
        elif matches[0]["id"] not in seen:
            seen.add(matches[0]["id"])
            found.append(matches[0])
    missing_group = engine.settle_scope(found[0] if found else None, missing_ok=predict)
    if missing_group:
        return stand_ins(missing_group)
    if missing:
        where = " in group '%s'" % module.params["group"] if module.params.get("group") else ""
        message = "no API%s with the name or id %s" % (where, ", ".join("'%s'" % m for m in missing))
        if not predict:
            module.fail_json(msg=message)
        module.warn(message + CHECK_MODE_ASSUMES)
        found += [{"id": None, "name": value} for value in missing]
    return found


def environment_id(module, apis, predict=False):
    """The id of the environment the option ``environment`` names: read without a request from
    where one of ``apis`` (list items) is published, else looked up as ``Reference.require`` does."""
    value = module.params["environment"]
    for api in apis:
        for env_id, name in published_in(api, "run_env_name").items():
            if value in (name, env_id):
                return env_id
    return ENVIRONMENT_REFERENCE.require(module, predict)


def find_api(module):
    return find_apis(module, [module.params["api"]])[0]


def published_in(api, key="publish_id"):
    """env_id -> publish_id (or another ``|``-joined field) of every environment the API is published in."""
    envs = (api.get("run_env_id") or "").split("|")
    values = (api.get(key) or "").split("|")
    values += [None] * (len(envs) - len(values))
    return dict((env, value) for env, value in zip(envs, values) if env)


def instant(text):
    """Nanoseconds since the epoch of an API timestamp, or None when it has another form."""
    match = re.match(_TIME, text or "")
    if not match:
        return None
    seconds = calendar.timegm(tuple(int(part) for part in match.groups()[:6]))
    zone = match.group(8)
    if zone and zone != "Z":
        offset = int(zone[1:3]) * 3600 + int(zone[-2:]) * 60
        seconds -= offset if zone[0] == "+" else -offset
    return seconds * 10 ** 9 + int((match.group(7) or "").ljust(9, "0"))


def earlier(first, second):
    """True when timestamp ``first`` is strictly earlier than ``second``; None when that can't be told."""
    first, second = instant(first), instant(second)
    if first is None or second is None or first == second:
        return None
    return first < second


def unchanged_in(api, env_id):
    """Whether the API list item ``api`` is published in ``env_id`` and unchanged since: its last
    change is older than the publish of the version in effect there. False means "look closer"
    (not published, changed, or timestamps that can't tell), never "changed"."""
    return earlier(api.get("update_time"), published_in(api, "publish_time").get(env_id)) is True


def apis_path(module, *segments):
    return module.instance_path("apis", *segments)


def versions(module, api_id, env_id=None):
    """The API's versions (3.5.9), in one environment when ``env_id`` is set."""
    query = {"env_id": env_id} if env_id else None
    return module.client.list_all(apis_path(module, "publish", api_id), "api_versions", query=query)


def version_info(module):
    """The version list (3.5.9), one version (3.5.12) or the runtime definition (3.5.11)."""
    params = module.params
    if params.get("version_id"):
        return {"changed": False, "version": module.client.get(apis_path(module, "versions", params["version_id"]))}
    api = find_api(module)
    api_id = api["id"]
    env_id = environment_id(module, [api]) if params.get("environment") else None
    if params.get("runtime"):
        query = {"env_id": env_id} if env_id else None
        return {"changed": False, "runtime": module.client.get(apis_path(module, "runtime", api_id), query)}
    return {"changed": False, "versions": versions(module, api_id, env_id)}


def _string_lists(values):
    """``{name: value or [values]}`` as the debug call wants it: ``{name: [str, ...]}``."""
    return dict((k, [str(v) for v in (vs if isinstance(vs, list) else [vs])]) for k, vs in values.items())


def debug_request(module, api):
    """The body of the debug call (3.5.7); method, path and scheme default to the API's own."""
    params = module.params
    method = api.get("req_method")
    protocol = api.get("req_protocol")
    body = {
        "mode": params["mode"],
        "scheme": params.get("scheme") or (protocol if protocol in ("HTTP", "HTTPS") else "HTTPS"),
        "method": params.get("method") or (method if method and method != "ANY" else "GET"),
        "path": params.get("path") or api.get("req_uri"),
    }
    for option in ("query", "header"):
        if params.get(option):
            body[option] = _string_lists(params[option])
    body.update((k, params[k]) for k in ("body", "stage", "app_key", "app_secret") if params.get(k) is not None)
    return body


def debug(module):
    api = find_api(module)
    if module.check_mode:
        # The debug call reaches the backend, so check mode stops before it.
        return {"changed": False, "msg": "check mode: API '%s' was not called" % api.get("name")}
    answer = module.client.post(apis_path(module, "debug", api["id"]), debug_request(module, api)) or {}
    result = dict((k, answer.get(k)) for k in ("request", "response", "latency", "log"))
    result["changed"] = False
    return result
