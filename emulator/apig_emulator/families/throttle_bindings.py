"""§3.8 bindings of request throttling policies to published APIs: one policy per API per environment.

Rows ``throttle_binding``: ``strategy_id`` (the policy), ``publish_id``, ``api_id``, ``env_id``,
``scope``, ``apply_time``.
"""
from .publication_bindings import Binding, env_name

# ThrottleForApi (§3.8.5): the policy's own fields, then the binding's.
POLICY_FIELDS = ("id", "name", "remark", "type", "api_call_limits", "user_call_limits", "app_call_limits",
                 "ip_call_limits", "time_interval", "time_unit", "enable_adaptive_control", "bind_num",
                 "is_inclu_special_throttle", "create_time")


def created(tx, row, policy):
    return {k: row[k] for k in ("id", "publish_id", "scope", "strategy_id", "apply_time")}


def bound(tx, row, api, policy):
    return {**api, "throttle_apply_id": row["id"], "apply_time": row["apply_time"], "throttle_name": policy["name"]}


def of_api(tx, row, policy):
    item = {k: policy[k] for k in POLICY_FIELDS if k in policy}
    item.update(env_name=env_name(tx, row["env_id"]), bind_id=row["id"], bind_time=row["apply_time"])
    return item


BINDING = Binding(
    kind="throttle_binding",
    path="throttle-bindings",
    id_param="throttle_binding_id",
    not_found=("APIG.3012", "The request throttling policy binding record does not exist"),
    policy_kind="throttle",
    policy_field="strategy_id",
    policy_query="throttle_id",
    time_field="apply_time",
    # The reference's table says throttle_applies; its example and the SDK throttle_applys.
    created_key="throttle_applys",
    created=created,
    bound_key="apis",
    bound=bound,
    unbound_key="apis",
    other_name="throttle_name",
    of_api_path="binded-throttles",
    of_api_key="throttles",
    of_api=of_api,
    of_api_filters={"throttle_id": "id", "throttle_name": "name"},
    batch_key="throttle_bindings",
    extra={"scope": 1},  # 1: the binding applies to the API in the environment of its publication
)
COLLECTION = BINDING.collection()
register = BINDING.register
