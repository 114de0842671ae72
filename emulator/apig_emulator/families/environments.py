"""§3.2 environments, with the pre-created RELEASE environment of every instance."""
from ..engine import Collection, Guard, new_id, now_iso
from ..errors import ApiError
from ..schema import Field

RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"
RELEASE_NAME = "RELEASE"

_NAME = Field("name", required=True, min_len=3, max_len=64, pattern=r"[A-Za-z][A-Za-z0-9_]*")
_REMARK = Field("remark", max_len=255, default="")


def release_env():
    return {"id": RELEASE_ID, "name": RELEASE_NAME, "remark": "Default environment", "create_time": now_iso()}


def build(values):
    return {"id": new_id(), "name": values["name"], "remark": values["remark"], "create_time": now_iso()}


def _protected():
    return ApiError("APIG.1103", "No permissions to perform operations on this environment")


def on_update(new, old):
    if old["id"] == RELEASE_ID and new["name"] != RELEASE_NAME:
        raise _protected()
    return new


def on_delete(old):
    if old["id"] == RELEASE_ID:
        raise _protected()


COLLECTION = Collection(
    kind="env",
    path="envs",
    id_param="env_id",
    list_key="envs",
    not_found=("APIG.3003", "Environment {id} does not exist"),
    ops=frozenset({"create", "update", "delete", "list"}),
    create=(_NAME, _REMARK),
    update=(_NAME, _REMARK),
    unique=("name",),
    unique_error=("APIG.3205", "The environment name already exists,name:{name}"),
    name_filters={"name": "name"},
    guards=(Guard("publish", "env_id", "APIG.3418", "The environment contains published APIs"),),
    cascade=(("variable", "env_id"), ("api_version", "env_id")),
    build=build,
    on_update=on_update,
    on_delete=on_delete,
)
