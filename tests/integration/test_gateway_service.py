"""A service file using every family (examples/gateway.yml, with a certificate on its domain)
applied with the huaweicloud.apig.service role: converge from an empty instance, rerun with no
change, an edit predicted in check mode with no write, drift behind the file's back reported and
purged, and a teardown back to the instance as it was."""
import json

import pytest
import yaml

from ansible_runner import REPO, WRITE_METHODS, module_result, requests_during
import pem_factory
from test_service_role import Service, client_of, recap  # noqa: F401 (recap used via Service)

SECRETS = {
    "signatures/orders_backend_sig/sign_secret": "OrdersSignSecret2026x",
    "apps/acme_wholesale/app_secret": "AcmeAppSecret-2026",
    "apps/acme_wholesale/app_codes/0": "AcmeAppCode" + "x" * 60,
}


def gateway_service(cert, key):
    with open(REPO + "/examples/gateway.yml") as f:
        service = yaml.safe_load(f)["apig_service"]
    service["domains"][0]["certificate"] = {"name": "partners_cert", "cert_content": cert, "private_key": key}
    return service


def inventory(emulator):
    """Everything of the instance the service file could touch, by name."""
    client, under = client_of(emulator)
    lists = {"groups": ("api-groups", "groups", "name"), "environments": ("envs", "envs", "name"),
             "apis": ("apis", "apis", "name"), "throttles": ("throttles", "throttles", "name"),
             "acls": ("acls", "acls", "acl_name"), "signs": ("signs", "signs", "name"),
             "authorizers": ("authorizers", "authorizer_list", "name"),
             "vpc_channels": ("vpc-channels", "vpc_channels", "name"), "apps": ("apps", "apps", "name")}
    return dict((kind, sorted(item[name] for item in client.list_all(under + "/" + path, key)))
                for kind, (path, key, name) in lists.items())


class GatewayService(Service):
    def __init__(self, emulator, tmp_path):
        super(GatewayService, self).__init__(emulator, tmp_path)
        self.drift_file = str(tmp_path / "drift.json")
        secrets = tmp_path / "secrets.yml"
        secrets.write_text(yaml.safe_dump({"apig_secrets": SECRETS}))
        self.secrets = str(secrets)

    def args(self, service_file, *extra):
        return super(GatewayService, self).args(service_file, "-e", "@" + self.secrets, "-e",
                                                "drift_file=" + self.drift_file, *extra)

    def drift(self):
        with open(self.drift_file) as f:
            return json.load(f)


@pytest.fixture(scope="module")
def gateway(module_emulator, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("gateway")
    pem = pem_factory.make("partners.shop.example.com")
    cert, key = pem.cert_content, pem.private_key
    service = GatewayService(module_emulator, tmp_path)
    service.before = inventory(module_emulator)
    return service, service.write(gateway_service(cert, key)), gateway_service(cert, key)


def changed_stages(summary):
    return dict((stage, labels) for stage, labels in summary.items() if labels)


def test_every_family_converges_reruns_unchanged_and_predicts_an_edit(module_emulator, gateway):
    service, path, declared = gateway
    before = service.before

    line, summary = service.apply(path)
    assert "failed=0" in line
    changed = changed_stages(summary)
    assert changed["group"] == ["partner_api"]
    assert changed["environments"] == ["partner_test", "partner_live"]
    assert changed["apps"] == ["acme_wholesale"] and changed["app_codes"] == ["acme_wholesale"]
    assert changed["throttling_policies"] == ["partner_standard"]
    assert changed["acl_policies"] == ["partner_networks"]
    assert changed["signatures"] == ["orders_backend_sig"]
    assert changed["authorizers"] == ["partner_token_check"]
    assert changed["vpc_channels"] == ["orders_backends"]
    assert changed["gateway_responses"] == ["partner_errors"]
    assert changed["domains"] == ["partners.shop.example.com"]
    assert changed["domain_certificates"] == ["partners.shop.example.com"]
    assert changed["apis"] == [api["name"] for api in declared["apis"]]
    assert changed["throttling_bindings"] == [
        "partner_standard/partner_test: list_catalog, get_stock, submit_order, get_order_status",
        "partner_standard/partner_live: list_catalog, submit_order, get_order_status"]
    assert changed["app_authorizations"] == ["acme_wholesale/partner_test: list_catalog, get_stock, submit_order",
                                             "acme_wholesale/partner_live: list_catalog, submit_order"]
    assert len(changed["acl_bindings"]) == 1 and len(changed["signature_bindings"]) == 2
    after = inventory(module_emulator)
    assert after["groups"] == sorted(before["groups"] + ["partner_api"])
    assert set(after["apis"]) - set(before["apis"]) == set(api["name"] for api in declared["apis"])

    line, summary = service.apply(path)
    assert "changed=0" in line and "failed=0" in line, line
    assert changed_stages(summary) == {}
    assert service.drift() == {}

    edited = yaml.safe_load(open(path))
    edited["service"]["throttling_policies"][0]["api_call_limits"] = 1500
    checked = {}

    def check():
        checked["result"] = service.apply(service.write(edited["service"], "edited.yml"), "--check")

    sent = requests_during(module_emulator, check)
    line, summary = checked["result"]
    assert changed_stages(summary) == {"throttling_policies": ["partner_standard"]}
    assert "changed=1" in line, line
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    assert service.drift() == {}


def test_drift_behind_the_files_back_is_reported_and_purged(module_emulator, gateway):
    service, path, declared = gateway
    service.apply(path)
    group = module_result(module_emulator, "api_group_info", {"name": "partner_api"})["api_groups"][0]["id"]
    # Three resources added by hand: an API, a variable, an app authorization.
    module_result(module_emulator, "api", {
        "group": group, "name": "handmade_api", "type": "public", "req_method": "GET", "req_uri": "/handmade", "auth_type": "APP",
        "backend_type": "MOCK", "mock_info": {"result_content": "{}"}})
    module_result(module_emulator, "api_publish", {"group": group, "environment": "partner_test",
                                                   "apis": ["handmade_api"]})
    module_result(module_emulator, "environment_variable", {"group": group, "environment": "partner_live",
                                                            "variable_name": "debug", "variable_value": "on"})
    module_result(module_emulator, "app_authorization", {"app": "acme_wholesale", "environment": "partner_live",
                                                         "group": group, "apis": ["get_order_status"]})

    sent = requests_during(module_emulator, lambda: service.apply(path, "--check"))
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    drift = {"apis": ["handmade_api"], "variables": ["partner_live/debug"],
             "app_authorizations": ["acme_wholesale/partner_live/get_order_status"]}
    assert service.drift() == drift

    line, summary = service.apply(path, "-e", "apply_purge=true")
    assert changed_stages(summary) == {
        "withdrawals": ["partner_test/handmade_api: offline"], "apis": ["handmade_api"], "variables": ["partner_live/debug"],
        "app_authorizations": ["acme_wholesale/partner_live: get_order_status"]}
    assert service.drift() == drift  # what the run found, and removed

    line, summary = service.apply(path, "--check")
    assert service.drift() == {} and changed_stages(summary) == {}


def test_teardown_leaves_the_instance_as_it_was(module_emulator, gateway):
    service, path, declared = gateway
    service.apply(path)
    line, summary = service.apply(path, "-e", "apply_state=absent")
    assert "failed=0" in line
    changed = changed_stages(summary)
    assert changed["group"] == ["partner_api"] and changed["apps"] == ["acme_wholesale"]
    assert inventory(module_emulator) == service.before
    line, summary = service.apply(path, "-e", "apply_state=absent")
    assert "changed=0" in line, line
