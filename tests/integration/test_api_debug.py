"""api_debug and api_publish through real `ansible` runs against the emulator.

The APIs are registered with the collection's HTTP client directly, so these tests depend only
on the emulator and the publishing modules. An HTTP backend is the ``loopback_backend`` fixture,
a small server on 127.0.0.1.
"""
import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient
from ansible_runner import WRITE_METHODS, module, requests_during
from loopback_backend import LOOPBACK_ANSWER


@pytest.fixture
def apig(emulator):
    """The collection's client on the emulator, and a helper registering APIs in one group."""
    client = APIGClient(emulator.project_id, endpoint=emulator.endpoint, access_key=emulator.access_key,
                        secret_key=emulator.secret_key)
    apis = client.path("instances", emulator.instance_id, "apis")
    group = client.post(client.path("instances", emulator.instance_id, "api-groups"), {"name": "debug_group"})

    def register(name, **backend):
        body = dict({"name": name, "type": 1, "group_id": group["id"], "req_protocol": "HTTP",
                     "req_method": "GET", "req_uri": "/" + name, "auth_type": "NONE"}, **backend)
        return client.post(apis, body)
    return register


def run(emulator, name, args, *extra):
    proc = module(emulator, name, args, *extra)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_debug_reaches_the_http_backend(emulator, apig, loopback_backend):
    apig("hello", backend_type="HTTP", backend_api={
        "url_domain": loopback_backend, "req_protocol": "HTTP", "req_method": "GET", "req_uri": "/backend",
        "timeout": 5000})
    assert "CHANGED" in run(emulator, "api_publish", "group=debug_group api=hello environment=RELEASE")
    out = run(emulator, "api_debug", "group=debug_group api=hello scheme=HTTP mode=CONSUMER query=q=x")
    assert LOOPBACK_ANSWER in out and "SUCCESS" in out
    assert '"changed": false' in out


def test_debug_answers_a_mock_api_and_check_mode_sends_nothing(emulator, apig):
    apig("mocked", backend_type="MOCK", mock_info={"result_content": "the mock answer"})
    assert "the mock answer" in run(emulator, "api_debug", "group=debug_group api=mocked")
    checked = {}

    def check():
        checked["out"] = run(emulator, "api_debug", "group=debug_group api=mocked", "--check")

    sent = requests_during(emulator, check)
    assert "was not called" in checked["out"] and "the mock answer" not in checked["out"]
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []


def test_publishing_a_hundred_apis_is_a_handful_of_requests(emulator, apig):
    names = ["bulk_%03d" % i for i in range(100)]
    for name in names:
        apig(name, backend_type="MOCK", mock_info={"result_content": name})
    args = "group=debug_group environment=RELEASE apis=" + ",".join(names)
    result = {}

    def publish():
        result["out"] = run(emulator, "api_publish", args)

    sent = requests_during(emulator, publish)
    assert "CHANGED" in result["out"] and result["out"].count('"action": "published"') == 100
    assert len(sent) <= 8, sent
    assert [r["method"] for r in sent if r["method"] in WRITE_METHODS] == ["POST"]


def test_converged_publish_by_id_only_reads_the_api(emulator, apig):
    api_id = apig("steady", backend_type="MOCK", mock_info={"result_content": "steady"})["id"]
    args = "api=%s environment=RELEASE" % api_id
    assert "CHANGED" in run(emulator, "api_publish", args)
    result = {}

    def again():
        result["out"] = run(emulator, "api_publish", args)

    sent = requests_during(emulator, again)
    assert '"action": "unchanged"' in result["out"]
    # the API's list item by id: it names the environment and shows the API unchanged since its publish
    under_instance = [(r["method"], r["path"].split(emulator.instance_id + "/")[1].split("/")[:2]) for r in sent]
    assert under_instance == [("GET", ["apis"])], sent
