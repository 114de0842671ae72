"""§3.23 quotas and configurations: the instance's (``~/project/configs``) and the project's
(``/v2/{project_id}/apigw/instance/configs``), with ``used`` counted from the rows that exist."""
from flask import request

from ..engine import paging, require_instance, store
from ..storage import Scope

CONFIG_TIME = "2019-02-12T19:42:19.914989Z"

# name, value, what the count covers: (kind,) a count over the instance, (kind, field) the
# largest count of rows sharing that field (a per-parent limit), None a switch or an unmetered limit.
QUOTAS = (
    ("API_NUM_LIMIT", "1000", ("api",), "Maximum number of APIs a tenant can create"),
    ("APP_NUM_LIMIT", "50", ("app",), "Maximum number of apps a tenant can create"),
    ("APIGROUP_NUM_LIMIT", "50", ("group",), "Maximum number of API groups a tenant can create"),
    ("ENVIRONMENT_NUM_LIMIT", "10", ("env",), "Maximum number of environments a tenant can create"),
    ("VARIABLE_NUM_LIMIT", "50", ("variable", "group_id"), "Maximum number of variables per API group"),
    ("SIGN_NUM_LIMIT", "200", ("signature",), "Maximum number of signature keys a tenant can create"),
    ("THROTTLE_NUM_LIMIT", "100", ("throttle",), "Maximum number of request throttling policies"),
    ("APIGROUP_DOMAIN_NUM_LIMIT", "5", ("domain", "group_id"), "Maximum number of domain names per API group"),
    ("API_VERSION_NUM_LIMIT", "10", ("api_version", "api_id"), "Maximum number of versions kept per API"),
    ("VPC_NUM_LIMIT", "30", ("vpc_channel",), "Maximum number of VPC channels a tenant can create"),
    ("VPC_INSTANCE_NUM_LIMIT", "200", ("vpc_member", "vpc_channel_id"), "Maximum number of servers per VPC channel"),
    ("API_PARAM_NUM_LIMIT", "50", None, "Maximum number of parameters per API"),
    ("API_USER_CALL_LIMIT", "200", None, "Default request limit per tenant per unit of time"),
    ("ACL_NUM_LIMIT", "100", ("acl",), "Maximum number of access control policies a tenant can create"),
    ("APP_THROTTLE_LIMIT", "30", None, "Maximum number of excluded apps per throttling policy"),
    ("USER_THROTTLE_LIMIT", "30", None, "Maximum number of excluded tenants per throttling policy"),
    ("API_NUM_LIMIT_PER_GROUP", "1000", ("api", "group_id"), "Maximum number of APIs per API group"),
    ("API_POLICY_NUM_LIMIT", "5", None, "Maximum number of policy backends per API"),
    ("API_CONDITION_NUM_LIMIT", "5", None, "Maximum number of conditions per policy backend"),
    ("SL_DOMAIN_CALL_LIMIT", "1000", None, "Default request limit per subdomain per unit of time"),
    ("ELB_SWITCH", "1", None, "Whether ELB channels are enabled"),
    ("AUTHORIZER_NUM_LIMIT", "50", ("authorizer",), "Maximum number of custom authorizers a tenant can create"),
    ("AUTHORIZER_IDENTITY_NUM_LIMIT", "5", None, "Maximum number of identity sources per custom authorizer"),
    ("APP_CODE_NUM_LIMIT", "5", ("app_code", "app_id"), "Maximum number of AppCodes per app"),
    ("API_SWAGGER_NUM_LIMIT", "20", None, "Maximum number of Swagger files per API group"),
    ("API_TAG_NUM_LIMIT", "10", None, "Maximum number of tags per API"),
    ("LTS_SWITCH", "1", None, "Whether access logs are reported to LTS"),
    ("APP_KEY_SECRET_SWITCH", "1", None, "Whether apps may have custom keys and secrets (1 on, 2 off)"),
    ("RESPONSE_NUM_LIMIT", "4", ("gateway_response", "group_id"), "Maximum number of gateway responses per group"),
    ("CONFIG_NUM_LIMIT_PER_APP", "50", None, "Maximum number of configurations per app"),
    ("BACKEND_TOKEN_ALLOW_SWITCH", "2", None, "Whether tokens pass through to backends (1 on, 2 off)"),
    ("APP_TOKEN_SWITCH", "1", None, "Whether app tokens are enabled"),
    ("API_DESIGNER_SWITCH", "2", None, "Whether the API designer is enabled (1 on, 2 off)"),
    ("APP_API_KEY_SWITCH", "1", None, "Whether the app_api_key authentication is enabled"),
    ("APP_BASIC_SWITCH", "1", None, "Whether the app_basic authentication is enabled"),
    ("APP_JWT_SWITCH", "1", None, "Whether the app_jwt authentication is enabled"),
    ("APP_ROUTE_SWITCH", "2", None, "Whether app routes are enabled"),
    ("PUBLIC_KEY_SWITCH", "1", None, "Whether public_key backend authentication is enabled"),
    ("APP_SECRET_SWITCH", "1", None, "Whether the app_secret authentication is enabled"),
    ("CASCADE_SWITCH", "2", None, "Whether cascading gateways are enabled"),
    ("IS_INIT_API_PATH_HASH", "1", None, "Whether the API path hashes were refreshed"),
)
INSTANCE_QUOTA = {"config_id": "1", "config_name": "INSTANCE_NUM_LIMIT", "config_value": "5",
                  "config_time": CONFIG_TIME, "remark": "Maximum number of gateways a tenant can create"}


def page_of(items, list_key, args):
    """The list response of a computed list: ``offset``/``limit`` as the stored lists page."""
    offset, limit = paging(args)
    page = items[offset:offset + limit]
    return {"size": len(page), "total": len(items), list_key: page}


def _used(tx, counted):
    if counted is None:
        return 0
    rows = tx.page(counted[0], {}, {}, 0, -1)[1]
    if len(counted) == 1:
        return len(rows)
    per_parent = {}
    for row in rows:
        per_parent[row.get(counted[1])] = per_parent.get(row.get(counted[1]), 0) + 1
    return max(per_parent.values(), default=0)


def instance_configs(project_id, instance_id):
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        require_instance(tx)
        configs = [{"config_id": str(index + 2), "config_name": name, "config_value": value,
                    "config_time": CONFIG_TIME, "remark": remark, "used": _used(tx, counted)}
                   for index, (name, value, counted, remark) in enumerate(QUOTAS)]
    return page_of(configs, "configs", request.args)


def project_configs(project_id):
    return page_of([INSTANCE_QUOTA], "configs", request.args)


def register(blueprint):
    blueprint.add_url_rule("/v2/<project_id>/apigw/instances/<instance_id>/project/configs",
                           endpoint="config_instance_list", view_func=instance_configs, methods=["GET"])
    blueprint.add_url_rule("/v2/<project_id>/apigw/instance/configs", endpoint="config_project_list",
                           view_func=project_configs, methods=["GET"])
