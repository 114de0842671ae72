"""§3.18 VPC channels and their members (backend instances).

A channel is a ``vpc_channel`` row (its health check inside); each member is a ``vpc_member``
row whose ``vpc_channel_id`` (and storage ``parent_id``) names its channel. A member's identity
is its address: ``host`` for ``ip`` channels, ``ecs_id`` for ``ecs`` ones. Adding a member whose
address is already in the channel updates it (the SDK's description of §3.18.6); a request
naming one address twice uses the first definition. ``PUT`` replaces the member list, keeping
the ids of addresses that stay.
"""
import re
from contextlib import contextmanager

from flask import request

from ..engine import PREFIX, Collection, Guard, json_body, new_id, now_iso, paging, require_instance, store
from ..errors import ApiError, invalid, missing, param_error
from ..schema import Field, validate
from ..storage import IntegrityError, Scope

MAX_CHANNELS = 30        # "每个用户最多创建30个VPC通道" (§3.18.1)
MAX_MEMBERS = 200        # VPC_INSTANCE_NUM_LIMIT; the reference names the quota, not its value
NAME_PATTERN = r"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5\-_]*"
HTTP_CODE = re.compile(r"(\d{3})(?:-(\d{3}))?")

_MEMBER = (
    Field("host", max_len=64, default=""),
    Field("weight", int, default=0),          # 0..10000, checked with the reference's APIG.2004
    Field("is_backup", bool, default=False),
    Field("member_group_name", default=""),
    Field("status", int, enum=(1, 2), default=1),
    Field("port", int, minimum=0, maximum=65535),
    Field("ecs_id", min_len=1, max_len=64, pattern=r"[A-Za-z0-9\-_]+"),
    Field("ecs_name", min_len=1, max_len=64, pattern=r"[A-Za-z0-9\u4e00-\u9fa5\-_.]+"),
)
_HEALTH = (
    # The reference's own example sends "http": the protocol is matched without case.
    Field("protocol", required=True, enum=("TCP", "HTTP", "HTTPS", "tcp", "http", "https")),
    Field("path", max_len=512, default=""),
    Field("method", enum=("GET", "HEAD"), default="GET"),
    Field("port", int, minimum=1, maximum=65535),
    Field("threshold_normal", int, required=True, minimum=2, maximum=10),
    Field("threshold_abnormal", int, required=True, minimum=2, maximum=10),
    Field("time_interval", int, required=True, minimum=5, maximum=300),
    Field("http_code", default=""),
    Field("enable_client_ssl", bool, default=False),
    Field("status", int, enum=(1, 2), default=1),
    Field("timeout", int, required=True, minimum=2, maximum=30),
)
FIELDS = (
    Field("name", required=True, min_len=3, max_len=64, pattern=NAME_PATTERN),
    Field("type", int, enum=(1, 2), default=2),
    Field("port", int, minimum=1, maximum=65535),
    Field("balance_strategy", int, enum=(1, 2, 3, 4), default=1),
    # The reference's list example shows "instance" too, an older spelling of "ecs".
    Field("member_type", enum=("ip", "ecs", "instance"), default="ecs"),
    Field("vpc_channel_type", enum=("builtin",), default="builtin"),
    Field("dict_code", max_len=64, default=""),
    Field("members", list, required=True, fields=_MEMBER),
    Field("vpc_health_config", dict, fields=_HEALTH),
)
CHANNEL_INFO = ("name", "port", "balance_strategy", "member_type", "type", "vpc_channel_type", "dict_code",
                "create_time", "id", "status", "member_groups")


def _address(channel, member):
    return member["host"] if channel["member_type"] == "ip" else member.get("ecs_id")


def _check_members(members, member_type, label="members"):
    """The rules of each member; the first definition of an address wins."""
    unique = {}
    for i, member in enumerate(members):
        where = "%s[%d]" % (label, i)
        if not 0 <= member["weight"] <= 10000:
            raise param_error("APIG.2004", "The parameter value is outside the allowable range", "weight")
        key_field = "host" if member_type == "ip" else "ecs_id"
        if not member.get(key_field):
            raise missing("%s.%s" % (where, key_field))
        unique.setdefault(member[key_field], member)
    return list(unique.values())


