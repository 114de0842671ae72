"""huaweicloud.apig.service_info through real ansible runs: a group built by hand with the modules is
read back as a service file.

* The file holds each resource in its module's options, other resources by name, secrets as references.
* Given back to their modules in check mode, the items of the file change nothing (the export converges).
* families=[] costs N + 4 requests for N APIs; each family's cost is measured.
* Without include_secrets no secret value is printed.
"""
import json
import re

import pytest

import pem_factory
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient
from ansible_runner import WRITE_METHODS, ansible, module, module_result, requests_during

GROUP = "snap_shop"
DOMAIN = "api.snap-shop.example.com"
SIGN_SECRET = "snapSignSecret0123456789"
APP_SECRET = "SnapAppSecret_0001"
APP_CODE = "snapcode" + "a1" * 30
RELEASE = "RELEASE"
REFERENCE = re.compile(r"^\{\{ apig_secrets\['([^']+)'\] \}\}$")
# The built group's APIs, and where each is published.
PUBLISHED = {"list_products": ["RELEASE", "snap_dev"], "get_product": ["snap_dev"],
             "order_status": ["snap_dev"], "ping": ["RELEASE"]}


def mock(content):
    return {"backend_type": "MOCK", "mock_info": {"result_content": content}}


APIS = [
    dict(name="list_products", type="public", req_method="GET", req_uri="/products", auth_type="AUTHORIZER",
         authorizer="snap_auth", tags=["shop"], remark="All products", **mock("[]")),
    dict(name="get_product", type="public", req_method="GET", req_uri="/products/{id}", auth_type="APP",
         backend_type="HTTP", req_params=[{"name": "id", "type": "STRING", "location": "PATH"}],
         backend_api={"req_protocol": "HTTP", "req_method": "GET", "req_uri": "/products/{id}", "timeout": 5000,
                      "enable_client_ssl": False, "vpc_channel": "snap_backends"}),
    dict(name="order_status", type="public", req_method="GET", req_uri="/orders/status", auth_type="APP",
         response_id="snap_errors", cors=True,
         req_params=[{"name": "order", "type": "NUMBER", "location": "QUERY", "required": True, "max_num": 99,
                      "pass_through": True}],
         **mock('{"status": "shipped"}')),
    dict(name="ping", type="private", req_method="GET", req_uri="/ping", auth_type="NONE", **mock("pong")),
]


class Built:
    """What the test built and the run of service_info on it."""
    pem = None
    app_key = None


