"""§3.15 bindings of ACL policies to published APIs: one ACL of each type (PERMIT, DENY) per API
per environment.

Rows ``acl_binding``: ``acl_id``, ``publish_id``, ``api_id``, ``env_id``, ``create_time``.
"""
from .publication_bindings import Binding, env_name

def created(tx, row, policy):
    return {k: row[k] for k in ("id", "api_id", "env_id", "acl_id", "create_time")}


def bound(tx, row, api, policy):
    return {"api_id": api["id"], "api_name": api["name"], "api_type": api["type"], "api_remark": api["remark"],
            "env_id": api["run_env_id"], "env_name": api["run_env_name"], "bind_id": row["id"],
            "group_name": api["group_name"], "bind_time": row["create_time"], "publish_id": row["publish_id"],
            "req_method": api["req_method"], "tags": api["tags"]}


def of_api(tx, row, policy):
    item = {"acl_id": policy["id"], "acl_name": policy["acl_name"], "entity_type": policy["entity_type"],
            "acl_type": policy["acl_type"], "acl_value": policy["acl_value"]}
    item.update(env_id=row["env_id"], env_name=env_name(tx, row["env_id"]), bind_id=row["id"],
                bind_time=row["create_time"])
    return item


BINDING = Binding(
    kind="acl_binding",
    path="acl-bindings",
    id_param="acl_bindings_id",
    not_found=("APIG.3010", "The access control policy binding record does not exist"),
    policy_kind="acl",
    policy_field="acl_id",
    policy_query="acl_id",
    time_field="create_time",
    created_key="acl_bindings",
    created=created,
    bound_key="apis",
    bound=bound,
    unbound_key="apis",
    other_name="acl_name",
    of_api_path="binded-acls",
    of_api_key="acls",
    of_api=of_api,
    of_api_filters={"acl_id": "acl_id", "acl_name": "acl_name", "env_name": "env_name"},
    excludes=lambda acl, other: acl["acl_type"] == other["acl_type"],
    batch_key="acl_bindings",
)
COLLECTION = BINDING.collection()
register = BINDING.register
