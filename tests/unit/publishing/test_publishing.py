"""api_publish, api_version_info and api_debug decisions on the in-memory API: what is written, and how often."""
import pytest

from ansible_collections.huaweicloud.apig.plugins.filter.published_unchanged import published_unchanged
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import exit_with
from ansible_collections.huaweicloud.apig.plugins.module_utils.publisher import BATCH_LIMIT, run_publish
from ansible_collections.huaweicloud.apig.plugins.module_utils.publishing import debug, unchanged_in, version_info
from engine_fakes import api_error
from publish_fakes import APIS, PublishAPI, drive

RELEASE = "DEFAULT_ENVIRONMENT_RELEASE_ID"


@pytest.fixture
def api():
    return PublishAPI()


def test_single_unpublished_api_is_published_with_three_requests(api):
    orders = api.add_api("orders")
    result = drive(api, run_publish, api="orders", remark="first")
    assert result["changed"] is True and not result["failed"]
    (entry,) = result["publishes"]
    assert entry == {"api_id": orders["id"], "api_name": "orders", "env_id": RELEASE, "action": "published",
                     "publish_id": api.published(orders["id"])[RELEASE], "version_id": entry["version_id"]}
    assert api.versions[entry["version_id"]]["status"] == 1
    # the API lookup (exact name), the environment lookup (the API is published nowhere), the publish call
    assert [c[0] for c in api.calls] == ["GET", "GET", "POST"]
    assert api.calls[0][2]["precise_search"] == "name" and "/envs" in api.calls[1][1]
    assert api.writes() == [("POST", APIS + "/action", {},
                             {"action": "online", "api_id": orders["id"], "env_id": RELEASE, "remark": "first"})]


def test_published_and_unchanged_sends_no_write(api):
    orders = api.add_api("orders")
    published = api.publish(orders["id"], RELEASE)
    result = drive(api, run_publish, api=orders["id"])
    assert result["changed"] is False
    assert result["publishes"][0]["action"] == "unchanged"
    assert result["publishes"][0]["publish_id"] == published["publish_id"]
    assert api.writes() == []
    # the API by id: its list item names the environment and shows it changed before its publish
    assert len(api.calls) == 1


def test_changed_since_publish_is_republished(api):
    orders = api.add_api("orders")
    first = api.publish(orders["id"], RELEASE)
    api.touch(orders["id"])
    result = drive(api, run_publish, api="orders")
    entry = result["publishes"][0]
    assert result["changed"] is True and entry["action"] == "republished"
    assert entry["version_id"] != first["version_id"]
    assert len(api.writes()) == 1
    # and the next run converges
    api.calls.clear()
    assert drive(api, run_publish, api="orders")["changed"] is False
    assert api.writes() == []


def test_published_in_another_environment_only_is_published_here(api):
    env = api.add("envs", name="DEV")
    orders = api.add_api("orders")
    api.publish(orders["id"], RELEASE)
    result = drive(api, run_publish, api="orders", environment="DEV")
    assert result["publishes"][0]["action"] == "published"
    assert set(api.published(orders["id"])) == {RELEASE, env["id"]}
    # no version read: the API's run_env_id says it isn't published in DEV
    assert not [c for c in api.calls if "/apis/publish/" in c[1] or "/apis/versions/" in c[1]]


@pytest.mark.parametrize("touched", [False, True])
def test_check_mode_predicts_and_writes_nothing(api, touched):
    new = api.add_api("new_api")
    old = api.add_api("old_api")
    api.publish(old["id"], RELEASE)
    if touched:
        api.touch(old["id"])
    result = drive(api, run_publish, check_mode=True, apis=["new_api", "old_api"])
    assert result["changed"] is True
    actions = dict((e["api_name"], e["action"]) for e in result["publishes"])
    assert actions == {"new_api": "published", "old_api": "republished" if touched else "unchanged"}
    assert api.writes() == []
    assert RELEASE not in api.published(new["id"])


