"""Fixtures for driving the emulator with the official huaweicloudsdkapig client."""
import pytest
from apig_wire import SignedWire, sdk_client
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException


@pytest.fixture(scope="module")
def sdk(module_emulator):
    """ApigClient signing with the emulator's AK/SK; one emulator per test module keeps the suite fast."""
    client = sdk_client(module_emulator)
    yield client
    client.close()


@pytest.fixture(scope="module")
def wire(module_emulator):
    return SignedWire(module_emulator)


@pytest.fixture(scope="module")
def instance_id(module_emulator):
    return module_emulator.instance_id


class Cleanup:
    """Deletes what a test created, newest first; a 404 means the test deleted it itself."""

    def __init__(self):
        self.deletes = []

    def add(self, delete):
        self.deletes.append(delete)

    def run(self):
        for delete in reversed(self.deletes):
            try:
                delete()
            except ClientRequestException as error:
                assert error.status_code == 404, str(error)


@pytest.fixture
def cleanup():
    pending = Cleanup()
    yield pending
    pending.run()
