"""The gateway itself through the SDK's typed requests: instances (§3.24), features (§3.22),
quotas (§3.23), tags (§3.21) and statistics (§3.19).

This module's emulator creates and deletes instances in half a second, fails its first instance
creation, and lets a feature be set again after one second instead of a minute.
"""
import json
import time

import pytest
from apig_wire import INSTANCE, INSTANCE_BASE, INSTANCE_BASE_REQUIRED, INSTANCE_REQUIRED, MISSING_ID, api_error, \
    check_fields, check_response, sdk_dict, unique
from huaweicloudsdkapig.v2 import AddEipV2Request, AddEngressEipV2Request, ApiDebugInfo, \
    CreatePostPayResizeOrderRequest, ResizeInstanceReq, \
    CreateFeatureV2Request, CreateInstanceV2Request, DebugApiV2Request, DeleteInstancesV2Request, EipBindReq, \
    FeatureToggle, InstanceCreateReq, InstanceModReq, ListAvailableZonesV2Request, ListFeaturesV2Request, \
    ListInstanceConfigsV2Request, ListInstancesV2Request, ListLatelyApiStatisticsV2Request, \
    ListLatelyGroupStatisticsV2Request, ListProjectCofigsV2Request, ListTagsV2Request, ApiMockCreate, OpenEngressEipReq, \
    RemoveEipV2Request, RemoveEngressEipV2Request, ShowDetailsOfInstanceProgressV2Request, \
    ShowDetailsOfInstanceV2Request, UpdateEngressEipV2Request, UpdateInstanceV2Request

LIST_ENVELOPE = ({"total": int, "size": int}, ("total", "size", "instances"))
CREATE_SECONDS = 0.5
PROGRESS = {"progress": int, "status": str, "error_code": str, "error_msg": str, "start_time": int, "end_time": int}
EIP = {"eip_id": str, "eip_address": str, "eip_status": str, "eip_ipv6_address": str}
ZONE = {"name": str, "id": str, "code": str, "port": str, "local_name": {"en_us": str, "zh_cn": str}, "specs": dict}
FEATURE = {"id": str, "name": str, "enable": bool, "config": str, "instance_id": str, "update_time": "time"}
QUOTA = {"config_id": str, "config_name": str, "config_value": str, "config_time": "time", "remark": str,
         "used": int}
STATISTICS_GROUP = {"max_latency": int, "avg_latency": float, "req_count": int, "req_count2xx": int,
                    "req_count4xx": int, "req_count5xx": int, "req_count_error": int, "output_throughput": int,
                    "input_throughput": int, "current_minute": int, "group_id": str, "provider": str}
STATISTICS_API = dict(STATISTICS_GROUP, max_inner_latency=int, avg_inner_latency=float, max_backend_latency=int,
                      avg_backend_latency=float, cycle=str, api_id=str, status=int)


@pytest.fixture(scope="module")
def module_emulator(make_emulator):
    return make_emulator("--instance-create-seconds", str(CREATE_SECONDS), "--instance-create-failures", "1",
                         "--feature-interval", "1")


def _create_body(name, **extra):
    return InstanceCreateReq(instance_name=name, spec_id="BASIC", vpc_id="vpc-1", subnet_id="subnet-1",
                             security_group_id="sg-1", available_zone_ids=["cn-north-4a"], **extra)


def _progress(sdk, instance_id):
    return sdk.show_details_of_instance_progress_v2(ShowDetailsOfInstanceProgressV2Request(instance_id=instance_id))


def _wait_done(sdk, instance_id):
    deadline = time.time() + 10
    while time.time() < deadline:
        progress = _progress(sdk, instance_id)
        if progress.status != "creating":
            return progress
        time.sleep(0.1)
    raise AssertionError("instance %s still creating" % instance_id)


def _wait_gone(sdk, instance_id):
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
        except Exception as error:  # pylint: disable=broad-except
            assert getattr(error, "error_code", None) == "APIC.7302", str(error)
            return
        time.sleep(0.1)
    raise AssertionError("instance %s not deleted" % instance_id)


@pytest.fixture(scope="module")
def failed_id(sdk):
    """The module's first creation, which the emulator was told to fail."""
    response = sdk.create_instance_v2(CreateInstanceV2Request(body=_create_body(unique("failing"))))
    return response.instance_id


