"""Request budgets of the VPC channel and OpenAPI import modules, counted in the emulator's access log."""
import json

from ansible_runner import WRITE_METHODS, module, module_result, requests_during

HEALTH = {"protocol": "HTTP", "path": "/health", "http_code": "200", "threshold_normal": 2,
          "threshold_abnormal": 3, "time_interval": 10, "timeout": 5}
MEMBERS = [{"host": "192.168.0.11", "weight": 10}, {"host": "192.168.0.12", "weight": 10},
           {"host": "192.168.0.13", "weight": 5}]


def _channel(members, **extra):
    return dict(name="budget_channel", port=8080, member_type="ip", vpc_health_config=HEALTH, members=members,
                **extra)


def _writes(emulator, args):
    result = {}

    def run():
        result["value"] = module_result(emulator, "vpc_channel", args)

    sent = requests_during(emulator, run)
    return result["value"], [(r["method"], r["path"].split("/vpc-channels", 1)[1]) for r in sent
                             if r["method"] in WRITE_METHODS]


def test_one_weight_change_is_one_member_call(emulator):
    created, writes = _writes(emulator, _channel(MEMBERS))
    channel_id = created["vpc_channel"]["id"]
    # The create is one POST carrying the members; nothing else is written.
    assert writes == [("POST", "")]

    _, writes = _writes(emulator, _channel(MEMBERS))
    assert writes == []

    changed = [dict(m, weight=1) if m["host"] == "192.168.0.13" else m for m in MEMBERS]
    result, writes = _writes(emulator, _channel(changed))
    assert result["changed"] is True
    # Exactly one add-members call (it updates the existing address); no PUT replaces the list.
    assert writes == [("POST", "/%s/members" % channel_id)]
    weights = {m["host"]: m["weight"] for m in result["vpc_channel"]["members"]}
    assert weights == {"192.168.0.11": 10, "192.168.0.12": 10, "192.168.0.13": 1}


def test_check_mode_predicts_a_member_change_and_writes_nothing(emulator):
    module_result(emulator, "vpc_channel", _channel(MEMBERS))
    changed = _channel([dict(MEMBERS[0], weight=3)], purge_members=True)
    result = {}

    def check():
        result["proc"] = module(emulator, "vpc_channel", json.dumps(changed), "--check")

    sent = requests_during(emulator, check)
    assert result["proc"].returncode == 0 and "CHANGED" in result["proc"].stdout, result["proc"].stdout
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    predicted = json.loads(result["proc"].stdout[result["proc"].stdout.index("=> ") + 3:])
    assert [(m["host"], m["weight"]) for m in predicted["vpc_channel"]["members"]] == [("192.168.0.11", 3)]


def test_purge_is_one_delete_per_removed_member(emulator):
    created, _ = _writes(emulator, _channel(MEMBERS))
    gone = next(m["id"] for m in created["vpc_channel"]["members"] if m["host"] == "192.168.0.13")
    _, writes = _writes(emulator, _channel(MEMBERS[:2], purge_members=True))
    assert writes == [("DELETE", "/%s/members/%s" % (created["vpc_channel"]["id"], gone))]
    # Without purge, members the list leaves out stay.
    _, writes = _writes(emulator, _channel(MEMBERS[:1]))
    assert writes == []


DOCUMENT = {"swagger": "2.0", "info": {"title": "budget", "version": "1"}, "paths": {"/ping": {"get": {
    "operationId": "budget_ping", "x-apigateway-backend": {"type": "MOCK", "mockEndpoints": {"result-content": "pong"}}}}}}


def test_converged_import_only_exports(emulator):
    assert module_result(emulator, "api_group", {"name": "budget_openapi"})["changed"] is True
    args = {"group": "budget_openapi", "content": DOCUMENT}
    first = module_result(emulator, "openapi_import", args)
    assert first["created"] == ["GET /ping"]
    result = {}

    def rerun():
        result["value"] = module_result(emulator, "openapi_import", args)

    sent = requests_during(emulator, rerun)
    assert result["value"]["changed"] is False
    # The export is the one POST, and it only reads; nothing is imported again.
    assert [(r["method"], r["path"].rsplit("/", 2)[-2:]) for r in sent if r["method"] in WRITE_METHODS] == \
        [("POST", ["openapi", "export"])]
