"""§3.1 API groups."""
from ..engine import Collection, Guard, new_id, now_iso, settings
from ..schema import Field

# Letters, digits, CJK, - _ . / ( ) （ ） : ： 、 ; must start with a letter, CJK or digit.
NAME_PATTERN = r"[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5\-_./()（）:：、]*"

_NAME = Field("name", required=True, min_len=3, max_len=255, pattern=NAME_PATTERN)
_REMARK = Field("remark", max_len=1000, default="")


def build(values):
    gid = new_id()
    now = now_iso()
    domain = "%s.apic.%s.huaweicloudapis" % (gid, settings().region)
    return {
        "id": gid,
        "name": values["name"],
        "status": 1,
        "sl_domain": domain + ".com",
        "register_time": now,
        "update_time": now,
        "on_sell_status": 2,
        "url_domains": [],
        "sl_domain_access_enabled": True,
        "sl_domains": [domain + ".com", domain + ".cn"],
        "remark": values["remark"],
        "is_default": 2,
        "version": values["version"],
        "roma_app_id": values["roma_app_id"],
        "roma_app_name": "",
    }


def touch(new, old):
    return {**new, "update_time": now_iso()}


COLLECTION = Collection(
    kind="group",
    path="api-groups",
    id_param="group_id",
    list_key="groups",
    not_found=("APIG.3001", "API group {id} does not exist"),
    create=(_NAME, _REMARK,
            Field("roma_app_id", default=""),
            Field("version", enum=("V1", "V2"), default="V1")),
    update=(_NAME, _REMARK),
    create_invalid="APIG.2011",
    unique=("name",),
    unique_error=("APIG.3201", "The API group name already exists,name:{name}"),
    exact_filters={"id": "id"},
    name_filters={"name": "name"},
    guards=(Guard("api", "group_id", "APIG.3415", "The API group cannot be deleted because it contains APIs"),),
    cascade=(("variable", "group_id"), ("domain", "group_id"), ("gateway_response", "group_id")),
    build=build,
    on_update=touch,
)
