"""The conversions of module_utils/snapshot.py (service_info): API bodies in, service file items out."""
from ansible_collections.huaweicloud.apig.plugins.module_utils.bindings import ACL_BINDING, APP_AUTHORIZATION, \
    THROTTLING_BINDING
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import from_api
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_access import SIGNATURE, THROTTLE
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_apps import APP
from ansible_collections.huaweicloud.apig.plugins.module_utils.snapshot import (
    SERVER_DEFAULTS, Secrets, api_item, bindings, by_name, domain_item, environment_items, gateway_response_item,
    module_form, prune, references, special_throttle, without_defaults)

RELEASE, DEV = "DEFAULT_ENVIRONMENT_RELEASE_ID", "0123456789abcdef0123456789abcde1"
ENV_NAMES = {RELEASE: "RELEASE", DEV: "DEV"}
AUTH, CHANNEL, RESPONSE = ("a" * 32, "c" * 32, "e" * 32)
NAMES = {"authorizer": {AUTH: "shop_auth"}, "vpc_channel": {CHANNEL: "shop_backends"},
         "gateway_response": {RESPONSE: "shop_errors"}}


def test_prune_drops_empty_values_at_any_depth_and_keeps_false_and_zero():
    value = {"a": None, "b": "", "c": [], "d": {}, "e": False, "f": 0, "g": {"h": "", "i": {"j": None}},
             "k": [{"l": "", "m": 1}], "n": ["x", "y"]}
    assert prune(value) == {"e": False, "f": 0, "k": [{"m": 1}], "n": ["x", "y"]}


def test_without_defaults_drops_only_values_equal_in_type_too():
    defaults = {"cors": False, "limit": 0, "nested": {"ssl": False}, "items": {"weight": 0}}
    obj = {"cors": False, "limit": False, "nested": {"ssl": False, "other": 1},
           "items": [{"weight": 0, "host": "h"}, {"weight": 3}], "name": "x"}
    # False is not the integer default 0, and 0 would not be the boolean default False.
    assert without_defaults(obj, defaults) == {"limit": False, "nested": {"other": 1},
                                               "items": [{"host": "h"}, {"weight": 3}], "name": "x"}
    assert without_defaults({"cors": 0}, defaults) == {"cors": 0}


def test_module_form_decodes_codes_and_leaves_the_servers_unset_values_out():
    body = {"id": "t" * 32, "name": "per_second", "remark": "", "type": 2, "api_call_limits": 100,
            "user_call_limits": 0, "app_call_limits": 10, "ip_call_limits": 0, "time_interval": 1,
            "time_unit": "SECOND", "enable_adaptive_control": "FALSE", "bind_num": 3, "create_time": "2020"}
    assert module_form(THROTTLE.fields, body, SERVER_DEFAULTS["throttling_policy"]) == {
        "name": "per_second", "type": "api_shared", "api_call_limits": 100, "app_call_limits": 10,
        "time_interval": 1, "time_unit": "SECOND"}
    assert module_form(THROTTLE.fields, None) == {}


def _api_detail(**extra):
    detail = {
        "id": "1" * 32, "name": "list_products", "type": 1, "version": "", "req_protocol": "HTTPS", "req_method": "GET",
        "req_uri": "/products", "auth_type": "AUTHORIZER", "auth_opt": {"app_code_auth_type": "DISABLE"},
        "cors": False, "match_mode": "NORMAL", "backend_type": "HTTP", "remark": "", "group_id": "g" * 32,
        "authorizer_id": AUTH, "tags": [], "response_id": RESPONSE, "mock_info": None, "func_info": None,
        "req_params": [{"id": "p" * 32, "name": "q", "type": "STRING", "location": "QUERY", "default_value": "",
                        "required": 2, "valid_enable": 2, "pass_through": 1, "min_num": 0, "max_num": 10,
                        "min_size": 0, "max_size": 0, "remark": ""}],
        "backend_api": {"authorizer_id": "", "url_domain": "", "req_protocol": "HTTP", "req_method": "GET",
                        "req_uri": "/b", "remark": "", "version": "", "timeout": 5000, "enable_client_ssl": False,
                        "vpc_channel_info": {"vpc_channel_proxy_host": "", "vpc_channel_id": CHANNEL},
                        "vpc_channel_status": 1, "id": "b" * 32},
        "policy_https": [{"name": "canary", "effect_mode": "ANY", "authorizer_id": AUTH, "req_protocol": "HTTP",
                          "req_method": "GET", "req_uri": "/c", "timeout": 5000, "url_domain": "c.example.com",
                          "conditions": [{"condition_origin": "param", "condition_value": "1",
                                          "req_param_name": "q", "condition_type": "exact"}]}],
        "run_env_id": "%s|%s" % (DEV, RELEASE), "publish_id": "p1|p2", "update_time": "2020"}
    detail.update(extra)
    return detail