@pytest.mark.parametrize("missing", ["group", "environment", "apis"])
def test_check_mode_predicts_publishes_of_what_earlier_tasks_would_create(api, missing):
    api.add_api("old_api")
    given = {"environment": "RELEASE", "apis": ["old_api"]}
    given[missing] = ["old_api", "new_one"] if missing == "apis" else "new_one"
    result = drive(api, run_publish, check_mode=True, **given)
    assert result["changed"] is True and not result["failed"], result
    assert all(e["action"] == "published" for e in result["publishes"])
    assert len(result["warnings"]) == 1 and "'new_one'" in result["warnings"][0]
    assert "check mode assumes an earlier task creates it" in result["warnings"][0]
    assert api.writes() == []


def test_a_missing_api_still_fails_outside_check_mode(api):
    result = drive(api, run_publish, apis=["nowhere"])
    assert result["failed"] and "no API with the name or id 'nowhere'" in result["msg"]


def test_a_list_is_one_batch_call_with_the_action_in_the_query(api):
    group = api.add("api-groups", name="shop")
    for i in range(3):
        api.add_api("api_%d" % i, group_id=group["id"])
    result = drive(api, run_publish, group="shop", apis=["api_0", "api_1", "api_2"], remark="r")
    assert [e["action"] for e in result["publishes"]] == ["published"] * 3
    (batch,) = api.writes()
    assert batch[1] == APIS + "/publish" and batch[2] == {"action": "online"}
    assert batch[3]["env_id"] == RELEASE and batch[3]["remark"] == "r" and len(batch[3]["apis"]) == 3


def test_batches_are_chunked_at_the_limit(api):
    group = api.add("api-groups", name="big")
    names = ["api_%04d" % i for i in range(2 * BATCH_LIMIT + 5)]
    for name in names:
        api.add_api(name, group_id=group["id"])
    result = drive(api, run_publish, group="big", apis=names)
    assert len(result["publishes"]) == len(names) and result["changed"] is True
    assert [len(c[3]["apis"]) for c in api.writes()] == [BATCH_LIMIT, BATCH_LIMIT, 5]


def test_hundred_apis_take_a_handful_of_requests(api):
    group = api.add("api-groups", name="shop")
    names = ["api_%03d" % i for i in range(100)]
    for name in names:
        api.add_api(name, group_id=group["id"])
    result = drive(api, run_publish, group="shop", apis=names)
    assert result["changed"] is True
    # group, environment, one page of the group's APIs, one batch call
    assert len(api.calls) == 4


def test_failures_inside_a_200_fail_the_task_and_report_the_successes(api):
    group = api.add("api-groups", name="shop")
    good = api.add_api("good_api", group_id=group["id"])
    bad = api.add_api("bad_api", group_id=group["id"])
    api.batch_failures[bad["id"]] = "APIG.3002"
    result = drive(api, run_publish, group="shop", apis=["good_api", "bad_api"])
    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == "1 of 2 APIs could not be published: bad_api (%s): refused (APIG.3002)" % bad["id"]
    assert [e["api_id"] for e in result["publishes"]] == [good["id"]]
    assert result["failures"][0]["error_code"] == "APIG.3002"


def test_an_api_the_batch_answer_leaves_out_counts_as_failed(api):
    group = api.add("api-groups", name="shop")
    first = api.add_api("first_api", group_id=group["id"])
    second = api.add_api("second_api", group_id=group["id"])
    original = api.request

    def forgetful(method, path, query=None, body=None, files=None):
        answer = original(method, path, query, body, files)
        if method == "POST":
            answer["success"] = [s for s in answer["success"] if s["api_id"] == first["id"]]
        return answer

    api.request = forgetful
    result = drive(api, run_publish, group="shop", apis=["first_api", "second_api"])
    assert result["failed"] is True and [e["api_id"] for e in result["publishes"]] == [first["id"]]
    assert result["failures"] == [{"api_id": second["id"], "api_name": "second_api", "error_code": None,
                                   "error_msg": "the batch answer does not mention this API"}]


