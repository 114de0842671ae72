"""§3.7 bindings of signature keys to published APIs: one key per API per environment.

Rows ``signature_binding``: ``sign_id``, ``publish_id``, ``api_id``, ``env_id``, ``binding_time``.
"""
from .publication_bindings import Binding


def bound(tx, row, api, policy):
    """SignApiBindingBase: the binding as the key's list of APIs shows it."""
    return {"publish_id": row["publish_id"], "api_id": api["id"], "group_name": api["group_name"],
            "binding_time": row["binding_time"], "env_id": api["run_env_id"], "env_name": api["run_env_name"],
            "api_type": api["type"], "api_name": api["name"], "id": row["id"], "api_remark": api["remark"],
            "sign_id": policy["id"], "sign_name": policy["name"], "req_method": api["req_method"],
            "tags": api["tags"]}


def with_key(tx, row, policy):
    """SignApiBindingInfo: the binding with the key itself (the bind answer and an API's keys)."""
    api = tx.get("api", row["api_id"])
    group = tx.get("group", api["group_id"]) or {}
    env = tx.get("env", row["env_id"]) or {}
    view = {"id": api["id"], "name": api["name"], "type": api["type"], "remark": api["remark"],
            "group_name": group.get("name", ""), "run_env_id": row["env_id"], "run_env_name": env.get("name", ""),
            "req_method": api["req_method"], "tags": api["tags"]}
    return {**bound(tx, row, view, policy), "sign_key": policy.get("sign_key", ""),
            "sign_secret": policy.get("sign_secret", ""), "sign_type": policy.get("sign_type", "hmac")}


BINDING = Binding(
    kind="signature_binding",
    path="sign-bindings",
    id_param="sign_bindings_id",
    not_found=("APIG.3018", "The signature key binding record does not exist"),
    policy_kind="signature",
    policy_field="sign_id",
    policy_query="sign_id",
    time_field="binding_time",
    created_key="bindings",
    created=with_key,
    bound_key="bindings",
    bound=bound,
    unbound_key="apis",
    other_name="signature_name",
    of_api_path="binded-signs",
    of_api_key="bindings",
    of_api=with_key,
    of_api_filters={"sign_id": "sign_id", "sign_name": "sign_name"},
)
COLLECTION = BINDING.collection()
register = BINDING.register
