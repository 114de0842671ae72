"""Request budgets of converged runs (issue 12), counted in the emulator's access log.

* The service role's converged rerun: at most N + 6 requests for N APIs (reads only).
* api_publish on N published, unchanged APIs: ceil(N/500) + 2 requests (group and environment
  by name, then the pages of the group's APIs); an API switched back to an earlier version is
  not mistaken for unchanged.
"""
import json
import math
import os

from ansible_runner import INTEGRATION, WRITE_METHODS, module, module_result, play, requests_during
from test_service_role import client_of

SHOP = os.path.join(INTEGRATION, "service", "shop.yml")
SHOP_APIS = 3


def apply_shop(emulator, *extra):
    # A real file: the copy module replaces its destination, and /dev/null must stay a device.
    summary = os.path.join(os.path.dirname(emulator.db), "summary.json")
    return play(emulator, "service/apply.yml", "-e", "service_file=" + SHOP, "-e", "summary_file=" + summary, *extra)


def test_the_converged_service_rerun_reads_at_most_n_plus_6(emulator):
    apply_shop(emulator)
    sent = requests_during(emulator, lambda: apply_shop(emulator))
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    # the group, the environments, the group's variables and APIs (one list call each), one GET per API
    assert len(sent) <= SHOP_APIS + 6, sent
    assert len([r for r in sent if "/apis/" in r["path"]]) == SHOP_APIS


def test_api_publish_on_unchanged_apis_costs_its_list_pages_and_two_lookups(emulator):
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
    assert len(sent) == math.ceil(len(names) / 500) + 2, sent

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