@pytest.fixture(scope="module")
def built(module_emulator):
    """The group, built with the modules; and another group sharing the throttling policy."""
    emu = module_emulator

    def run(module_name, **args):
        return module_result(emu, module_name, args)

    run("api_group", name=GROUP, remark="The snapshot shop")
    run("environment", name="snap_dev", remark="Development")
    run("environment", name="snap_test")
    run("environment", name="snap_unused")
    for env, name, value in (("snap_dev", "backend_host", "dev.shop.example.com"), ("snap_dev", "log_level", "debug"),
                             ("snap_test", "backend_host", "test.shop.example.com")):
        run("environment_variable", group=GROUP, environment=env, variable_name=name, variable_value=value)
    run("authorizer", name="snap_auth", type="FRONTEND", authorizer_uri="urn:fss:emulator:function:default:auth:1",
        identities=[{"name": "Authorization", "location": "HEADER"}], ttl=60)
    run("vpc_channel", name="snap_backends", port=8080, member_type="ip", balance_strategy="wrr",
        vpc_health_config={"protocol": "HTTP", "path": "/health", "http_code": "200", "threshold_normal": 2,
                           "threshold_abnormal": 3, "time_interval": 10, "timeout": 5},
        members=[{"host": "192.168.0.11", "weight": 10}, {"host": "192.168.0.12", "weight": 5}])
    run("gateway_response", group=GROUP, name="snap_errors",
        responses=[{"response_type": "THROTTLED", "status": 429, "body": "slow down",
                    "headers": [{"key": "Retry-After", "value": "1"}]}])
    for api in APIS:
        run("api", group=GROUP, **api)
    for env in ("snap_dev", RELEASE):
        run("api_publish", group=GROUP, environment=env, apis=[a for a, envs in PUBLISHED.items() if env in envs])
    app = run("app", name="snap_web", remark="Web shop", app_key="snap_web_key_0001", app_secret=APP_SECRET)
    Built.app_key = app["app"]["app_key"]
    run("app_code", app="snap_web", app_code=APP_CODE)
    run("app_authorization", app="snap_web", environment="snap_dev", group=GROUP, apis=["order_status"])
    run("app_authorization", app="snap_web", environment=RELEASE, group=GROUP, apis=["list_products"])
    run("throttling_policy", name="snap_per_second", api_call_limits=100, user_call_limits=50, time_interval=1,
        time_unit="SECOND", special_throttles=[{"object_type": "APP", "object": "snap_web", "call_limits": 10}])
    run("throttling_binding", throttling_policy="snap_per_second", environment="snap_dev", group=GROUP,
        apis=["list_products", "get_product"])
    run("acl_policy", acl_name="snap_office", acl_type="PERMIT", entity_type="IP",
        acl_value=["10.0.0.0/8", "192.168.1.1"])
    run("acl_binding", acl_policy="snap_office", environment="snap_dev", group=GROUP, apis=["order_status"])
    run("signature", name="snap_sig", sign_type="hmac", sign_key="snapkey01", sign_secret=SIGN_SECRET)
    run("signature_binding", signature="snap_sig", environment="snap_dev", group=GROUP, apis=["get_product"])
    Built.pem = pem_factory.make(DOMAIN)
    run("domain", group=GROUP, url_domain=DOMAIN, min_ssl_version="TLSv1.2")
    run("domain_certificate", group=GROUP, url_domain=DOMAIN, name="snap_cert", cert_content=Built.pem.cert_content,
        private_key=Built.pem.private_key)
    # Another group's API bound to the same policy, and a policy bound there only: neither is this group's.
    run("api_group", name="snap_other")
    run("api", group="snap_other", name="other_api", type="public", req_method="GET", req_uri="/other",
        auth_type="NONE", **mock("{}"))
    run("api_publish", group="snap_other", environment=RELEASE, apis=["other_api"])
    run("throttling_binding", throttling_policy="snap_per_second", environment=RELEASE, group="snap_other",
        apis=["other_api"])
    run("signature", name="snap_other_sig", sign_type="hmac")
    run("signature_binding", signature="snap_other_sig", environment=RELEASE, group="snap_other",
        apis=["other_api"])
    return Built


@pytest.fixture(scope="module")
def exported(module_emulator, built):
    return module_result(module_emulator, "service_info", {"group": GROUP, "include_secrets": True})


def by_name(items, key="name"):
    return dict((item[key], item) for item in items)


def ref(name):
    return "{{ apig_secrets['%s'] }}" % name


