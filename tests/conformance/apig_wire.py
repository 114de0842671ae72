"""Helpers for the SDK conformance suite: a raw signed client and the reference's field types.

The official SDK is imported unconditionally: a missing SDK must error the suite, not skip it.
"""
import contextlib
import datetime
import json
import re
import uuid
import warnings
from urllib.parse import urlparse

import pytest
import requests
from huaweicloudsdkapig.v2 import ApigClient
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcore.sdk_request import SdkRequest

TIMEOUT = (2, 10)
SDK_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
MISSING_ID = "0123456789abcdef0123456789abcdef"
# The reference's timestamps: "2020-07-31T06:55:55.383169299Z", "2020-07-31T06:41:43Z", "+08:00".
TIME_RE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,6})?\d*(Z|[+-]\d\d:\d\d)$")

# Response field types as documented in the 2022 reference. "time" is a string the SDK turns into
# a datetime; a tuple is a list of that item type; a dict is a nested object.
URL_DOMAIN = {"id": str, "domain": str, "cname_status": int, "ssl_id": str, "ssl_name": str,
              "min_ssl_version": str}
API_GROUP = {"id": str, "name": str, "status": int, "sl_domain": str, "register_time": "time",
             "update_time": "time", "on_sell_status": int, "url_domains": (URL_DOMAIN,),
             "sl_domains": (str,), "remark": str, "call_limits": int, "time_interval": int,
             "time_unit": str, "is_default": int, "version": str, "roma_app_id": str,
             "roma_app_name": str}
API_GROUP_REQUIRED = ("id", "name", "status", "sl_domain", "register_time", "update_time",
                      "on_sell_status", "url_domains", "sl_domains", "is_default")
ENV = {"create_time": "time", "name": str, "remark": str, "id": str}
ENV_REQUIRED = ("create_time", "name", "id")
ENV_VARIABLE = {"variable_value": str, "env_id": str, "group_id": str, "variable_name": str, "id": str}
ENV_VARIABLE_REQUIRED = tuple(ENV_VARIABLE)
# The reference's tables spell the status code "instance_statuses"; its examples and the SDK say
# "instance_status", which is what the live service returns.
INSTANCE_BASE = {"id": str, "project_id": str, "instance_name": str, "status": str,
                 "instance_status": int, "type": str, "spec": str, "create_time": int,
                 "enterprise_project_id": str, "eip_address": str, "charging_mode": int,
                 "cbc_metadata": str, "loadbalancer_provider": str}
INSTANCE_BASE_REQUIRED = ("id", "project_id", "instance_name", "status", "instance_status", "type",
                          "spec", "create_time", "charging_mode")
IP_DETAILS = {"ip_address": str, "bandwidth_size": int}
ENDPOINT_SERVICE = {"service_name": str, "created_at": "time"}
INSTANCE = dict(INSTANCE_BASE, description=str, vpc_id=str, subnet_id=str, security_group_id=str,
                maintain_begin=str, maintain_end=str, ingress_ip=str, user_id=str,
                nat_eip_ipv6_cidr=str, eip_ipv6_address=str, nat_eip_address=str,
                bandwidth_size=int, available_zone_ids=str, instance_version=str,
                virsubnet_id=str, roma_eip_address=str, listeners=dict,
                supported_features=(str,), endpoint_service=ENDPOINT_SERVICE,
                endpoint_services=(ENDPOINT_SERVICE,),
                node_ips={"livedata": (str,), "shubao": (str,)},
                publicips=(IP_DETAILS,), privateips=(IP_DETAILS,))
INSTANCE_REQUIRED = INSTANCE_BASE_REQUIRED + ("vpc_id", "subnet_id", "security_group_id",
                                              "maintain_begin", "maintain_end", "supported_features")

# §3.5 APIs. "times" is the API detail's publish_time: one timestamp per environment the API is
# published in, joined by "|" (the SDK keeps it a string, unlike a version's publish_time).
AUTH_OPT = {"app_code_auth_type": str}
VPC_INFO = {"ecs_id": str, "ecs_name": str, "cascade_flag": bool, "vpc_channel_proxy_host": str,
            "vpc_channel_id": str, "vpc_channel_port": int}
BACKEND_SERVER_FIELDS = {"id": str, "status": int, "register_time": "time", "update_time": "time"}
BACKEND_API = dict(BACKEND_SERVER_FIELDS, authorizer_id=str, url_domain=str, req_protocol=str, remark=str,
                   req_method=str, version=str, req_uri=str, timeout=int, enable_client_ssl=bool,
                   vpc_channel_info=VPC_INFO, vpc_channel_status=int)
FUNC_INFO = dict(BACKEND_SERVER_FIELDS, function_urn=str, remark=str, invocation_type=str, network_type=str,
                 version=str, alias_urn=str, timeout=int, authorizer_id=str)
