"""§3.24 gateway instances: create (202, then the progress of §3.24.4), show, update, delete,
public EIP (§3.24.5-6), public egress (§3.24.7-9), availability zones (§3.24.10), list.

Creating and deleting take ``--instance-create-seconds``; the state moves on lazily, whenever a
request looks at the project's instances. ``--instance-create-failures N`` makes the next N
creations end in ``CreateFail`` with ``APIC.9206``, so clients can test their failure path.
"""
import hashlib
import re
import threading
import time

from flask import request

from ..engine import Collection, json_body, list_page, new_id, now_iso, settings, store
from ..errors import ApiError
from ..storage import Scope
from . import environments

FEATURES = ("lts", "gateway_responses", "ratelimit", "request_body_size", "backend_timeout", "app_token",
            "app_api_key", "app_basic", "app_secret", "app_jwt", "public_key", "backend_token_allow", "sign_basic",
            "multi_auth", "backend_client_certificate", "ssl_ciphers", "real_ip_from_xff", "route", "cors")
SPECS = ("BASIC", "PROFESSIONAL", "ENTERPRISE", "PLATINUM", "BASIC_IPV6", "PROFESSIONAL_IPV6", "ENTERPRISE_IPV6",
         "PLATINUM_IPV6")
INSTANCE_LIMIT = 5  # INSTANCE_NUM_LIMIT of §3.23.2; APIC.7400 beyond it
MAINTAIN_HOURS = ("02", "06", "10", "14", "18", "22")
MAX_BANDWIDTH = 2000
# status -> instance_status code (§3.24.11)
STATUS_CODES = {"Creating": 1, "CreateFail": 3, "Running": 6, "Updating": 12, "Deleting": 23}

# RespInstanceBase: what list_instances shows of each instance.
BASE_FIELDS = ("id", "project_id", "instance_name", "status", "instance_status", "type", "spec",
               "create_time", "enterprise_project_id", "eip_address", "charging_mode", "cbc_metadata",
               "loadbalancer_provider")

COLLECTION = Collection(
    kind="instance",
    path="",
    id_param="instance_id",
    list_key="instances",
    not_found=("APIC.7302", "Instance not found"),
    ops=frozenset(),
    exact_filters={"instance_id": "id", "status": "status"},
    name_filters={"instance_name": "instance_name"},
    list_fields=BASE_FIELDS,
)
JOB = "instance_job"  # one row per instance: its creation, for §3.24.4 and the state machine
TASK = "instance_task"  # a deletion or resize under way


def _error(code, msg, status):
    return ApiError(code, msg, status=status)


def _rule(name):
    return _error("APIC.7211", "Parameter value does not match the rules, parameter name[%s]" % name, 400)


def _not_found():
    return COLLECTION.missing_error(None)


def _conflict():
    return _error("APIC.7701", "Instance status conflict", 409)


def _uuid_like(seed, label):
    """A stable VPC-style UUID derived from ``seed``."""
    h = hashlib.md5((label + seed).encode()).hexdigest()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def _address(seed, label):
    """A stable public address for an EIP (or a NAT EIP) id."""
    h = hashlib.md5((label + seed).encode()).digest()
    return "100.%d.%d.%d" % (64 + h[0] % 64, h[1], 1 + h[2] % 254)


def availability_zones(region):
    """§3.24.10: three zones per region; the third has no IPv6 specs."""
    zones = []
    for index, suffix in enumerate("abc"):
        code = region + suffix
        zones.append({
            "name": "AZ%d" % (index + 1), "id": hashlib.md5(("az:" + code).encode()).hexdigest(), "code": code,
            "port": str(8403 + index), "local_name": {"en_us": "AZ%d" % (index + 1), "zh_cn": "可用区%d" % (index + 1)},
            "specs": dict((spec, suffix != "c" or not spec.endswith("_IPV6")) for spec in SPECS)})
    return zones


def _millis():
    return int(time.time() * 1000)


