"""Hostile input, generated from every module's argument spec (modules added later are covered as
they land): wrong types, unknown choices, unknown keys, missing required options, and, for the
options a ResourceSpec field describes, lengths, patterns and integer ranges.

Each case runs the module in this process (no ansible-playbook per case) with a client that records
and refuses every request. Every case must fail before any request, name the option, and not
raise a traceback.
"""
import glob
import importlib
import io
import json
import os
import re
import traceback
from contextlib import redirect_stdout
from unittest import mock

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.huaweicloud.apig.plugins.module_utils import engine
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, APIGError
from reliability_helpers import REPO

MODULES = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(REPO, "plugins", "modules", "*.py"))
                 if not os.path.basename(p).startswith("_"))
CONNECTION = {"endpoint": "http://127.0.0.1:9", "project_id": "0" * 32, "instance_id": "1" * 32,
              "access_key": "HOSTILEACCESSKEY0001", "secret_key": "hostile-secret-key-never-shown-000000000"}
UNKNOWN = "no_such_option_h8"
STR_CANDIDATES = ("h8valid1", "/h8valid", "h8valid.example.com", "H8VALID1", "h8-valid", "1", "h8valid1_long_name")
BAD_STRINGS = ("!bad value!", "1starts_with_digit", "-dash", "a", "has space", "中文名", "../etc/passwd", "x" * 300)
WRONG_TYPE = {"int": "not-a-number", "float": "not-a-float", "bool": "maybe", "list": {"a": 1}, "dict": 12345}


class Blocked(Exception):
    pass


class Run:
    """One in-process module run: its result, the requests it tried, an uncaught traceback."""

    def __init__(self, name, args):
        self.requests = []
        self.traceback = None
        self.spec = None
        out = io.StringIO()
        module = importlib.import_module("ansible_collections.huaweicloud.apig.plugins.modules." + name)

        def refuse(client, method, path, *a, **kw):
            self.requests.append((method, path))
            raise APIGError("request blocked by the hostile-input test", error_code="blocked")

        engine_init = engine.ResourceEngine.__init__

        def record_spec(eng, module_, spec, *a, **kw):
            if self.spec is None:
                self.spec = spec
            engine_init(eng, module_, spec, *a, **kw)

        with patch_module_args(args), redirect_stdout(out), \
                mock.patch.object(APIGClient, "request", refuse), \
                mock.patch.object(engine.ResourceEngine, "__init__", record_spec), \
                mock.patch("requests.Session.request", side_effect=Blocked):
            try:
                module.main()
            except SystemExit:
                pass
            except Exception:  # pylint: disable=broad-except
                self.traceback = traceback.format_exc()
        text = out.getvalue()
        self.output = text
        self.result = json.loads(text[text.index("{"):]) if "{" in text else {}


def capture_spec(name):
    """(argument_spec, the other AnsibleModule keyword arguments) of module ``name``."""
    captured = {}

    def capture(module, *args, **kwargs):
        captured.update(kwargs)
        raise Blocked()

    module = importlib.import_module("ansible_collections.huaweicloud.apig.plugins.modules." + name)
    with patch_module_args({}), mock.patch.object(basic.AnsibleModule, "__init__", capture):
        with pytest.raises(Blocked):
            module.main()
    return captured.pop("argument_spec"), captured


def field_of(fields, path):
    """The ResourceSpec Field at ``path`` (option names), or None."""
    field = None
    for part in path:
        field = (fields or {}).get(part)
        if field is None:
            return None
        fields = field.suboptions
    return field


def valid_value(option, spec, field):
    kind = spec.get("type", "str")
    if spec.get("choices"):
        return spec["choices"][0] if kind != "list" else [spec["choices"][0]]
    if kind in ("str", "path", "raw"):
        padded = ("h8valid1" + "a" * field.min_length,) if field is not None and field.min_length else ()
        for candidate in STR_CANDIDATES + padded:
            if field is None or field.problem(option, candidate) is None:
                return candidate
        return STR_CANDIDATES[0]
    if kind == "int":
        return field.minimum if field is not None and field.minimum is not None else 1
    if kind == "float":
        return 1.0
    if kind == "bool":
        return True
    if kind == "dict":
        return required_values(spec.get("options") or {}, field.suboptions if field else None)
    if kind == "list":
        if spec.get("elements") == "dict":
            return [required_values(spec.get("options") or {}, field.suboptions if field else None)]
        return [valid_value(option, {"type": spec.get("elements", "str")}, None)]
    return "h8valid1"


def required_values(spec, fields, extra=()):
    """Values for the required options of ``spec`` (and of ``extra`` names)."""
    values = {}
    for option, sub in spec.items():
        if (sub.get("required") and not sub.get("fallback")) or option in extra:
            values[option] = valid_value(option, sub, (fields or {}).get(option))
    return values


def base_args(spec, kwargs, fields):
    """The smallest input that satisfies the module's own rules."""
    extra = set(group[0] for group in kwargs.get("required_one_of") or ())
    args = dict(((k, v) for k, v in CONNECTION.items() if k in spec), **required_values(spec, fields, extra))
    for rule in kwargs.get("required_if") or ():
        key, value, needed = rule[0], rule[1], rule[2]
        any_of = len(rule) > 3 and rule[3]
        current = args.get(key, spec.get(key, {}).get("default"))
        if current == value and not any(n in args for n in needed):
            for option in needed[:1] if any_of else needed:
                args[option] = valid_value(option, spec[option], (fields or {}).get(option))
    return args


