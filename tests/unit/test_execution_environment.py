"""execution-environment.yml builds a context that installs this collection and what its modules need.

ansible-builder (a development requirement) writes the build context without
building an image; the tests read that context, run the dependency
introspection it ships, and install the collection the way its
requirements.yml says, from this repository's own git history.
"""
import os
import re
import subprocess
import sys

import pytest
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def load_yaml(*path):
    with open(os.path.join(*path)) as f:
        return yaml.safe_load(f)


def requirement_lines(path):
    """The requirement specifiers of a pip requirements file, without comments."""
    with open(path) as f:
        return [line.split("#")[0].strip() for line in f if line.split("#")[0].strip()]


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    builder = os.path.join(BIN, "ansible-builder")
    if not os.path.exists(builder):
        pytest.fail("ansible-builder is missing: it is in requirements-dev.txt (pip install ansible-builder)")
    path = tmp_path_factory.mktemp("ee") / "context"
    proc = subprocess.run([builder, "create", "-f", os.path.join(REPO, "execution-environment.yml"),
                           "-c", str(path), "--output-filename", "Containerfile"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return path


def test_definition_is_version_3_with_our_dependency_files():
    ee = load_yaml(REPO, "execution-environment.yml")
    assert ee["version"] == 3
    assert ee["dependencies"]["python"] == "requirements.txt"
    assert ee["dependencies"]["galaxy"] == "requirements.yml"


def test_context_has_our_python_requirements(context):
    assert requirement_lines(context / "_build" / "requirements.txt") == \
        requirement_lines(os.path.join(REPO, "requirements.txt"))
    assert any(line.startswith("cryptography") for line in requirement_lines(context / "_build" / "requirements.txt"))


def test_context_installs_this_collection_from_its_repository(context):
    galaxy = load_yaml(REPO, "galaxy.yml")
    (collection,) = load_yaml(context, "_build", "requirements.yml")["collections"]
    assert collection["type"] == "git"
    assert collection["name"] == galaxy["repository"] + ".git"
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile
    # ansible-galaxy needs git to fetch a git source, before it runs.
    assert containerfile.index("git-core") < containerfile.index("ansible-galaxy collection install")


def test_context_installs_an_ansible_core_the_collection_supports(context):
    runtime = load_yaml(REPO, "meta", "runtime.yml")
    minimum = re.match(r">=(\d+\.\d+)", runtime["requires_ansible"]).group(1)
    assert re.search(r'ANSIBLE_INSTALL_REFS="ansible-core>=%s\b[^"]*ansible-runner"' % re.escape(minimum),
                     (context / "Containerfile").read_text())


def test_introspection_finds_the_modules_requirements(context):
    """The image's pip step installs what the installed collection's requirements.txt lists."""
    proc = subprocess.run([sys.executable, str(context / "_build" / "scripts" / "introspect.py"), "introspect",
                           os.path.join(REPO, ".build", "collections")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    found = yaml.safe_load(proc.stdout)["python"]
    for requirement in requirement_lines(os.path.join(REPO, "requirements.txt")):
        assert "%s  # from collection huaweicloud.apig" % requirement in found


def test_a_git_source_like_ours_installs_the_collection(tmp_path):
    """requirements.yml's shape (a git repository whose root is the collection) installs, from this repository."""
    (collection,) = load_yaml(REPO, "requirements.yml")["collections"]
    local = dict(collection, name="file://" + REPO, version="HEAD")
    requirements = tmp_path / "requirements.yml"
    requirements.write_text(yaml.safe_dump({"collections": [local]}))
    install = tmp_path / "collections"
    proc = subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "-r", str(requirements),
                           "-p", str(install)], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(install)))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (install / "ansible_collections" / "huaweicloud" / "apig" / "MANIFEST.json").exists()