def instance_body(project_id, instance_id, region, values=None):
    """A new instance; ``values`` are the checked fields of a create request (the seed has none)."""
    values = values or {}
    created = _millis()
    created_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created // 1000))
    endpoint_service = {"service_name": "%s.apig.%s" % (region, instance_id[:8]), "created_at": created_at}
    zones = values.get("available_zone_ids") or [region + "a", region + "b"]
    body = {
        "id": instance_id,
        "project_id": project_id,
        "instance_name": values.get("instance_name", "apig-emulator"),
        "status": "Running",
        # The reference's table says instance_statuses, its examples and the SDK instance_status.
        "instance_status": 6,
        "instance_statuses": 6,
        "type": "apig",
        "spec": values.get("spec_id", "PROFESSIONAL"),
        "create_time": created,
        "enterprise_project_id": values.get("enterprise_project_id") or "0",
        "eip_address": "",
        "charging_mode": 0,
        "cbc_metadata": "",
        "loadbalancer_provider": values.get("loadbalancer_provider") or "lvs",
        "description": values.get("description", "Local APIG emulator instance"),
        "vpc_id": values.get("vpc_id") or _uuid_like(instance_id, "vpc"),
        "subnet_id": values.get("subnet_id") or _uuid_like(instance_id, "subnet"),
        "security_group_id": values.get("security_group_id") or _uuid_like(instance_id, "sg"),
        "maintain_begin": values.get("maintain_begin", "22:00:00"),
        "maintain_end": values.get("maintain_end", "02:00:00"),
        "ingress_ip": "192.168.0.100",
        "user_id": hashlib.md5(("user:" + project_id).encode()).hexdigest(),
        "nat_eip_ipv6_cidr": "",
        "eip_ipv6_address": "",
        "nat_eip_address": "",
        "bandwidth_size": 0,
        "available_zone_ids": "[%s]" % ", ".join(zones),
        "instance_version": "2.0",
        "virsubnet_id": values.get("subnet_id") or _uuid_like(instance_id, "subnet"),
        "roma_eip_address": "",
        "listeners": {},
        "supported_features": list(FEATURES),
        "endpoint_service": endpoint_service,
        "endpoint_services": [endpoint_service],
        "node_ips": {"livedata": ["192.168.0.11", "192.168.0.12"], "shubao": ["192.168.0.21", "192.168.0.22"]},
        "publicips": [],
        "privateips": [{"ip_address": "192.168.0.100", "bandwidth_size": 0}],
    }
    _bind_eip(body, values.get("eip_id") or ("seed-eip-" + instance_id if not values else ""))
    _set_egress(body, values.get("bandwidth_size") or 0)
    return body


def _bind_eip(body, eip_id):
    # The instance shows the EIP's address only, never its id (as §3.24.2 and the SDK's model).
    address = _address(eip_id, "eip:") if eip_id else ""
    body.update(eip_address=address,
                publicips=[{"ip_address": address, "bandwidth_size": 5}] if eip_id else [])


def _set_egress(body, bandwidth):
    body.update(bandwidth_size=bandwidth, nat_eip_address=_address(body["id"], "nat:") if bandwidth else "")


def _set_status(body, status):
    body.update(status=status, instance_status=STATUS_CODES[status], instance_statuses=STATUS_CODES[status])


# ---------------------------------------------------------------- the state machine

