"""The collection's modules and the official SDK read each other's writes, field for field.

What a module returns is the API's JSON; the SDK's typed view of the same resource must agree with
it on every documented field (the schemas of apig_wire), and the other way round.
"""
from ansible_runner import module_result
from apig_wire import API, API_GROUP, ENV_VARIABLE, check_fields, sdk_dict, unique
from huaweicloudsdkapig.v2 import ListApisV2Request, ShowDetailsOfApiGroupV2Request, ShowDetailsOfApiV2Request, \
    ShowDetailsOfEnvironmentVariableV2Request
from test_sdk_apis import http_fields

FUNCTION_URN = "urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:roundtrip"


def show_api(sdk, instance_id, api_id):
    return sdk_dict(sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=instance_id, api_id=api_id)))


def test_sdk_reads_what_the_group_and_variable_modules_wrote(module_emulator, sdk, instance_id):
    group = module_result(module_emulator, "api_group", {"name": unique("rt_group"), "remark": "from ansible"})
    shown = sdk_dict(sdk.show_details_of_api_group_v2(
        ShowDetailsOfApiGroupV2Request(instance_id=instance_id, group_id=group["api_group"]["id"])))
    check_fields(API_GROUP, ("id", "name", "remark"), group["api_group"], shown)

    variable = module_result(module_emulator, "environment_variable", {
        "group": group["api_group"]["name"], "environment": "RELEASE", "variable_name": "upstream",
        "variable_value": "10.1.1.1:8080"})["environment_variable"]
    shown = sdk_dict(sdk.show_details_of_environment_variable_v2(
        ShowDetailsOfEnvironmentVariableV2Request(instance_id=instance_id, env_variable_id=variable["id"])))
    check_fields(ENV_VARIABLE, tuple(ENV_VARIABLE), variable, shown)


def test_sdk_reads_every_backend_kind_the_api_module_wrote(module_emulator, sdk, instance_id, made):
    group = made.group(unique("rt_apis"))
    common = {"group": group.name, "type": "public", "auth_type": "NONE", "req_method": "GET"}
    definitions = [
        dict(common, name=unique("rt_http"), req_uri="/orders/{order_id}", backend_type="HTTP",
             req_params=[{"name": "order_id", "type": "STRING", "location": "PATH", "required": True},
                         {"name": "verbose", "type": "STRING", "location": "QUERY", "required": False}],
             backend_api={"req_protocol": "HTTP", "req_method": "GET", "url_domain": "orders.internal:8080",
                          "req_uri": "/v1/orders/{id}", "timeout": 3000},
             backend_params=[{"name": "id", "location": "PATH", "origin": "REQUEST", "value": "order_id"}],
             policy_https=[{"name": "verbose_orders", "effect_mode": "ANY", "req_protocol": "HTTP",
                            "req_method": "GET", "url_domain": "verbose.internal:8080", "req_uri": "/v1/verbose",
                            "conditions": [{"condition_origin": "param", "req_param_name": "verbose",
                                            "condition_type": "exact", "condition_value": "yes"}]}]),
        dict(common, name=unique("rt_function"), req_uri="/quote", backend_type="FUNCTION",
             func_info={"function_urn": FUNCTION_URN, "invocation_type": "sync", "network_type": "V1",
                        "timeout": 3000}),
        dict(common, name=unique("rt_mock"), req_uri="/ping", backend_type="MOCK",
             mock_info={"result_content": "pong"}),
    ]
    for definition in definitions:
        written = module_result(module_emulator, "api", definition)["api"]
        shown = show_api(sdk, instance_id, written["id"])
        check_fields(API, ("id", "name", "type", "req_uri", "backend_type"), written, shown)
        # The readable module values arrive as the reference's codes.
        assert shown["type"] == 1
        for param in shown["req_params"] or []:
            assert param["required"] == (1 if param["location"] == "PATH" else 2)
        # The group goes at cleanup, which it can't while it holds APIs.
        assert module_result(module_emulator, "api", {"group": group.name, "name": definition["name"],
                                                      "state": "absent"})["changed"]


def test_the_modules_read_what_the_sdk_wrote(module_emulator, sdk, instance_id, made):
    group = made.group(unique("rt_sdk"))
    created = made.api(**http_fields(group.id))
    listed = module_result(module_emulator, "api_info", {"group": group.name, "details": True})["apis"]
    assert [api["id"] for api in listed] == [created.id]
    check_fields(API, ("id", "name", "req_params", "backend_api", "backend_params", "policy_https"),
                 listed[0], show_api(sdk, instance_id, created.id))
    # And the SDK's list agrees with the module's on which APIs the group holds.
    sdk_list = sdk.list_apis_v2(ListApisV2Request(instance_id=instance_id, group_id=group.id))
    assert [api.id for api in sdk_list.apis] == [created.id]
