"""Gateway instances (reference §3.24.2 show, §3.24.11 list) through the SDK's typed requests."""
from apig_wire import INSTANCE, INSTANCE_BASE, INSTANCE_BASE_REQUIRED, INSTANCE_REQUIRED, MISSING_ID, api_error, \
    check_fields, check_response, sdk_dict
from huaweicloudsdkapig.v2 import ListInstancesV2Request, ShowDetailsOfInstanceV2Request

LIST_ENVELOPE = ({"total": int, "size": int}, ("total", "size", "instances"))


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