MOCK_INFO = dict(BACKEND_SERVER_FIELDS, remark=str, result_content=str, version=str, authorizer_id=str)
REQ_PARAM = {"name": str, "type": str, "location": str, "default_value": str, "sample_value": str,
             "required": int, "valid_enable": int, "remark": str, "enumerations": str, "min_num": int,
             "max_num": int, "min_size": int, "max_size": int, "regular": str, "json_schema": str,
             "pass_through": int, "id": str}
BACKEND_PARAM = {"origin": str, "name": str, "remark": str, "location": str, "value": str, "id": str,
                 "req_param_id": str}
CONDITION = {"req_param_name": str, "condition_type": str, "condition_origin": str, "condition_value": str,
             "id": str, "req_param_id": str, "req_param_location": str}
POLICY = {"id": str, "effect_mode": str, "name": str, "backend_params": (BACKEND_PARAM,),
          "conditions": (CONDITION,), "authorizer_id": str}
POLICY_FUNCTION = dict(POLICY, function_urn=str, invocation_type=str, network_type=str, version=str,
                       alias_urn=str, timeout=int)
POLICY_MOCK = dict(POLICY, result_content=str)
POLICY_HTTP = dict(POLICY, url_domain=str, req_protocol=str, req_method=str, req_uri=str, timeout=int,
                   vpc_channel_info=VPC_INFO, vpc_channel_status=int)
API_GROUP_INFO = {"id": str, "name": str, "status": int, "sl_domain": str, "register_time": "time",
                  "update_time": "time", "on_sell_status": int, "url_domains": (URL_DOMAIN,)}
# The fields every API view shares (the runtime definition of §3.5.11 has only these and a few more).
API_COMMON = {"name": str, "type": int, "version": str, "req_protocol": str, "req_method": str, "req_uri": str,
              "auth_type": str, "auth_opt": AUTH_OPT, "cors": bool, "match_mode": str, "backend_type": str,
              "remark": str, "group_id": str, "body_remark": str, "result_normal_sample": str,
              "result_failure_sample": str, "authorizer_id": str, "tags": (str,), "response_id": str,
              "roma_app_id": str, "domain_name": str, "tag": str, "content_type": str, "id": str,
              "group_name": str, "run_env_name": str, "run_env_id": str, "publish_id": str,
              "req_params": (REQ_PARAM,)}
API_COMMON_REQUIRED = ("id", "name", "type", "req_protocol", "req_method", "req_uri", "auth_type",
                       "backend_type", "group_id", "group_name")
API_RUNTIME = dict(API_COMMON, sl_domain=str, sl_domains=(str,))
API_LIST_ITEM = dict(API_COMMON, status=int, arrange_necessary=int, register_time="time", update_time="time",
                     group_version=str, publish_time="times", roma_app_name=str, ld_api_id=str,
                     backend_api=BACKEND_API, api_group_info=API_GROUP_INFO)
API = dict(API_LIST_ITEM, func_info=FUNC_INFO, mock_info=MOCK_INFO, backend_params=(BACKEND_PARAM,),
           policy_functions=(POLICY_FUNCTION,), policy_mocks=(POLICY_MOCK,), policy_https=(POLICY_HTTP,))
API_REQUIRED = API_COMMON_REQUIRED + ("status", "register_time", "update_time")
API_VERSION_DETAIL = dict(API, publish_time="time", sl_domain=str, sl_domains=(str,), version_id=str)
PUBLISH = {"publish_id": str, "api_id": str, "api_name": str, "env_id": str, "remark": str,
           "publish_time": "time", "version_id": str}
PUBLISH_REQUIRED = ("publish_id", "api_id", "api_name", "env_id", "publish_time", "version_id")
BATCH_FAILURE = {"api_id": str, "api_name": str, "error_code": str, "error_msg": str}
API_VERSION = {"version_id": str, "version_no": str, "api_id": str, "env_id": str, "env_name": str,
               "remark": str, "publish_time": "time", "status": int}
API_VERSION_REQUIRED = ("version_id", "version_no", "api_id", "env_id", "env_name", "publish_time", "status")
DEBUG = {"request": str, "response": str, "latency": int, "log": str}


def unique(prefix):
    """A fresh resource name; prefixes keep list filters of parallel tests apart."""
    return "%s_%s" % (prefix, uuid.uuid4().hex[:10])


def sdk_client(emu, secret_key=None):
    """An ApigClient on the emulator: plain http, endpoint override, no retries, short timeouts."""
    config = HttpConfig.get_default_config()
    config.timeout = TIMEOUT
    config.retry_times = 0
    credentials = BasicCredentials(emu.access_key, secret_key or emu.secret_key, emu.project_id)
    return (ApigClient.new_builder().with_http_config(config).with_credentials(credentials)
            .with_endpoints([emu.endpoint]).build())