def test_the_service_holds_each_resource_as_its_module_options(exported, built):
    service = exported["service"]
    assert exported["exists"] is True and exported["changed"] is False
    assert set(service) == {"group", "environments", "throttling_policies", "acl_policies", "signatures",
                            "authorizers", "vpc_channels", "gateway_responses", "domains", "apps", "apis"}
    assert service["group"] == {"name": GROUP, "remark": "The snapshot shop"}
    assert service["environments"] == [
        {"name": RELEASE, "remark": "Default environment", "variables": {}},
        {"name": "snap_dev", "remark": "Development",
         "variables": {"backend_host": "dev.shop.example.com", "log_level": "debug"}},
        {"name": "snap_test", "variables": {"backend_host": "test.shop.example.com"}},
    ]
    # Only the group's own APIs: the binding in the other group is left out; user_call_limits is set,
    # the other limits are the gateway's "none" and left out.
    assert service["throttling_policies"] == [{
        "name": "snap_per_second", "type": "api_based", "api_call_limits": 100, "user_call_limits": 50,
        "time_interval": 1, "time_unit": "SECOND",
        "special_throttles": [{"object_type": "APP", "object": "snap_web", "call_limits": 10}],
        "bindings": [{"environment": "snap_dev", "apis": ["get_product", "list_products"]}]}]
    assert service["acl_policies"] == [{
        "acl_name": "snap_office", "acl_type": "PERMIT", "entity_type": "IP",
        "acl_value": ["10.0.0.0/8", "192.168.1.1"],
        "bindings": [{"environment": "snap_dev", "apis": ["order_status"]}]}]
    assert service["signatures"] == [{
        "name": "snap_sig", "sign_type": "hmac", "sign_key": "snapkey01",
        "sign_secret": ref("signatures/snap_sig/sign_secret"),
        "bindings": [{"environment": "snap_dev", "apis": ["get_product"]}]}]
    assert service["authorizers"] == [{
        "name": "snap_auth", "type": "FRONTEND", "authorizer_uri": "urn:fss:emulator:function:default:auth:1",
        "network_type": "V1", "identities": [{"name": "Authorization", "location": "HEADER"}], "ttl": 60,
        "need_body": False}]
    channel, = service["vpc_channels"]
    assert channel["name"] == "snap_backends" and channel["type"] == "server" and channel["member_type"] == "ip"
    assert channel["members"] == [{"host": "192.168.0.11", "weight": 10}, {"host": "192.168.0.12", "weight": 5}]
    assert channel["vpc_health_config"]["path"] == "/health" and channel["balance_strategy"] == "wrr"
    assert service["gateway_responses"] == [{"name": "snap_errors", "responses": [
        {"response_type": "THROTTLED", "status": 429, "body": "slow down",
         "headers": [{"key": "Retry-After", "value": "1"}]}]}]
    assert service["domains"] == [{"url_domain": DOMAIN, "min_ssl_version": "TLSv1.2", "certificate": {
        "name": "snap_cert", "cert_content": ref("domains/%s/cert_content" % DOMAIN),
        "private_key": ref("domains/%s/private_key" % DOMAIN)}}]
    assert service["apps"] == [{
        "name": "snap_web", "remark": "Web shop", "app_key": "snap_web_key_0001",
        "app_secret": ref("apps/snap_web/app_secret"), "app_codes": [ref("apps/snap_web/app_codes/0")],
        "authorizations": [{"environment": RELEASE, "apis": ["list_products"]},
                           {"environment": "snap_dev", "apis": ["order_status"]}]}]


def test_apis_name_what_they_use_by_name_and_where_they_are_published(exported):
    apis = by_name(exported["service"]["apis"])
    assert [api["name"] for api in exported["service"]["apis"]] == sorted(PUBLISHED)
    assert dict((name, api["publish"]) for name, api in apis.items()) == PUBLISHED
    assert apis["list_products"] == dict(APIS[0], publish=PUBLISHED["list_products"])
    assert apis["get_product"]["backend_api"] == dict(APIS[1]["backend_api"])
    # PATH parameters are required by the gateway; the request parameter ids are not options.
    assert apis["get_product"]["req_params"] == [{"name": "id", "type": "STRING", "location": "PATH", "required": True,
                                                 "pass_through": True}]
    assert apis["order_status"]["response_id"] == "snap_errors"
    assert apis["order_status"]["req_params"] == APIS[2]["req_params"]
    assert apis["ping"] == dict(APIS[3], publish=[RELEASE])
    assert not any(key in api for api in apis.values() for key in ("id", "group", "group_id", "state"))


def test_secrets_are_returned_by_reference(exported, built):
    assert exported["secrets"] == {
        "signatures/snap_sig/sign_secret": SIGN_SECRET,
        "apps/snap_web/app_secret": APP_SECRET,
        "apps/snap_web/app_codes/0": APP_CODE,
        "domains/%s/cert_content" % DOMAIN: "",
        "domains/%s/private_key" % DOMAIN: "",
    }


def test_the_raw_data_is_what_the_api_returns(module_emulator, exported):
    env = module_emulator
    client = APIGClient(env.project_id, endpoint=env.endpoint, access_key=env.access_key, secret_key=env.secret_key)

    def path(*segments):
        return client.path("instances", env.instance_id, *segments)
    group = exported["group"]
    assert group == client.list_all(path("api-groups"), "groups", {"name": GROUP, "precise_search": "name"})[0]
    assert exported["environments"] == client.list_all(path("envs"), "envs")
    assert {e["name"] for e in exported["environments"]} >= {RELEASE, "snap_dev", "snap_test", "snap_unused"}
    assert exported["variables"] == client.list_all(path("env-variables"), "variables", {"group_id": group["id"]})
    listed = client.list_all(path("apis"), "apis", {"group_id": group["id"]})
    assert exported["apis"] == [client.get(path("apis", api["id"])) for api in listed]