@pytest.fixture(scope="module")
def created(sdk, failed_id):
    """A second instance: created through the full asynchronous cycle, deleted at the end."""
    name = unique("gw")
    response = sdk.create_instance_v2(CreateInstanceV2Request(body=_create_body(
        name, description="made by the SDK", maintain_begin="06:00:00", eip_id="eip-1", bandwidth_size=7,
        enterprise_project_id="ep-1")))
    assert response.status_code == 202
    assert _wait_done(sdk, response.instance_id).status == "success"
    yield response.instance_id, name
    sdk.delete_instances_v2(DeleteInstancesV2Request(instance_id=response.instance_id))
    _wait_gone(sdk, response.instance_id)


# ---------------------------------------------------------------- §3.24 instances

def test_show_instance_has_every_documented_field(sdk, wire, module_emulator):
    response = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=module_emulator.instance_id))
    assert response.status_code == 200
    raw = check_response(response, INSTANCE, INSTANCE_REQUIRED)
    assert (raw["id"], raw["project_id"]) == (module_emulator.instance_id, module_emulator.project_id)
    assert (raw["status"], raw["instance_status"]) == ("Running", 6)
    # The reference's tables spell it "instance_statuses"; if that spelling is served too, it must agree.
    assert raw.get("instance_statuses", 6) == 6
    # create_time is documented as a long: epoch milliseconds, not a timestamp string.
    assert raw["create_time"] > 10 ** 12
    check_fields(INSTANCE, INSTANCE_REQUIRED, wire.get_json(""), sdk_dict(response))


def test_show_unknown_instance_is_apic_7302(sdk):
    with api_error(404, "APIC.7302"):
        sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=MISSING_ID))


def test_list_instances_contains_the_emulator_instance(sdk, wire, module_emulator):
    response = sdk.list_instances_v2(ListInstancesV2Request())
    assert response.status_code == 200
    raw = check_response(response, *LIST_ENVELOPE)
    assert raw["size"] == len(raw["instances"]) <= raw["total"]
    for index, item in enumerate(raw["instances"]):
        check_fields(INSTANCE_BASE, INSTANCE_BASE_REQUIRED, item, sdk_dict(response.instances[index]),
                     "instances[%d]" % index)
    assert module_emulator.instance_id in [i["id"] for i in raw["instances"]]
    assert wire.get_json("/instances", project_level=True) == raw


def test_list_instances_filters_and_paging(sdk, module_emulator):
    mine = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=module_emulator.instance_id))
    by_id = sdk.list_instances_v2(ListInstancesV2Request(instance_id=mine.id))
    assert [(i.id, i.instance_name) for i in by_id.instances] == [(mine.id, mine.instance_name)]
    by_name = sdk.list_instances_v2(ListInstancesV2Request(instance_name=mine.instance_name))
    assert mine.id in [i.id for i in by_name.instances]
    by_status = sdk.list_instances_v2(ListInstancesV2Request(status="Running"))
    assert mine.id in [i.id for i in by_status.instances]
    assert sdk.list_instances_v2(ListInstancesV2Request(instance_id=MISSING_ID)).total == 0

    everything = sdk.list_instances_v2(ListInstancesV2Request(limit=500))
    first = sdk.list_instances_v2(ListInstancesV2Request(offset=0, limit=1))
    past_end = sdk.list_instances_v2(ListInstancesV2Request(offset=everything.total, limit=1))
    assert (first.total, first.size) == (everything.total, 1)
    assert (past_end.total, past_end.size, past_end.instances) == (everything.total, 0, [])


def test_forced_creation_failure_reports_its_code(sdk, failed_id):
    progress = _wait_done(sdk, failed_id)
    raw = check_response(progress, PROGRESS, ("progress", "status", "start_time"))
    assert (raw["status"], raw["error_code"]) == ("failed", "APIC.9206")
    assert raw["end_time"] >= raw["start_time"]
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=failed_id))
    assert (shown.status, shown.instance_status) == ("CreateFail", 3)
    sdk.delete_instances_v2(DeleteInstancesV2Request(instance_id=failed_id))
    _wait_gone(sdk, failed_id)


