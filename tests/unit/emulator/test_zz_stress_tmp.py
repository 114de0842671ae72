import sys
sys.path.insert(0, "/work/main/tests/unit/emulator")
from emulator_helpers import Client
def test_many(module_emulator):
    c = Client(module_emulator, token="bad")
    for _ in range(800):
        assert c.get("/envs").status_code == 401
    assert module_emulator.proc.stderr.readable()
