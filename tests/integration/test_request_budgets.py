"""Request budgets of converged runs (issue 12), counted in the emulator's access log.

* The service role's converged rerun, at most N + 6 requests for N APIs (reads only), is checked
  on the rerun test_service_role.py makes anyway (one service converged twice less).
* api_publish on N published, unchanged APIs: ceil(N/500) + 2 requests (group and environment
  by name, then the pages of the group's APIs); an API switched back to an earlier version is
  not mistaken for unchanged.
"""
import json
import math

from ansible_runner import module, module_result, requests_during
from test_service_role import client_of


def test_api_publish_on_unchanged_apis_costs_its_list_pages_and_the_group(emulator):
    client, under = client_of(emulator)
    group = client.post(under + "/api-groups", {"name": "budget_publish"})
    names = ["api_%03d" % i for i in range(501)]
    for name in names:
        client.post(under + "/apis", {"name": name, "type": 1, "group_id": group["id"], "req_method": "GET",
                                      "req_uri": "/" + name, "auth_type": "NONE", "backend_type": "MOCK",
                                      "mock_info": {"result_content": "{}"}})
    args = {"group": "budget_publish", "environment": "RELEASE", "apis": names}
    assert module_result(emulator, "api_publish", args)["changed"] is True
    result = {}
    sent = requests_during(emulator, lambda: result.update(module_result(emulator, "api_publish", args)))
    assert result["changed"] is False and {p["action"] for p in result["publishes"]} == {"unchanged"}
    # The group by name, then its API pages, whose items name the environments: within the
    # ceil(N/500) + 2 budget of issue 12.
    assert len(sent) == math.ceil(len(names) / 500) + 1, sent

    # One API changes, another is switched back to its first version: one republished, one kept.
    first = client.list_all(under + "/apis/publish/" + result["publishes"][1]["api_id"], "api_versions")[0]
    edited, rolled = result["publishes"][0], result["publishes"][1]
    for publish in (edited, rolled):
        name = publish["api_name"]
        client.put(under + "/apis/" + publish["api_id"], {
            "name": name, "type": 1, "group_id": group["id"], "req_method": "GET", "req_uri": "/" + name,
            "auth_type": "NONE", "backend_type": "MOCK", "mock_info": {"result_content": "changed"}})
    client.post(under + "/apis/action", {"action": "online", "api_id": rolled["api_id"],
                                         "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID"})
    client.put(under + "/apis/publish/" + rolled["api_id"], {"version_id": first["version_id"]})
    result = module_result(emulator, "api_publish", args)
    actions = dict((p["api_name"], p["action"]) for p in result["publishes"])
    assert (actions[edited["api_name"]], actions[rolled["api_name"]]) == ("republished", "rollback_kept")
    assert result["changed"] is True
    # The next run changes nothing, and says why the earlier version stays.
    proc = module(emulator, "api_publish", json.dumps(args))
    assert proc.returncode == 0 and '"changed": false' in proc.stdout, proc.stdout + proc.stderr
    assert "a rollback; kept" in proc.stdout + proc.stderr
