"""Helpers of the reliability suite (imported by its test files)."""
import os
import re
import signal
import time
from collections import Counter

import yaml

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRACEBACK = re.compile(r"Traceback \(most recent call last\)")


def kill_hard(emu):
    """kill -9: no shutdown, no WAL checkpoint."""
    os.kill(emu.proc.pid, signal.SIGKILL)
    emu.proc.wait(timeout=10)


def client_of(emu, **overrides):
    """The collection's own client on ``emu`` (retries as the modules do, short waits)."""
    options = dict(project_id=emu.project_id, endpoint=emu.endpoint, access_key=emu.access_key,
                   secret_key=emu.secret_key, retry_max_delay=0.2, timeout=10)
    options.update(overrides)
    return APIGClient(**options)


def fault_emulator(start_emulator, rate, kinds, seed=7, directory=None):
    """An emulator injecting ``kinds`` at ``rate``, with short delays (the suite's time budget)."""
    return start_emulator("--fault-rate", str(rate), "--faults", kinds, "--fault-seed", str(seed),
                          "--fault-latency", "0.05", "--fault-retry-after", "0", directory=directory)


def quick_retries(directory):
    """A vars file giving the roles' modules short waits between their retries (the suite's time budget)."""
    path = os.path.join(str(directory), "quick_retries.yml")
    with open(path, "w") as f:
        yaml.safe_dump({"apig_connection": {"retry_max_delay": 0.2, "max_retries": 6}}, f)
    return path


def instance_path(client, emu):
    return client.path("instances", emu.instance_id)


def duplicates(names):
    """How many names occur more than once, counted once per extra copy."""
    return sum(n - 1 for n in Counter(names).values() if n > 1)


def fault_counts(emu):
    return Counter(r["fault"] for r in emu.requests() if r.get("fault"))


def emulator_stderr(emu):
    emu.stderr.flush()
    with open(emu.stderr.name, encoding="utf-8", errors="replace") as f:
        return f.read()


def wait_for(predicate, timeout=60, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def state(emu):
    """Names, variables and publications on the emulator, and how many copies of each there are."""
    client = client_of(emu)
    path = instance_path(client, emu)
    groups = client.list_all(path + "/api-groups", "groups")
    envs = client.list_all(path + "/envs", "envs")
    apis = client.list_all(path + "/apis", "apis")
    variables = []
    for group in groups:
        variables += [(group["name"], v["env_id"], v["variable_name"], v["variable_value"])
                      for v in client.list_all(path + "/env-variables", "variables", {"group_id": group["id"]})]
    env_names = dict((e["id"], e["name"]) for e in envs)
    published, versions = set(), 0
    for env in envs:
        for api in client.list_all(path + "/apis", "apis", {"env_id": env["id"]}):
            published.add((api["name"], env["name"]))
            versions += len(client.list_all(path + "/apis/publish/" + api["id"], "api_versions",
                                            {"env_id": env["id"]}))
    return {
        "groups": sorted(g["name"] for g in groups),
        "envs": sorted(e["name"] for e in envs),
        "apis": sorted(a["name"] for a in apis),
        "variables": sorted((g, env_names[e], n, v) for g, e, n, v in variables),
        "published": sorted(published),
        "duplicates": duplicates([g["name"] for g in groups]) + duplicates([e["name"] for e in envs])
        + duplicates([(a["group_id"], a["name"]) for a in apis])
        + duplicates([(g, e, n) for g, e, n, _ in variables]),
        "versions": versions,
    }


def expected_state(service):
    group = service["group"]["name"]
    return {
        "groups": [group],
        "envs": sorted(["RELEASE"] + [e["name"] for e in service["environments"]]),
        "apis": sorted(a["name"] for a in service["apis"]),
        "variables": sorted((group, e["name"], n, v) for e in service["environments"]
                            for n, v in (e.get("variables") or {}).items()),
        "published": sorted((a["name"], env) for a in service["apis"] for env in a.get("publish") or []),
    }
