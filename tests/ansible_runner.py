"""Run ansible / ansible-playbook against an emulator (the integration and conformance tests)."""
import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTEGRATION = os.path.join(REPO, "tests", "integration")
BIN = os.path.dirname(sys.executable)
WRITE_METHODS = {"POST", "PUT", "DELETE", "PATCH"}


def ansible(emulator, *args, tool="ansible-playbook"):
    """Run an ansible tool against ``emulator``."""
    cmd, options = command(emulator, *args, tool=tool)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **options)


def start(emulator, *args, tool="ansible-playbook"):
    """Start an ansible tool against ``emulator`` in the background (output in ``.stdout``/``.stderr``)."""
    cmd, options = command(emulator, *args, tool=tool)
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def command(emulator, *args, tool="ansible-playbook"):
    """(argv, Popen options) of an ansible tool run against ``emulator``."""
    env = dict(os.environ)
    env.update(emulator.ansible_env())
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": os.path.join(REPO, ".build", "collections"),
        "ANSIBLE_ROLES_PATH": os.path.join(INTEGRATION, "targets"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
    })
    return [os.path.join(BIN, tool), *args], {"env": env, "cwd": INTEGRATION}


def play(emulator, *args):
    proc = ansible(emulator, *args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def module(emulator, name, module_args, *extra):
    """One ad-hoc module call on localhost; returns the process."""
    return ansible(emulator, "localhost", "-m", "huaweicloud.apig." + name, "-a", module_args, *extra,
                   tool="ansible")


def requests_during(emulator, action):
    before = len(emulator.requests())
    action()
    return emulator.requests()[before:]


def module_result(emulator, name, module_args):
    """The result dict of one successful ad-hoc module call (``module_args`` a dict, sent as JSON)."""
    proc = module(emulator, name, json.dumps(module_args))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result, _ = json.JSONDecoder().raw_decode(proc.stdout[proc.stdout.index("=> ") + 3:])
    return result