def test_create_moves_through_progress_to_running(sdk, wire, failed_id):
    name = unique("progress")
    response = sdk.create_instance_v2(CreateInstanceV2Request(body=_create_body(name)))
    raw = json.loads(response.raw_content)
    assert set(raw) == {"instance_id", "message", "job_id"} and raw["job_id"] in raw["message"]
    creating = _progress(sdk, response.instance_id)
    assert (creating.status, creating.progress, creating.end_time) == ("creating", 30, None)
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=response.instance_id))
    assert (shown.status, shown.instance_status, shown.instance_name) == ("Creating", 1, name)
    # Changing an instance that is still being created is a status conflict.
    with api_error(409, "APIC.7701"):
        sdk.update_instance_v2(UpdateInstanceV2Request(instance_id=response.instance_id,
                                                       body=InstanceModReq(description="too early")))
    done = _wait_done(sdk, response.instance_id)
    assert (done.status, done.progress, done.error_code) == ("success", 100, None)
    assert done.end_time >= done.start_time
    running = wire.get_json("/instances/" + response.instance_id, project_level=True)
    assert (running["status"], running["instance_status"], running["spec"]) == ("Running", 6, "BASIC")
    # The new instance has its own RELEASE environment.
    envs = wire.get_json("/instances/%s/envs" % response.instance_id, project_level=True)["envs"]
    assert [e["name"] for e in envs] == ["RELEASE"]
    sdk.delete_instances_v2(DeleteInstancesV2Request(instance_id=response.instance_id))
    deleting = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=response.instance_id))
    assert (deleting.status, deleting.instance_status) == ("Deleting", 23)
    _wait_gone(sdk, response.instance_id)
    gone = wire.call("GET", "/instances/%s/envs" % response.instance_id, project_level=True)
    assert (gone.status_code, gone.json()["error_code"]) == (404, "APIG.3030")


def test_create_sends_every_field_and_show_reads_them(sdk, created):
    instance_id, name = created
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
    raw = check_response(shown, INSTANCE, INSTANCE_REQUIRED)
    assert (raw["instance_name"], raw["spec"], raw["description"]) == (name, "BASIC", "made by the SDK")
    assert (raw["vpc_id"], raw["subnet_id"], raw["security_group_id"]) == ("vpc-1", "subnet-1", "sg-1")
    assert (raw["maintain_begin"], raw["maintain_end"]) == ("06:00:00", "10:00:00")
    assert raw["enterprise_project_id"] == "ep-1" and raw["available_zone_ids"] == "[cn-north-4a]"
    assert raw["eip_address"] and raw["publicips"][0]["ip_address"] == raw["eip_address"]
    assert raw["bandwidth_size"] == 7 and raw["nat_eip_address"]


@pytest.mark.parametrize("fields, status, code", [
    ({"maintain_begin": "03:00:00"}, 400, "APIC.7235"),
    ({"maintain_begin": "02:00:00", "maintain_end": "10:00:00"}, 400, "APIC.7230"),
    ({"maintain_begin": "2am"}, 400, "APIC.7211"),
    ({"spec_id": "HUGE"}, 404, "APIC.7301"),
    ({"available_zone_ids": []}, 400, "APIC.7238"),
    ({"available_zone_ids": ["mars-1a"]}, 400, "APIC.7211"),
    ({"instance_name": "x"}, 400, "APIC.7211"),
])
def test_create_rejects_bad_fields(sdk, fields, status, code):
    body = _create_body(unique("bad"))
    for key, value in fields.items():
        setattr(body, key, value)
    with api_error(status, code):
        sdk.create_instance_v2(CreateInstanceV2Request(body=body))


def test_create_conflicts_on_name_and_id(sdk, module_emulator):
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=module_emulator.instance_id))
    with api_error(400, "APIC.7500"):
        sdk.create_instance_v2(CreateInstanceV2Request(body=_create_body(shown.instance_name)))
    with api_error(400, "APIC.7505"):
        sdk.create_instance_v2(CreateInstanceV2Request(body=_create_body(
            unique("dup"), instance_id=module_emulator.instance_id)))


