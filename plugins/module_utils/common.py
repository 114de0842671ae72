# -*- coding: utf-8 -*-
# Copyright: Contributors to the huaweicloud.apig collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module base: connection options, their checks and the lazily built client."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleModule, env_fallback
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient


def connection_argument_spec(instance=True):
    """The connection and auth options (see the ``huaweicloud.apig.apig`` doc fragment)."""
    spec = dict(
        region=dict(type="str", fallback=(env_fallback, ["HW_REGION_NAME"])),
        endpoint=dict(type="str", fallback=(env_fallback, ["HW_APIG_ENDPOINT"])),
        project_id=dict(type="str", required=True, fallback=(env_fallback, ["HW_PROJECT_ID"])),
        access_key=dict(type="str", no_log=True, fallback=(env_fallback, ["HW_ACCESS_KEY"])),
        secret_key=dict(type="str", no_log=True, fallback=(env_fallback, ["HW_SECRET_KEY"])),
        security_token=dict(type="str", no_log=True, fallback=(env_fallback, ["HW_SECURITY_TOKEN"])),
        auth_token=dict(type="str", no_log=True, fallback=(env_fallback, ["HW_AUTH_TOKEN"])),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=30),
        max_retries=dict(type="int", default=5),
        retry_max_delay=dict(type="float", default=30.0),
    )
    if instance:
        spec["instance_id"] = dict(type="str", required=True, fallback=(env_fallback, ["HW_APIG_INSTANCE_ID"]))
    return spec


def connection_errors(params):
    """Every problem with the connection options in ``params``, as messages naming the options."""
    errors = []
    has_aksk = bool(params.get("access_key") or params.get("secret_key"))
    if not (params.get("endpoint") or params.get("region")):
        errors.append("one of endpoint or region is required (or HW_APIG_ENDPOINT / HW_REGION_NAME)")
    if has_aksk and not (params.get("access_key") and params.get("secret_key")):
        errors.append("access_key and secret_key must be given together")
    if has_aksk and params.get("auth_token"):
        errors.append("access_key/secret_key and auth_token are mutually exclusive")
    if not has_aksk and not params.get("auth_token"):
        errors.append("access_key and secret_key, or auth_token, are required")
    if params.get("security_token") and not has_aksk:
        errors.append("security_token is only used with access_key and secret_key")
    if params.get("timeout") is not None and params["timeout"] <= 0:
        errors.append("timeout must be greater than 0")
    if params.get("max_retries") is not None and params["max_retries"] < 0:
        errors.append("max_retries must be 0 or more")
    if params.get("retry_max_delay") is not None and params["retry_max_delay"] < 0:
        errors.append("retry_max_delay must be 0 or more")
    if params.get("ca_path") and not os.path.exists(params["ca_path"]):
        errors.append("ca_path %s does not exist" % params["ca_path"])
    return errors


def _not_dicts(spec, params, prefix=""):
    """Messages for the values given to options with suboptions that are no dicts; removed in place.

    ansible-core raises a TypeError (a traceback) on a number there, and names no option when
    text can't be read as a dict; the module reports these itself once its options are parsed.
    """
    problems = []
    for option, sub in spec.items():
        value = params.get(option)
        if not sub.get("options") or value is None:
            continue
        many = sub.get("type") == "list"
        items = value if many and isinstance(value, list) else [value]
        kept = []
        for index, item in enumerate(items):
            name = "%s%s%s" % (prefix, option, "[%d]" % index if many else "")
            if isinstance(item, str):
                try:
                    item = check_type_dict(item)
                except TypeError:
                    pass
            if isinstance(item, dict):
                problems += _not_dicts(sub["options"], item, name + ".")
                kept.append(item)
            else:
                problems.append("%s must be a dict, got %s" % (name, type(item).__name__))
        if len(kept) == len(items):
            params[option] = kept if many else kept[0]
        else:
            del params[option]
    return problems


class APIGModule(AnsibleModule):
    """An AnsibleModule with the connection options, their checks and an API client."""

    def __init__(self, argument_spec, instance=True, **kwargs):
        spec = connection_argument_spec(instance)
        spec.update(argument_spec)
        super(APIGModule, self).__init__(argument_spec=spec, **kwargs)
        if self._shape_problems:
            self.fail_json(msg="; ".join(self._shape_problems))
        errors = connection_errors(self.params)
        if errors:
            self.fail_json(msg="; ".join(errors))
        self._client = None

    @property
    def client(self):
        if self._client is None:
            params = self.params
            self._client = APIGClient(
                project_id=params["project_id"], endpoint=params["endpoint"], region=params["region"],
                access_key=params["access_key"], secret_key=params["secret_key"],
                security_token=params["security_token"], auth_token=params["auth_token"],
                validate_certs=params["validate_certs"], timeout=params["timeout"],
                max_retries=params["max_retries"], retry_max_delay=params["retry_max_delay"],
                read_only=self.check_mode, ca_path=params.get("ca_path"))
        return self._client

    def _load_params(self):
        super(APIGModule, self)._load_params()
        self._shape_problems = _not_dicts(self.argument_spec, self.params) if isinstance(self.params, dict) else []

    def instance_path(self, *segments):
        return self.client.path("instances", self.params["instance_id"], *segments)

    def fail_from_error(self, err, **result):
        self.fail_json(msg=str(err), error=err.to_dict(), **result)