def _filled(value, secrets):
    """``value`` with every secret reference replaced by its value."""
    if isinstance(value, dict):
        return dict((k, _filled(v, secrets)) for k, v in value.items())
    if isinstance(value, list):
        return [_filled(v, secrets) for v in value]
    match = REFERENCE.match(value) if isinstance(value, str) else None
    return secrets[match.group(1)] if match else value


def _without(item, *keys):
    return dict((k, v) for k, v in item.items() if k not in keys)


def converge_tasks(service, group):
    """One task per module call the service file stands for, every item given back to its module."""
    tasks = [("api_group", service["group"])]
    for env in service["environments"]:
        tasks.append(("environment", _without(env, "variables")))
        tasks += [("environment_variable", {"group": group, "environment": env["name"], "variable_name": name,
                                            "variable_value": value}) for name, value in env["variables"].items()]
    for family, module_name, binding, option, key in (
            ("throttling_policies", "throttling_policy", "throttling_binding", "throttling_policy", "name"),
            ("acl_policies", "acl_policy", "acl_binding", "acl_policy", "acl_name"),
            ("signatures", "signature", "signature_binding", "signature", "name")):
        for item in service[family]:
            tasks.append((module_name, _without(item, "bindings")))
            tasks += [(binding, dict(b, group=group, **{option: item[key]})) for b in item["bindings"]]
    tasks += [("authorizer", item) for item in service["authorizers"]]
    tasks += [("vpc_channel", item) for item in service["vpc_channels"]]
    tasks += [("gateway_response", dict(item, group=group)) for item in service["gateway_responses"]]
    for item in service["domains"]:
        tasks.append(("domain", dict(_without(item, "certificate"), group=group)))
        tasks.append(("domain_certificate", dict(item["certificate"], group=group, url_domain=item["url_domain"])))
    for item in service["apps"]:
        tasks.append(("app", _without(item, "app_codes", "authorizations")))
        tasks += [("app_code", {"app": item["name"], "app_code": code}) for code in item["app_codes"]]
        tasks += [("app_authorization", dict(a, group=group, app=item["name"])) for a in item["authorizations"]]
    for api in service["apis"]:
        tasks.append(("api", dict(_without(api, "publish"), group=group)))
    for env in service["environments"]:
        published = [api["name"] for api in service["apis"] if env["name"] in api["publish"]]
        if published:
            tasks.append(("api_publish", {"group": group, "environment": env["name"], "apis": published}))
    # api_publish's state is "published", its default; every other module is told state=present.
    return [{"name": "%s %d" % (name, index),
             "huaweicloud.apig." + name: args if name == "api_publish" else dict(args, state="present")}
            for index, (name, args) in enumerate(tasks)]


def test_every_item_given_back_to_its_module_changes_nothing(module_emulator, exported, built, tmp_path):
    secrets = dict(exported["secrets"])
    # The gateway returns neither the certificate nor its key: the user fills them in.
    secrets["domains/%s/cert_content" % DOMAIN] = built.pem.cert_content
    secrets["domains/%s/private_key" % DOMAIN] = built.pem.private_key
    tasks = converge_tasks(_filled(exported["service"], secrets), GROUP)
    modules = set(next(k for k in task if k != "name").split(".")[-1] for task in tasks)
    assert modules == {"api_group", "environment", "environment_variable", "throttling_policy", "throttling_binding",
                       "acl_policy", "acl_binding", "signature", "signature_binding", "authorizer", "vpc_channel",
                       "gateway_response", "domain", "domain_certificate", "app", "app_code", "app_authorization",
                       "api", "api_publish"}
    # A control: the same API with another remark must be reported as a change.
    drifted = dict(next(t for t in tasks if "huaweicloud.apig.api" in t)["huaweicloud.apig.api"], remark="drifted")
    control = {"name": "control", "huaweicloud.apig.api": drifted}
    playbook = tmp_path / "converge.json"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": tasks + [control]}]))
    sent = {}

    def check():
        sent["proc"] = ansible(module_emulator, str(playbook), "--check", "--diff")
    requests = requests_during(module_emulator, check)
    proc = sent["proc"]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"ok=%d\s+changed=1\s+unreachable=0\s+failed=0\s+skipped=0" % (len(tasks) + 1), proc.stdout), \
        proc.stdout
    changed = [block.split("]", 1)[0] for block in proc.stdout.split("TASK [")[1:] if "changed: [localhost]" in block]
    assert changed == ["control"], proc.stdout
    assert [r for r in requests if r["method"] in WRITE_METHODS] == []