def test_update_instance(sdk, created):
    instance_id, name = created
    response = sdk.update_instance_v2(UpdateInstanceV2Request(instance_id=instance_id, body=InstanceModReq(
        instance_name=name + "_2", description="renamed", maintain_begin="14:00:00", maintain_end="18:00:00",
        security_group_id="sg-2")))
    raw = check_response(response, INSTANCE, INSTANCE_REQUIRED)
    assert (raw["instance_name"], raw["description"], raw["security_group_id"]) == (name + "_2", "renamed", "sg-2")
    assert (raw["maintain_begin"], raw["maintain_end"]) == ("14:00:00", "18:00:00")
    with api_error(400, "APIC.7230"):
        sdk.update_instance_v2(UpdateInstanceV2Request(instance_id=instance_id, body=InstanceModReq(
            maintain_begin="14:00:00", maintain_end="22:00:00")))
    sdk.update_instance_v2(UpdateInstanceV2Request(instance_id=instance_id, body=InstanceModReq(instance_name=name)))
    with api_error(404, "APIC.7302"):
        sdk.update_instance_v2(UpdateInstanceV2Request(instance_id=MISSING_ID, body=InstanceModReq(description="x")))


def test_eip_bind_update_unbind(sdk, created):
    instance_id = created[0]
    response = sdk.add_eip_v2(AddEipV2Request(instance_id=instance_id, body=EipBindReq(eip_id="eip-2")))
    raw = check_response(response, EIP, ("eip_id", "eip_address", "eip_status"))
    assert (raw["eip_id"], raw["eip_status"]) == ("eip-2", "ACTIVE")
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
    assert shown.eip_address == raw["eip_address"]
    assert sdk.remove_eip_v2(RemoveEipV2Request(instance_id=instance_id)).status_code == 204
    shown = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
    assert (shown.eip_address, shown.publicips) == ("", [])
    with api_error(400, "APIC.7211"):
        sdk.add_eip_v2(AddEipV2Request(instance_id=instance_id, body=EipBindReq()))


def test_egress_enable_update_disable(sdk, created):
    instance_id = created[0]

    def egress(call, request_class, bandwidth):
        return getattr(sdk, call)(request_class(instance_id=instance_id, body=OpenEngressEipReq(
            bandwidth_size=bandwidth)))

    def shown():
        found = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
        return found.nat_eip_address, found.bandwidth_size

    assert sdk.remove_engress_eip_v2(RemoveEngressEipV2Request(instance_id=instance_id)).status_code == 204
    assert shown() == ("", 0)
    with api_error(400, "APIC.9211"):
        egress("update_engress_eip_v2", UpdateEngressEipV2Request, "8")
    assert egress("add_engress_eip_v2", AddEngressEipV2Request, "5").status_code == 201
    with api_error(409, "APIC.7709"):
        egress("add_engress_eip_v2", AddEngressEipV2Request, "5")
    assert egress("update_engress_eip_v2", UpdateEngressEipV2Request, "20").status_code == 200
    address, bandwidth = shown()
    assert address and bandwidth == 20
    with api_error(400, "APIC.9211"):
        egress("update_engress_eip_v2", UpdateEngressEipV2Request, "0")


def test_resize_grows_the_edition(sdk, wire, created):
    instance_id = created[0]

    def resize(spec):
        return sdk.create_post_pay_resize_order(CreatePostPayResizeOrderRequest(
            instance_id=instance_id, body=ResizeInstanceReq(spec_id=spec)))

    with api_error(409, "APIC.7707"):
        resize("BASIC")
    with api_error(400, "APIC.7243"):
        resize("BASIC_IPV6")
    answer = resize("ENTERPRISE")
    assert (answer.status_code, answer.instance_id) == (200, instance_id) and answer.job_id in answer.message
    during = sdk.show_details_of_instance_v2(ShowDetailsOfInstanceV2Request(instance_id=instance_id))
    assert (during.status, during.instance_status, during.spec) == ("Updating", 12, "BASIC")
    with api_error(409, "APIC.7701"):
        resize("PLATINUM")
    deadline = time.time() + 10
    while wire.get_json("/instances/" + instance_id, project_level=True)["status"] != "Running":
        assert time.time() < deadline
        time.sleep(0.1)
    assert wire.get_json("/instances/" + instance_id, project_level=True)["spec"] == "ENTERPRISE"
    # The creation's progress still reads as it ended.
    assert _progress(sdk, instance_id).status == "success"


