"""With 20% faults of every kind the example service (examples/service.yml through the service role)
converges, creates no duplicate, converges again without a change, and any run that gives up says
what failed."""
import json
import os

import yaml

from ansible_runner import ansible
from reliability_helpers import REPO, TRACEBACK, expected_state, fault_counts, fault_emulator, quick_retries, state

SERVICE = os.path.join(REPO, "examples", "service.yml")
APPLY = os.path.join(REPO, "playbooks", "apply_service.yml")


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
