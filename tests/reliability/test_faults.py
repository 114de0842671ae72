"""Faults: latency, 429, 5xx, dropped connections, commit-then-fail and per-item batch failures.

A create whose answer was lost, or that answered 5xx after the server committed it, is recovered by
a lookup, never sent twice; when the retries run out the failure says what failed. (The example
service under 20% faults: test_faults_service.py.)
"""
import re

import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from module_runner import Run
from reliability_helpers import client_of, fault_counts, fault_emulator, instance_path, wait_for


@pytest.mark.parametrize("kinds", ["commit-5xx", "commit-drop"])
def test_a_committed_create_or_delete_that_failed_is_recovered_not_repeated(start_emulator, figures, kinds):
    """Every write commits and then fails: creates are found by name, deletes are seen to be done."""
    emu = fault_emulator(start_emulator, 1, kinds)
    client = client_of(emu)
    path = instance_path(client, emu)
    created = [_ensure_group(client, path, "committed_%d" % n) for n in range(5)]
    groups = client.list_all(path + "/api-groups", "groups")
    assert sorted(g["name"] for g in groups) == ["committed_%d" % n for n in range(5)]
    assert [g["id"] for g in created] == [g["id"] for g in groups]
    for group in created:
        assert client.delete(path + "/api-groups/" + group["id"]) is None
    assert client.list_all(path + "/api-groups", "groups") == []
    injected = fault_counts(emu)[kinds]
    assert injected == 10  # 5 creates and 5 deletes, each committed and then failed
    figures.add("faults injected", injected)
    figures.add("faults survived", injected)
    figures.add("commit-then-fail writes recovered", injected)


def _ensure_group(client, path, name):
    """What the engine's create does: the POST with a lookup by name as its recovery."""
    def lookup():
        return next((g for g in client.list_all(path + "/api-groups", "groups", {"name": name}) if g["name"] == name),
                    None)
    return client.post(path + "/api-groups", {"name": name}, recover=lookup)


@pytest.mark.parametrize("kinds, status, code", [("429", 429, "APIG.9008"), ("5xx", 503, "APIG.9999")])
def test_when_retries_run_out_the_error_says_what_failed(start_emulator, figures, kinds, status, code):
    emu = fault_emulator(start_emulator, 1, kinds)
    client = client_of(emu, max_retries=2, retry_max_delay=0.01)
    with pytest.raises(APIGError) as info:
        client.get(instance_path(client, emu) + "/api-groups")
    assert (info.value.status, info.value.error_code) == (status, code)
    assert str(info.value).endswith("(%s)" % code) and info.value.request_id
    assert len(emu.requests()) == 3
    # A module says the same: the server's message and code, the status, no traceback.
    run = Run("api_group", {"endpoint": emu.endpoint, "project_id": emu.project_id, "instance_id": emu.instance_id,
                            "access_key": emu.access_key, "secret_key": emu.secret_key, "max_retries": 1,
                            "retry_max_delay": 0.01, "name": "never_created"}, send=True)
    assert run.traceback is None and run.result["failed"], run.output
    assert run.result["msg"].endswith("(%s)" % code) and run.result["error"]["status"] == status
    assert len(emu.requests()) == 5
    figures.add("faults injected", 5)
    figures.add("faults outlasting the retries, reported as errors", 5)


def test_a_lost_answer_without_a_lookup_is_reported_not_resent(start_emulator):
    emu = fault_emulator(start_emulator, 1, "drop")
    client = client_of(emu, max_retries=3)
    with pytest.raises(APIGError) as info:
        client.post(instance_path(client, emu) + "/api-groups", {"name": "dropped"})
    assert info.value.error_code == "timeout" and "may or may not have been applied" in str(info.value)
    # The server logs the request after it has closed the connection: wait for the line.
    assert wait_for(lambda: emu.requests(), timeout=10)
    assert [r["method"] for r in emu.requests()] == ["POST"]


def _group_with_apis(emu, count):
    client = client_of(emu)
    path = instance_path(client, emu)
    group = client.post(path + "/api-groups", {"name": "batch_group"})
    for n in range(count):
        client.post(path + "/apis", {
            "name": "batch_api_%d" % n, "type": 1, "group_id": group["id"], "req_protocol": "HTTP",
            "req_method": "GET", "req_uri": "/batch/%d" % n, "auth_type": "NONE", "backend_type": "MOCK",
            "mock_info": {"result_content": "ok"}})
    return client, path


def _publish(emu, max_retries):
    args = {"endpoint": emu.endpoint, "project_id": emu.project_id, "instance_id": emu.instance_id,
            "access_key": emu.access_key, "secret_key": emu.secret_key, "max_retries": max_retries,
            "group": "batch_group", "apis": ["batch_api_%d" % n for n in range(4)], "environment": "RELEASE"}
    return Run("api_publish", args, send=True)


def test_batch_items_that_failed_for_a_passing_reason_are_sent_again(start_emulator, figures):
    """Every batch publish leaves an API undone (APIG.3500 inside the 200): the module re-sends those."""
    emu = fault_emulator(start_emulator, 1, "batch")
    client, path = _group_with_apis(emu, 4)
    run = _publish(emu, max_retries=5)
    assert run.result.get("changed") is True and not run.result.get("failed"), run.output
    published = client.list_all(path + "/apis", "apis", {"env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"})
    assert sorted(a["name"] for a in published) == ["batch_api_%d" % n for n in range(4)]
    injected = fault_counts(emu)["batch"]
    assert injected >= 1
    figures.add("faults injected", injected)
    figures.add("faults survived", injected)


def test_batch_items_still_failing_when_retries_run_out_are_named(start_emulator):
    emu = fault_emulator(start_emulator, 1, "batch")
    _group_with_apis(emu, 4)
    run = _publish(emu, max_retries=0)
    msg = run.result.get("msg", "")
    assert run.result.get("failed") and run.traceback is None, run.output
    assert re.match(r"^1 of 4 APIs could not be published: batch_api_\d \([0-9a-f]{32}\): "
                    r"Failed to synchronize data to etcd\. \(APIG\.3500\)$", msg), msg
    assert len(run.result["publishes"]) == 3  # the three that were published are reported as such


def test_an_offline_that_committed_and_then_failed_is_not_an_error(start_emulator, tmp_path):
    """The re-sent offline finds the API offline already (APIG.3015): that is the state asked for."""
    emu = start_emulator()
    client, path = _group_with_apis(emu, 4)
    assert _publish(emu, max_retries=0).result["changed"] is True
    emu.stop()
    emu = fault_emulator(start_emulator, 1, "commit-5xx", directory=tmp_path)  # same database
    args = {"endpoint": emu.endpoint, "project_id": emu.project_id, "instance_id": emu.instance_id,
            "access_key": emu.access_key, "secret_key": emu.secret_key, "retry_max_delay": 0.01,
            "group": "batch_group", "api": "batch_api_0", "environment": "RELEASE", "state": "offline"}
    run = Run("api_publish", args, send=True)
    assert run.result.get("changed") is True and not run.result.get("failed"), run.output
    client = client_of(emu)
    published = client.list_all(path + "/apis", "apis", {"env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"})
    assert sorted(a["name"] for a in published) == ["batch_api_%d" % n for n in range(1, 4)]
    assert fault_counts(emu)["commit-5xx"] == 1