def _check_health(config, port):
    if config["time_interval"] <= config["timeout"]:
        raise invalid("vpc_health_config.time_interval", "APIG.2011")
    if config["protocol"].upper() in ("HTTP", "HTTPS"):
        for name in ("path", "http_code"):
            if not config[name]:
                raise missing("vpc_health_config." + name)
        for part in config["http_code"].split(","):
            match = HTTP_CODE.fullmatch(part)
            codes = [int(c) for c in match.groups() if c] if match else []
            if not codes or not all(100 <= c <= 599 for c in codes) or codes != sorted(codes):
                raise invalid("vpc_health_config.http_code", "APIG.2011")
    if config["port"] is None:
        config["port"] = port  # "缺省时为VPC中主机的端口号"


def _channel_values(body):
    """Validated channel fields and its unique members, with the rules between fields."""
    values = validate(FIELDS, body, "APIG.2011")
    if values["type"] == 2:
        if values["port"] is None:
            raise missing("port")
        if values["vpc_health_config"] is None:
            raise missing("vpc_health_config")
    if values["type"] == 1 and len(values["members"]) != 1:
        raise invalid("members", "APIG.2011")  # "类型为1时，有且仅有1个后端实例"
    if values["vpc_health_config"] is not None:
        _check_health(values["vpc_health_config"], values["port"])
    members = _check_members(values.pop("members"), values["member_type"])
    if len(members) > MAX_MEMBERS:
        raise _member_quota()
    return values, members


def _member_quota():
    return ApiError("APIG.3110", "The number of cloud servers in the VPC channel exceeds the maximum allowed limit")


def _health_row(config, channel_id, old=None):
    if config is None:
        return None
    born = old or {"id": new_id(), "create_time": now_iso()}
    return {**config, "vpc_channel_id": channel_id, "id": born["id"], "create_time": born["create_time"]}


def members_of(tx, channel_id):
    return tx.page("vpc_member", {}, {}, 0, -1, parent_id=channel_id)[1]


def _put_members(tx, channel, members, replace=False):
    """Add ``members`` (update those whose address exists); with ``replace`` drop the others."""
    existing = {_address(channel, m): m for m in members_of(tx, channel["id"])}
    wanted = set()
    for member in members:
        address = _address(channel, member)
        wanted.add(address)
        old = existing.get(address)
        row = {k: v for k, v in member.items() if v is not None}
        row.update(vpc_channel_id=channel["id"], member_group_id="",
                   id=old["id"] if old else new_id(), create_time=old["create_time"] if old else now_iso())
        if old:
            tx.replace("vpc_member", row)
        else:
            tx.insert("vpc_member", row, parent_id=channel["id"])
    if replace:
        for address, old in existing.items():
            if address not in wanted:
                tx.delete("vpc_member", old["id"])
    count = len(members_of(tx, channel["id"]))
    if count > (1 if channel["type"] == 1 else MAX_MEMBERS):
        raise _member_quota()


def render(tx, channel):
    """The detail: the channel with its members and health check (§3.18.4)."""
    return {**channel, "members": members_of(tx, channel["id"])}


def _store_channel(tx, write, channel):
    try:
        write("vpc_channel", channel, COLLECTION.unique_key(channel))
    except IntegrityError:
        raise ApiError("APIG.3208", "The VPC channel name already exists,name:%s" % channel["name"]) from None


def create_channel(project_id, instance_id):
    body = json_body()
    with store().transaction(Scope(project_id, instance_id)) as tx:
        require_instance(tx)
        values, members = _channel_values(body)
        if tx.page("vpc_channel", {}, {}, 0, 1)[0] >= MAX_CHANNELS:
            raise ApiError("APIG.3109", "The number of VPC channels exceeds the maximum allowed limit")
        channel = {**values, "id": new_id(), "create_time": now_iso(), "status": 1, "member_groups": []}
        channel["vpc_health_config"] = _health_row(values["vpc_health_config"], channel["id"])
        _store_channel(tx, tx.insert, channel)
        _put_members(tx, channel, members)
        return render(tx, channel), 201


