"""§3.16 custom authorizers (FunctionGraph functions that authorize front-end or backend calls).

An authorizer's ``type`` can't change (§3.16.2). The APIs family looks authorizers up by id
(kind ``authorizer``).
"""
from ..engine import Collection, new_id, now_iso
from ..errors import invalid, param_error
from ..schema import Field
from .apis import NAME_PATTERN, PARAM_NAME_PATTERN

_IDENTITY = (
    Field("name", required=True, min_len=1, max_len=32, pattern=PARAM_NAME_PATTERN),
    Field("location", required=True, enum=("HEADER", "QUERY")),
    Field("validation", max_len=1024, default=""),
)
_AUTHORIZER = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("type", required=True, enum=("FRONTEND", "BACKEND")),
    Field("authorizer_type", required=True, enum=("FUNC",)),
    Field("authorizer_uri", required=True, min_len=1, max_len=255),
    Field("network_type", enum=("V1", "V2"), default="V1"),
    Field("authorizer_version", max_len=64, default=""),
    Field("authorizer_alias_uri", max_len=255, default=""),
    Field("identities", list, fields=_IDENTITY, default=[]),
    Field("ttl", int, minimum=0, maximum=3600, default=0),
    Field("user_data", max_len=2048, default=""),
    Field("ld_api_id", max_len=64, default=""),
    Field("need_body", bool, default=False),
)


def check_rules(tx, new, old):
    if old is not None and new["type"] != old["type"]:
        raise invalid("type", "APIG.2011")
    seen = set()
    for index, identity in enumerate(new["identities"]):
        key = (identity["location"], identity["name"])
        if key in seen:
            raise param_error("APIG.3212", "The identity source name already exists",
                              "identities[%d].name" % index)
        seen.add(key)


def build(values):
    return {"id": new_id(), **values, "create_time": now_iso(), "roma_app_id": "", "roma_app_name": ""}


COLLECTION = Collection(
    kind="authorizer",
    path="authorizers",
    id_param="authorizer_id",
    list_key="authorizer_list",
    not_found=("APIG.3081", "authorizer with id: {id} not found"),
    create=_AUTHORIZER,
    update=_AUTHORIZER,
    create_invalid="APIG.2011",
    update_invalid="APIG.2011",
    unique=("name",),
    unique_error=("APIG.3211", "The authorizer name already exists,name:{name}"),
    exact_filters={"id": "id", "type": "type"},
    name_filters={"name": "name"},
    check=check_rules,
    build=build,
)