@contextlib.contextmanager
def api_error(status, code):
    """Expect the SDK to raise ClientRequestException carrying this status and error code."""
    with pytest.raises(ClientRequestException) as info:
        yield info
    assert (info.value.status_code, info.value.error_code) == (status, code), str(info.value)
    assert info.value.error_msg


def assert_auth_rejected(response):
    """401 with a JSON APIG./APIC. error body, the way the cloud rejects bad credentials."""
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["error_code"].split(".")[0] in ("APIG", "APIC"), body
    assert body["error_code"].split(".")[1].isdigit(), body
    assert body["error_msg"]


def sdk_dict(model):
    """The SDK model as a dict (response to_dict() is deprecated but still the documented view)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return model.to_dict()


def _check_value(path, spec, raw, sdk):
    if raw is None:
        assert sdk is None, path
    elif spec == "time":
        _check_time(path, raw, sdk)
    elif spec == "times":
        assert isinstance(raw, str) and sdk == raw, (path, raw, sdk)
        for part in raw.split("|") if raw else ():  # "" while the API is published nowhere
            assert TIME_RE.match(part), "%s: %r is not an ISO 8601 UTC timestamp" % (path, part)
    elif isinstance(spec, tuple):
        assert isinstance(raw, list) and isinstance(sdk, list) and len(raw) == len(sdk), (path, raw)
        for i, (raw_item, sdk_item) in enumerate(zip(raw, sdk)):
            _check_value("%s[%d]" % (path, i), spec[0], raw_item, sdk_item)
    elif isinstance(spec, dict):
        assert isinstance(raw, dict) and isinstance(sdk, dict), (path, raw)
        check_fields(spec, (), raw, sdk, path)
    else:
        # bool is an int in Python; the reference's integers must not arrive as JSON booleans.
        assert isinstance(raw, spec) and not (spec is int and isinstance(raw, bool)), \
            "%s: %r is not %s" % (path, raw, spec.__name__)
        assert sdk == raw, (path, raw, sdk)


def _check_time(path, raw, sdk):
    match = TIME_RE.match(raw) if isinstance(raw, str) else None
    assert match, "%s: %r is not an ISO 8601 UTC timestamp" % (path, raw)
    if isinstance(sdk, datetime.datetime):
        seconds, fraction, zone = match.groups()
        expected = seconds + (fraction or "") + ("+00:00" if zone == "Z" else zone)
        assert sdk == datetime.datetime.fromisoformat(expected), (path, raw, sdk)
    else:
        # Without python-dateutil the SDK keeps the string as received.
        assert sdk == raw, (path, raw, sdk)


def check_fields(schema, required, raw, sdk, path="$"):
    """Each documented field in the raw JSON has the documented type and the SDK deserialized it equal."""
    missing = [name for name in required if name not in raw]
    assert not missing, "%s: documented fields missing from the response: %s" % (path, missing)
    for name, spec in schema.items():
        if name in raw:
            _check_value("%s.%s" % (path, name), spec, raw[name], sdk.get(name))


def check_response(response, schema, required):
    """Compare a typed SDK response with the raw JSON of that same HTTP response."""
    raw = json.loads(response.raw_content)
    check_fields(schema, required, raw, sdk_dict(response))
    return raw


class SignedWire:
    """Requests signed by the SDK's own signer, sent raw with `requests` so a test can tamper first."""

    def __init__(self, emu):
        self.emu = emu
        endpoint = urlparse(emu.endpoint)
        self.scheme, self.host = endpoint.scheme, endpoint.netloc

    def sign(self, method, path, query=None, body=None, secret_key=None, sdk_date=None, project_id=None,
             project_level=False):
        """An SdkRequest signed exactly as ApigClient signs it (X-Project-Id included).

        `path` is relative to the emulator's instance, or to /v2/{project_id}/apigw with project_level.
        """
        project_id = project_id or self.emu.project_id
        root = "/v2/%s/apigw" % project_id
        if not project_level:
            root += "/instances/" + self.emu.instance_id
        headers = {"Content-Type": "application/json;charset=UTF-8"}
        if sdk_date is not None:
            headers["X-Sdk-Date"] = sdk_date.strftime(SDK_DATE_FORMAT)
        request = SdkRequest(method=method, schema=self.scheme, host=self.host, resource_path=root + path,
                             query_params=list((query or {}).items()), header_params=headers,
                             body=json.dumps(body).encode() if body is not None else "")
        credentials = BasicCredentials(self.emu.access_key, secret_key or self.emu.secret_key, project_id)
        return credentials.sign_request(request)

    def send(self, request):
        return requests.request(request.method, request.url, headers=request.header_params,
                                data=request.body, timeout=TIMEOUT)

    def call(self, method, path, query=None, body=None, project_level=False):
        return self.send(self.sign(method, path, query, body, project_level=project_level))

    def get_json(self, path, query=None, project_level=False):
        response = self.call("GET", path, query, project_level=project_level)
        assert response.status_code == 200, response.text
        return response.json()
