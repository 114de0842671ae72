"""Crash: kill -9 of the emulator in the middle of a playbook run and of concurrent writes.

The interrupted run stops with a clear error; restarted on the same database (and port), every
write the emulator acknowledged before the crash is there, and the rerun of the playbook converges.
"""
import json
import threading

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_runner import ansible, start
from reliability_helpers import client_of, duplicates, instance_path, kill_hard, quick_retries, wait_for

WRITERS = 6
# The writers use a project of their own, so the playbook's project holds only the service.
WRITERS_PROJECT = "5" * 32


class Writers:
    """Threads creating groups and then changing their remarks until the server goes away.

    ``acknowledged``: group name -> the last remark the server answered 2xx for.
    """

    def __init__(self, emu):
        self.acknowledged = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.write, args=(emu, n), daemon=True) for n in range(WRITERS)]

    def write(self, emu, number):
        client = client_of(emu, max_retries=0, timeout=5, project_id=WRITERS_PROJECT)
        path = client.path("instances", emu.info["extra_projects"][0]["instance_id"], "api-groups")
        for index in range(500):
            name = "crash_%d_%d" % (number, index)
            try:
                group = client.post(path, {"name": name, "remark": "v1"})
                with self.lock:
                    self.acknowledged[name] = "v1"
                client.put(path + "/" + group["id"], {"name": name, "remark": "v2"})
                with self.lock:
                    self.acknowledged[name] = "v2"
            except APIGError:
                return  # the server is gone: what it acknowledged so far is the record

    def start(self):
        for thread in self.threads:
            thread.start()

    def join(self):
        for thread in self.threads:
            thread.join(timeout=30)


PLAYBOOK = """
- name: Converge a few groups, environments and variables
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Groups
      huaweicloud.apig.api_group:
        name: "{{ item }}"
        remark: converged
      loop: "{{ crash_groups }}"
    - name: Environments
      huaweicloud.apig.environment:
        name: "{{ item }}"
      loop: "{{ crash_envs }}"
    - name: Variables
      huaweicloud.apig.environment_variable:
        group: "{{ item.0 }}"
        environment: "{{ item.1 }}"
        variable_name: host
        variable_value: "{{ item.0 }}.{{ item.1 }}.internal"
      loop: "{{ crash_groups | product(crash_envs) | list }}"
"""
GROUPS = ["crash_group_%d" % n for n in range(4)]
ENVS = ["crash_env_a", "crash_env_b"]


def converged(emu):
    """(groups, environments, variables) of the playbook's project, with how many copies of each."""
    client = client_of(emu)
    path = instance_path(client, emu)
    groups = client.list_all(path + "/api-groups", "groups")
    envs = dict((e["id"], e["name"]) for e in client.list_all(path + "/envs", "envs"))
    variables = [(g["name"], envs[v["env_id"]], v["variable_name"], v["variable_value"]) for g in groups
                 for v in client.list_all(path + "/env-variables", "variables", {"group_id": g["id"]})]
    names = [g["name"] for g in groups] + list(envs.values()) + [v[:3] for v in variables]
    return ((sorted((g["name"], g["remark"]) for g in groups), sorted(envs.values()), sorted(variables)),
            duplicates(names))


def test_kill_minus_nine_loses_no_acknowledged_write_and_the_rerun_converges(start_emulator, tmp_path, figures):
    emu = start_emulator("--extra-project", WRITERS_PROJECT)
    port = emu.endpoint.rsplit(":", 1)[1]
    playbook_file = tmp_path / "converge.yml"
    playbook_file.write_text(PLAYBOOK)
    options = (str(playbook_file), "-e", json.dumps({"crash_groups": GROUPS, "crash_envs": ENVS}),
               "-e", "@" + quick_retries(tmp_path))
    playbook = start(emu, *options)

    def playbook_groups():
        assert playbook.poll() is None, playbook.communicate()
        return sum(r["method"] == "POST" and r["path"].endswith("/api-groups") for r in emu.requests()
                   if "/" + emu.project_id + "/" in r["path"])

    # Kill in the middle of the playbook (some of its groups written, not all), with the writers busy.
    assert wait_for(lambda: playbook_groups() >= 1, timeout=300)
    writers = Writers(emu)
    writers.start()
    assert wait_for(lambda: playbook_groups() >= 3 and len(writers.acknowledged) >= 20, timeout=300)
    kill_hard(emu)
    writers.join()
    acknowledged = dict(writers.acknowledged)
    requests_before = len(emu.requests())
    # With the server gone the run's retries run out: it stops, saying why, without a traceback.
    out, err = playbook.communicate(timeout=300)
    assert playbook.returncode != 0 and "Traceback" not in out, out + err
    assert "Connection refused" in out or "failed after" in out, out

    again = start_emulator("--extra-project", WRITERS_PROJECT, "--port", port)  # same database and access log
    assert again.endpoint == emu.endpoint
    client = client_of(again, project_id=WRITERS_PROJECT)
    groups = client.list_all(client.path("instances", again.info["extra_projects"][0]["instance_id"], "api-groups"),
                             "groups")
    remarks = dict((g["name"], g.get("remark")) for g in groups)
    lost = [name for name, remark in acknowledged.items() if remarks.get(name) != remark
            and not (remark == "v1" and remarks.get(name) == "v2")]  # a PUT may commit before its answer is lost
    assert lost == []

    rerun = ansible(again, *options)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    found, copies = converged(again)
    assert found == ([(g, "converged") for g in GROUPS], sorted(ENVS + ["RELEASE"]),
                     sorted((g, e, "host", "%s.%s.internal" % (g, e)) for g in GROUPS for e in ENVS))
    assert copies == 0
    figures.add("crashes (kill -9) survived")
    figures.note("crash: acknowledged writes before the kill / lost", "%d / %d" % (len(acknowledged), len(lost)))
    figures.note("crash: requests answered before the kill", requests_before)
    figures.add("lost updates", len(lost))
    figures.add("duplicates", copies)
