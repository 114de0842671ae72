"""Instance modules beyond the `instance` target: a creation that fails, bad input, and the
read-only views, against an emulator that creates in a second and fails its first creation."""
import json

import pytest

from ansible_runner import WRITE_METHODS, module, module_result, requests_during

NETWORK = {"spec_id": "BASIC", "vpc_id": "vpc-it", "subnet_id": "subnet-it", "security_group_id": "sg-it",
           "available_zone_ids": ["cn-north-4a"]}


@pytest.fixture(scope="module")
def failing(make_emulator):
    return make_emulator("--instance-create-seconds", "1", "--instance-create-failures", "1")


def test_failed_creation_names_its_code_and_the_instance(failing):
    proc = module(failing, "instance", json.dumps(dict(NETWORK, instance_name="doomed")))
    assert proc.returncode != 0
    result, _ = json.JSONDecoder().raw_decode(proc.stdout[proc.stdout.index("=> ") + 3:])
    assert "failed: Failed to create the gateway. (APIC.9206)" in result["msg"]
    assert result["changed"] and result["error"]["error_code"] == "APIC.9206"
    assert result["instance"]["status"] == "CreateFail" and result["instance"]["id"] in result["msg"]

    # A rerun does not pretend the failed instance is fine; deleting it works and waits.
    rerun = module(failing, "instance", json.dumps(dict(NETWORK, instance_name="doomed")))
    assert rerun.returncode != 0 and "is in status CreateFail; delete it with state=absent" in rerun.stdout
    deleted = module_result(failing, "instance", {"instance_name": "doomed", "state": "absent"})
    assert deleted["changed"] and deleted["instance"] == {}
    assert module_result(failing, "instance_info", {"instance_name": "doomed"})["instances"] == []


@pytest.mark.parametrize("module_name, args, message", [
    ("instance", {"instance_name": "apig-emulator", "vpc_id": "vpc-elsewhere"},
     "vpc_id can't be changed on an existing instance"),
    ("instance", {"instance_name": "gw_x", "maintain_begin": "02:00:00", "maintain_end": "10:00:00"},
     "maintain_end must be 4 hours after maintain_begin (06:00:00), got 10:00:00"),
    ("instance", {"instance_name": "gw_x", "maintain_begin": "03:00:00"},
     "maintain_begin '03:00:00' is invalid: HH:00:00 where HH is 02, 06, 10, 14, 18 or 22"),
    ("feature", {"name": "backend_timeout", "config": {"max_timeout": 600001}},
     "backend_timeout: config.max_timeout must be an integer from 1 to 600000, got 600001"),
    ("feature", {"name": "app_secret", "config": "yes"}, "app_secret: config must be 'on' or 'off', got \"yes\""),
    ("statistics_info", {"group": "nothing", "duration": "2d"}, "duration must be minutes or hours"),
])
def test_bad_input_fails_before_any_write(failing, module_name, args, message):
    result = {}
    sent = requests_during(failing, lambda: result.update(proc=module(failing, module_name, json.dumps(args))))
    assert result["proc"].returncode != 0
    assert message in result["proc"].stdout
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []


def test_read_only_views(failing):
    # An empty argument dict reads as raw parameters to ansible: pass one real option.
    zones = module_result(failing, "availability_zone_info", {"timeout": 30})["availability_zones"]
    assert [z["code"] for z in zones] == ["cn-north-4a", "cn-north-4b", "cn-north-4c"]
    quotas = module_result(failing, "quota_info", {"config_name": "APIGROUP_NUM_LIMIT"})
    assert [q["used"] for q in quotas["quotas"]] == [0]
    assert [q["config_name"] for q in quotas["project_quotas"]] == []
    assert module_result(failing, "tag_info", {"timeout": 30})["tags"] == []


def test_converged_instance_sends_two_reads(failing):
    args = {"instance_name": "apig-emulator", "maintain_begin": "22:00:00", "bandwidth_size": 0}
    result = {}
    sent = requests_during(failing, lambda: result.update(found=module_result(failing, "instance", args)))
    assert result["found"]["changed"] is False
    # The list narrowed by name, then the detail the comparison needs.
    assert [r["method"] for r in sent] == ["GET", "GET"]
