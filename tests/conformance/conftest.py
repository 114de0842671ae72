"""Fixtures for driving the emulator with the official huaweicloudsdkapig client."""
import pytest
from apig_wire import SignedWire, sdk_client
from huaweicloudsdkapig.v2 import ApiActionInfo, ApiCreate, ApiGroupCreate, CreateApiGroupV2Request, \
    CreateApiV2Request, CreateEnvironmentV2Request, CreateEnvironmentVariableV2Request, \
    CreateOrDeletePublishRecordForApiV2Request, DeleteApiGroupV2Request, DeleteApiV2Request, \
    DeleteEnvironmentV2Request, DeleteEnvironmentVariableV2Request, EnvCreate, EnvVariableCreate
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


# kind: (client method, request class, body class, delete method, delete request class, id parameter)
_KINDS = {
    "group": ("create_api_group_v2", CreateApiGroupV2Request, ApiGroupCreate,
              "delete_api_group_v2", DeleteApiGroupV2Request, "group_id"),
    "env": ("create_environment_v2", CreateEnvironmentV2Request, EnvCreate,
            "delete_environment_v2", DeleteEnvironmentV2Request, "env_id"),
    "variable": ("create_environment_variable_v2", CreateEnvironmentVariableV2Request, EnvVariableCreate,
                 "delete_environment_variable_v2", DeleteEnvironmentVariableV2Request, "env_variable_id"),
    "api": ("create_api_v2", CreateApiV2Request, ApiCreate, "delete_api_v2", DeleteApiV2Request, "api_id"),
}


class Made:
    """Creates resources through the SDK's typed requests; `cleanup` deletes them, newest first."""

    def __init__(self, sdk, instance_id):
        self.sdk, self.instance_id = sdk, instance_id
        self.deletes = []
        self.published = set()

    def _create(self, kind, **fields):
        create, create_request, body, delete, delete_request, id_param = _KINDS[kind]
        response = getattr(self.sdk, create)(create_request(instance_id=self.instance_id, body=body(**fields)))
        request = delete_request(instance_id=self.instance_id, **{id_param: response.id})
        self.deletes.append(lambda: getattr(self.sdk, delete)(request))
        return response

    def group(self, name, remark=None):
        return self._create("group", name=name, remark=remark)

    def env(self, name, remark=None):
        return self._create("env", name=name, remark=remark)

    def variable(self, group_id, env_id, name, value):
        return self._create("variable", group_id=group_id, env_id=env_id, variable_name=name,
                            variable_value=value)

    def api(self, **fields):
        return self._create("api", **fields)

    def api_action(self, action, api_id, env_id, remark=None):
        """Publish (`online`) or take offline one API (§3.5.4)."""
        return self.sdk.create_or_delete_publish_record_for_api_v2(CreateOrDeletePublishRecordForApiV2Request(
            instance_id=self.instance_id, body=ApiActionInfo(action=action, api_id=api_id, env_id=env_id,
                                                             remark=remark)))

    def publish(self, api_id, env_id, remark=None):
        """Publishes the API; cleanup takes it offline again (before its API and environment go)."""
        response = self.api_action("online", api_id, env_id, remark)
        if (api_id, env_id) not in self.published:
            self.published.add((api_id, env_id))
            self.deletes.append(lambda: self.api_action("offline", api_id, env_id))
        return response

    def cleanup(self):
        for delete in reversed(self.deletes):
            try:
                delete()
            except ClientRequestException as error:  # the test deleted it itself
                assert error.status_code == 404, str(error)


@pytest.fixture
def made(sdk, instance_id):
    resources = Made(sdk, instance_id)
    yield resources
    resources.cleanup()