def test_references_collects_the_ids_an_api_names_at_any_depth():
    assert references(API.fields, from_api(API.fields, _api_detail())) == {
        "authorizer": {AUTH}, "vpc_channel": {CHANNEL}, "gateway_response": {RESPONSE}}


def test_by_name_replaces_known_ids_and_keeps_unknown_ones():
    form = {"authorizer": AUTH, "backend_api": {"vpc_channel": "f" * 32, "authorizer": AUTH},
            "policy_https": [{"name": "canary", "authorizer": AUTH}]}
    assert by_name(API.fields, form, NAMES) == {
        "authorizer": "shop_auth", "backend_api": {"vpc_channel": "f" * 32, "authorizer": "shop_auth"},
        "policy_https": [{"name": "canary", "authorizer": "shop_auth"}]}


def test_an_api_item_is_the_api_modules_options_by_name_with_publish():
    assert api_item(_api_detail(), NAMES, ENV_NAMES) == {
        "name": "list_products", "type": "public", "req_method": "GET", "req_uri": "/products",
        "auth_type": "AUTHORIZER", "backend_type": "HTTP", "authorizer": "shop_auth", "response_id": "shop_errors",
        "req_params": [{"name": "q", "type": "STRING", "location": "QUERY", "required": False, "max_num": 10,
                        "pass_through": True}],
        "backend_api": {"req_protocol": "HTTP", "req_method": "GET", "req_uri": "/b", "timeout": 5000,
                        "enable_client_ssl": False, "vpc_channel": "shop_backends"},
        "policy_https": [{"name": "canary", "effect_mode": "ANY", "authorizer": "shop_auth", "req_protocol": "HTTP",
                          "req_method": "GET", "req_uri": "/c", "timeout": 5000, "url_domain": "c.example.com",
                          "conditions": [{"condition_origin": "param", "condition_value": "1",
                                          "req_param_name": "q", "condition_type": "exact"}]}],
        "publish": ["DEV", "RELEASE"]}


def test_an_unpublished_api_has_an_empty_publish_and_keeps_settings_other_than_the_default():
    item = api_item(_api_detail(run_env_id="", publish_id="", req_protocol="BOTH", cors=True,
                                auth_opt={"app_code_auth_type": "HEADER"}), {}, ENV_NAMES)
    assert item["publish"] == [] and item["req_protocol"] == "BOTH" and item["cors"] is True
    assert item["auth_opt"] == {"app_code_auth_type": "HEADER"}
    # Without a name for it, an id stays what it is.
    assert item["authorizer"] == AUTH


def test_bindings_group_apis_by_environment_by_name():
    # throttling bindings list API-shaped items (run_env_id, name)
    items = [{"id": "api2", "name": "two", "run_env_id": DEV}, {"id": "api1", "name": "one", "run_env_id": DEV},
             {"id": "api1", "name": "one", "run_env_id": RELEASE}]
    assert bindings(items, THROTTLING_BINDING, ENV_NAMES, {"api1": "one", "api2": "two"}) == [
        {"environment": "DEV", "apis": ["one", "two"]}, {"environment": "RELEASE", "apis": ["one"]}]
    # ACL bindings name the API as api_id/api_name; an environment without a name stays its id
    items = [{"api_id": "api1", "api_name": "old_name", "env_id": "x" * 32}]
    assert bindings(items, ACL_BINDING, ENV_NAMES, {"api1": "one"}) == [{"environment": "x" * 32, "apis": ["one"]}]
    items = [{"api_id": "api9", "api_name": "listed", "env_id": RELEASE, "app_id": "app"}]
    assert bindings(items, APP_AUTHORIZATION, ENV_NAMES, {}) == [{"environment": "RELEASE", "apis": ["listed"]}]


