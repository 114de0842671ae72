"""Value codecs, nested compare, list keying, merging and the api/api_info modules, on a fake APIG."""
import pytest

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import BOOL_CODE, from_api
from ansible_collections.huaweicloud.apig.plugins.module_utils.resources_api import API, API_TYPE
from ansible_collections.huaweicloud.apig.plugins.modules import api as api_module
from ansible_collections.huaweicloud.apig.plugins.modules import api_info as api_info_module
from api_fakes import FakeAPIG
from engine_fakes import drive

BASE = "/v2/proj/apigw/instances/inst/"
FIELDS = API.fields


@pytest.fixture
def api():
    fake = FakeAPIG()
    fake.group = fake.add("api-groups", name="shop", remark="")
    return fake


def condition(value, origin="source"):
    return {"condition_origin": origin, "condition_value": value, "condition_type": None, "req_param_name": None}


def http_params(**changes):
    """The module's params of an HTTP API, unset options None as Ansible passes them."""
    params = dict((option, None) for option in FIELDS)
    params.update(
        group="shop", id=None, state="present", name="get_user", type="public", req_method="GET",
        req_uri="/users/{userId}", auth_type="NONE", backend_type="HTTP", cors=False,
        req_params=[
            {"name": "userId", "type": "STRING", "location": "PATH", "required": True, "valid_enable": None},
            {"name": "verbose", "type": "NUMBER", "location": "QUERY", "required": False, "valid_enable": True},
        ],
        backend_api={"req_protocol": "HTTP", "req_method": "GET", "url_domain": "10.0.0.1:8080",
                     "req_uri": "/v1/users/{id}", "timeout": 5000, "vpc_channel": None},
        backend_params=[{"name": "id", "origin": "REQUEST", "location": "PATH", "value": "userId"}],
        policy_https=[{"name": "beta_users", "effect_mode": "ANY",
                       "conditions": [condition("10.0.0.0/8"), condition("192.168.0.0/16")],
                       "url_domain": "10.0.0.2:8080", "req_protocol": "HTTP", "req_method": "GET",
                       "req_uri": "/beta", "backend_params": None}])
    params.update(changes)
    return params


def create(api, **changes):
    result = drive(api, API, http_params(**changes))
    assert result["changed"] and not result.get("failed"), result
    api.calls.clear()
    return result["api"]


# -- codecs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("codec, readable, code", [
    (BOOL_CODE, True, 1), (BOOL_CODE, False, 2), (API_TYPE, "public", 1), (API_TYPE, "private", 2),
])
def test_codecs_both_ways(codec, readable, code):
    assert codec.encode(readable) == code
    assert codec.decode(code) == readable


def test_unknown_codes_pass_through():
    assert API_TYPE.decode(7) == 7 and API_TYPE.encode("other") == "other"


def test_server_form_becomes_module_form_without_server_fields():
    server = {"type": 2, "authorizer_id": "a1", "unknown": "x",
              "req_params": [{"id": "i", "name": "p", "required": 1, "pass_through": 2}],
              "backend_api": {"id": "b", "status": 1, "vpc_channel_status": 1,
                              "vpc_channel_info": {"vpc_channel_id": "v1", "vpc_channel_proxy_host": "h"}}}
    assert from_api(FIELDS, server) == {
        "type": "private", "authorizer": "a1",
        "req_params": [{"name": "p", "required": True, "pass_through": False}],
        "backend_api": {"vpc_channel": "v1", "vpc_channel_proxy_host": "h"}}


# -- compare truth tables ------------------------------------------------------------------------

PARAM_A = {"name": "a", "type": "STRING", "location": "QUERY", "required": True}
PARAM_B = {"name": "b", "type": "NUMBER", "location": "HEADER"}


