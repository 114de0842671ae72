"""App secrets, app codes and the SK never reach the output, except a value the gateway generated,
returned once where the user receives it (``new_app_secret``, ``new_app_codes``); check mode writes nothing."""
import json
import os
import re

from ansible_runner import WRITE_METHODS, module, module_result, play, requests_during
from apig_emulator.storage import Scope, Store

DEFAULTS = os.path.join(os.path.dirname(__file__), "targets", "app", "defaults", "main.yml")
# Where a generated value may appear: the keys the modules return it under.
ALLOWED_KEYS = ("new_app_secret", "new_app_codes")


def _default(name):
    text = open(DEFAULTS).read()
    value = re.search(r"^%s: (.*)$" % name, text, re.M).group(1)
    return json.loads(value) if value.startswith('"') else value


def _stored(emulator, kind):
    """The rows of ``kind`` as the emulator stored them (secrets included)."""
    with Store(emulator.db).transaction(Scope(emulator.project_id, emulator.instance_id), write=False) as tx:
        return tx.page(kind, {}, {}, 0, -1)[1]


def _results(output):
    """Every task result JSON the output shows (``=> {...}``), parsed."""
    decoder = json.JSONDecoder()
    results = []
    for match in re.finditer(r"=> \{", output):
        result, _ = decoder.raw_decode(output[match.end() - 1:])
        results.append(result)
    return results


def _allowed(result):
    """The values a result hands over on purpose, as text (each as often as it is printed there)."""
    values = []
    for item in result.get("results", [result]):
        if "new_app_secret" in item:
            values.append(item["new_app_secret"])
        values += [code["app_code"] for code in item.get("new_app_codes", [])]
    return values


def test_no_secret_app_code_or_sk_in_verbose_diff_output(emulator):
    proc = play(emulator, "run_target.yml", "-e", "target=app", "-e", "app_cleanup=false", "-vvv", "--diff")
    output = proc.stdout + proc.stderr
    assert "failed=0" in proc.stdout
    apps = {a["name"]: a for a in _stored(emulator, "app")}
    app_a, app_b = apps[_default("app_a")], apps[_default("app_b")]
    codes = {name: [c["app_code"] for c in _stored(emulator, "app_code") if c["app_id"] == app["id"]]
             for name, app in (("a", app_a), ("b", app_b))}
    assert codes["a"] == [_default("app_a_code")] and len(codes["b"]) == 1

    # Never printed: the SK, app a's custom secret and code (passed in no_log options).
    for never in (emulator.secret_key, _default("app_a_secret"), _default("app_a_code"), app_a["app_secret"]):
        assert output.count(never) == 0, never

    results = _results(output)
    allowed = [value for result in results for value in _allowed(result)]
    printed = [dict((k, v) for k, v in r.items() if k not in ALLOWED_KEYS and k != "results") for r in results] + \
        [dict((k, v) for k, v in item.items() if k not in ALLOWED_KEYS)
         for r in results for item in r.get("results", [])]
    generated = allowed
    # app b: the secret made at creation and the one the rotation made (now current), two codes made.
    assert app_b["app_secret"] in generated and len(set(generated)) == 4, generated
    assert codes["b"][0] in generated
    for value in set(generated):
        # Each generated value is printed exactly once, in the result that generated it ...
        assert output.count(value) == allowed.count(value) == 1, value
        # ... and nowhere else in any result (masked in app, app_codes and the diff).
        assert all(value not in json.dumps(r) for r in printed), value
    rotated = [r for r in results if "new_app_secret" in r and r.get("diff", {}).get("after", {}).get("app_secret")]
    assert [r["new_app_secret"] for r in rotated] == [app_b["app_secret"]]
    assert rotated[0]["diff"]["after"]["app_secret"] == "******** (reset)"


def test_check_mode_sends_no_write(emulator):
    module_result(emulator, "app", {"name": "check_app", "remark": "one"})
    code = "+/" + "c" * 70
    calls = [
        ("app", {"name": "check_app_new"}),
        ("app", {"name": "check_app", "remark": "two"}),
        ("app", {"name": "check_app", "reset_secret": True}),
        ("app", {"name": "check_app", "state": "absent"}),
        ("app_code", {"app": "check_app", "app_code": code}),
        ("app_code", {"app": "check_app", "count": 3}),
        ("app_code", {"app": "check_app_new", "count": 1}),
    ]
    results = []

    def check_runs():
        for name, args in calls:
            results.append(module(emulator, name, json.dumps(args), "--check"))

    sent = requests_during(emulator, check_runs)
    assert [r for r in sent if r["method"] in WRITE_METHODS] == []
    for proc in results:
        assert proc.returncode == 0 and "CHANGED" in proc.stdout, proc.stdout + proc.stderr
    assert "check mode assumes an earlier task creates it" in results[-1].stdout + results[-1].stderr
