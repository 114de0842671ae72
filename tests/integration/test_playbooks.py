"""Real ansible-playbook / ansible runs against a running emulator.

Each target under targets/ is a role whose tasks assert on what the modules
return; these tests run them and also count, in the emulator's access log, the
requests that a converged task or a check-mode run sends.
"""
import json
import os

import pytest

from ansible_runner import INTEGRATION, WRITE_METHODS, module, play, requests_during

TARGETS = sorted(os.listdir(os.path.join(INTEGRATION, "targets")))


@pytest.mark.parametrize("target", TARGETS)
def test_target(emulator, target):
    proc = play(emulator, "run_target.yml", "-e", "target=" + target)
    assert "failed=0" in proc.stdout


@pytest.mark.parametrize("change", [
    ["-e", "remark=second"],
    ["-e", "value=10.0.0.2"],
    ["-e", "state=absent"],
])
def test_check_mode_predicts_and_sends_no_write(emulator, change):
    play(emulator, "converge.yml")
    predicted = {}

    def check_run():
        predicted["proc"] = play(emulator, "converge.yml", "--check", *change)

    sent = requests_during(emulator, check_run)
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert "changed=0" not in predicted["proc"].stdout
    # The real run then changes what check mode predicted, and a repeat converges.
    assert "changed=0" not in play(emulator, "converge.yml", *change).stdout
    assert "changed=0" in play(emulator, "converge.yml", *change).stdout


def test_converged_api_group_sends_one_request(emulator):
    assert module(emulator, "api_group", "name=budget_group remark=x").returncode == 0
    sent = requests_during(emulator, lambda: module(emulator, "api_group", "name=budget_group remark=x"))
    assert [r["method"] for r in sent] == ["GET"]


def test_converged_environment_variable_sends_at_most_three_requests(emulator):
    assert module(emulator, "api_group", "name=budget_group").returncode == 0
    assert module(emulator, "environment", "name=budget_env").returncode == 0
    args = "group=budget_group environment=budget_env variable_name=host variable_value=a.example"
    first = module(emulator, "environment_variable", args)
    assert first.returncode == 0 and "CHANGED" in first.stdout
    result = {}

    def converge():
        result["proc"] = module(emulator, "environment_variable", args)

    sent = requests_during(emulator, converge)
    assert result["proc"].returncode == 0 and "SUCCESS" in result["proc"].stdout
    assert len(sent) <= 3
    assert {r["method"] for r in sent} == {"GET"}


def test_ad_hoc_with_environment_variables_alone(emulator):
    proc = module(emulator, "environment_info", "name=RELEASE")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "DEFAULT_ENVIRONMENT_RELEASE_ID" in proc.stdout


def test_secrets_never_reach_the_output(emulator):
    """Neither a success nor an API failure shows the secret key, at high verbosity."""
    ok = module(emulator, "api_group", "name=secret_check", "-vvv")
    failed = module(emulator, "api_group", "name=secret_check2 secret_key=wrong-secret-key-value", "-vvv")
    assert ok.returncode == 0
    assert failed.returncode != 0
    for proc in (ok, failed):
        assert emulator.secret_key not in proc.stdout + proc.stderr
    assert "wrong-secret-key-value" not in failed.stdout + failed.stderr
    assert "APIG." in failed.stdout


def test_every_backend_kind_converges_and_one_edit_republishes_only_that_api(emulator, tmp_path):
    first = play(emulator, "apis_service.yml")
    assert "failed=0" in first.stdout and "changed=0" not in first.stdout
    assert "changed=0" in play(emulator, "apis_service.yml").stdout

    report = tmp_path / "report.json"
    play(emulator, "apis_service.yml", "-e", "orders_remark=Orders_of_one_customer", "-e", "report=%s" % report)
    changed = json.loads(report.read_text())
    assert changed["apis_changed"] == ["list_orders"]
    for publishes in changed["publishes"]:  # one list per environment
        moved = [(p["api_name"], p["action"]) for p in publishes if p["action"] != "unchanged"]
        assert moved == [("list_orders", "republished")]
    assert len(changed["publishes"]) == 2


def test_converged_api_sends_at_most_four_requests(emulator):
    play(emulator, "apis_service.yml")
    args = json.dumps({"group": "e2e_shop", "name": "health", "type": "public", "req_method": "GET",
                       "req_uri": "/health", "auth_type": "NONE", "backend_type": "MOCK",
                       "mock_info": {"result_content": '{"status": "ok"}'}})
    result = {}
    sent = requests_during(emulator, lambda: result.update(proc=module(emulator, "api", args)))
    assert result["proc"].returncode == 0 and "SUCCESS" in result["proc"].stdout, result["proc"].stdout
    assert len(sent) <= 4 and {r["method"] for r in sent} == {"GET"}
