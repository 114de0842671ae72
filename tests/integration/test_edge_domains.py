"""Domains, certificates and gateway responses through real ansible runs: secrets, request budgets,
and the error when `cryptography` is missing on the host that runs the module."""
import json

import pem_factory
from ansible_runner import WRITE_METHODS, ansible, module, module_result, requests_during

DOMAIN = "api.budget-shop.example.com"


def _key_lines(pem_text):
    """The base64 lines of a PEM private key: none of them may be printed."""
    return [line for line in pem_text.splitlines() if line and not line.startswith("-----")]


def _playbook(tmp_path, *tasks):
    playbook = tmp_path / "play.yml"
    playbook.write_text(json.dumps([{"hosts": "localhost", "gather_facts": False, "tasks": list(tasks)}]))
    return str(playbook)


def test_the_private_key_never_reaches_the_output(emulator, tmp_path):
    """Binds, renewals, local refusals and an API refusal at -vvv with --diff: no line of any key shows."""
    site, renewed = pem_factory.make(DOMAIN), pem_factory.make(DOMAIN)
    # The leaf passes the local checks; the chain after it does not match, which only the gateway checks.
    broken_chain = pem_factory.make(DOMAIN, issuer=pem_factory.make("Some CA"))
    broken_chain.cert_content = broken_chain.cert_content.split("-----END CERTIFICATE-----")[0] + \
        "-----END CERTIFICATE-----\n" + pem_factory.make("Other CA").cert_content
    refusals = [dict(_bind_args(site), private_key=renewed.private_key),
                dict(_bind_args(site), private_key=site.encrypted_key()),
                _bind_args(broken_chain)]
    playbook = _playbook(
        tmp_path,
        {"huaweicloud.apig.api_group": {"name": "budget_edge"}},
        {"huaweicloud.apig.domain": {"group": "budget_edge", "url_domain": DOMAIN}},
        {"huaweicloud.apig.domain_certificate": _bind_args(site)},
        {"huaweicloud.apig.domain_certificate": _bind_args(site)},
        {"huaweicloud.apig.domain_certificate": _bind_args(renewed)},
        *({"huaweicloud.apig.domain_certificate": args, "ignore_errors": True} for args in refusals))
    proc = ansible(emulator, playbook, "--diff", "-vvv")
    output = proc.stdout + proc.stderr
    assert "ok=8" in proc.stdout and "ignored=3" in proc.stdout, output
    assert "(APIG.2104)" in output and "private_key is encrypted" in output
    for pem in (site, renewed, broken_chain):
        assert [line for line in _key_lines(pem.private_key) if line in output] == []
    assert [line for line in _key_lines(site.encrypted_key()) if line in output] == []


def _bind_args(pem, name="budget_cert"):
    return {"group": "budget_edge", "url_domain": DOMAIN, "name": name, "cert_content": pem.cert_content,
            "private_key": pem.private_key}


def test_a_bound_certificate_is_compared_without_sending_the_key(emulator):
    module_result(emulator, "api_group", {"name": "budget_edge"})
    module_result(emulator, "domain", {"group": "budget_edge", "url_domain": DOMAIN})
    pem = pem_factory.make(DOMAIN)
    assert module_result(emulator, "domain_certificate", _bind_args(pem))["changed"]
    result = {}
    sent = requests_during(emulator, lambda: result.update(
        converged=module_result(emulator, "domain_certificate", _bind_args(pem))))
    assert not result["converged"]["changed"]
    # The group (its domains), then the bound certificate's details: nothing written.
    assert [r["method"] for r in sent] == ["GET", "GET", "GET"]
    assert sent[-1]["path"].endswith("/certificate/" + result["converged"]["domain_certificate"]["id"])
    renamed = {}
    sent = requests_during(emulator, lambda: renamed.update(
        r=module_result(emulator, "domain_certificate", _bind_args(pem, "budget_renamed"))))
    assert renamed["r"]["changed"]
    assert [r["method"] for r in sent if r["method"] in WRITE_METHODS] == ["POST"]


def test_certificate_rules_fail_before_any_request(emulator):
    module_result(emulator, "api_group", {"name": "budget_edge"})
    module_result(emulator, "domain", {"group": "budget_edge", "url_domain": DOMAIN})
    expired = pem_factory.make(DOMAIN, days=5, not_before_days=-10)
    result = {}
    sent = requests_during(emulator, lambda: result.update(
        proc=module(emulator, "domain_certificate", json.dumps(_bind_args(expired)))))
    assert result["proc"].returncode != 0
    assert "cert_content expired on" in result["proc"].stdout
    assert sent == []


def _response_args(*entries, **extra):
    return dict({"group": "budget_edge", "name": "budget_errors", "responses": list(entries)}, **extra)


def test_gateway_response_entries_use_the_cheapest_calls(emulator):
    module_result(emulator, "api_group", {"name": "budget_edge"})
    first = _response_args({"response_type": "THROTTLED", "status": 503},
                           {"response_type": "NOT_FOUND", "body": "none"})
    created = {}
    sent = requests_during(emulator, lambda: created.update(r=module_result(emulator, "gateway_response", first)))
    # The entries travel with the create: one POST.
    assert [r["method"] for r in sent if r["method"] in WRITE_METHODS] == ["POST"]
    response_path = "/gateway-responses/" + created["r"]["gateway_response"]["id"]

    def writes(args):
        return [(r["method"], r["path"].split(response_path)[-1])
                for r in requests_during(emulator, lambda: module_result(emulator, "gateway_response", args))
                if r["method"] in WRITE_METHODS]

    assert writes(first) == []
    assert writes(_response_args({"response_type": "THROTTLED", "status": 429})) == [("PUT", "/THROTTLED")]
    assert writes(_response_args({"response_type": "THROTTLED", "status": 503},
                                 {"response_type": "NOT_FOUND", "body": "gone"})) == [("PUT", "")]
    assert writes(_response_args({"response_type": "THROTTLED", "status": 503}, purge_responses=True)) == \
        [("DELETE", "/NOT_FOUND")]


def test_check_mode_sends_no_write(emulator):
    module_result(emulator, "api_group", {"name": "budget_edge"})
    args = json.dumps(_response_args({"response_type": "THROTTLED", "status": 503}))
    sent = requests_during(emulator, lambda: module(emulator, "gateway_response", args, "--check"))
    assert sent and all(r["method"] == "GET" for r in sent)
    domain = json.dumps({"group": "budget_edge", "url_domain": DOMAIN})
    sent = requests_during(emulator, lambda: module(emulator, "domain", domain, "--check"))
    assert sent and all(r["method"] == "GET" for r in sent)


def test_missing_cryptography_is_named(emulator, tmp_path):
    blocked = tmp_path / "blocked" / "cryptography"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('cryptography is blocked for this test')\n")
    pem = pem_factory.make(DOMAIN)
    proc = ansible(emulator, _playbook(tmp_path, {"huaweicloud.apig.domain_certificate": _bind_args(pem),
                                                  "environment": {"PYTHONPATH": str(blocked.parent)}}))
    assert proc.returncode != 0
    assert "Failed to import the required Python library (cryptography)" in proc.stdout