def test_a_special_throttle_names_its_app_by_name():
    app = {"id": "s1", "object_type": "APP", "object_id": "a" * 32, "app_name": "shop_web", "call_limits": 10,
           "throttle_id": "t"}
    user = {"id": "s2", "object_type": "USER", "object_id": "tenant01", "call_limits": 5}
    assert special_throttle(app) == {"object_type": "APP", "object": "shop_web", "call_limits": 10}
    assert special_throttle(user) == {"object_type": "USER", "object": "tenant01", "call_limits": 5}


def test_a_gateway_response_keeps_its_customized_types_only():
    responses = {"THROTTLED": {"status": 429, "body": "slow", "default": False, "headers": []},
                 "NOT_FOUND": {"status": 404, "body": "{}", "default": True}}
    assert gateway_response_item({"id": "r", "name": "shop_errors", "default": False, "responses": responses}) == {
        "name": "shop_errors", "responses": [{"response_type": "THROTTLED", "status": 429, "body": "slow"}]}
    untouched = {"id": "d", "name": "default", "default": True, "responses": {"NOT_FOUND": responses["NOT_FOUND"]}}
    assert gateway_response_item(untouched) is None
    assert gateway_response_item(dict(untouched, responses=responses))["responses"][0]["response_type"] == "THROTTLED"


def test_a_domain_with_a_certificate_holds_references_to_empty_secrets():
    secrets = Secrets()
    bound = {"id": "d" * 32, "domain": "api.example.com", "cname_status": 3, "ssl_id": "s" * 32,
             "ssl_name": "shop_cert", "min_ssl_version": "TLSv1.2"}
    certificate = {"name": "shop_cert", "cert_content": "{{ apig_secrets['domains/api.example.com/cert_content'] }}",
                   "private_key": "{{ apig_secrets['domains/api.example.com/private_key'] }}"}
    assert domain_item(bound, secrets) == {"url_domain": "api.example.com", "min_ssl_version": "TLSv1.2",
                                           "certificate": certificate}
    assert secrets.values == {"domains/api.example.com/cert_content": "", "domains/api.example.com/private_key": ""}
    assert domain_item({"domain": "b.example.com", "ssl_id": "", "min_ssl_version": ""}, secrets) == {
        "url_domain": "b.example.com"}


def test_secrets_are_replaced_by_references_named_after_family_item_and_option():
    secrets = Secrets()
    item = secrets.replace("signatures", {"name": "sig", "sign_key": "k", "sign_secret": "s3cr3t"}, SIGNATURE.fields)
    assert item == {"name": "sig", "sign_key": "k", "sign_secret": "{{ apig_secrets['signatures/sig/sign_secret'] }}"}
    assert secrets.replace("apps", {"name": "app"}, APP.fields) == {"name": "app"}
    assert secrets.put("apps", "app", "app_codes/0", None) == "{{ apig_secrets['apps/app/app_codes/0'] }}"
    assert secrets.values == {"signatures/sig/sign_secret": "s3cr3t", "apps/app/app_codes/0": ""}


def test_only_the_environments_used_with_their_variables():
    envs = [{"id": RELEASE, "name": "RELEASE", "remark": "Default environment"},
            {"id": DEV, "name": "DEV", "remark": ""}, {"id": "u" * 32, "name": "UNUSED"}]
    variables = [{"env_id": DEV, "variable_name": "host", "variable_value": "a.example.com"},
                 {"env_id": DEV, "variable_name": "port", "variable_value": "8080"}]
    assert environment_items(envs, variables, {DEV, RELEASE}) == [
        {"name": "DEV", "variables": {"host": "a.example.com", "port": "8080"}},
        {"name": "RELEASE", "remark": "Default environment", "variables": {}}]