def update_channel(project_id, instance_id, vpc_channel_id):
    body = json_body()
    with store().transaction(Scope(project_id, instance_id)) as tx:
        require_instance(tx)
        old = COLLECTION.get_or_404(tx, vpc_channel_id)
        values, members = _channel_values(body)
        # "修改负载通道时vpc通道类型不会修改": the type stays the channel's own.
        channel = {**old, **values, "type": old["type"]}
        channel["vpc_health_config"] = _health_row(values["vpc_health_config"], old["id"], old["vpc_health_config"])
        _store_channel(tx, tx.replace, channel)
        _put_members(tx, channel, members, replace=True)
        return render(tx, channel)


@contextmanager
def _channel(project_id, instance_id, vpc_channel_id, write=True):
    """A transaction and the channel the member routes work on."""
    with store().transaction(Scope(project_id, instance_id), write=write) as tx:
        require_instance(tx)
        yield tx, COLLECTION.get_or_404(tx, vpc_channel_id)


def _member_page(tx, channel_id, args):
    offset, limit = paging(args)
    exact, loose = {}, {}
    name = args.get("name")
    if name:
        precise = "name" in [p.strip() for p in args.get("precise_search", "").split(",")]
        (exact if precise else loose)["ecs_name"] = name
    total, items = tx.page("vpc_member", exact, loose, offset, limit, parent_id=channel_id)
    return {"size": len(items), "total": total, "members": items}


def add_members(project_id, instance_id, vpc_channel_id):
    body = json_body()
    with _channel(project_id, instance_id, vpc_channel_id) as (tx, channel):
        values = validate((Field("members", list, required=True, fields=_MEMBER),), body, "APIG.2011")
        _put_members(tx, channel, _check_members(values["members"], channel["member_type"]))
        members = members_of(tx, channel["id"])
        return {"size": len(members), "total": len(members), "members": members}, 201


def list_members(project_id, instance_id, vpc_channel_id):
    with _channel(project_id, instance_id, vpc_channel_id, write=False) as (tx, channel):
        return _member_page(tx, channel["id"], request.args)


def delete_member(project_id, instance_id, vpc_channel_id, member_id):
    with _channel(project_id, instance_id, vpc_channel_id) as (tx, channel):
        if tx.get("vpc_member", member_id, parent_id=channel["id"]) is None:
            raise ApiError("APIG.3024", "The VPC instance does not exist,id:%s" % member_id)
        tx.delete("vpc_member", member_id)
    return "", 204


_IN_USE = "The VPC channel is already being used by another API"
# An API names its channel in backend_api and in each HTTP policy backend (at most 5 policies
# per API by default, API_POLICY_NUM_LIMIT); guards match one JSON path each.
_GUARDS = (Guard("api", "backend_api.vpc_channel_info.vpc_channel_id", "APIG.3414", _IN_USE),) + tuple(
    Guard("api", "policy_https[%d].vpc_channel_info.vpc_channel_id" % i, "APIG.3414", _IN_USE) for i in range(5))

COLLECTION = Collection(
    kind="vpc_channel",
    path="vpc-channels",
    id_param="vpc_channel_id",
    list_key="vpc_channels",
    not_found=("APIG.3023", "The VPC channel does not exist,id:{id}"),
    ops=frozenset({"show", "delete", "list"}),   # create and update are below: they write member rows
    unique=("name",),
    unique_error=("APIG.3208", "The VPC channel name already exists,name:{name}"),
    exact_filters={"id": "id", "vpc_channel_type": "vpc_channel_type"},
    name_filters={"name": "name"},
    joins={"member_host": ("vpc_member", "host", "vpc_channel_id")},
    list_fields=CHANNEL_INFO,
    guards=_GUARDS,
    cascade=(("vpc_member", "vpc_channel_id"),),
    render=render,
)


def register(blueprint):
    base = PREFIX + "/vpc-channels"
    for rule, view, methods in (
            ("", create_channel, ["POST"]),
            ("/<vpc_channel_id>", update_channel, ["PUT"]),
            ("/<vpc_channel_id>/members", add_members, ["POST"]),
            ("/<vpc_channel_id>/members", list_members, ["GET"]),
            ("/<vpc_channel_id>/members/<member_id>", delete_member, ["DELETE"])):
        blueprint.add_url_rule(base + rule, endpoint="vpc_" + view.__name__, view_func=view, methods=methods)
