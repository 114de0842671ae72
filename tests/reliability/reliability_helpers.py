"""Helpers of the reliability suite (imported by its test files)."""
import os
import re
import signal
import time
from collections import Counter

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
