"""Load: many writers converging at once, through the collection's own engine and through ansible forks.

* 20 concurrent workers, each driving the modules' ResourceEngine with its own client (what 20 forks
  do), converge 200 resources (100 groups, 100 environment variables under one group and one
  environment that all of them create at the same time), then change all 200 at once.
* A smaller real run: ansible-playbook with 20 forks (20 local hosts), each converging a group of its
  own and the same shared group.

0 duplicates, 0 lost updates, 0 "database is locked" (or any other) errors surfaced.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import ResourceEngine
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources import (
    API_GROUP, ENVIRONMENT, ENVIRONMENT_VARIABLE)
from ansible_runner import ansible
from reliability_helpers import client_of, duplicates, emulator_stderr, instance_path

WORKERS = 20
PER_WORKER = 5  # groups and variables each: 20 * (5 + 5) = 200 resources


class Failed(Exception):
    pass


class StubModule:
    """What the engine needs of an APIGModule, without AnsibleModule's process-wide argument loading."""

    check_mode = False
    _diff = False

    def __init__(self, client, instance_id, params):
        self.client = client
        self.instance_id = instance_id
        self.params = params

    def instance_path(self, *segments):
        return self.client.path("instances", self.instance_id, *segments)

    def fail_json(self, **result):
        raise Failed(result["msg"])

    def warn(self, msg):
        pass


def ensure(client, emu, spec, **params):
    params.setdefault("state", "present")
    return ResourceEngine(StubModule(client, emu.instance_id, params), spec).ensure()


def worker(emu, number, remark, errors, barrier):
    client = client_of(emu, max_retries=8)
    barrier.wait()  # everyone starts at once, on the same shared parents
    try:
        ensure(client, emu, API_GROUP, name="load_shared", remark="shared")
        ensure(client, emu, ENVIRONMENT, name="load_env")
        for index in range(PER_WORKER):
            ensure(client, emu, API_GROUP, name="load_w%d_%d" % (number, index), remark=remark)
            ensure(client, emu, ENVIRONMENT_VARIABLE, group="load_shared", environment="load_env",
                   variable_name="w%d_%d" % (number, index), variable_value=remark)
    except (APIGError, Failed) as err:
        errors.append(str(err))


def converge_all(emu, remark):
    errors = []
    barrier = threading.Barrier(WORKERS)
    with ThreadPoolExecutor(WORKERS) as pool:
        for future in [pool.submit(worker, emu, n, remark, errors, barrier) for n in range(WORKERS)]:
            future.result()
    return errors


def test_twenty_workers_converge_two_hundred_resources(module_emulator, figures):
    emu = module_emulator
    errors = converge_all(emu, "v1") + converge_all(emu, "v2")
    client = client_of(emu)
    path = instance_path(client, emu)
    groups = [g for g in client.list_all(path + "/api-groups", "groups") if g["name"].startswith("load_")]
    envs = [e for e in client.list_all(path + "/envs", "envs") if e["name"] == "load_env"]
    shared = next(g for g in groups if g["name"] == "load_shared")
    variables = client.list_all(path + "/env-variables", "variables", {"group_id": shared["id"]})
    own_groups = [g for g in groups if g is not shared]
    copies = duplicates([g["name"] for g in groups]) + len(envs) - 1 + duplicates(
        [v["variable_name"] for v in variables])
    lost = sum(g["remark"] != "v2" for g in own_groups) + sum(v["variable_value"] != "v2" for v in variables)
    lost += WORKERS * PER_WORKER * 2 - len(own_groups) - len(variables)
    locked = sum("locked" in e for e in errors) + emulator_stderr(emu).count("database is locked")
    figures.add("load: resources converged by 20 concurrent workers (twice)", len(own_groups) + len(variables))
    figures.add("duplicates", copies)
    figures.add("lost updates", lost)
    figures.add("database-locked errors surfaced", locked)
    figures.add("load: errors surfaced", len(errors))
    assert errors == [] and copies == 0 and lost == 0 and locked == 0, errors[:5]
    assert len(own_groups) == len(variables) == WORKERS * PER_WORKER


PLAYBOOK = """
- name: Twenty forks converge their own group and one shared group
  hosts: all
  gather_facts: false
  tasks:
    - name: Converge
      huaweicloud.apig.api_group:
        name: "{{ item }}"
        remark: by forks
      loop:
        - forks_shared
        - "forks_{{ inventory_hostname }}"
"""


def test_an_ansible_run_with_twenty_forks(start_emulator, tmp_path, figures):
    emu = start_emulator()
    inventory = tmp_path / "hosts.ini"
    inventory.write_text("[forks]\nh[01:%02d]\n\n[forks:vars]\nansible_connection=local\n"
                         "ansible_python_interpreter={{ ansible_playbook_python }}\n" % WORKERS)
    playbook = tmp_path / "forks.yml"
    playbook.write_text(PLAYBOOK)
    proc = ansible(emu, "-i", str(inventory), "-f", str(WORKERS), str(playbook))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    client = client_of(emu)
    names = [g["name"] for g in client.list_all(instance_path(client, emu) + "/api-groups", "groups")]
    assert sorted(set(names)) == sorted(["forks_shared"] + ["forks_h%02d" % n for n in range(1, WORKERS + 1)])
    copies = duplicates(names)
    locked = emulator_stderr(emu).count("database is locked") + proc.stdout.count("locked")
    figures.add("load: ansible forks converging at once", WORKERS)
    figures.add("duplicates", copies)
    figures.add("database-locked errors surfaced", locked)
    assert copies == 0 and locked == 0
