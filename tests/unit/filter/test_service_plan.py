"""The planning of the service role (plugins/plugin_utils/service.py, the service_* filters)."""
import copy
import os
import re

import pytest
import yaml

from ansible_collections.huaweicloud.apig.plugins.module_utils import snapshot
from ansible_collections.huaweicloud.apig.plugins.plugin_utils import service as plan_module
from ansible_collections.huaweicloud.apig.plugins.plugin_utils.service import (
    FAMILIES, STAGE_KEYS, TEARDOWN_SKIPS, changed, plan, problems, publishes)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
GROUP_ID = "a" * 32
DEV_ID = "d" * 32

SERVICE = {
    "group": {"name": "shop", "remark": "The shop"},
    "environments": [{"name": "dev", "remark": "Developers", "variables": {"host": "a.example.com", "port": 8080}}],
    "apps": [{"name": "shop_web", "app_codes": ["c" * 64],
              "authorizations": [{"environment": "dev", "apis": ["list_products"]}]}],
    "throttling_policies": [{"name": "per_second", "api_call_limits": 100, "time_interval": 1, "time_unit": "SECOND",
                             "special_throttles": [{"object_type": "APP", "object": "shop_web", "call_limits": 10}],
                             "bindings": [{"environment": "dev", "apis": ["list_products", "get_product"]}]}],
    "domains": [{"url_domain": "api.shop.example.com",
                 "certificate": {"name": "shop_cert", "cert_content": "PEM", "private_key": "KEY"}}],
    "apis": [
        {"name": "list_products", "req_method": "GET", "req_uri": "/products", "auth_type": "NONE",
         "backend_type": "MOCK", "mock_info": {"result_content": "[]"}, "publish": ["dev"]},
        {"name": "get_product", "req_method": "GET", "req_uri": "/products/{id}", "auth_type": "APP",
         "backend_type": "MOCK", "mock_info": {"result_content": "{}"}, "publish": ["dev"],
         "req_params": [{"name": "id", "type": "STRING", "location": "PATH", "required": True}]},
    ],
}


def found_service(**extra):
    """What service_info would read of SERVICE once converged, with ``extra`` added behind the file's back."""
    found = {
        "exists": True,
        "group": {"id": GROUP_ID, "name": "shop", "remark": "The shop"},
        "environments": [{"id": DEV_ID, "name": "dev", "remark": "Developers"}, {"id": "r" * 32, "name": "RELEASE"}],
        "variables": [{"env_id": DEV_ID, "variable_name": "host", "variable_value": "a.example.com"},
                      {"env_id": DEV_ID, "variable_name": "port", "variable_value": "8080"}],
        "apis": [{"id": "1" * 32, "name": "list_products", "group_id": GROUP_ID, "run_env_name": "dev"},
                 {"id": "2" * 32, "name": "get_product", "group_id": GROUP_ID, "run_env_name": "dev"}],
        "service": {
            "throttling_policies": [{"name": "per_second", "bindings": [
                {"environment": "dev", "apis": ["list_products", "get_product"]}]}],
            "apps": [{"name": "shop_web", "authorizations": [{"environment": "dev", "apis": ["list_products"]}]}],
            "gateway_responses": [{"name": "default"}],
            "domains": [{"url_domain": "api.shop.example.com"}],
        },
    }
    for key, value in extra.items():
        if key in ("apis", "variables"):
            found[key] = found[key] + value
        else:
            found["service"][key] = value
    return found


def test_service_info_reads_the_families_the_planner_knows():
    # The role asks service_info for the file's keys besides the core ones.
    assert sorted(snapshot.FAMILIES) == sorted(family.key for family in FAMILIES if family.key != "apis")


@pytest.mark.parametrize("example", ["service.yml", "gateway.yml"])
def test_the_examples_are_valid(example):
    path = os.path.join(REPO, "examples", example)
    if not os.path.exists(path):
        pytest.skip("no %s yet" % example)
    with open(path) as f:
        # The secrets an example references: any value that fits every secret option's rules.
        text = re.sub(r"\{\{ apig_secrets\[[^]]*\] \}\}", "S" * 64, f.read())
    assert problems(yaml.safe_load(text)["apig_service"]) == []


def test_a_valid_file_has_no_problems():
    assert problems(SERVICE) == []


