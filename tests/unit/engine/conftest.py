"""Fixtures for the engine and module tests; the fakes live in engine_fakes.py."""
import json

import pytest
from ansible.module_utils.testing import patch_module_args

from ansible_collections.huaweicloud.apig.plugins.module_utils import common
from engine_fakes import INSTANCE, PROJECT, FakeAPI


@pytest.fixture
def api():
    return FakeAPI()


@pytest.fixture
def run_module(api, monkeypatch, capsys):
    """Run a real module's main() against ``api``; return its JSON result."""
    def client(read_only=False, **_connection):
        api.read_only = read_only
        return api

    monkeypatch.setattr(common, "APIGClient", client)

    def _run(module, **args):
        args = dict({"endpoint": "https://apig.example.com", "project_id": PROJECT, "instance_id": INSTANCE,
                     "access_key": "AK", "secret_key": "SK"}, **args)
        with patch_module_args(args):
            with pytest.raises(SystemExit):
                module.main()
        return json.loads(capsys.readouterr().out)
    return _run