@pytest.mark.parametrize("option, desired, current, differs", [
    # nested dicts: only the suboptions the user set
    ("backend_api", {"timeout": 5}, {"timeout": 5, "url_domain": "x"}, False),
    ("backend_api", {"timeout": 6}, {"timeout": 5, "url_domain": "x"}, True),
    ("backend_api", {"timeout": 5}, None, True),
    ("backend_api", {}, None, False),
    ("auth_opt", {"app_code_auth_type": "HEADER"}, {"app_code_auth_type": "DISABLE"}, True),
    # keyed lists: by name, never by position
    ("req_params", [PARAM_A, PARAM_B], [PARAM_B, PARAM_A], False),
    ("req_params", [{"name": "a", "type": "STRING"}], [dict(PARAM_A, remark="r")], False),
    ("req_params", [dict(PARAM_A, required=False)], [PARAM_A], True),
    ("req_params", [PARAM_A], [PARAM_A, PARAM_B], True),          # extra on the server
    ("req_params", [PARAM_A, PARAM_B], [PARAM_A], True),          # missing on the server
    ("req_params", [PARAM_A, dict(PARAM_B, name="c")], [PARAM_A, PARAM_B], True),
    ("req_params", [], None, False),                              # no list == empty list
    ("req_params", [PARAM_A], None, True),
    # scalars inside list items, including lists nested in items
    ("policy_mocks", [{"name": "p1", "backend_params": [{"name": "x", "value": "1"}]}],
     [{"name": "p1", "backend_params": [{"name": "x", "value": "2"}]}], True),
])
def test_field_differs(option, desired, current, differs):
    assert FIELDS[option].differs(desired, current) is differs


C1 = {"condition_origin": "param", "req_param_name": "a", "condition_type": "exact", "condition_value": "1"}
C2 = {"condition_origin": "source", "condition_value": "10.0.0.0/8"}


@pytest.mark.parametrize("desired, current, differs", [
    ([C1, C2], [C2, C1], False),                                  # a set: order is no change
    ([{"condition_origin": "source", "condition_value": "10.0.0.0/8"}], [dict(C2, condition_type="exact")], False),
    ([C1], [C1, C2], True),
    ([C1, C2], [C1, C1], True),                                   # each current item matches once
    ([dict(C1, condition_value="2"), C2], [C1, C2], True),
    # a greedy match would pair the loose item with the first one and fail; the pairing backtracks
    ([{"condition_origin": "param"}, C1], [C1, dict(C1, condition_value="2")], False),
])
def test_conditions_compare_as_an_unordered_set(desired, current, differs):
    conditions = FIELDS["policy_https"].suboptions["conditions"]
    assert conditions.differs(desired, current) is differs


def test_merge_keeps_what_the_user_left_unset():
    current = {"timeout": 5, "url_domain": "x", "vpc_channel": "v"}
    assert FIELDS["backend_api"].merged({"timeout": 6}, current) == {"timeout": 6, "url_domain": "x", "vpc_channel": "v"}
    params = FIELDS["req_params"].merged([{"name": "b", "remark": "new"}, {"name": "c"}],
                                         [PARAM_A, dict(PARAM_B, remark="old")])
    assert params == [dict(PARAM_B, remark="new"), {"name": "c"}]   # a dropped, b kept its fields
    assert FIELDS["remark"].merged(None, "kept") == "kept"


# -- the api module on the fake ------------------------------------------------------------------

def test_create_sends_the_wire_form(api):
    result = drive(api, API, http_params())
    assert result["changed"] is True
    (method, path, _, body), = api.writes()
    assert (method, path) == ("POST", BASE + "apis")
    assert body["group_id"] == api.group["id"] and body["type"] == 1 and body["cors"] is False
    assert body["req_params"][0] == {"name": "userId", "type": "STRING", "location": "PATH", "required": 1}
    assert body["req_params"][1]["required"] == 2 and body["req_params"][1]["valid_enable"] == 1
    assert body["policy_https"][0]["conditions"] == [{"condition_origin": "source", "condition_value": "10.0.0.0/8"},
                                                     {"condition_origin": "source", "condition_value": "192.168.0.0/16"}]
    assert "vpc_channel_info" not in body["backend_api"] and "vpc_channel_status" not in body["backend_api"]
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["type"] == "public"
    assert result["diff"]["after"]["req_params"][0]["required"] is True


def test_converged_api_is_two_reads(api):
    """The group named by name is matched on the list items (group_name): no group lookup."""
    created = create(api)
    result = drive(api, API, http_params())
    assert result["changed"] is False and result["api"]["id"] == created["id"]
    assert api.calls == [
        ("GET", BASE + "apis", {"name": "get_user", "precise_search": "name", "offset": 0, "limit": 500}, None),
        ("GET", BASE + "apis/" + created["id"], {}, None),
    ]