@pytest.mark.parametrize("edit, message", [
    (lambda s: s["apis"][1]["req_params"][0].update(required="perhaps"),
     "apig_service.apis[1].req_params[0].required: must be of type bool, got 'perhaps'"),
    (lambda s: s["apis"][1]["req_params"][0].update(max_size="big"),
     "apig_service.apis[1].req_params[0].max_size: must be of type int, got 'big'"),
    (lambda s: s["apis"][0].update(req_method="FETCH"),
     "apig_service.apis[0].req_method: must be one of GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS, ANY, "
     "got 'FETCH'"),
    (lambda s: s["apis"][0].update(group="other"), "apig_service.apis[0].group: unknown key; expected one of"),
    (lambda s: s["environments"][0].pop("name"), "apig_service.environments[0].name: required"),
    (lambda s: s["throttling_policies"][0].update(api_call_limits=0),
     "apig_service.throttling_policies[0].api_call_limits must be between 1 and 2147483647, got 0"),
    (lambda s: s["apis"].append(dict(s["apis"][0])),
     "apig_service.apis[2].name: 'list_products' is declared twice in apis"),
    (lambda s: s["throttling_policies"][0]["bindings"][0]["apis"].append("nope"),
     "apig_service.throttling_policies[0].bindings[0].apis[2]: 'nope' is not an API of the service"),
    (lambda s: s["apps"][0]["authorizations"][0].update(environment="RELEASE"),
     "apig_service.apps[0].authorizations[0].apis[0]: 'list_products' is not published in 'RELEASE'"),
    (lambda s: s["domains"][0]["certificate"].update(extra=1),
     "apig_service.domains[0].certificate.extra: unknown key"),
])
def test_a_broken_key_is_named_by_its_path(edit, message):
    service = copy.deepcopy(SERVICE)
    edit(service)
    found = problems(service)
    assert any(problem.startswith(message) for problem in found), found


def test_a_secret_is_not_echoed():
    service = copy.deepcopy(SERVICE)
    service["apps"][0]["app_codes"] = [{"not": "a string"}]
    found = problems(service)
    assert found == ["apig_service.apps[0].app_codes[0]: must be of type str, got"]


def test_from_nothing_every_stage_runs_in_dependency_order():
    result = plan(SERVICE, {})
    assert result["stages"] == [
        "group", "environments", "variables", "apps", "app_codes", "throttling_policies", "domains",
        "domain_certificates", "apis", "publishes", "throttling_bindings", "app_authorizations"]
    items = result["stage_items"]
    assert items["group"] == [{"name": "shop", "remark": "The shop", "state": "present"}]
    assert items["variables"][1] == {"group": "shop", "environment": "dev", "variable_name": "port",
                                     "variable_value": "8080", "state": "present"}
    policy = items["throttling_policies"][0]
    assert "bindings" not in policy and policy["special_throttles"][0]["object"] == "shop_web"
    assert items["domains"] == [{"url_domain": "api.shop.example.com", "group": "shop", "state": "present"}]
    assert items["domain_certificates"] == [{"name": "shop_cert", "cert_content": "PEM", "private_key": "KEY",
                                             "group": "shop", "url_domain": "api.shop.example.com",
                                             "state": "present"}]
    assert items["app_codes"] == [{"app": "shop_web", "app_code": "c" * 64, "state": "present"}]
    assert items["throttling_bindings"] == [{"throttling_policy": "per_second", "environment": "dev", "group": "shop",
                                             "apis": ["list_products", "get_product"], "state": "present"}]
    assert [api["name"] for api in items["apis"]] == ["list_products", "get_product"]
    assert "publish" not in items["apis"][0]
    assert set(result["changes"]) == set(result["stages"])


def test_converged_core_items_are_not_handed_to_their_modules():
    result = plan(SERVICE, found_service())
    items = result["stage_items"]
    assert items["group"] == [] and items["environments"] == [] and items["variables"] == []
    assert result["drift"] == {}
    # The other families' modules compare their items themselves.
    assert [item["name"] for item in items["throttling_policies"]] == ["per_second"]
    assert items["apis"][0]["group"] == GROUP_ID and items["apis"][0]["id"] == "1" * 32


