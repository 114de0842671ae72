"""Modules run in this process, and inputs generated from their argument specs (the suite's
hostile-input and secrets sweeps: every module in plugins/modules, found at test time)."""
import contextlib
import glob
import importlib
import io
import json
import os
import traceback
from contextlib import redirect_stdout
from unittest import mock

import pytest
from ansible.module_utils import basic
from ansible.module_utils.testing import patch_module_args

from ansible_collections.huaweicloud.apig.plugins.module_utils import engine, transport
from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGClient, APIGError
from reliability_helpers import REPO

MODULES = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(REPO, "plugins", "modules", "*.py"))
                 if not os.path.basename(p).startswith("_"))
STR_CANDIDATES = ("h8valid1", "/h8valid", "h8valid.example.com", "H8VALID1", "h8-valid", "1", "h8valid1_long_name")


class Blocked(Exception):
    pass


class Run:
    """One in-process module run: its result, the requests it tried, an uncaught traceback.

    Unless ``send``, the client records and refuses every request.
    """

    def __init__(self, name, args, send=False):
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

        with contextlib.ExitStack() as stack:
            stack.enter_context(patch_module_args(args))
            stack.enter_context(redirect_stdout(out))
            stack.enter_context(mock.patch.object(engine.ResourceEngine, "__init__", record_spec))
            if not send:
                stack.enter_context(mock.patch.object(APIGClient, "request", refuse))
                stack.enter_context(mock.patch.object(transport.Session, "request", side_effect=Blocked))
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


def base_args(spec, kwargs, fields, connection):
    """The smallest input that satisfies the module's own rules, connected by ``connection``."""
    extra = set(group[0] for group in kwargs.get("required_one_of") or ())
    args = dict(((k, v) for k, v in connection.items() if k in spec), **required_values(spec, fields, extra))
    for rule in kwargs.get("required_if") or ():
        key, value, needed = rule[0], rule[1], rule[2]
        any_of = len(rule) > 3 and rule[3]
        current = args.get(key, spec.get(key, {}).get("default"))
        if current == value and not any(n in args for n in needed):
            for option in needed[:1] if any_of else needed:
                args[option] = valid_value(option, spec[option], (fields or {}).get(option))
    return args
