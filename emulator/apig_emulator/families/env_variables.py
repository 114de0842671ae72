"""§3.3 environment variables (plus the SDK's PUT, which changes the value only)."""
from ..engine import Collection, new_id
from ..schema import Field

_VALUE = Field("variable_value", required=True, min_len=1, max_len=255, pattern=r"[A-Za-z0-9_\-/.:]+")


def build(values):
    return {"id": new_id(), **values}


COLLECTION = Collection(
    kind="variable",
    path="env-variables",
    id_param="env_variable_id",
    list_key="variables",
    not_found=("APIG.3011", "The environment variable does not exist, id: {id}"),
    create=(_VALUE,
            Field("env_id", required=True, min_len=1, max_len=65),
            Field("group_id", required=True, min_len=1, max_len=65),
            Field("variable_name", required=True, min_len=3, max_len=32, pattern=r"[A-Za-z][A-Za-z0-9_\-]*")),
    update=(_VALUE,),
    unique=("group_id", "env_id", "variable_name"),
    unique_error=("APIG.3303", "The environment variable already exists,name:{name}"),
    references={"group_id": "group", "env_id": "env"},
    exact_filters={"group_id": "group_id", "env_id": "env_id"},
    name_filters={"variable_name": "variable_name"},
    precise_aliases={"name": "variable_name"},
    required_filters=("group_id",),
    build=build,
)