def test_same_api_name_in_another_group_is_not_the_api(api):
    other = api.add("api-groups", name="billing", remark="")
    create(api, group="billing")
    result = drive(api, API, http_params())
    assert result["changed"] is True
    (method, path, _, body), = api.writes()
    assert (method, path) == ("POST", BASE + "apis") and body["group_id"] == api.group["id"] != other["id"]
    # Nothing matched by name: the group is looked up to create the API in it.
    assert [c[1] for c in api.calls if c[0] == "GET"] == [BASE + "apis", BASE + "api-groups"]


def test_missing_group_of_a_named_api_fails_naming_the_group(api):
    result = drive(api, API, http_params(group="nowhere"))
    assert result["failed"] and result["msg"] == "group: no api_group with the name or id 'nowhere'"
    assert api.writes() == []


def test_check_mode_with_a_missing_group_predicts_a_create(api):
    result = drive(api, API, http_params(group="nowhere"), check_mode=True)
    assert result["changed"] is True and api.writes() == []
    assert any("no api_group with the name or id 'nowhere'" in w for w in result["warnings"])


def test_reordered_lists_and_conditions_are_no_change(api):
    create(api)
    params = http_params()
    params["req_params"].reverse()
    params["policy_https"][0]["conditions"].reverse()
    assert drive(api, API, params)["changed"] is False
    assert api.writes() == []


def test_integer_bounds_fail_before_any_call(api):
    params = http_params()
    params["backend_api"]["timeout"] = 0
    result = drive(api, API, params)
    assert result["failed"] and "backend_api.timeout must be between 1 and 600000, got 0" in result["msg"]
    assert api.calls == []


def test_tags_compare_as_a_set(api):
    create(api, tags=["shop", "public"])
    assert drive(api, API, http_params(tags=["public", "shop"]))["changed"] is False
    assert drive(api, API, http_params(tags=["public"]))["changed"] is True


def test_update_is_one_full_put_and_the_diff_shows_the_change(api):
    created = create(api)
    params = http_params(remark="new remark")
    params["req_params"][1]["required"] = True
    result = drive(api, API, params)
    assert result["changed"] is True
    (method, path, _, body), = api.writes()
    assert (method, path) == ("PUT", BASE + "apis/" + created["id"])
    # The full definition, server fields stripped, the change merged in.
    assert body["remark"] == "new remark" and body["req_params"][1]["required"] == 1
    assert body["group_id"] == api.group["id"] and body["backend_api"]["timeout"] == 5000
    assert all("id" not in item for item in body["req_params"] + body["backend_params"] + body["policy_https"])
    assert "id" not in body["backend_api"] and "register_time" not in body
    assert "id" not in body["policy_https"][0]["conditions"][0]
    before, after = result["diff"]["before"], result["diff"]["after"]
    changed = dict((k, (before.get(k), after.get(k))) for k in set(before) | set(after) if before.get(k) != after.get(k))
    assert changed == {
        "remark": (None, "new remark"),
        "req_params": (
            [{"name": "userId", "type": "STRING", "location": "PATH", "required": True},
             {"name": "verbose", "type": "NUMBER", "location": "QUERY", "required": False, "valid_enable": True}],
            [{"name": "userId", "type": "STRING", "location": "PATH", "required": True},
             {"name": "verbose", "type": "NUMBER", "location": "QUERY", "required": True, "valid_enable": True}]),
    }


def test_update_keeps_unset_suboptions_and_server_only_fields(api):
    created = create(api)
    api.store["apis"][created["id"]]["backend_api"]["remark"] = "set elsewhere"
    params = http_params(backend_api={"timeout": 9000}, req_params=None, policy_https=None, backend_params=None)
    drive(api, API, params)
    body = api.writes()[0][3]
    assert body["backend_api"] == {"req_protocol": "HTTP", "req_method": "GET", "url_domain": "10.0.0.1:8080",
                                   "req_uri": "/v1/users/{id}", "timeout": 9000, "remark": "set elsewhere"}
    assert [p["name"] for p in body["req_params"]] == ["userId", "verbose"]


def test_check_mode_predicts_without_writing(api):
    create(api)
    predicted = drive(api, API, http_params(remark="r2"), check_mode=True)
    assert api.writes() == []
    assert predicted["changed"] is True and predicted["api"]["remark"] == "r2"
    real = drive(api, API, http_params(remark="r2"))
    assert predicted["diff"] == real["diff"]