def test_without_include_secrets_no_secret_is_printed(module_emulator, built):
    proc = module(module_emulator, "service_info", "group=%s" % GROUP, "-vvv")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    output = proc.stdout + proc.stderr
    assert '"secrets"' not in output
    assert ref("apps/snap_web/app_secret") in output
    for secret in (SIGN_SECRET, APP_SECRET, APP_CODE):
        assert secret not in output
    assert [line for line in built.pem.private_key.splitlines() if line in output and "-----" not in line] == []


def _paths(requests):
    return [r["path"].split("/instances/", 1)[1].split("/", 1)[1] for r in requests]


def test_the_core_costs_n_plus_4_requests(module_emulator, built):
    """A group whose APIs name nothing else: the group, the environments, the variables, the API list,
    one GET per API."""
    emu = module_emulator
    module_result(emu, "api_group", {"name": "snap_budget"})
    names = ["budget_%d" % i for i in range(5)]
    for name in names:
        module_result(emu, "api", dict(group="snap_budget", name=name, type="public", req_method="GET",
                                       req_uri="/" + name, auth_type="NONE", **mock(name)))
    result = {}
    sent = requests_during(emu, lambda: result.update(
        module_result(emu, "service_info", {"group": "snap_budget", "families": []})))
    assert [api["name"] for api in result["service"]["apis"]] == names
    assert all(r["method"] == "GET" for r in sent)
    paths = _paths(sent)
    assert len(sent) == len(names) + 4, paths
    assert paths[:4] == ["api-groups", "envs", "env-variables", "apis"]
    assert sorted(paths[4:]) == sorted("apis/" + api["id"] for api in result["apis"])


def test_a_name_the_apis_use_costs_one_list_per_kind_without_its_family(module_emulator, built):
    result = {}
    sent = requests_during(module_emulator, lambda: result.update(
        module_result(module_emulator, "service_info", {"group": GROUP, "families": []})))
    paths = _paths(sent)
    named = ["authorizers", "vpc-channels", "api-groups/%s/gateway-responses" % result["group"]["id"]]
    assert len(sent) == len(PUBLISHED) + 4 + len(named) and sorted(paths[-3:]) == sorted(named), paths
    apis = by_name(result["service"]["apis"])
    assert (apis["list_products"]["authorizer"], apis["order_status"]["response_id"],
            apis["get_product"]["backend_api"]["vpc_channel"]) == ("snap_auth", "snap_errors", "snap_backends")
    assert set(result["service"]) == {"group", "environments", "apis"} and "secrets" not in result


@pytest.mark.parametrize("family, cost", [
    # the list of policies, then per policy bound anywhere its bound APIs, plus the special throttles
    ("throttling_policies", 3),
    ("acl_policies", 2),
    # two keys bound: this group's and the other group's
    ("signatures", 3),
    ("authorizers", 1),
    # the list, then the detail of the channel the APIs name
    ("vpc_channels", 2),
    ("gateway_responses", 1),
    ("domains", 0),
    # every authorization, the apps, the codes of the one app found
    ("apps", 3),
])
def test_each_family_costs_a_few_requests(module_emulator, built, family, cost):
    core = len(PUBLISHED) + 4
    # APIs name an authorizer, a channel and a response: one list each unless the family reads it
    named = 3 - (family in ("authorizers", "vpc_channels", "gateway_responses"))
    result = {}
    sent = requests_during(module_emulator, lambda: result.update(
        module_result(module_emulator, "service_info", {"group": GROUP, "families": [family]})))
    assert len(sent) == core + named + cost, _paths(sent)
    assert result["service"][family]


def test_a_missing_group_is_two_requests_and_not_there(module_emulator):
    result = {}
    sent = requests_during(module_emulator, lambda: result.update(
        module_result(module_emulator, "service_info", {"group": "snap_nowhere", "include_secrets": True})))
    assert result["exists"] is False and result["service"] == {} and result["group"] == {}
    assert result["variables"] == [] and result["apis"] == [] and result["secrets"] == {}
    assert result["environments"] and len(sent) == 2
