"""The huaweicloud.apig.service role (and through it the group, environment, api and publish roles)
applied with real ansible-playbook runs to a fresh emulator.

service/apply.yml applies a service file and writes the role's per-stage summary to a JSON file;
service/shop.yml is the test service: MOCK, HTTP and FUNCTION APIs published in two environments
and RELEASE.
"""
import json
import os

import pytest
import yaml

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import argument_spec
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API
from ansible_runner import INTEGRATION, REPO, WRITE_METHODS, ansible, play, requests_during

SHOP = os.path.join(INTEGRATION, "service", "shop.yml")
NOTHING = {"group": [], "environments": [], "variables": [], "apis": [], "publishes": []}
# What creating the test service changes, and tearing it down, but for the publishes.
WHOLE_SHOP = {
    "group": ["svc_shop"],
    "environments": ["svc_development", "svc_testing"],
    "variables": ["svc_development/backend_host", "svc_testing/backend_host", "svc_testing/log_level"],
    "apis": ["list_products", "get_product", "price_quote"],
}


def load_shop():
    with open(SHOP) as f:
        return yaml.safe_load(f)


class Service:
    """Applies variants of the test service file and reads back the role's summary."""

    def __init__(self, emulator, tmp_path):
        self.emulator = emulator
        self.tmp_path = tmp_path
        self.summary_file = str(tmp_path / "summary.json")

    def write(self, service, name="service.yml"):
        path = self.tmp_path / name
        path.write_text(yaml.safe_dump({"service": service}))
        return str(path)

    def args(self, service_file, *extra):
        return ("service/apply.yml", "-e", "service_file=" + service_file, "-e", "summary_file=" + self.summary_file,
                *extra)

    def apply(self, service_file=SHOP, *extra):
        """Runs the playbook, which must succeed; returns (recap line, summary)."""
        proc = play(self.emulator, *self.args(service_file, *extra))
        with open(self.summary_file) as f:
            summary = json.load(f)
        return recap(proc.stdout), summary

    def fail(self, service):
        """Runs the playbook on a bad service file; returns the output and the requests it sent."""
        result = {}

        def run():
            result["proc"] = ansible(self.emulator, *self.args(self.write(service, "bad.yml")))

        sent = requests_during(self.emulator, run)
        assert result["proc"].returncode != 0
        return result["proc"].stdout + result["proc"].stderr, sent


def recap(stdout):
    return next(line for line in stdout.splitlines() if line.startswith("localhost") and "ok=" in line)


def client_of(emulator):
    """The collection's client on the emulator, and the path of its instance."""
    client = APIGClient(emulator.project_id, endpoint=emulator.endpoint, access_key=emulator.access_key,
                        secret_key=emulator.secret_key)
    return client, client.path("instances", emulator.instance_id)


def snapshot(emulator):
    """The instance's groups, environments, APIs and variables, as comparable sorted lists."""
    client, under = client_of(emulator)
    groups = client.list_all(under + "/api-groups", "groups")
    variables = []
    for group in groups:
        found = client.list_all(under + "/env-variables", "variables", {"group_id": group["id"]})
        variables += [(group["name"], v["env_id"], v["variable_name"], v["variable_value"]) for v in found]
    return {
        "groups": sorted(g["name"] for g in groups),
        "environments": sorted(e["name"] for e in client.list_all(under + "/envs", "envs")),
        "apis": sorted((a["group_name"], a["name"]) for a in client.list_all(under + "/apis", "apis")),
        "variables": sorted(variables),
    }


@pytest.fixture
def service(emulator, tmp_path):
    return Service(emulator, tmp_path)


def test_converge_repeat_check_edit_and_teardown(emulator, service):
    before = snapshot(emulator)
    assert before == {"groups": [], "environments": ["RELEASE"], "apis": [], "variables": []}

    _, summary = service.apply()
    assert summary == dict(
        WHOLE_SHOP,
        publishes=["svc_development/list_products: published", "svc_development/get_product: published",
                   "RELEASE/list_products: published", "svc_testing/get_product: published",
                   "svc_testing/price_quote: published"])
    converged = snapshot(emulator)
    assert converged["apis"] == [("svc_shop", "get_product"), ("svc_shop", "list_products"),
                                 ("svc_shop", "price_quote")]
    assert converged["environments"] == ["RELEASE", "svc_development", "svc_testing"]

    # The converged rerun, also the role's request budget (issue 12): at most N + 6 requests for N
    # APIs, reads only: the group, the environments, the group's variables and APIs (one list call
    # each), one GET per API.
    rerun = {}
    sent = requests_during(emulator, lambda: rerun.update(result=service.apply()))
    line, summary = rerun["result"]
    assert "changed=0" in line and "failed=0" in line
    assert summary == NOTHING
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert len(sent) <= len(WHOLE_SHOP["apis"]) + 6, sent
    assert len([r for r in sent if "/apis/" in r["path"]]) == len(WHOLE_SHOP["apis"])

    shop = load_shop()
    shop["service"]["apis"][1]["backend_api"]["timeout"] = 6000
    edited = service.write(shop["service"])
    predicted = dict(NOTHING, apis=["get_product"],
                     publishes=["svc_development/get_product: republished", "svc_testing/get_product: republished"])
    checked = {}

    def check():
        checked["result"] = service.apply(edited, "--check")

    sent = requests_during(emulator, check)
    line, summary = checked["result"]
    assert summary == predicted
    # the API task and the publish task (the recap counts tasks, not loop items)
    assert "changed=2" in line, line
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert snapshot(emulator) == converged

    line, summary = service.apply(edited)
    assert summary == predicted
    assert "changed=2" in line, line

    line, summary = service.apply(edited, "-e", "apply_state=absent")
    assert summary == dict(
        WHOLE_SHOP,
        publishes=["RELEASE/list_products: offline", "svc_development/list_products: offline",
                   "svc_development/get_product: offline", "svc_testing/get_product: offline",
                   "svc_testing/price_quote: offline"])
    assert snapshot(emulator) == before

    line, summary = service.apply(edited, "-e", "apply_state=absent")
    assert "changed=0" in line and summary == NOTHING


