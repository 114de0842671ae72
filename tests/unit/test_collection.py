"""The collection's metadata agrees with its files, and it builds into an artifact that works."""
import json
import os
import subprocess
import sys
import tarfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
sys.path.insert(0, os.path.join(REPO, "scripts"))

import gen_runtime  # noqa: E402


def test_action_group_lists_every_module():
    runtime = yaml.safe_load(open(os.path.join(REPO, "meta", "runtime.yml")))
    assert runtime["action_groups"]["apig"] == gen_runtime.module_names()
    assert gen_runtime.module_names(), "no modules found"
    assert subprocess.run([sys.executable, os.path.join(REPO, "scripts", "gen_runtime.py"), "--check"]).returncode == 0


def test_built_artifact_installs_and_documents_every_module(tmp_path):
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", REPO, "--output-path",
                    str(tmp_path)], check=True, capture_output=True)
    (artifact,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tar.gz")]
    with tarfile.open(artifact) as tar:
        names = tar.getnames()
    assert not [n for n in names if n.startswith(("emulator", "tests", ".ci", ".build"))]
    assert "plugins/module_utils/client.py" in names
    install = tmp_path / "installed"
    # Only the installed copy is visible: not the working tree that ANSIBLE_COLLECTIONS_PATH may point at.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(install))
    subprocess.run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", str(artifact), "-p",
                    str(install)], check=True, capture_output=True, env=env)
    assert (install / "ansible_collections" / "huaweicloud" / "apig" / "MANIFEST.json").exists()
    # One ansible-doc run for every module (one per module took most of this test's time): a module
    # whose documentation does not parse makes it fail, one it does not find is left out of its answer.
    names = ["huaweicloud.apig." + name for name in gen_runtime.module_names()]
    doc = subprocess.run([os.path.join(BIN, "ansible-doc"), "-j", *names], env=env, capture_output=True, text=True)
    assert doc.returncode == 0, doc.stderr
    documented = json.loads(doc.stdout)
    assert sorted(documented) == sorted(names), doc.stderr
    for name in names:
        assert documented[name]["doc"]["short_description"], name
