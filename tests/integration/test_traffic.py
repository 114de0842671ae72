"""Traffic policies against a running emulator: request budgets, check mode, and the signature secret
never leaving the module (-vvv, --diff, results, failures)."""
import json

from ansible_runner import WRITE_METHODS, module, play, requests_during

SECRET = "NeverShowThisSecret0042"
THROTTLE = {"name": "check_throttle", "api_call_limits": 100, "time_interval": 1, "time_unit": "SECOND",
            "type": "api_shared"}


def run(emulator, name, args, *extra):
    proc = module(emulator, name, json.dumps(args), *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_converged_policies_found_by_exact_name_send_one_request_each(module_emulator):
    """traffic_policies.yml has one task per module: a converged run sends one GET per task."""
    assert "changed=4" in play(module_emulator, "traffic_policies.yml").stdout
    result = {}
    sent = requests_during(module_emulator, lambda: result.update(proc=play(module_emulator, "traffic_policies.yml")))
    assert "changed=0" in result["proc"].stdout
    assert [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in sent] == [
        ("GET", "throttles"), ("GET", "acls"), ("GET", "signs"), ("GET", "authorizers")]


def test_check_mode_on_a_changed_limit_predicts_it_and_writes_nothing(module_emulator):
    args = dict(THROTTLE, special_throttles=[{"object_type": "USER", "object": "tenant", "call_limits": 5}])
    run(module_emulator, "throttling_policy", args)
    changed = dict(args, api_call_limits=200,
                   special_throttles=[{"object_type": "USER", "object": "tenant", "call_limits": 9}])
    result = {}
    sent = requests_during(module_emulator, lambda: result.update(proc=run(
        module_emulator, "throttling_policy", changed, "--check", "--diff")))
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert len(sent) == 2  # the policy by name, then its special throttles
    out = result["proc"].stdout
    assert "CHANGED" in out and '-    "api_call_limits": 100,' in out and '+    "api_call_limits": 200,' in out
    assert '-            "call_limits": 5,' in out and '+            "call_limits": 9,' in out
    # The real run changes it; a repeat converges with the policy and its special throttles read (2 GETs).
    assert "CHANGED" in run(module_emulator, "throttling_policy", changed).stdout
    sent = requests_during(module_emulator, lambda: run(module_emulator, "throttling_policy", changed))
    assert [r["method"] for r in sent] == ["GET", "GET"]


def test_signature_secret_never_shows(module_emulator):
    args = {"name": "secret_sign", "sign_type": "hmac", "sign_secret": SECRET}
    outputs = [
        run(module_emulator, "signature", args, "-vvv", "--diff"),
        run(module_emulator, "signature", dict(args, sign_secret=SECRET + "_kept"), "-vvv", "--diff"),
        run(module_emulator, "signature", dict(args, sign_secret=SECRET + "_rotated", update_secret="always"),
            "-vvv", "--diff"),
        run(module_emulator, "signature_info", {"name": "secret_sign"}, "-vvv"),
        module(module_emulator, "signature", json.dumps(dict(args, sign_secret="short" + SECRET[:3])), "-vvv"),
    ]
    assert outputs[-1].returncode != 0
    assert "sign_secret of a hmac key must be 16-64 characters long" in outputs[-1].stdout
    assert "CHANGED" not in outputs[1].stdout and "CHANGED" in outputs[2].stdout
    assert '+    "sign_secret": "******** (changed)"' in outputs[2].stdout  # the rotation, masked, in --diff
    for proc in outputs:
        text = proc.stdout + proc.stderr
        assert SECRET not in text and SECRET[:-2] not in text and "short" + SECRET[:3] not in text
        assert "secret_sign" in text  # the runs did report on the key