def test_function_and_mock_backends(api):
    func = {"function_urn": "urn:fss:x", "invocation_type": "sync", "network_type": "V2", "timeout": 100}
    params = http_params(name="func", req_uri="/func", backend_type="FUNCTION", backend_api=None, policy_https=None,
                         backend_params=None, func_info=func)
    assert drive(api, API, params)["changed"] is True
    assert drive(api, API, params)["changed"] is False
    mock = http_params(name="mock", req_uri="/mock", backend_type="MOCK", backend_api=None, policy_https=None,
                       backend_params=None, mock_info={"result_content": "pong"})
    assert drive(api, API, mock)["changed"] is True
    assert drive(api, API, dict(mock, mock_info={"result_content": "pang"}))["changed"] is True


def test_vpc_channel_by_name_sets_the_channel_fields(api):
    channel = api.add("vpc-channels", name="backend_pool")
    backend = {"req_protocol": "HTTP", "req_method": "GET", "req_uri": "/", "timeout": 5,
               "vpc_channel": "backend_pool", "vpc_channel_proxy_host": "internal.example.com"}
    result = drive(api, API, http_params(backend_api=backend, policy_https=None))
    body = api.writes()[0][3]["backend_api"]
    assert body["vpc_channel_status"] == 1
    assert body["vpc_channel_info"] == {"vpc_channel_id": channel["id"], "vpc_channel_proxy_host": "internal.example.com"}
    assert result["diff"]["after"]["backend_api"]["vpc_channel"] == channel["id"]
    api.calls.clear()
    assert drive(api, API, http_params(backend_api=backend, policy_https=None))["changed"] is False


@pytest.mark.parametrize("changes, message", [
    ({"authorizer": "nope"}, "authorizer: no authorizer with the name or id 'nope'"),
    ({"backend_api": {"vpc_channel": "nope"}}, "backend_api.vpc_channel: no vpc_channel with the name or id 'nope'"),
])
def test_missing_references_name_the_option(api, changes, message):
    result = drive(api, API, http_params(**changes))
    assert result["failed"] and result["msg"] == message
    assert api.writes() == []


@pytest.mark.parametrize("changes, message", [
    ({"name": "9lives"}, "name '9lives' is invalid"),
    ({"req_uri": "users"}, "req_uri 'users' is invalid: start with '/'"),
    ({"remark": "x" * 256}, "remark must be at most 255 characters long, got 256"),
    ({"req_params": [{"name": "_bad", "type": "STRING", "location": "QUERY"}]}, "req_params[0].name '_bad' is invalid"),
    ({"backend_api": {"url_domain": "x" * 256}}, "backend_api.url_domain must be at most 255 characters long"),
])
def test_bad_input_fails_before_any_call(api, changes, message):
    result = drive(api, API, http_params(**changes))
    assert result["failed"] and result["msg"].startswith(message), result["msg"]
    assert api.calls == []


def test_create_without_the_required_options_fails_clearly(api):
    result = drive(api, API, http_params(type=None, backend_type=None))
    assert result["failed"] and result["msg"] == "creating the api 'get_user' requires type, backend_type"
    assert api.writes() == []


def test_deleting_a_published_api_surfaces_the_code(api):
    created = create(api)
    api.published.add(created["id"])
    result = drive(api, API, http_params(state="absent"))
    assert result["failed"] and result["error"]["error_code"] == "APIG.3416"
    assert result["msg"] == "The API cannot be deleted because it has been published. (APIG.3416)"
    api.published.clear()
    assert drive(api, API, http_params(state="absent"))["changed"] is True
    assert api.store["apis"] == {}


# -- real module entry points ---------------------------------------------------------------------

def test_api_module_main_converges(run_module):
    # run_module (conftest) serves this file's ``api`` fixture, the APIG fake.
    args = dict(group="shop", name="ping", type="private", req_method="GET", req_uri="/ping", auth_type="NONE",
                backend_type="MOCK", mock_info={"result_content": "pong"},
                req_params=[{"name": "q", "type": "STRING", "location": "QUERY", "required": False}])
    first = run_module(api_module, **args)
    assert first["changed"] is True and first["api"]["type"] == 2
    assert first["api"]["req_params"][0]["required"] == 2
    again = run_module(api_module, **args)
    assert again["changed"] is False
    listed = run_module(api_info_module, group="shop", type="private", req_uri="/ping")
    assert [a["name"] for a in listed["apis"]] == ["ping"] and "mock_info" not in listed["apis"][0]
    detailed = run_module(api_info_module, name="ping", details=True)
    assert detailed["apis"][0]["mock_info"]["result_content"] == "pong"
    assert run_module(api_info_module, type="public")["apis"] == []
