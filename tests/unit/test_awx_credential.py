"""The AWX credential type in awx/credential_type.yml gives the modules what they need.

AWX renders a credential type's ``env`` injectors with a sandboxed Jinja2
environment whose namespace holds the credential's non-empty inputs (secrets
decrypted), so an input left unset renders as an empty string; a second
rendering with secrets replaced by asterisks is what AWX stores and shows.
``inject`` below does the same, and the tests run a module with exactly the
environment it produces.
"""
import os
import re
import subprocess
import sys

import pytest
import yaml
from jinja2 import meta
from jinja2.sandbox import ImmutableSandboxedEnvironment

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
SANDBOX = ImmutableSandboxedEnvironment()
MASK = "**********"  # what AWX shows in place of a secret input

with open(os.path.join(REPO, "awx", "credential_type.yml")) as f:
    CREDENTIAL_TYPE = yaml.safe_load(f)
FIELDS = {field["id"]: field for field in CREDENTIAL_TYPE["inputs"]["fields"]}
ENV_INJECTORS = CREDENTIAL_TYPE["injectors"]["env"]
SECRET_FIELDS = {"secret_key", "security_token", "auth_token"}


def inject(inputs, safe=False):
    """The environment AWX injects for a credential with these inputs (``safe``: the masked copy)."""
    namespace = {}
    for name, value in inputs.items():
        if value:
            namespace[name] = MASK if safe and FIELDS[name].get("secret") else value
    return {var: SANDBOX.from_string(template).render(**namespace) for var, template in ENV_INJECTORS.items()}


def doc_fragment_variables():
    """Every HW_* environment variable the shared doc fragment names."""
    with open(os.path.join(REPO, "plugins", "doc_fragments", "apig.py")) as f:
        return set(re.findall(r"E\((HW_[A-Z_]+)\)", f.read()))


def run_module(env, tmp_path, module="environment_info", args="name=RELEASE"):
    """One ad-hoc module call whose environment is ``env`` plus what running ansible itself needs."""
    base = {
        "PATH": BIN + os.pathsep + os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "LC_ALL": "C.UTF-8",
        "ANSIBLE_COLLECTIONS_PATH": os.path.join(REPO, ".build", "collections"),
    }
    return subprocess.run([os.path.join(BIN, "ansible"), "localhost", "-m", "huaweicloud.apig." + module,
                           "-a", args], env={**base, **env}, capture_output=True, text=True, timeout=300)


def test_the_credential_type_is_well_formed():
    assert CREDENTIAL_TYPE["kind"] == "cloud"  # AWX only lets custom types be "cloud" or "net"
    assert len(FIELDS) == len(CREDENTIAL_TYPE["inputs"]["fields"]), "duplicate input ids"
    assert set(CREDENTIAL_TYPE["inputs"]["required"]) <= set(FIELDS)
    for field in FIELDS.values():
        assert field["type"] == "string" and field["label"]
    # Every template uses only declared inputs, so none renders from something AWX never sets.
    for template in ENV_INJECTORS.values():
        assert meta.find_undeclared_variables(SANDBOX.parse(template)) <= set(FIELDS)


def test_exactly_the_secrets_are_secret():
    assert {name for name, field in FIELDS.items() if field.get("secret")} == SECRET_FIELDS


def test_every_variable_the_modules_read_is_injected():
    assert doc_fragment_variables() == set(ENV_INJECTORS)
    assert len(ENV_INJECTORS) == 8


def test_unset_optional_inputs_render_empty():
    env = inject({"project_id": "p1", "instance_id": "i1"})
    assert env["HW_PROJECT_ID"] == "p1" and env["HW_APIG_INSTANCE_ID"] == "i1"
    assert {var for var, value in env.items() if value == ""} == set(ENV_INJECTORS) - {
        "HW_PROJECT_ID", "HW_APIG_INSTANCE_ID"}


def test_the_stored_copy_masks_secrets_only():
    inputs = {name: "value-of-" + name for name in FIELDS}
    real, safe = inject(inputs), inject(inputs, safe=True)
    for var, template in ENV_INJECTORS.items():
        (field,) = meta.find_undeclared_variables(SANDBOX.parse(template))
        assert real[var] == inputs[field]
        assert safe[var] == (MASK if field in SECRET_FIELDS else inputs[field])


def emulator_inputs(emulator, auth):
    """Credential inputs pointing at the emulator, with AK/SK or with a token; the rest left unset."""
    inputs = {"endpoint": emulator.endpoint, "project_id": emulator.project_id,
              "instance_id": emulator.instance_id}
    if auth == "aksk":
        inputs.update(access_key=emulator.access_key, secret_key=emulator.secret_key)
    else:
        inputs.update(auth_token=emulator.auth_token)
    return inputs


@pytest.mark.parametrize("auth", ["aksk", "token"])
def test_a_module_runs_with_the_injected_environment_alone(emulator, tmp_path, auth):
    env = inject(emulator_inputs(emulator, auth))
    # The unset inputs are injected as empty strings, which the modules must take as unset.
    unset = {"HW_REGION_NAME", "HW_SECURITY_TOKEN"} | (
        {"HW_AUTH_TOKEN"} if auth == "aksk" else {"HW_ACCESS_KEY", "HW_SECRET_KEY"})
    assert {var for var, value in env.items() if value == ""} == unset
    proc = run_module(env, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "DEFAULT_ENVIRONMENT_RELEASE_ID" in proc.stdout
    assert emulator.secret_key not in proc.stdout + proc.stderr
    # The request really reached the emulator, signed or with the token, and was accepted.
    assert [(r["method"], r["status"]) for r in emulator.requests()][-1] == ("GET", 200)


def test_a_credential_without_keys_fails_clearly(emulator, tmp_path):
    env = inject({"endpoint": emulator.endpoint, "project_id": emulator.project_id,
                  "instance_id": emulator.instance_id})
    proc = run_module(env, tmp_path)
    assert proc.returncode != 0
    assert "access_key and secret_key, or auth_token, are required" in proc.stdout
    assert emulator.requests() == []