def test_an_error_in_a_later_chunk_reports_the_earlier_chunks(api):
    group = api.add("api-groups", name="big")
    names = ["api_%04d" % i for i in range(BATCH_LIMIT + 1)]
    for name in names:
        api.add_api(name, group_id=group["id"])
    original = api.request
    batches = []

    def second_batch_fails(method, path, query=None, body=None, files=None):
        if method == "POST":
            batches.append(path)
            if len(batches) == 2:
                raise api_error(500, "APIG.9999", "System error")
        return original(method, path, query, body, files)

    api.request = second_batch_fails
    result = drive(api, run_publish, group="big", apis=names)
    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == "System error (APIG.9999)"
    assert len(result["publishes"]) == BATCH_LIMIT


def test_offline_only_when_published(api):
    group = api.add("api-groups", name="shop")
    on = api.add_api("on_api", group_id=group["id"])
    api.add_api("off_api", group_id=group["id"])
    api.publish(on["id"], RELEASE)
    result = drive(api, run_publish, group="shop", apis=["on_api", "off_api"], state="offline")
    assert [e["action"] for e in result["publishes"]] == ["offline", "unchanged"]
    (batch,) = api.writes()
    assert batch[2] == {"action": "offline"} and batch[3]["apis"] == [on["id"]]
    assert RELEASE not in api.published(on["id"])
    api.calls.clear()
    assert drive(api, run_publish, group="shop", apis=["on_api", "off_api"], state="offline")["changed"] is False
    assert api.writes() == []


def test_switch_to_an_earlier_version_and_take_a_version_offline(api):
    orders = api.add_api("orders")
    first = api.publish(orders["id"], RELEASE)["version_id"]
    api.touch(orders["id"])
    api.publish(orders["id"], RELEASE)
    switched = drive(api, run_publish, api="orders", version_id=first)
    assert switched["changed"] is True and switched["publishes"][0]["action"] == "switched"
    assert api.writes()[-1] == ("PUT", APIS + "/publish/" + orders["id"], {}, {"version_id": first})
    assert api.versions[first]["status"] == 1
    assert drive(api, run_publish, api="orders", version_id=first)["changed"] is False

    api.calls.clear()
    offline = drive(api, run_publish, api="orders", version_id=first, state="offline")
    assert offline["publishes"][0]["action"] == "offline"
    assert api.writes() == [("DELETE", APIS + "/versions/" + first, {}, None)]
    assert drive(api, run_publish, api="orders", version_id=first, state="offline")["changed"] is False


def rolled_back(api, name="orders"):
    """An API published twice (changed in between), then RELEASE switched back to the first version."""
    orders = api.add_api(name)
    first = api.publish(orders["id"], RELEASE)["version_id"]
    api.touch(orders["id"])
    api.publish(orders["id"], RELEASE)
    assert drive(api, run_publish, api=name, version_id=first)["publishes"][0]["action"] == "switched"
    api.calls.clear()
    return orders, first


def test_a_rollback_is_kept_with_a_warning_not_taken_for_unchanged(api):
    orders, first = rolled_back(api)
    result = drive(api, run_publish, api="orders")
    assert result["changed"] is False and api.writes() == []
    assert (result["publishes"][0]["action"], result["publishes"][0]["version_id"]) == ("rollback_kept", first)
    assert len(result["warnings"]) == 1 and "a rollback; kept" in result["warnings"][0]
    assert api.versions[first]["status"] == 1


def test_a_rollback_is_ended_on_request_or_by_a_later_change(api):
    orders, first = rolled_back(api)
    result = drive(api, run_publish, api="orders", on_rollback="republish")
    assert result["changed"] is True and result["publishes"][0]["action"] == "republished"
    assert "published again, as on_rollback=republish asks" in result["warnings"][0]
    assert drive(api, run_publish, api="orders")["publishes"][0]["action"] == "unchanged"

    carts, first = rolled_back(api, "carts")
    api.touch(carts["id"])
    result = drive(api, run_publish, api="carts")
    assert result["changed"] is True and result["publishes"][0]["action"] == "republished"
    assert "changed since its newest version" in result["warnings"][0]


