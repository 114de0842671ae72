"""Secrets: none in ansible output at -vvv, in diffs, in error messages, or in the emulator's logs.

* The connection secrets (SK, security token, IAM token) through real ansible runs at -vvv with
  --diff: a create, a failing call, a call refused for a wrong SK.
* A generic sweep: every module (found at test time) runs in this process against the emulator,
  in check mode with a diff and for real, with every ``no_log`` option given a value of its own;
  none of those values may appear in any output, nor in the emulator's stderr (DEBUG) or access log.
"""
import json
import uuid

import pytest

from ansible_runner import ansible
from module_runner import MODULES, Run, base_args, capture_spec
from reliability_helpers import emulator_stderr

SECURITY_TOKEN = "H8SECURITYTOKEN" + uuid.uuid4().hex
PLAYBOOK = """
- name: Secrets stay out of the output
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Create a group, with a diff
      huaweicloud.apig.api_group:
        name: secrets_group
        remark: first
      diff: true
    - name: Change it, with a diff
      huaweicloud.apig.api_group:
        name: secrets_group
        remark: second
      diff: true
    - name: A call the server refuses
      huaweicloud.apig.environment_variable:
        group: no_such_group
        environment: RELEASE
        variable_name: var1
        variable_value: x
      ignore_errors: true
    - name: A wrong secret key
      huaweicloud.apig.api_group_info:
        secret_key: "{{ wrong_secret_key }}"
      ignore_errors: true
"""


@pytest.fixture(scope="module")
def debug_emulator(request, tmp_path_factory):
    cls = next(p.Emulator for p in request.config.pluginmanager.get_plugins() if isinstance(
        getattr(p, "Emulator", None), type))
    emu = cls(tmp_path_factory.mktemp("secrets"), "--log-level", "DEBUG")
    yield emu
    emu.stop()


def leaks(secrets, *texts):
    return sorted(set(s for s in secrets for text in texts if s in text))


@pytest.mark.parametrize("auth", ["aksk", "token"])
def test_no_connection_secret_in_verbose_output_diffs_errors_or_logs(debug_emulator, tmp_path, figures, auth,
                                                                     monkeypatch):
    emu = debug_emulator
    wrong = "H8WRONGSECRET" + uuid.uuid4().hex
    if auth == "token":
        monkeypatch.setattr(emu, "ansible_env", lambda: dict(
            type(emu).ansible_env(emu), HW_AUTH_TOKEN=emu.auth_token, HW_ACCESS_KEY="", HW_SECRET_KEY=""))
        secrets = [emu.auth_token, wrong]
    else:
        monkeypatch.setattr(emu, "ansible_env", lambda: dict(type(emu).ansible_env(emu),
                                                              HW_SECURITY_TOKEN=SECURITY_TOKEN))
        secrets = [emu.secret_key, SECURITY_TOKEN, wrong]
    playbook = tmp_path / "secrets.yml"
    playbook.write_text(PLAYBOOK.replace('secret_key: "{{ wrong_secret_key }}"', "secret_key: " + wrong)
                        if auth == "aksk" else PLAYBOOK.replace(
                            'secret_key: "{{ wrong_secret_key }}"', "auth_token: " + wrong))
    proc = ansible(emu, "-vvv", "--diff", str(playbook))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    output = proc.stdout + proc.stderr
    assert "secrets_group" in output and "no_such_group" in output and "ignoring" in output
    with open(emu.access_log) as f:
        logs = f.read() + emulator_stderr(emu)
    found = leaks(secrets, output, logs)
    figures.add("secrets looked for", len(secrets))
    figures.add("secrets found", len(found))
    assert found == []


def no_log_paths(spec, prefix=()):
    for option, sub in spec.items():
        if sub.get("no_log"):
            yield prefix + (option,)
        if sub.get("options"):
            yield from no_log_paths(sub["options"], prefix + (option,))


def with_secret(args, path, value, spec):
    """``args`` with the secret option at ``path`` set (parents as the minimal valid dicts)."""
    target = args
    for part in path[:-1]:
        sub = spec[part]
        child = target.get(part)
        if child is None:
            child = {} if sub.get("type") == "dict" else [{}]
            target[part] = child
        target = child[0] if isinstance(child, list) else child
        spec = sub.get("options") or {}
    target[path[-1]] = value


@pytest.fixture(scope="module")
def swept(debug_emulator):
    """Every secret the sweep gave a module, and every output the modules wrote."""
    return {"secrets": [debug_emulator.secret_key], "outputs": [], "runs": 0}


@pytest.mark.parametrize("name", MODULES)
def test_generic_sweep_no_module_shows_a_no_log_value(debug_emulator, swept, name):
    emu = debug_emulator
    connection = {"endpoint": emu.endpoint, "project_id": emu.project_id, "instance_id": emu.instance_id,
                  "access_key": emu.access_key, "secret_key": emu.secret_key}
    spec, kwargs = capture_spec(name)
    args = base_args(spec, kwargs, None, connection)
    secrets = [emu.secret_key]
    for path in no_log_paths(spec):
        if path in (("auth_token",), ("secret_key",), ("security_token",)):
            continue  # the connection's own secrets are the test above's
        value = "H8SECRET%s" % uuid.uuid4().hex
        with_secret(args, path, value, spec)
        secrets.append(value)
    outputs = []
    for extra in ({"_ansible_check_mode": True, "_ansible_diff": True}, {"_ansible_diff": True}):
        run = Run(name, dict(args, **extra), send=True)
        outputs.append(run.output + (run.traceback or ""))
    swept["secrets"] += secrets[1:]
    swept["outputs"] += outputs
    swept["runs"] += len(outputs)
    assert leaks(secrets, *outputs) == []


def test_sweep_figures_and_the_emulator_logs(debug_emulator, swept, figures):
    with open(debug_emulator.access_log) as f:
        logs = f.read() + emulator_stderr(debug_emulator)
    found = leaks(swept["secrets"], logs, *swept["outputs"])
    figures.add("secrets looked for", len(swept["secrets"]))
    figures.add("secrets found", len(found))
    figures.note("secrets sweep: module runs (check+diff and real)", swept["runs"])
    assert found == [], json.dumps(found)