def test_availability_zones(sdk):
    response = sdk.list_available_zones_v2(ListAvailableZonesV2Request())
    raw = check_response(response, {"available_zones": (ZONE,)}, ("available_zones",))
    codes = [z["code"] for z in raw["available_zones"]]
    assert codes == ["cn-north-4a", "cn-north-4b", "cn-north-4c"]
    assert raw["available_zones"][0]["specs"]["PROFESSIONAL"] is True
    assert response.available_zones[0].local_name.en_us == "AZ1"


# ---------------------------------------------------------------- §3.22 features

def _feature(sdk, instance_id, name, enable=True, config=None):
    return sdk.create_feature_v2(CreateFeatureV2Request(instance_id=instance_id, body=FeatureToggle(
        name=name, enable=enable, config=config)))


def test_configure_and_list_features(sdk, wire, created):
    instance_id = created[0]
    response = _feature(sdk, instance_id, "ratelimit", config=json.dumps({"api_limits": 300}))
    raw = check_response(response, FEATURE, tuple(FEATURE))
    assert (raw["name"], raw["enable"], raw["instance_id"]) == ("ratelimit", True, instance_id)
    assert json.loads(raw["config"]) == {"api_limits": 300}
    _feature(sdk, instance_id, "app_api_key", config="on")
    listed = sdk.list_features_v2(ListFeaturesV2Request(instance_id=instance_id))
    raw_list = check_response(listed, {"total": int, "size": int}, ("total", "size", "features"))
    for index, item in enumerate(raw_list["features"]):
        check_fields(FEATURE, tuple(FEATURE), item, sdk_dict(listed.features[index]))
    assert [(f.name, f.config) for f in listed.features] == [("ratelimit", '{"api_limits": 300}'),
                                                             ("app_api_key", "on")]
    page = sdk.list_features_v2(ListFeaturesV2Request(instance_id=instance_id, offset=1, limit=1))
    assert (page.total, [f.name for f in page.features]) == (2, ["app_api_key"])
    assert wire.get_json("/instances/%s/features" % instance_id, project_level=True) == raw_list


def test_feature_set_again_within_the_interval_is_apig_3711(sdk, wire, created):
    instance_id = created[0]
    _feature(sdk, instance_id, "backend_timeout", config='{"max_timeout": 80000}')
    with api_error(409, "APIG.3711"):
        _feature(sdk, instance_id, "backend_timeout", config='{"max_timeout": 90000}')
    raw = wire.call("POST", "/instances/%s/features" % instance_id, body={"name": "backend_timeout", "enable": True},
                    project_level=True)
    assert raw.status_code == 409 and 1 <= int(raw.headers["Retry-After"]) <= 1
    time.sleep(1.1)
    again = _feature(sdk, instance_id, "backend_timeout", config='{"max_timeout": 90000}')
    assert json.loads(again.config) == {"max_timeout": 90000}


@pytest.mark.parametrize("name, config, status, code", [
    ("ratelimit", '{"api_limits": 0}', 400, "APIG.2011"),
    ("ratelimit", '{"api_limits": 1000001}', 400, "APIG.2011"),
    ("backend_timeout", '{"max_timeout": 600001}', 400, "APIG.2011"),
    ("request_body_size", "99999999999", 400, "APIG.2011"),
    ("app_token", '{"enable": "maybe"}', 400, "APIG.2011"),
    ("app_secret", "yes", 400, "APIG.2011"),
    ("ssl_ciphers", '{"ssl_ciphers": ["RC4"]}', 400, "APIG.2011"),
    ("app-api-key", "on", 400, "APIG.2000"),
])
def test_feature_config_out_of_range(sdk, instance_id, name, config, status, code):
    with api_error(status, code):
        _feature(sdk, instance_id, name, config=config)


def test_feature_on_unknown_instance_is_apig_3030(sdk):
    with api_error(404, "APIG.3030"):
        _feature(sdk, MISSING_ID, "cors")


# ---------------------------------------------------------------- §3.23 quotas, §3.21 tags, §3.19 statistics

def test_instance_quotas_count_real_rows(sdk, made, instance_id):
    def used():
        configs = sdk.list_project_cofigs_v2(ListProjectCofigsV2Request(instance_id=instance_id, limit=500))
        return dict((c.config_name, c.used) for c in configs.configs)

    before = used()
    made.group(unique("quota"))
    after = used()
    assert after["APIGROUP_NUM_LIMIT"] == before["APIGROUP_NUM_LIMIT"] + 1
    response = sdk.list_project_cofigs_v2(ListProjectCofigsV2Request(instance_id=instance_id, limit=2))
    raw = check_response(response, {"total": int, "size": int}, ("total", "size", "configs"))
    assert (raw["size"], raw["total"]) == (2, 41)
    for index, item in enumerate(raw["configs"]):
        check_fields(QUOTA, tuple(QUOTA), item, sdk_dict(response.configs[index]))


