"""The api_unchanged filter: which APIs of a service the api module would leave unchanged."""
import copy

import pytest

from ansible_collections.huaweicloud.apig.plugins.filter.api_unchanged import api_unchanged

GROUP = "a" * 32
API_ID = "b" * 32
AUTHORIZER_ID = "c" * 32

# One API as the service role passes it to the api module (module form)...
DESIRED = {
    "group": GROUP, "id": API_ID, "name": "list_products", "type": "public", "req_method": "GET",
    "req_uri": "/products", "auth_type": "NONE", "cors": True, "backend_type": "HTTP",
    "remark": "Lists products",
    "req_params": [
        {"name": "category", "type": "STRING", "location": "QUERY", "required": False, "max_size": 32},
        {"name": "page", "type": "NUMBER", "location": "QUERY", "required": False, "default_value": "1"},
    ],
    "backend_api": {"req_protocol": "HTTP", "req_method": "GET", "url_domain": "#catalog_host#",
                    "req_uri": "/v2/catalog/products", "timeout": 5000},
    "tags": ["shop", "catalog"],
}

# ... and its detail as the gateway answers it (API form: codes, server fields, list order of its own).
CURRENT = {
    "id": API_ID, "group_id": GROUP, "name": "list_products", "type": 1, "req_method": "GET",
    "req_uri": "/products", "auth_type": "NONE", "cors": True, "backend_type": "HTTP", "match_mode": "NORMAL",
    "remark": "Lists products", "update_time": "2026-01-01T00:00:00Z", "run_env_id": "",
    "req_params": [
        {"id": "p2", "name": "page", "type": "NUMBER", "location": "QUERY", "required": 2,
         "default_value": "1", "valid_enable": 2},
        {"id": "p1", "name": "category", "type": "STRING", "location": "QUERY", "required": 2, "max_size": 32},
    ],
    "backend_api": {"id": "b1", "req_protocol": "HTTP", "req_method": "GET", "url_domain": "#catalog_host#",
                    "req_uri": "/v2/catalog/products", "timeout": 5000, "vpc_channel_status": 2},
    "tags": ["catalog", "shop"],
}


def edited(**changes):
    item = copy.deepcopy(DESIRED)
    item.update(changes)
    return item


def unchanged(item, current=None):
    return api_unchanged([item], [CURRENT if current is None else current]) == [item["name"]]


def test_unchanged_api_is_skipped():
    assert unchanged(DESIRED)


def test_options_left_unset_are_not_compared():
    item = edited()
    del item["remark"]
    item["backend_api"] = dict(item["backend_api"], timeout=None)
    assert unchanged(item)


@pytest.mark.parametrize("changes", [
    {"remark": "Lists the products"},                      # a scalar
    {"type": "private"},                                    # a codec's value
    {"cors": False},
    {"tags": ["shop"]},
    {"name": "list_all_products"},                          # a rename by id
])
def test_changed_scalar_goes_to_the_module(changes):
    assert not unchanged(edited(**changes))


def test_changed_nested_list_item_goes_to_the_module():
    item = edited()
    item["req_params"][1]["default_value"] = "2"
    assert not unchanged(item)
    item = edited()
    item["req_params"] = item["req_params"][:1]  # a parameter removed
    assert not unchanged(item)
    item = edited()
    item["backend_api"]["timeout"] = 6000  # a nested dict
    assert not unchanged(item)


def test_new_api_goes_to_the_module():
    item = edited()
    del item["id"]
    assert not unchanged(item)
    assert api_unchanged([edited(id="d" * 32)], [CURRENT]) == []
    assert api_unchanged([DESIRED], []) == []


def test_named_references_go_to_the_module():
    current = dict(CURRENT, auth_type="AUTHORIZER", authorizer_id=AUTHORIZER_ID)
    assert unchanged(edited(auth_type="AUTHORIZER", authorizer=AUTHORIZER_ID), current)
    assert not unchanged(edited(auth_type="AUTHORIZER", authorizer="my_authorizer"), current)
    assert not unchanged(edited(response_id="default_response"), dict(CURRENT, response_id="default_response"))
    item = edited()
    item["backend_api"]["vpc_channel"] = "shop_channel"
    assert not unchanged(item)


def test_values_the_module_would_convert_or_reject_go_to_the_module():
    assert not unchanged(edited(cors="yes"))                           # Ansible would convert it
    item = edited()
    item["backend_api"]["timeout"] = "5000"
    assert not unchanged(item, dict(CURRENT, backend_api=dict(CURRENT["backend_api"], timeout="5000")))
    assert not unchanged(edited(req_method="FETCH"), dict(CURRENT, req_method="FETCH"))  # not a choice
    assert not unchanged(edited(unknown="x"))                          # not an option
    item = edited()
    del item["req_params"][0]["location"]                              # a required suboption missing
    assert not unchanged(item)


def test_other_states_and_groups_go_to_the_module():
    assert not unchanged(edited(state="absent"))
    assert not unchanged(DESIRED, dict(CURRENT, group_id="e" * 32))


def test_names_in_input_order():
    other = edited(name="get_product", id="f" * 32)
    current = [dict(CURRENT, id="f" * 32, name="get_product"), CURRENT]
    assert api_unchanged([DESIRED, edited(remark="x"), other], current) == ["list_products", "get_product"]
    assert api_unchanged(None, None) == []