def test_unwanted_publish_goes_offline_and_teardown_keeps_a_used_environment(emulator, service):
    service.apply()
    shop = load_shop()
    shop["service"]["apis"][0]["publish"] = ["svc_development"]
    _, summary = service.apply(service.write(shop["service"]))
    assert summary == dict(NOTHING, publishes=["RELEASE/list_products: offline"])

    # another team's API published in svc_testing keeps that environment alive
    client, under = client_of(emulator)
    other = client.post(under + "/api-groups", {"name": "other_team"})
    api = client.post(under + "/apis", {
        "name": "other_api", "type": 1, "group_id": other["id"], "req_protocol": "HTTP", "req_method": "GET",
        "req_uri": "/other", "auth_type": "NONE", "backend_type": "MOCK", "mock_info": {"result_content": "x"}})
    env_id = next(e["id"] for e in client.list_all(under + "/envs", "envs") if e["name"] == "svc_testing")
    client.post(under + "/apis/action", {"action": "online", "api_id": api["id"], "env_id": env_id})

    _, summary = service.apply(SHOP, "-e", "apply_state=absent")
    assert summary["environments"] == ["svc_development"]
    assert summary["group"] == ["svc_shop"]
    after = snapshot(emulator)
    assert after["environments"] == ["RELEASE", "svc_testing"]
    assert after["apis"] == [("other_team", "other_api")]


def shop_with(change):
    service = load_shop()["service"]
    change(service)
    return service


@pytest.mark.parametrize("change, expected", [
    (lambda s: s["apis"][1].pop("name"), ["apig_service.apis[1].name: required"]),
    (lambda s: s["apis"][0].update(mock_info="[]"), ["apig_service.apis[0].mock_info: must be of type dict"]),
    (lambda s: s["apis"][2].update(cors="sometimes"),
     ["apig_service.apis[2].cors: must be of type bool, got 'sometimes'"]),
    (lambda s: s["apis"][0].update(req_methd="GET"), ["apig_service.apis[0].req_methd: unknown key"]),
    (lambda s: s["apis"][0].update(state="absent"), ["apig_service.apis[0].state: unknown key"]),
    (lambda s: s["apis"][1]["backend_api"].update(timeout="soon"),
     ["apig_service.apis[1].backend_api.timeout: must be of type int, got 'soon'"]),
    (lambda s: s["group"].pop("name"), ["missing required arguments: name", "group"]),
    (lambda s: s["environments"][1].update(variables=["log_level"]), ["'variables'", "dict"]),
], ids=["api-without-name", "mock_info-not-a-dict", "cors-not-a-bool", "unknown-key", "state-per-api",
        "backend-timeout-not-an-int", "group-without-name", "variables-not-a-dict"])
def test_a_bad_service_fails_before_any_api_call(service, change, expected):
    output, sent = service.fail(shop_with(change))
    assert sent == []
    for text in expected:
        assert text in output, output


def test_connection_from_apig_connection(emulator, service, monkeypatch):
    """With no HW_* variable set, the roles take the connection from apig_connection."""
    connection = {"endpoint": emulator.endpoint, "project_id": emulator.project_id,
                  "instance_id": emulator.instance_id, "access_key": emulator.access_key,
                  "secret_key": emulator.secret_key}
    for name in emulator.ansible_env():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(emulator, "ansible_env", dict)
    line, summary = service.apply(SHOP, "-e", json.dumps({"apig_connection": connection}))
    assert summary["apis"] == ["list_products", "get_product", "price_quote"]
    assert "changed=0" not in line


def test_the_api_role_takes_every_option_of_the_api_module():
    """The api role's item options and the options its task passes are the module's, with their types."""
    roles = os.path.join(REPO, "roles", "api")
    with open(os.path.join(roles, "meta", "argument_specs.yml")) as f:
        options = yaml.safe_load(f)["argument_specs"]["main"]["options"]["apig_apis"]["options"]
    with open(os.path.join(roles, "tasks", "main.yml")) as f:
        passed = yaml.safe_load(f)[0]["block"][0]["huaweicloud.apig.api"]
    module = argument_spec(API.fields)
    module.update(group={"type": "str"}, id={"type": "str"}, state={"type": "str",
                                                                      "choices": ["present", "absent"]})

    def shape(spec):
        return dict((k, (v.get("type"), v.get("elements"), v.get("choices"))) for k, v in spec.items())

    assert shape(options) == shape(module)
    assert list(passed) == list(options)
    assert all(passed[k] == "{{ item.%s | default(omit) }}" % k for k in options if k not in ("group", "name"))