def test_many_unchanged_apis_cost_their_list_pages_and_the_group(api):
    group = api.add("api-groups", name="shop")
    names = ["api_%04d" % i for i in range(1200)]
    for name in names:
        api.publish(api.add_api(name, group_id=group["id"])["id"], RELEASE)
    api.calls.clear()
    result = drive(api, run_publish, group="shop", apis=names, environment="RELEASE")
    assert result["changed"] is False and {e["action"] for e in result["publishes"]} == {"unchanged"}
    # the group and ceil(1200 / 500) pages of its APIs, whose items name the environment
    assert len(api.calls) == 1 + 3 and "/api-groups" in api.calls[0][1]


def test_unknown_version_and_unknown_api_fail_clearly(api):
    api.add_api("orders")
    result = drive(api, run_publish, api="orders", version_id="f" * 32)
    assert result["failed"] and result["msg"] == \
        "version_id: API 'orders' has no version '%s' in environment 'RELEASE'" % ("f" * 32)
    group = api.add("api-groups", name="shop")
    result = drive(api, run_publish, group="shop", apis=["orders", "nope"])
    assert result["failed"] and result["msg"] == "no API in group 'shop' with the name or id 'orders', 'nope'"
    assert group["id"] and api.writes() == []


def test_same_name_in_two_groups_needs_group(api):
    api.add_api("orders", group_id="g1")
    api.add_api("orders", group_id="g2")
    result = drive(api, run_publish, apis=["orders"])
    assert result["failed"] and "set group" in result["msg"]


def test_version_info_lists_shows_and_reads_runtime(api):
    orders = api.add_api("orders")
    version = api.publish(orders["id"], RELEASE)["version_id"]

    def info(**given):
        return drive(api, lambda m: exit_with(m, lambda: version_info(m)), **given)

    listed = info(api="orders", environment="RELEASE")
    assert [v["version_id"] for v in listed["versions"]] == [version]
    assert info(version_id=version)["version"]["version_id"] == version
    assert info(api="orders", runtime=True, environment=None)["runtime"]["id"] == orders["id"]
    missing = info(version_id="0" * 32)
    assert missing["failed"] and missing["error"]["error_code"] == "APIG.3022"
    assert api.writes() == []


def test_debug_defaults_to_the_api_definition_and_never_changes(api):
    api.add_api("orders")
    result = drive(api, lambda m: exit_with(m, lambda: debug(m)), api="orders",
                   query={"a": "1", "b": ["2", 3]})
    assert result["changed"] is False and result["response"] == "HTTP/1.1 200 OK" and result["latency"] == 3
    (call,) = api.writes()
    assert call[3] == {"mode": "DEVELOPER", "scheme": "HTTPS", "method": "GET", "path": "/orders",
                       "query": {"a": ["1"], "b": ["2", "3"]}}


def test_debug_in_check_mode_calls_nothing(api):
    api.add_api("orders")
    result = drive(api, lambda m: exit_with(m, lambda: debug(m)), check_mode=True, api="orders")
    assert result["changed"] is False and "not called" in result["msg"]
    assert api.writes() == []


@pytest.mark.parametrize("update_time, publish_time, unchanged", [
    ("2024-01-01T00:00:01Z", "2024-01-01T00:00:02Z", True),
    ("2024-01-01T00:00:02.000000001Z", "2024-01-01T00:00:02.000000002Z", True),
    ("2024-01-01T08:00:01+08:00", "2024-01-01 00:00:02", True),   # zones compared, UTC by default
    ("2024-01-01T00:00:02Z", "2024-01-01T00:00:02Z", False),      # can't tell: look closer
    ("2024-01-01T00:00:03Z", "2024-01-01T00:00:02Z", False),
    ("yesterday", "2024-01-01T00:00:02Z", False),
])
def test_unchanged_in_compares_the_timestamps_of_the_list_item(update_time, publish_time, unchanged):
    item = {"name": "orders", "update_time": update_time, "run_env_id": "other|" + RELEASE,
            "publish_time": "2030-01-01T00:00:00Z|" + publish_time}
    assert unchanged_in(item, RELEASE) is unchanged
    assert published_unchanged([item], RELEASE) == (["orders"] if unchanged else [])
    assert published_unchanged([item], None) == [] and unchanged_in(item, "nowhere") is False