def test_project_quota_is_the_instance_limit(sdk):
    response = sdk.list_instance_configs_v2(ListInstanceConfigsV2Request())
    raw = check_response(response, {"total": int, "size": int}, ("total", "size", "configs"))
    quota = raw["configs"][0]
    check_fields(dict(QUOTA), ("config_id", "config_name", "config_value", "remark"), quota,
                 sdk_dict(response.configs[0]))
    assert (quota["config_name"], quota["config_value"]) == ("INSTANCE_NUM_LIMIT", "5")


def test_tags_are_the_apis_tags(sdk, made, instance_id):
    group = made.group(unique("tags"))
    for index, tags in enumerate((["web", "shop"], ["shop", "v2"])):
        made.api(group_id=group.id, name=unique("tagged%d" % index), type=1, req_protocol="HTTPS", req_method="GET",
                 req_uri="/t%d" % index, auth_type="NONE", backend_type="MOCK", tags=tags,
                 mock_info=ApiMockCreate(result_content="ok"))
    response = sdk.list_tags_v2(ListTagsV2Request(instance_id=instance_id, limit=500))
    raw = check_response(response, {"total": int, "size": int, "tags": (str,)}, ("total", "size", "tags"))
    assert {"web", "shop", "v2"} <= set(raw["tags"]) and len(raw["tags"]) == len(set(raw["tags"]))


def test_statistics_count_the_debug_calls(sdk, made, instance_id):
    group = made.group(unique("stats"))
    api = made.api(group_id=group.id, name=unique("counted"), type=1, req_protocol="HTTPS", req_method="GET",
                   req_uri="/counted", auth_type="NONE", backend_type="MOCK", mock_info=ApiMockCreate(result_content="ok"))
    for path in ("/counted", "/counted", "/elsewhere"):
        sdk.debug_api_v2(DebugApiV2Request(instance_id=instance_id, api_id=api.id, body=ApiDebugInfo(
            mode="DEVELOPER", scheme="HTTPS", method="GET", path=path)))
    response = sdk.list_lately_api_statistics_v2(ListLatelyApiStatisticsV2Request(
        instance_id=instance_id, api_id=api.id, duration="1h"))
    raw = check_response(response, {"code": str, "msg": str, "start_time": int, "end_time": int,
                                    "list": (STATISTICS_API,)}, ("start_time", "end_time", "list"))
    assert raw["end_time"] - raw["start_time"] == 3600
    totals = [(r["req_count"], r["req_count2xx"], r["req_count4xx"], r["req_count_error"]) for r in raw["list"]]
    assert tuple(map(sum, zip(*totals))) == (3, 2, 1, 1)
    assert all(r["api_id"] == api.id and r["group_id"] == group.id and r["cycle"] == "MINUTE" for r in raw["list"])
    assert all(r["input_throughput"] > 0 and r["output_throughput"] > 0 for r in raw["list"])

    grouped = sdk.list_lately_group_statistics_v2(ListLatelyGroupStatisticsV2Request(
        instance_id=instance_id, group_id=group.id))
    raw_group = check_response(grouped, {"start_time": int, "end_time": int, "list": (STATISTICS_GROUP,)},
                               ("start_time", "end_time", "list"))
    assert sum(r["req_count"] for r in raw_group["list"]) == 3
    with api_error(400, "APIG.2012"):
        sdk.list_lately_api_statistics_v2(ListLatelyApiStatisticsV2Request(
            instance_id=instance_id, api_id=api.id, duration="1d"))
    with api_error(404, "APIG.3002"):
        sdk.list_lately_api_statistics_v2(ListLatelyApiStatisticsV2Request(
            instance_id=instance_id, api_id=MISSING_ID, duration="5m"))
    with api_error(404, "APIG.3001"):
        sdk.list_lately_group_statistics_v2(ListLatelyGroupStatisticsV2Request(
            instance_id=instance_id, group_id=MISSING_ID))