class _FailureBudget:
    """How many of the next creations fail (``--instance-create-failures``), counted in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.left = None

    def take(self):
        with self.lock:
            if self.left is None:
                self.left = settings().instance_create_failures
            if self.left > 0:
                self.left -= 1
                return True
            return False


FAILURES = _FailureBudget()


def _drop_instance(tx, instance_id):
    """Every row of the instance, whatever its kind (the instance's own resources go with it)."""
    # The Tx API deletes by kind; an instance owns rows of every family, so one scoped statement.
    tx.conn.execute("DELETE FROM resources WHERE project_id = ? AND instance_id = ?",
                    (tx.scope.project_id, instance_id))


def advance(project_id):
    """Finish the project's creations, deletions and resizes whose time has come."""
    now = _millis()
    with store().transaction(Scope(project_id), write=False) as tx:
        due = [(kind, row["id"]) for kind in (JOB, TASK) for row in tx.page(kind, {}, {}, 0, -1)[1]
               if not row.get("done") and row["end_time"] <= now]
    if not due:
        return
    with store().transaction(Scope(project_id)) as tx:
        for kind, instance_id in due:
            job, instance = tx.get(kind, instance_id), tx.get("instance", instance_id)
            if job is None or job.get("done") or instance is None:
                continue
            if kind == JOB:
                _set_status(instance, "CreateFail" if job["error_code"] else "Running")
                tx.replace(JOB, dict(job, done=True))
            elif job["action"] == "delete":
                _drop_instance(tx, instance_id)
                continue
            else:
                instance["spec"] = job["spec_id"]
                _set_status(instance, "Running")
                tx.delete(TASK, instance_id)
            tx.replace("instance", instance)


def _ends(start):
    return start + int(settings().instance_create_seconds * 1000)


def _job(instance_id, fail=False):
    """The creation job, kept for §3.24.4 after it ends."""
    start = _millis()
    return {"id": instance_id, "start_time": start, "end_time": _ends(start), "done": False,
            "error_code": "APIC.9206" if fail else None, "error_msg": "Failed to create the gateway." if fail else None}


def _task(tx, instance_id, action, **extra):
    """A later job on the instance (``delete`` or ``resize``); it replaces the one under way."""
    tx.delete(TASK, instance_id)
    tx.insert(TASK, dict(extra, id=instance_id, action=action, end_time=_ends(_millis())), instance_id=instance_id)


def _progress(job, now):
    if job is None:  # a pre-created instance
        return {"progress": 100, "status": "success", "error_code": None, "error_msg": None}
    if job["done"]:
        failed = bool(job["error_code"])
        return {"progress": 90 if failed else 100, "status": "failed" if failed else "success",
                "error_code": job["error_code"], "error_msg": job["error_msg"]}
    span = max(job["end_time"] - job["start_time"], 1)
    steps = (30, 50, 80, 90)
    step = steps[min(int((now - job["start_time"]) * len(steps) / span), len(steps) - 1)]
    return {"progress": step, "status": "creating", "error_code": None, "error_msg": None}


# ---------------------------------------------------------------- request checks

def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _string(body, name, required=False, pattern=None, max_len=None):
    value = body.get(name)
    if value is None:
        if required:
            raise _rule(_camel(name))
        return None
    if not isinstance(value, str) or (pattern and not re.fullmatch(pattern, value)) or \
            (max_len is not None and len(value) > max_len):
        raise _rule(_camel(name))
    return value


def _maintain_window(body, old=None):
    """(begin, end) from the body, each ``HH:00:00`` with HH in 02/06/.../22, four hours apart."""
    begin, end = body.get("maintain_begin"), body.get("maintain_end")
    if begin is None and end is None:
        return (old or {}).get("maintain_begin", "22:00:00"), (old or {}).get("maintain_end", "02:00:00")
    for name, value in (("maintain_begin", begin), ("maintain_end", end)):
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d\d:00:00", value)):
            raise _rule(_camel(name))
        if value is not None and value[:2] not in MAINTAIN_HOURS:
            raise _error("APIC.7235", "The maintenance time window must start or end with 2, 6, 10, 14, 18, or 22",
                         400)
    if begin is None:
        begin = "%02d:00:00" % ((int(end[:2]) - 4) % 24)
    if end is None:
        end = "%02d:00:00" % ((int(begin[:2]) + 4) % 24)
    if (int(end[:2]) - int(begin[:2])) % 24 != 4:
        raise _error("APIC.7230", "The maintenance time window must be 4 hours", 400)
    return begin, end


NAME_PATTERN = u"[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5-]{2,63}"


def _bandwidth(value, name):
    """A bandwidth in Mbit/s: an integer, or its digits as a string (the SDK sends a string)."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_BANDWIDTH:
        raise _rule(name)
    return value


def _create_values(body, region):
    values = {"instance_name": _string(body, "instance_name", True, NAME_PATTERN)}
    spec = body.get("spec_id")
    if spec is None:
        raise _rule("specId")
    if spec not in SPECS:
        raise _error("APIC.7301", "Instance spec not found", 404)
    values["spec_id"] = spec
    for name in ("vpc_id", "subnet_id", "security_group_id"):
        values[name] = _string(body, name, True, r"[A-Za-z0-9-]{1,64}")
    zones = body.get("available_zone_ids")
    if not zones:
        raise _error("APIC.7238", "An AZ must be specified", 400)
    known = dict((z[key], z) for z in availability_zones(region) for key in ("code", "id"))
    if not isinstance(zones, list) or not all(isinstance(z, str) and z in known for z in zones):
        raise _rule("availableZoneIds")
    if spec.endswith("_IPV6") and not all(known[z]["specs"][spec] for z in zones):
        raise _error("APIC.7312", "The AZ does not support IPv6", 400)
    values["available_zone_ids"] = [known[z]["code"] for z in zones]
    values["description"] = _string(body, "description", max_len=255) or ""
    values["maintain_begin"], values["maintain_end"] = _maintain_window(body)
    values["instance_id"] = _string(body, "instance_id", pattern=r"[A-Za-z0-9-]{1,64}")
    values["eip_id"] = _string(body, "eip_id", pattern=r"[A-Za-z0-9-]{1,64}")
    values["enterprise_project_id"] = _string(body, "enterprise_project_id", pattern=r"[A-Za-z0-9-]{1,64}")
    if body.get("bandwidth_size") is not None:
        values["bandwidth_size"] = _bandwidth(body["bandwidth_size"], "bandwidthSize")
    values["loadbalancer_provider"] = body.get("loadbalancer_provider") or "lvs"
    if values["loadbalancer_provider"] not in ("lvs", "elb"):
        raise _rule("loadbalancerProvider")
    if not isinstance(body.get("ipv6_enable", False), bool):
        raise _rule("ipv6Enable")
    return values


# ---------------------------------------------------------------- views

def _project_instances(tx):
    return tx.page("instance", {}, {}, 0, -1)[1]


def create_instance(project_id):
    body = json_body()
    values = _create_values(body, settings().region)
    instance_id = values.pop("instance_id") or new_id()
    advance(project_id)
    with store().transaction(Scope(project_id)) as tx:
        existing = _project_instances(tx)
        if any(i["id"] == instance_id for i in existing):
            raise _error("APIC.7505", "The gateway ID already exists", 400)
        if any(i["instance_name"] == values["instance_name"] for i in existing):
            raise _error("APIC.7500", "The gateway name already exists", 400)
        if len(existing) >= INSTANCE_LIMIT:
            raise _error("APIC.7400", "Maximum number of gateways reached", 403)
        instance = instance_body(project_id, instance_id, settings().region, values)
        _set_status(instance, "Creating")
        tx.insert("instance", instance, instance_id=instance_id)
        tx.insert(JOB, _job(instance_id, FAILURES.take()), instance_id=instance_id)
        release = environments.release_env()
        tx.insert("env", release, environments.COLLECTION.unique_key(release), instance_id=instance_id)
    job_id = "JOB-" + new_id()
    return {"instance_id": instance_id, "job_id": job_id,
            "message": "JOB_ASSIGNED_FOR_PROVISIONING_0003I:The job %s has been assigned to the instance %s "
                       "for running provisioning." % (job_id, instance_id)}, 202


def _instance_scope(project_id):
    """A write transaction over the project's instances (names are unique per project)."""
    advance(project_id)
    return store().transaction(Scope(project_id))


def _running(tx, instance_id):
    instance = tx.get("instance", instance_id)
    if instance is None:
        raise _not_found()
    if instance["status"] != "Running":
        raise _conflict()
    return instance


def show_instance(project_id, instance_id):
    advance(project_id)
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        return COLLECTION.get_or_404(tx, instance_id)


def list_instances(project_id):
    advance(project_id)
    with store().transaction(Scope(project_id), write=False) as tx:
        return list_page(tx, COLLECTION, request.args)


def update_instance(project_id, instance_id):
    body = json_body()
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        name = _string(body, "instance_name", pattern=NAME_PATTERN)
        if name is not None and name != instance["instance_name"]:
            if any(i["instance_name"] == name for i in _project_instances(tx)):
                raise _error("APIC.7500", "The gateway name already exists", 400)
            instance["instance_name"] = name
        description = _string(body, "description", max_len=255)
        if description is not None:
            instance["description"] = description
        security_group = _string(body, "security_group_id", pattern=r"[A-Za-z0-9-]{1,64}")
        if security_group is not None:
            instance["security_group_id"] = security_group
        instance["maintain_begin"], instance["maintain_end"] = _maintain_window(body, instance)
        tx.replace("instance", instance)
        return instance


def delete_instance(project_id, instance_id):
    with _instance_scope(project_id) as tx:
        instance = COLLECTION.get_or_404(tx, instance_id)
        if instance["status"] == "Deleting":
            raise _conflict()
        _set_status(instance, "Deleting")
        tx.replace("instance", instance)
        _task(tx, instance_id, "delete")
    return "", 204


def show_progress(project_id, instance_id):
    with _instance_scope(project_id) as tx:
        instance = COLLECTION.get_or_404(tx, instance_id)
        job = tx.get(JOB, instance_id)
    progress = _progress(job, _millis())
    progress["start_time"] = job["start_time"] if job else instance["create_time"]
    progress["end_time"] = None if progress["status"] == "creating" else (job or {}).get("end_time",
                                                                                          instance["create_time"])
    return progress


# Editions in size order; an IPv6 edition only grows into another IPv6 edition.
def _size(spec):
    return SPECS.index(spec.replace("_IPV6", "")), spec.endswith("_IPV6")


def resize_instance(project_id, instance_id):
    """The SDK's ``POST ~/postpaid-resize`` (not in the 2022 reference): a larger edition, taking a while."""
    spec = json_body().get("spec_id")
    if spec not in SPECS:
        raise _error("APIC.7301", "Instance spec not found", 404)
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        (old_size, old_v6), (new_size, new_v6) = _size(instance["spec"]), _size(spec)
        if spec == instance["spec"]:
            raise _error("APIC.7707", "Scaling up to the same specifications is not allowed", 409)
        if new_size < old_size or new_v6 != old_v6:
            raise _error("APIC.7243", "Scale-up is not supported by this edition", 400)
        _set_status(instance, "Updating")
        tx.replace("instance", instance)
        _task(tx, instance_id, "resize", spec_id=spec)
    job_id = "JOB-" + new_id()
    return {"instance_id": instance_id, "job_id": job_id,
            "message": "The job %s has been assigned to the instance %s for resizing." % (job_id, instance_id)}


def bind_eip(project_id, instance_id):
    body = json_body()
    eip_id = body.get("eip_id")
    if not isinstance(eip_id, str) or not re.fullmatch(r"[A-Za-z0-9-]{1,64}", eip_id):
        raise _rule("eip_id")
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        _bind_eip(instance, eip_id)
        tx.replace("instance", instance)
    return {"eip_id": eip_id, "eip_address": instance["eip_address"], "eip_status": "ACTIVE",
            "eip_ipv6_address": instance["eip_ipv6_address"]}


def unbind_eip(project_id, instance_id):
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        _bind_eip(instance, "")
        tx.replace("instance", instance)
    return "", 204


def _egress_bandwidth(failure_code, failure_msg):
    value = (json_body() if request.get_data() else {}).get("bandwidth_size", "5")
    try:
        bandwidth = _bandwidth(value, "bandwidth_size")
    except ApiError:
        raise _error(failure_code, failure_msg, 400) from None
    if bandwidth < 1:
        raise _error(failure_code, failure_msg, 400)
    return bandwidth


def enable_egress(project_id, instance_id):
    bandwidth = _egress_bandwidth("APIC.9210", "create cloud nat eip failed")
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        if instance["nat_eip_address"]:
            raise _error("APIC.7709", "Public network access is enabled for the gateway", 409)
        _set_egress(instance, bandwidth)
        tx.replace("instance", instance)
    return instance, 201


def update_egress(project_id, instance_id):
    bandwidth = _egress_bandwidth("APIC.9211", "update bandwidth size failed")
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        if not instance["nat_eip_address"]:
            raise _error("APIC.9211", "update bandwidth size failed", 400)
        _set_egress(instance, bandwidth)
        tx.replace("instance", instance)
    return instance


def disable_egress(project_id, instance_id):
    with _instance_scope(project_id) as tx:
        instance = _running(tx, instance_id)
        _set_egress(instance, 0)
        tx.replace("instance", instance)
    return "", 204


def list_zones(project_id):
    return {"available_zones": availability_zones(settings().region)}


def register(blueprint):
    base = "/v2/<project_id>/apigw/instances"
    one = base + "/<instance_id>"
    for rule, view, method in (
            (base, list_instances, "GET"), (base, create_instance, "POST"),
            (one, show_instance, "GET"), (one, update_instance, "PUT"), (one, delete_instance, "DELETE"),
            (one + "/progress", show_progress, "GET"), (one + "/postpaid-resize", resize_instance, "POST"),
            (one + "/eip", bind_eip, "PUT"), (one + "/eip", unbind_eip, "DELETE"),
            (one + "/nat-eip", enable_egress, "POST"), (one + "/nat-eip", update_egress, "PUT"),
            (one + "/nat-eip", disable_egress, "DELETE"),
            ("/v2/<project_id>/apigw/available-zones", list_zones, "GET")):
        blueprint.add_url_rule(rule, endpoint="instance_%s" % view.__name__, view_func=view, methods=[method])
