"""The modules against the real emulator: request budgets counted in its access log."""
import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.huaweicloud.apig.plugins.modules import api_group, environment, environment_variable


@pytest.fixture
def converge(emulator, capsys):
    """Run a module twice; return both results and the requests the second run made."""
    connection = {"endpoint": emulator.endpoint, "project_id": emulator.project_id,
                  "instance_id": emulator.instance_id, "access_key": emulator.access_key,
                  "secret_key": emulator.secret_key}

    def run(module, args):
        with patch_module_args(dict(connection, **args)):
            with pytest.raises(SystemExit):
                module.main()
        return json.loads(capsys.readouterr().out)

    def _converge(module, **args):
        first = run(module, args)
        seen = len(emulator.requests())
        second = run(module, args)
        return first, second, emulator.requests()[seen:]
    return _converge


def test_request_budgets_of_converged_tasks(converge):
    first, second, calls = converge(api_group, name="budget_group", remark="r")
    assert first["changed"] and not second["changed"] and len(calls) == 1
    assert calls[0]["method"] == "GET" and "precise_search=name" in calls[0]["query"]

    first, second, calls = converge(environment, name="BUDGET", remark="r")
    assert first["changed"] and not second["changed"] and len(calls) == 1

    first, second, calls = converge(environment_variable, group="budget_group", environment="BUDGET",
                                    variable_name="address", variable_value="10.0.0.1")
    assert first["changed"] and not second["changed"] and len(calls) == 3
    assert [c["method"] for c in calls] == ["GET"] * 3


def test_replace_and_check_mode_against_the_emulator(converge, emulator):
    converge(api_group, name="replace_group")
    first, second, calls = converge(environment_variable, group="replace_group", environment="RELEASE",
                                    variable_name="port", variable_value="8080", _ansible_check_mode=True)
    assert first["changed"] and second["changed"]
    assert all(r["method"] == "GET" for r in emulator.requests()[-6:])
    first, second, _ = converge(environment_variable, group="replace_group", environment="RELEASE",
                                variable_name="port", variable_value="8080")
    replaced, _, _ = converge(environment_variable, group="replace_group", environment="RELEASE",
                              variable_name="port", variable_value="9090")
    assert replaced["changed"] and replaced["environment_variable"]["variable_value"] == "9090"
    assert replaced["environment_variable"]["id"] != first["environment_variable"]["id"]
