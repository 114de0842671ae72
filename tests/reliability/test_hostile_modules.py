"""Hostile input, generated from every module's argument spec (modules added later are covered as
they land): wrong types, unknown choices, unknown keys, missing required options, and, for the
options a ResourceSpec field describes, lengths, patterns and integer ranges.

Each case runs the module in this process (no ansible-playbook per case) with a client that records
and refuses every request. Every case must fail before any request, name the option, and not
raise a traceback.
"""
import json
import re

import pytest

from module_runner import MODULES, Run, base_args, capture_spec, field_of, valid_value

UNKNOWN = "no_such_option_h8"
BAD_STRINGS = ("!bad value!", "1starts_with_digit", "-dash", "a", "has space", "中文名", "../etc/passwd", "x" * 300)
WRONG_TYPE = {"int": "not-a-number", "float": "not-a-float", "bool": "maybe", "list": {"a": 1}, "dict": 12345}
CONNECTION = {"endpoint": "http://127.0.0.1:9", "project_id": "0" * 32, "instance_id": "1" * 32,
              "access_key": "HOSTILEACCESSKEY0001", "secret_key": "hostile-secret-key-never-shown-000000000"}


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
    base = base_args(spec, kwargs, fields, CONNECTION)
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
        bad = next((s for s in BAD_STRINGS if not re.match(field.pattern, s)
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
    probe = Run(name, base_args(spec, kwargs, None, CONNECTION))
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
