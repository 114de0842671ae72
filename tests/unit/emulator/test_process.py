"""The emulator as a process: start line, persistence, concurrency, isolation, access log, shutdown."""
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from emulator_helpers import Client, error, unique

OTHER_PROJECT = "0123456789abcdef0123456789abcdef"
EXTRA_AK, EXTRA_SK = "EXTRAACCESSKEY000002", "s" * 40


@pytest.fixture(scope="module")
def multi(module_emulator, tmp_path_factory):
    """An emulator with a second project and a second credential pair."""
    emu = type(module_emulator)(tmp_path_factory.mktemp("multi"), "--extra-project", OTHER_PROJECT,
                                "--credential", "%s:%s" % (EXTRA_AK, EXTRA_SK))
    yield emu
    emu.stop()


def test_start_line_has_every_documented_key(emulator):
    info = emulator.info
    assert info["endpoint"].startswith("http://127.0.0.1:") and not info["endpoint"].endswith(":0")
    assert len(info["project_id"]) == 32 and len(info["instance_id"]) == 32
    assert len(info["access_key"]) == 20 and info["access_key"].isupper() and info["access_key"].isalnum()
    assert len(info["secret_key"]) == 40 and info["auth_token"]
    assert info["db"] == emulator.db and info["access_log"] == emulator.access_log


def test_restart_keeps_data_and_sigterm_exits_zero(emulator, tmp_path):
    api = Client(emulator)
    group = api.create_group()
    env = api.create_env()
    emulator.stop()
    assert emulator.proc.returncode == 0
    again = type(emulator)(tmp_path)  # same DB file
    try:
        api = Client(again)
        assert api.get("/api-groups/" + group["id"]).json() == group
        names = [e["name"] for e in api.get("/envs").json()["envs"]]
        assert names == ["RELEASE", env["name"]]  # RELEASE seeded once, not duplicated
    finally:
        again.stop()


def test_twenty_parallel_creates_of_one_name(module_emulator):
    name = unique("race")

    def create(_):
        return Client(module_emulator).post("/api-groups", {"name": name})

    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(create, range(20)))
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [400] * 19
    assert all(r.json()["error_code"] == "APIG.3201" for r in results if r.status_code == 400)
    listed = Client(module_emulator).get("/api-groups", name=name, precise_search="name").json()
    assert listed["total"] == 1


def test_parallel_creates_of_distinct_names_all_land(module_emulator):
    tag = unique("many")
    with ThreadPoolExecutor(20) as pool:
        results = list(pool.map(lambda i: Client(module_emulator).post("/envs", {"name": "%s_%d" % (tag, i)}),
                                range(40)))
    assert all(r.status_code == 201 for r in results)
    assert Client(module_emulator).get("/envs", name=tag).json()["total"] == 40


def test_concurrent_updates_are_not_lost(module_emulator):
    api = Client(module_emulator)
    group_id = api.create_group()["id"]
    env_ids = [api.create_env()["id"] for _ in range(10)]
    barrier = threading.Barrier(10)

    def create_variable(env_id):
        barrier.wait()
        return Client(module_emulator).post("/env-variables", {"group_id": group_id, "env_id": env_id,
                                                               "variable_name": "shared", "variable_value": "v"})

    with ThreadPoolExecutor(10) as pool:
        assert all(r.status_code == 201 for r in pool.map(create_variable, env_ids))
    assert api.get("/env-variables", group_id=group_id).json()["total"] == 10


def test_projects_are_isolated(multi):
    mine, theirs = Client(multi), Client(multi, project_id=OTHER_PROJECT, instance_id=multi.info[
        "extra_projects"][0]["instance_id"])
    group = mine.create_group()
    assert theirs.get("/api-groups", name=group["name"]).json()["total"] == 0
    # The other project's instance has its own RELEASE env and sees none of the first project's rows.
    assert [e["name"] for e in theirs.get("/envs").json()["envs"]] == ["RELEASE"]
    assert theirs.create_group(name=group["name"])["id"] != group["id"]  # names are per instance
    # Reaching into the first project's instance through the other project fails.
    cross = Client(multi, project_id=OTHER_PROJECT)
    error(cross.get("/api-groups/" + group["id"]), 404, "APIG.3030")
    listed = theirs.request("GET", "/v2/%s/apigw/instances" % OTHER_PROJECT).json()
    assert [i["id"] for i in listed["instances"]] == [theirs.instance_id]


def test_extra_credential_is_accepted(multi):
    assert Client(multi, access_key=EXTRA_AK, secret_key=EXTRA_SK).get("/envs").status_code == 200


def test_access_log_has_one_line_per_request_without_secrets(emulator):
    api = Client(emulator)
    api.create_group(name="logged_group")
    api.get("/api-groups", name="logged_group", limit="5")
    Client(emulator, token="wrong").get("/envs")
    lines = emulator.requests()
    assert [(l["method"], l["status"]) for l in lines] == [("POST", 201), ("GET", 200), ("GET", 401)]
    assert lines[1]["path"] == api.path("/api-groups") and lines[1]["query"] == "limit=5&name=logged_group"
    assert all(set(l) == {"time", "method", "path", "query", "status"} for l in lines)
    with open(emulator.access_log) as f:
        text = f.read()
    assert emulator.secret_key not in text and "Authorization" not in text and "wrong" not in text


def test_settings_from_environment(tmp_path):
    env = dict(os.environ, APIG_EMULATOR_PORT="0", APIG_EMULATOR_DB=str(tmp_path / "env.db"),
               APIG_EMULATOR_PROJECT_ID="a" * 32, APIG_EMULATOR_AUTH_TOKEN="tok",
               PYTHONPATH=os.pathsep.join(p for p in sys.path if p.endswith("emulator")))
    proc = subprocess.Popen([sys.executable, "-m", "apig_emulator"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        info = json.loads(proc.stdout.readline())
        assert (info["project_id"], info["auth_token"], info["db"]) == ("a" * 32, "tok", str(tmp_path / "env.db"))
        assert info["access_log"] is None
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0
        proc.stdout.close()


def test_busy_server_does_not_block_on_its_stderr(module_emulator):
    """The fixture pipes stderr without reading it: per-request lines there would fill the pipe and hang."""
    client = Client(module_emulator, token="wrong")
    assert all(client.get("/envs").status_code == 401 for _ in range(500))
    assert Client(module_emulator).get("/envs").status_code == 200
