"""§3.24.2 show instance and §3.24.11 list instances, for the pre-created instance of each project."""
import hashlib
import time

from flask import request

from ..engine import Collection, list_page, store
from ..storage import Scope

FEATURES = ("lts", "gateway_responses", "ratelimit", "request_body_size", "backend_timeout", "app_token",
            "app_api_key", "app_basic", "app_secret", "app_jwt", "public_key", "backend_token_allow", "sign_basic",
            "multi_auth", "backend_client_certificate", "ssl_ciphers", "real_ip_from_xff", "route", "cors")

# RespInstanceBase: what list_instances shows of each instance.
BASE_FIELDS = ("id", "project_id", "instance_name", "status", "instance_status", "instance_statuses", "type", "spec",
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


def _uuid_like(seed, label):
    """A stable VPC-style UUID derived from the instance id."""
    h = hashlib.md5((label + seed).encode()).hexdigest()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def instance_body(project_id, instance_id, region):
    created = int(time.time() * 1000)
    created_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created // 1000))
    endpoint_service = {"service_name": "%s.apig.%s" % (region, instance_id[:8]), "created_at": created_at}
    return {
        "id": instance_id,
        "project_id": project_id,
        "instance_name": "apig-emulator",
        "status": "Running",
        # The reference's table says instance_statuses, its examples and the SDK instance_status.
        "instance_status": 6,
        "instance_statuses": 6,
        "type": "apig",
        "spec": "PROFESSIONAL",
        "create_time": created,
        "enterprise_project_id": "0",
        "eip_address": "100.95.155.221",
        "charging_mode": 0,
        "cbc_metadata": "",
        "loadbalancer_provider": "lvs",
        "description": "Local APIG emulator instance",
        "vpc_id": _uuid_like(instance_id, "vpc"),
        "subnet_id": _uuid_like(instance_id, "subnet"),
        "security_group_id": _uuid_like(instance_id, "sg"),
        "maintain_begin": "22:00:00",
        "maintain_end": "02:00:00",
        "ingress_ip": "192.168.0.100",
        "user_id": hashlib.md5(("user:" + project_id).encode()).hexdigest(),
        "nat_eip_ipv6_cidr": "",
        "eip_ipv6_address": "",
        "nat_eip_address": "",
        "bandwidth_size": 5,
        "available_zone_ids": "[%sa, %sb]" % (region, region),
        "instance_version": "2.0",
        "virsubnet_id": _uuid_like(instance_id, "subnet"),
        "roma_eip_address": "",
        "listeners": {},
        "supported_features": list(FEATURES),
        "endpoint_service": endpoint_service,
        "endpoint_services": [endpoint_service],
        "node_ips": {"livedata": ["192.168.0.11", "192.168.0.12"], "shubao": ["192.168.0.21", "192.168.0.22"]},
        "publicips": [{"ip_address": "100.95.155.221", "bandwidth_size": 5}],
        "privateips": [{"ip_address": "192.168.0.100", "bandwidth_size": 0}],
    }


def show_instance(project_id, instance_id):
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        return COLLECTION.get_or_404(tx, instance_id)


def list_instances(project_id):
    with store().transaction(Scope(project_id), write=False) as tx:
        return list_page(tx, COLLECTION, request.args)


def register(blueprint):
    blueprint.add_url_rule("/v2/<project_id>/apigw/instances", endpoint="instance_list",
                           view_func=list_instances, methods=["GET"])
    blueprint.add_url_rule("/v2/<project_id>/apigw/instances/<instance_id>", endpoint="instance_show",
                           view_func=show_instance, methods=["GET"])
