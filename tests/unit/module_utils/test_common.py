"""APIGModule: connection options, env fallbacks, local checks, the client it builds."""
import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.huaweicloud.apig.plugins.doc_fragments.apig import ModuleDocFragment
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.common import (
    APIGModule, connection_argument_spec, connection_errors)

ENV = {
    "HW_REGION_NAME": "cn-north-4",
    "HW_APIG_ENDPOINT": "http://127.0.0.1:9999/",
    "HW_PROJECT_ID": "proj-env",
    "HW_ACCESS_KEY": "ak-env",
    "HW_SECRET_KEY": "sk-env",
    "HW_APIG_INSTANCE_ID": "inst-env",
}
MINIMAL = {"region": "cn-north-4", "project_id": "p", "instance_id": "i", "access_key": "ak", "secret_key": "sk-secret-value"}


class Failed(Exception):
    pass


@pytest.fixture(autouse=True)
def no_exit(monkeypatch):
    """fail_json raises instead of printing and exiting; no HW_* leaks in from the host."""
    def fail_json(self, **result):
        raise Failed(result)

    monkeypatch.setattr(APIGModule, "fail_json", fail_json)
    for name in list(ENV) + ["HW_SECURITY_TOKEN", "HW_AUTH_TOKEN"]:
        monkeypatch.delenv(name, raising=False)


def build(args, **kwargs):
    with patch_module_args(args):
        return APIGModule(kwargs.pop("argument_spec", {}), supports_check_mode=True, **kwargs)


def failure(args, **kwargs):
    with pytest.raises(Failed) as info:
        build(args, **kwargs)
    return info.value.args[0]


def test_env_fallbacks_feed_the_client(monkeypatch):
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    module = build({})
    assert module.params["project_id"] == "proj-env"
    assert module.params["instance_id"] == "inst-env"
    client = module.client
    assert client is module.client  # built once
    assert client.base_url == "http://127.0.0.1:9999"
    assert (client.project_id, client.access_key, client.read_only) == ("proj-env", "ak-env", False)
    assert (client.timeout, client.max_retries, client.retry_max_delay, client.validate_certs) == (30, 5, 30.0, True)
    assert "sk-env" in module.no_log_values
    assert module.instance_path("api-groups", "g 1") == "/v2/proj-env/apigw/instances/inst-env/api-groups/g%201"


def test_token_fallbacks(monkeypatch):
    monkeypatch.setenv("HW_AUTH_TOKEN", "token-env")
    monkeypatch.setenv("HW_SECURITY_TOKEN", "sts-env")
    module_args = dict(MINIMAL, access_key=None, secret_key=None)
    assert "security_token is only used with access_key and secret_key" in failure(module_args)["msg"]
    monkeypatch.delenv("HW_SECURITY_TOKEN")
    module = build(module_args)
    assert module.params["auth_token"] == "token-env"
    assert "token-env" in module.no_log_values


def test_explicit_options_win_over_env(monkeypatch):
    monkeypatch.setenv("HW_PROJECT_ID", "proj-env")
    assert build(MINIMAL).params["project_id"] == "p"


def test_check_mode_makes_the_client_read_only():
    assert build(dict(MINIMAL, _ansible_check_mode=True)).client.read_only is True


def test_required_options_are_named():
    assert "project_id" in failure({"region": "r", "access_key": "a", "secret_key": "s"})["msg"]
    assert "instance_id" in failure({"region": "r", "project_id": "p", "access_key": "a", "secret_key": "s"})["msg"]


def test_instance_false_has_no_instance_id():
    assert "instance_id" not in connection_argument_spec(instance=False)
    args = dict(MINIMAL)
    del args["instance_id"]
    assert "instance_id" not in build(args, instance=False).params
    assert "Unsupported parameters" in failure(MINIMAL, instance=False)["msg"]


def test_module_options_are_merged():
    module = build(dict(MINIMAL, name="g"), argument_spec=dict(name=dict(type="str", required=True)))
    assert module.params["name"] == "g"


@pytest.mark.parametrize("change, message", [
    ({"region": None}, "one of endpoint or region is required (or HW_APIG_ENDPOINT / HW_REGION_NAME)"),
    ({"secret_key": None}, "access_key and secret_key must be given together"),
    ({"access_key": None}, "access_key and secret_key must be given together"),
    ({"access_key": None, "secret_key": None}, "access_key and secret_key, or auth_token, are required"),
    ({"auth_token": "t"}, "access_key/secret_key and auth_token are mutually exclusive"),
    ({"access_key": None, "secret_key": None, "auth_token": "t", "security_token": "s"},
     "security_token is only used with access_key and secret_key"),
    ({"timeout": 0}, "timeout must be greater than 0"),
    ({"max_retries": -1}, "max_retries must be 0 or more"),
    ({"retry_max_delay": -0.5}, "retry_max_delay must be 0 or more"),
])
def test_local_checks(change, message):
    args = dict(MINIMAL, **change)
    assert connection_errors(args) == [message]
    result = failure(args)
    assert result["msg"] == message
    assert "sk-secret-value" not in result["msg"]


def test_valid_combinations_pass():
    assert connection_errors(MINIMAL) == []
    assert connection_errors(dict(MINIMAL, region=None, endpoint="http://x", security_token="t")) == []
    assert connection_errors(dict(MINIMAL, access_key=None, secret_key=None, auth_token="t")) == []


def test_several_problems_are_reported_together():
    result = failure(dict(MINIMAL, region=None, timeout=-1))
    assert result["msg"] == ("one of endpoint or region is required (or HW_APIG_ENDPOINT / HW_REGION_NAME); "
                             "timeout must be greater than 0")


def test_fail_from_error_carries_the_structured_error():
    module = build(MINIMAL)
    err = APIGError("x", status=404, error_code="APIG.3001", error_msg="API group not found", request_id="r1",
                    method="GET", url="http://h/p")
    with pytest.raises(Failed) as info:
        module.fail_from_error(err, changed=False)
    result = info.value.args[0]
    assert result["msg"] == "API group not found (APIG.3001)"
    assert result["error"] == err.to_dict()
    assert result["changed"] is False


@pytest.mark.parametrize("fragment, instance", [("DOCUMENTATION", False), ("INSTANCE", True)])
def test_doc_fragment_matches_argument_spec(fragment, instance):
    documented = yaml.safe_load(getattr(ModuleDocFragment, fragment))["options"]
    spec = connection_argument_spec(instance=True)
    if instance:
        spec = {"instance_id": spec["instance_id"]}
    else:
        spec.pop("instance_id")
    assert set(documented) == set(spec)
    for name, option in spec.items():
        doc = documented[name]
        assert doc["type"] == option["type"], name
        assert doc.get("default") == option.get("default"), name
        assert doc.get("required", False) == option.get("required", False), name
        env = option.get("fallback", (None, []))[1]
        assert all("E(%s)" % var in " ".join(doc["description"]) for var in env), name
