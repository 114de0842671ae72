"""The workflow playbooks and examples, run for real against a fresh emulator.

* playbooks/demo.yml (the README's demo) converges, and its second run changes nothing;
* playbooks/apply_service.yml applies examples/service.yml, a repeat sends no write, and
  playbooks/teardown_service.yml leaves the instance as it started: RELEASE only, no group;
* examples/module_defaults.yml works with its connection settings from variables alone.
"""
import json
import os
import subprocess

import yaml

from ansible_runner import BIN, REPO, WRITE_METHODS, module, play, requests_during

DEMO = os.path.join(REPO, "playbooks", "demo.yml")
APPLY = os.path.join(REPO, "playbooks", "apply_service.yml")
TEARDOWN = os.path.join(REPO, "playbooks", "teardown_service.yml")
SERVICE_FILE = os.path.join(REPO, "examples", "service.yml")
with open(SERVICE_FILE) as f:
    SERVICE = yaml.safe_load(f)["apig_service"]


def result_of(emulator, name, args=""):
    """The JSON result of one ad-hoc module call."""
    proc = module(emulator, name, args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.split("=>", 1)[1])


def names(items):
    return sorted(item["name"] for item in items)


def writes_during(emulator, action):
    return [r for r in requests_during(emulator, action) if r["method"] in WRITE_METHODS]


def converged(proc):
    return "changed=0" in proc.stdout and "failed=0" in proc.stdout


def test_demo_converges_and_shows_where_each_api_is_published(emulator):
    first = play(emulator, DEMO)
    assert "failed=0" in first.stdout and "changed=0" not in first.stdout
    for line in ("GET /products (list_products, MOCK): development, staging",
                 "GET /products/{productId} (get_product, HTTP): development, staging",
                 "POST /orders (create_order, FUNCTION): development"):
        assert line in first.stdout
    second = {}
    assert writes_during(emulator, lambda: second.update(proc=play(emulator, DEMO))) == []
    assert converged(second["proc"])


def published_in(emulator, environment):
    return names(result_of(emulator, "api_info", "environment=" + environment)["apis"])


def expected_publishes():
    """Environment name -> the names of the service's APIs published there."""
    expected = {}
    for api in SERVICE["apis"]:
        for env in api.get("publish", []):
            expected.setdefault(env, []).append(api["name"])
    return {env: sorted(apis) for env, apis in expected.items()}


def test_apply_then_teardown_the_example_service(emulator):
    applied = play(emulator, APPLY, "-e", "@" + SERVICE_FILE)
    assert "failed=0" in applied.stdout and "changed=0" not in applied.stdout

    group = SERVICE["group"]["name"]
    assert names(result_of(emulator, "api_group_info")["api_groups"]) == [group]
    assert names(result_of(emulator, "api_info", "group=" + group)["apis"]) == names(SERVICE["apis"])
    assert names(result_of(emulator, "environment_info")["environments"]) == \
        sorted(["RELEASE"] + [env["name"] for env in SERVICE["environments"]])
    variables = result_of(emulator, "environment_variable_info", "group=" + group)["environment_variables"]
    assert len(variables) == sum(len(env["variables"]) for env in SERVICE["environments"])
    expected = expected_publishes()
    assert sorted(expected) == ["RELEASE", "development", "staging"]
    for env, apis in expected.items():
        assert published_in(emulator, env) == apis, env

    # The same service given by path (relative to the current directory) is already in place.
    again = {}
    relative = os.path.relpath(SERVICE_FILE, os.path.join(REPO, "tests", "integration"))
    assert writes_during(emulator, lambda: again.update(proc=play(emulator, APPLY, "-e", "service_file=" + relative))) == []
    assert converged(again["proc"])

    removed = play(emulator, TEARDOWN, "-e", "@" + SERVICE_FILE)
    assert "failed=0" in removed.stdout and "changed=0" not in removed.stdout
    assert names(result_of(emulator, "environment_info")["environments"]) == ["RELEASE"]
    assert result_of(emulator, "api_group_info")["api_groups"] == []
    assert result_of(emulator, "api_info")["apis"] == []
    # The default service file names the same service: nothing is left to remove.
    assert converged(play(emulator, TEARDOWN))


def test_module_defaults_example_needs_no_environment_variables(emulator, tmp_path):
    connection = tmp_path / "connection.json"
    connection.write_text(json.dumps({
        "apig_endpoint": emulator.endpoint, "apig_project_id": emulator.project_id,
        "apig_instance_id": emulator.instance_id, "apig_access_key": emulator.access_key,
        "apig_secret_key": emulator.secret_key}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("HW_")}
    env.update(ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".build", "collections"),
               ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_NOCOLOR="1")

    def run():
        return subprocess.run([os.path.join(BIN, "ansible-playbook"), os.path.join(REPO, "examples", "module_defaults.yml"),
                               "-e", "@%s" % connection], env=env, capture_output=True, text=True, timeout=600)

    first = run()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "changed=0" not in first.stdout
    assert '"get_stock"' in first.stdout
    assert emulator.secret_key not in first.stdout + first.stderr
    second = run()
    assert second.returncode == 0 and "changed=0" in second.stdout, second.stdout + second.stderr
