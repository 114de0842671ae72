"""Request budgets of the binding modules, counted in the emulator's access log.

A converged binding task reads what is bound and the bound resource: at most three requests,
all reads. A check-mode run that would change the binding set sends no write.
"""
import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient
from ansible_runner import WRITE_METHODS, module, requests_during

RELEASE_ID = "DEFAULT_ENVIRONMENT_RELEASE_ID"
APIS = ("budget_one", "budget_two")
# module -> (the option naming what is bound, its collection, the create body)
BOUND = {
    "throttling_binding": ("throttling_policy", "throttles", {"name": "budget_throttle", "api_call_limits": 10,
                                                              "time_interval": 1, "time_unit": "SECOND"}),
    "acl_binding": ("acl_policy", "acls", {"acl_name": "budget_deny", "acl_type": "DENY", "entity_type": "IP",
                                           "acl_value": "10.0.0.1"}),
    "signature_binding": ("signature", "signs", {"name": "budget_sign", "sign_type": "hmac"}),
    "app_authorization": ("app", "apps", {"name": "budget_app"}),
}


@pytest.fixture
def group_id(emulator):
    """A group whose two APIs are published in RELEASE; what each module binds exists (named as in BOUND)."""
    client = APIGClient(emulator.project_id, endpoint=emulator.endpoint, access_key=emulator.access_key,
                        secret_key=emulator.secret_key)

    def path(*segments):
        return client.path("instances", emulator.instance_id, *segments)
    group = client.post(path("api-groups"), {"name": "budget_bind_group"})
    for name in APIS:
        api = client.post(path("apis"), {"name": name, "type": 1, "group_id": group["id"], "req_method": "GET",
                                         "req_uri": "/" + name, "auth_type": "APP", "backend_type": "MOCK",
                                         "mock_info": {"result_content": name}})
        client.post(path("apis", "action"), {"action": "online", "api_id": api["id"], "env_id": RELEASE_ID})
    for _, collection, body in BOUND.values():
        client.post(path(collection), body)
    return group["id"]


def args(name, group, apis, *extra):
    option, _, body = BOUND[name]
    bound = body.get("name") or body["acl_name"]
    return " ".join(("%s=%s environment=RELEASE group=%s apis=%s" % (option, bound, group, ",".join(apis)),)
                    + extra)


def run(emulator, name, module_args, *extra):
    proc = module(emulator, name, module_args, *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.mark.parametrize("name", sorted(BOUND))
def test_converged_binding_task_sends_at_most_three_reads(emulator, group_id, name):
    # The group by id: the ACL, key and app lists name groups only, so this is their costliest case.
    assert "CHANGED" in run(emulator, name, args(name, group_id, APIS)).stdout
    result = {}

    def converge():
        result["proc"] = run(emulator, name, args(name, group_id, APIS))

    sent = requests_during(emulator, converge)
    assert "SUCCESS" in result["proc"].stdout
    assert len(sent) <= 3 and all(r["method"] == "GET" for r in sent), [(r["method"], r["path"]) for r in sent]


@pytest.mark.parametrize("name", ["throttling_binding", "app_authorization"])
def test_check_mode_on_a_changed_binding_set_sends_no_write(emulator, group_id, name):
    run(emulator, name, args(name, "budget_bind_group", APIS[:1]))
    change = args(name, "budget_bind_group", APIS[1:], "purge=true")
    predicted = {}

    def check_run():
        predicted["proc"] = run(emulator, name, change, "--check")

    sent = requests_during(emulator, check_run)
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert "CHANGED" in predicted["proc"].stdout
    # The real run makes the predicted change (one bind, one unbind), and a repeat converges.
    writes = requests_during(emulator, lambda: run(emulator, name, change))
    assert len([r for r in writes if r["method"] in WRITE_METHODS]) == 2
    assert "SUCCESS" in run(emulator, name, change).stdout