def nest(args, path, value, spec):
    """``args`` with the option at ``path`` set to ``value`` (parents built as valid values)."""
    args = json.loads(json.dumps(args))
    target, sub = args, spec
    for part in path[:-1]:
        option_spec = sub[part]
        if part not in target or not target[part]:
            target[part] = valid_value(part, option_spec, None)
        target = target[part][0] if isinstance(target[part], list) else target[part]
        sub = option_spec.get("options") or {}
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value
    return args


def walk_spec(spec, prefix=()):
    for option, sub in spec.items():
        yield prefix + (option,), sub
        if sub.get("options"):
            yield from walk_spec(sub["options"], prefix + (option,))


def cases(spec, kwargs, fields):
    """(label, args, the option name the failure must mention) of every hostile input."""
    base = base_args(spec, kwargs, fields)
    found = [("unknown-key", dict(base, **{UNKNOWN: "x"}), UNKNOWN)]
    for path, sub in walk_spec(spec):
        option = path[-1]
        kind = sub.get("type", "str")
        if len(path) > 1:
            parent = path[:-1]
            found.append(("unknown-key %s" % ".".join(parent), nest(base, parent + (UNKNOWN,), "x", spec), UNKNOWN))
        if kind in WRONG_TYPE:
            found.append(("type %s" % ".".join(path), nest(base, path, WRONG_TYPE[kind], spec), option))
        if sub.get("choices"):
            bad = ["not_a_choice_h8"] if kind == "list" else "not_a_choice_h8"
            found.append(("choice %s" % ".".join(path), nest(base, path, bad, spec), option))
        if sub.get("required") and not sub.get("fallback"):
            found.append(("required %s" % ".".join(path), nest(base, path, None, spec), option))
        field = field_of(fields, path)
        if field is not None and kind in ("str", "int") and not sub.get("choices"):
            for label, value in rule_breakers(option, field):
                found.append(("%s %s" % (label, ".".join(path)), nest(base, path, value, spec), option))
    # One unknown key per nested object is enough.
    seen, unique = set(), []
    for label, args, expect in found:
        if label not in seen:
            seen.add(label)
            unique.append((label, args, expect))
    return base, unique


def rule_breakers(option, field):
    """Values that break the field's length, pattern or range rule (each is checked to break it)."""
    values = []
    if field.max_length is not None:
        values.append(("too-long", "a" * (field.max_length + 1)))
    if field.min_length:
        values.append(("too-short", "a" * (field.min_length - 1)))
    if field.pattern is not None:
        bad = next((s for s in BAD_STRINGS if not field.pattern.match(s)
                    and (field.max_length is None or len(s) <= field.max_length)
                    and len(s) >= (field.min_length or 0)), None)
        if bad is not None:
            values.append(("pattern", bad))
    if field.minimum is not None:
        values.append(("below-minimum", field.minimum - 1))
    if field.maximum is not None:
        values.append(("above-maximum", field.maximum + 1))
    return [(label, value) for label, value in values if field.problem(option, value)]


def mentions(msg, option):
    # Ansible's unknown-key message lists every supported option: only what precedes the list counts.
    msg = msg.split("Supported parameters include")[0]
    return re.search(r"(?<![A-Za-z0-9_])%s(?![A-Za-z0-9_])" % re.escape(option), msg) is not None


@pytest.mark.parametrize("name", MODULES)
def test_every_bad_input_fails_before_any_request_naming_the_option(name, figures):
    spec, kwargs = capture_spec(name)
    probe = Run(name, base_args(spec, kwargs, None))
    fields = probe.spec.fields if probe.spec is not None and set(probe.spec.fields) <= set(spec) else None
    base, tried = cases(spec, kwargs, fields)
    base_run = Run(name, base)
    problems = []
    if base_run.traceback:
        problems.append("base input: traceback\n" + base_run.traceback)
    reaches_client = bool(base_run.requests)
    for label, args, option in tried:
        if label.split()[0] in ("too-long", "too-short", "pattern", "below-minimum", "above-maximum") \
                and not reaches_client:
            continue  # without a valid base the engine's own checks can't be told apart
        run = Run(name, args)
        msg = str(run.result.get("msg", ""))
        if run.traceback or "Traceback" in run.output:
            problems.append("%s: traceback\n%s" % (label, run.traceback or run.output))
        elif not run.result.get("failed"):
            problems.append("%s: did not fail (%s)" % (label, run.output[:300]))
        elif run.requests:
            problems.append("%s: sent %s before failing" % (label, run.requests))
        elif not mentions(msg, option):
            problems.append("%s: message does not name %s: %s" % (label, option, msg))
        figures.add("bad inputs tried")
    figures.add("tracebacks", sum("traceback" in p for p in problems))
    figures.add("bad inputs accepted or unnamed", sum("traceback" not in p for p in problems))
    if not reaches_client:
        figures.add("modules without a generated valid base (rule checks skipped)")
    assert not problems, "\n".join(problems)