def test_drift_lists_what_the_file_does_not_declare_and_purge_removes_exactly_that():
    found = found_service(
        apis=[{"id": "3" * 32, "name": "old_api", "group_id": GROUP_ID, "run_env_name": "dev"}],
        variables=[{"env_id": DEV_ID, "variable_name": "debug", "variable_value": "1"}],
        apps=[{"name": "shop_web", "authorizations": [{"environment": "dev", "apis": ["list_products", "get_product"]}]}],
        gateway_responses=[{"name": "default"}, {"name": "teapot"}])
    result = plan(SERVICE, found)
    assert result["drift"] == {"apis": ["old_api"], "variables": ["dev/debug"],
                               "app_authorizations": ["shop_web/dev/get_product"], "gateway_responses": ["teapot"]}
    kept = result["stage_items"]
    assert all(item.get("state") != "absent" for stage in kept.values() for item in stage)

    purged = plan(SERVICE, found, purge=True)["stage_items"]
    absent = dict((stage, [item for item in items if item.get("state") == "absent"])
                  for stage, items in purged.items())
    assert absent["apis"] == [{"name": "old_api", "state": "absent", "group": GROUP_ID, "id": "3" * 32}]
    assert absent["variables"] == [{"group": GROUP_ID, "environment": DEV_ID, "variable_name": "debug",
                                    "state": "absent"}]
    assert absent["app_authorizations"] == [{"app": "shop_web", "environment": "dev", "group": GROUP_ID,
                                             "apis": ["get_product"], "state": "absent"}]
    assert absent["gateway_responses"] == [{"name": "teapot", "group": GROUP_ID, "state": "absent"}]
    assert sum(len(items) for items in absent.values()) == 4
    # A published API can't be deleted: it goes offline first, where the gateway shows it published.
    assert purged["withdrawals"] == [{"group": GROUP_ID, "environment": "dev", "apis": ["old_api"],
                                      "state": "offline"}]


def test_teardown_runs_in_reverse_and_deletes_only_what_the_file_declares():
    published = {"dev": [{"name": "list_products", "group_name": "shop"}]}
    result = plan(SERVICE, found_service(), state="absent", published=published)
    assert result["stages"] == ["publishes", "apis", "domains", "throttling_policies", "apps", "variables",
                                "environments", "group"]
    assert not set(result["stages"]) & set(TEARDOWN_SKIPS)
    items = result["stage_items"]
    assert items["apps"] == [{"name": "shop_web", "state": "absent"}]
    assert items["environments"] == [{"name": "dev", "state": "absent"}]
    assert publishes(SERVICE, found_service(), state="absent") == [
        {"group": GROUP_ID, "environment": "dev", "apis": ["list_products", "get_product"], "state": "offline"}]
    # An environment where another group's API is published stays.
    shared = {"dev": published["dev"] + [{"name": "other", "group_name": "elsewhere"}]}
    assert plan(SERVICE, found_service(), state="absent", published=shared)["stage_items"]["environments"] == []


def test_publishes_skip_what_is_published_unchanged_but_not_what_this_run_changed():
    found = found_service()
    for api in found["apis"]:
        api.update(run_env_id=DEV_ID, publish_time="2026-01-02T00:00:00Z", update_time="2026-01-01T00:00:00Z")
        api["run_env_name"] = "dev"
    assert publishes(SERVICE, found) == []
    assert publishes(SERVICE, found, edited=["get_product"]) == [
        {"group": GROUP_ID, "environment": "dev", "state": "published", "apis": ["get_product"]}]


def test_the_report_names_items_never_by_secret():
    result = {"results": [
        {"changed": True, "item": {"app": "shop_web", "app_code": "secret-code"}},
        {"changed": False, "item": {"app": "other", "app_code": "x"}}]}
    assert changed(result, "app_codes") == ["shop_web"]
    variables = {"results": [{"changed": True, "item": {"environment": DEV_ID, "variable_name": "host"}}]}
    assert changed(variables, "variables", {DEV_ID: "dev"}) == ["dev/host"]
    bindings = {"results": [{"changed": True, "item": {"acl_policy": "office", "environment": "dev",
                                                       "apis": ["a", "b"]}}]}
    assert changed(bindings, "acl_bindings") == ["office/dev: a, b"]
    assert changed({"publish_changes": [{"environment": "dev", "api": "a", "action": "published"}]},
                   "publishes") == ["dev/a: published"]


def test_every_stage_has_a_task_file():
    stages = os.path.join(REPO, "roles", "service", "tasks", "stages")
    missing = [key for key in STAGE_KEYS if not os.path.exists(os.path.join(stages, key + ".yml"))]
    assert missing == []
    assert plan_module.FAMILY["apis"].module == "api"


def test_what_the_run_created_is_passed_on_by_id():
    created = {"group": GROUP_ID, "environments": {"dev": DEV_ID}}
    items = plan(SERVICE, {}, created=created)["stage_items"]
    assert items["variables"][0]["group"] == GROUP_ID and items["variables"][0]["environment"] == DEV_ID
    assert all(api["group"] == GROUP_ID for api in items["apis"])
    assert publishes(SERVICE, {}, created=created)[0]["group"] == GROUP_ID
