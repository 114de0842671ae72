"""Apps against the rows other families store: authorizations (kind ``app_auth``) count in the
list's ``bind_num`` and the app outline, and go when their app is deleted."""
import pytest
from apig_emulator.storage import Scope, Store

from emulator_helpers import Client, error, unique


@pytest.fixture(scope="module")
def api(module_emulator):
    return Client(module_emulator)


def _authorize(emu, app_id, api_id, env_id="DEFAULT_ENVIRONMENT_RELEASE_ID"):
    """An authorization row as the §3.10 family stores it (fields app_id, api_id, env_id)."""
    with Store(emu.db).transaction(Scope(emu.project_id, emu.instance_id)) as tx:
        tx.insert("app_auth", {"id": unique("auth"), "app_id": app_id, "api_id": api_id, "env_id": env_id})


def _app(api):
    r = api.post("/apps", {"name": unique("app")})
    assert r.status_code == 201, r.text
    return r.json()


def _auths(emu, app_id):
    with Store(emu.db).transaction(Scope(emu.project_id, emu.instance_id), write=False) as tx:
        return tx.page("app_auth", {"app_id": app_id}, {}, 0, -1)[0]


def test_bind_num_and_app_outline_count_authorizations(api, module_emulator):
    before = api.get("/resources/outline/apps").json()
    bound, unbound = _app(api), _app(api)
    _authorize(module_emulator, bound["id"], "api_one")
    _authorize(module_emulator, bound["id"], "api_two")
    listed = {a["id"]: a["bind_num"] for a in api.get("/apps", name="app_", limit=500).json()["apps"]}
    assert (listed[bound["id"]], listed[unbound["id"]]) == (2, 0)
    assert "bind_num" not in api.get("/apps/" + bound["id"]).json()
    assert api.get("/resources/outline/apps").json() == {
        "authed_nums": before["authed_nums"] + 1, "unauthed_nums": before["unauthed_nums"] + 1}


def test_deleting_an_app_removes_its_authorizations_and_codes(api, module_emulator):
    app = _app(api)
    _authorize(module_emulator, app["id"], "api_one")
    code = api.put("/apps/%s/app-codes" % app["id"], None).json()
    assert api.delete("/apps/" + app["id"]).status_code == 204
    assert _auths(module_emulator, app["id"]) == 0
    error(api.get("/apps/%s/app-codes/%s" % (app["id"], code["id"])), 404, "APIG.3004")
    # An authorization of a deleted app no longer counts as an authorized app.
    outline = api.get("/resources/outline/apps").json()
    assert outline["authed_nums"] + outline["unauthed_nums"] == api.get("/apps").json()["total"]



def test_an_instance_holds_at_most_50_apps(emulator):
    api = Client(emulator)
    for _ in range(50):
        _app(api)
    error(api.post("/apps", {"name": unique("app")}), 403, "APIG.3103")
    # A deleted app frees its place.
    first = api.get("/apps", limit=1).json()["apps"][0]
    assert api.delete("/apps/" + first["id"]).status_code == 204
    _app(api)
