"""Faults: latency, 429, 5xx, dropped connections, commit-then-fail and per-item batch failures.

A create whose answer was lost, or that answered 5xx after the server committed it, is recovered by
a lookup, never sent twice; with 20% faults the example service converges without duplicates;
when the retries run out the failure says what failed.
"""
import json
import os

import pytest
import yaml

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_runner import ansible
from module_runner import Run
from reliability_helpers import REPO, TRACEBACK, client_of, expected_state, fault_counts, instance_path, \
    quick_retries, state, wait_for

SERVICE = os.path.join(REPO, "examples", "service.yml")
APPLY = os.path.join(REPO, "playbooks", "apply_service.yml")


def fault_emulator(start_emulator, rate, kinds, seed=7, directory=None):
    return start_emulator("--fault-rate", str(rate), "--faults", kinds, "--fault-seed", str(seed),
                          "--fault-latency", "0.05", "--fault-retry-after", "0", directory=directory)


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
    assert msg.startswith("1 of 4 APIs could not be published: ") and msg.endswith(
        ": Failed to synchronize data to etcd. (APIG.3500)"), msg
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


def load_service():
    with open(SERVICE) as f:
        return yaml.safe_load(f)["apig_service"]


def apply_service(emu, tmp_path, *extra):
    return ansible(emu, APPLY, "-e", "service_file=" + SERVICE, "-e", "@" + quick_retries(tmp_path), *extra)


def recap(proc):
    return next((line for line in proc.stdout.splitlines() if line.startswith("localhost") and "ok=" in line), "")


def test_the_example_service_converges_under_twenty_percent_faults(start_emulator, tmp_path, figures):
    emu = fault_emulator(start_emulator, 0.2, "latency,429,5xx,drop,commit-5xx,commit-drop,batch", seed=20)
    runs = []
    for _ in range(3):
        proc = apply_service(emu, tmp_path)
        runs.append(proc)
        output = proc.stdout + proc.stderr
        assert not TRACEBACK.search(output), output
        if proc.returncode == 0:
            break
        # A run that gives up says which task and which error: an APIG code or the lost answer.
        failed = [line for line in proc.stdout.splitlines() if "FAILED!" in line]
        assert failed and all("(APIG." in line or "applied" in line or "could not be" in line
                              for line in failed), output
    assert runs[-1].returncode == 0, runs[-1].stdout
    service = load_service()
    converged = state(emu)
    assert dict((k, converged[k]) for k in expected_state(service)) == expected_state(service)
    assert converged["duplicates"] == 0
    rerun = apply_service(emu, tmp_path)
    assert rerun.returncode == 0 and "changed=0" in recap(rerun), rerun.stdout
    assert state(emu) == converged
    faults = fault_counts(emu)
    figures.add("faults injected", sum(faults.values()))
    figures.add("faults survived", sum(faults.values()))
    figures.note("20% faults: service runs until converged", len(runs))
    figures.note("20% faults: requests / faulted", "%d / %d" % (len(emu.requests()), sum(faults.values())))
    figures.note("20% faults: faults by kind", json.dumps(dict(sorted(faults.items()))))
    figures.add("duplicates", converged["duplicates"])
    figures.note("20%% faults: API versions for %d publications" % len(converged["published"]),
                 converged["versions"])
