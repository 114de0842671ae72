"""Adopting a group built by hand: playbooks/export_service.yml writes it as a service file, which
applies to the same gateway with no change and recreates an equal group on an empty instance,
compared through the official SDK."""
import os
import stat

import yaml
from apig_wire import sdk_client, sdk_dict
from huaweicloudsdkapig.v2 import (
    ListAclStrategiesV2Request, ListApiGroupsV2Request, ListApisBindedToAclPolicyV2Request,
    ListApisBindedToAppV2Request, ListApisBindedToRequestThrottlingPolicyV2Request,
    ListApisBindedToSignatureKeyV2Request, ListApisV2Request, ListAppCodesV2Request, ListAppsV2Request,
    ListBackendInstancesV2Request, ListCustomAuthorizersV2Request, ListEnvironmentsV2Request,
    ListEnvironmentVariablesV2Request, ListGatewayResponsesV2Request, ListRequestThrottlingPolicyV2Request,
    ListSignatureKeysV2Request, ListSpecialThrottlingConfigurationsV2Request, ListVpcChannelsV2Request,
    ShowDetailsOfApiGroupV2Request, ShowDetailsOfApiV2Request, ShowDetailsOfGatewayResponseV2Request)

from ansible_runner import play

# Keys that differ between two instances for the same content: identities, times, generated keys.
VOLATILE = {"id", "instance_id", "project_id", "sl_domain", "sl_domains", "app_key", "app_secret", "publish_id"}


def scrub(value, names):
    """``value`` without volatile keys, ids replaced by the names they stand for."""
    if isinstance(value, dict):
        return dict((key, scrub(item, names)) for key, item in sorted(value.items())
                    if key not in VOLATILE and not key.endswith("time"))
    if isinstance(value, list):
        return sorted((scrub(item, names) for item in value), key=repr)
    if isinstance(value, str) and value in names:
        return names[value]
    return value


def describe(emulator, group_name):
    """The group and everything it uses, as the SDK reads it, scrubbed of what differs by instance."""
    sdk = sdk_client(emulator)
    instance = emulator.instance_id
    try:
        group = next(g for g in sdk.list_api_groups_v2(ListApiGroupsV2Request(instance_id=instance)).groups
                     if g.name == group_name)
        detail = sdk_dict(sdk.show_details_of_api_group_v2(
            ShowDetailsOfApiGroupV2Request(instance_id=instance, group_id=group.id)))
        envs = dict((e.id, e.name) for e in sdk.list_environments_v2(
            ListEnvironmentsV2Request(instance_id=instance, limit=500)).envs)
        apis = [sdk_dict(sdk.show_details_of_api_v2(ShowDetailsOfApiV2Request(instance_id=instance, api_id=a.id)))
                for a in sdk.list_apis_v2(ListApisV2Request(instance_id=instance, group_id=group.id, limit=500)).apis]
        for api in apis:
            # Where the API is published, in the order it was published: a set.
            api["run_env_name"] = sorted((api.pop("run_env_id", None) and api["run_env_name"] or "").split("|"))
        names = dict(envs)
        names[group.id] = group_name
        names.update((api["id"], api["name"]) for api in apis)
        result = {
            "group": {"name": detail["name"], "remark": detail["remark"],
                      "domains": sorted((d["domain"], d["min_ssl_version"]) for d in detail["url_domains"] or [])},
            "variables": sorted((envs[v.env_id], v.variable_name, v.variable_value) for v in
                                sdk.list_environment_variables_v2(ListEnvironmentVariablesV2Request(
                                    instance_id=instance, group_id=group.id, limit=500)).variables),
            "apis": apis,
        }
        policies = sdk.list_request_throttling_policy_v2(
            ListRequestThrottlingPolicyV2Request(instance_id=instance, limit=500)).throttles
        apps = sdk.list_apps_v2(ListAppsV2Request(instance_id=instance, limit=500)).apps
        authorizers = sdk.list_custom_authorizers_v2(
            ListCustomAuthorizersV2Request(instance_id=instance, limit=500)).authorizer_list
        channels = sdk.list_vpc_channels_v2(ListVpcChannelsV2Request(instance_id=instance, limit=500)).vpc_channels
        names.update((item.id, item.name) for item in list(policies) + list(apps) + list(authorizers) + list(channels))
        responses = sdk.list_gateway_responses_v2(
            ListGatewayResponsesV2Request(instance_id=instance, group_id=group.id, limit=500)).responses
        names.update((r.id, r.name) for r in responses)
        result["throttles"] = [
            dict(sdk_dict(p), specials=[sdk_dict(s) for s in sdk.list_special_throttling_configurations_v2(
                ListSpecialThrottlingConfigurationsV2Request(instance_id=instance, throttle_id=p.id)).throttle_specials],
                 bound=sorted((b.run_env_name, b.name) for b in sdk.list_apis_binded_to_request_throttling_policy_v2(
                     ListApisBindedToRequestThrottlingPolicyV2Request(instance_id=instance, throttle_id=p.id)).apis))
            for p in policies]
        result["acls"] = [
            dict(sdk_dict(a), bound=sorted((b.env_name, b.api_name) for b in sdk.list_apis_binded_to_acl_policy_v2(
                ListApisBindedToAclPolicyV2Request(instance_id=instance, acl_id=a.id)).apis))
            for a in sdk.list_acl_strategies_v2(ListAclStrategiesV2Request(instance_id=instance, limit=500)).acls]
        result["signatures"] = [
            dict(sdk_dict(s), bound=sorted((b.env_name, b.api_name) for b in sdk.list_apis_binded_to_signature_key_v2(
                ListApisBindedToSignatureKeyV2Request(instance_id=instance, sign_id=s.id)).bindings))
            for s in sdk.list_signature_keys_v2(ListSignatureKeysV2Request(instance_id=instance, limit=500)).signs]
        result["authorizers"] = [sdk_dict(a) for a in authorizers]
        result["vpc_channels"] = [
            dict(sdk_dict(c), members=[sdk_dict(m) for m in sdk.list_backend_instances_v2(ListBackendInstancesV2Request(
                instance_id=instance, vpc_channel_id=c.id)).members]) for c in channels]
        result["gateway_responses"] = [sdk_dict(sdk.show_details_of_gateway_response_v2(
            ShowDetailsOfGatewayResponseV2Request(instance_id=instance, group_id=group.id, response_id=r.id)))
            for r in responses]
        result["apps"] = [
            dict(sdk_dict(a), codes=sorted(c.app_code for c in sdk.list_app_codes_v2(
                ListAppCodesV2Request(instance_id=instance, app_id=a.id)).app_codes),
                 authorized=sorted((b.env_name, b.api_name) for b in sdk.list_apis_binded_to_app_v2(
                     ListApisBindedToAppV2Request(instance_id=instance, app_id=a.id)).auths))
            for a in apps]
        return scrub(result, names)
    finally:
        sdk.close()


def test_export_applies_unchanged_and_recreates_the_group_elsewhere(module_emulator, make_emulator, tmp_path):
    play(module_emulator, "service/handmade.yml")
    dest = str(tmp_path / "handmade.yml")
    play(module_emulator, "../../playbooks/export_service.yml", "-e", "export_group=handmade", "-e", "export_dest=" + dest)
    secrets = str(tmp_path / "handmade.secrets.yml")
    assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
    with open(dest) as f:
        exported_text = f.read()
    # Secrets are referenced in the service file, and only their values file holds them.
    for secret in ("HandmadeSignSecret99", "HandmadeCode"):
        assert secret not in exported_text
    with open(secrets) as f:
        assert "HandmadeSignSecret99" in f.read()
    exported = yaml.safe_load(exported_text)["apig_service"]
    assert exported["group"] == {"name": "handmade", "remark": "Built by hand"}
    assert sorted(api["name"] for api in exported["apis"]) == ["hm_list", "hm_orders", "hm_secure"]

    apply = ("../../playbooks/apply_service.yml", "-e", "@" + dest, "-e", "@" + secrets)
    proc = play(module_emulator, *apply)
    recap = next(line for line in proc.stdout.splitlines() if line.startswith("localhost") and "ok=" in line)
    assert "changed=0" in recap, proc.stdout

    other = make_emulator()
    play(other, *apply)
    original = describe(module_emulator, "handmade")
    # The comparison covers every family, references by name.
    assert original["variables"] == [["hm_live", "backend", "live.backend.internal"],
                                     ["hm_test", "backend", "test.backend.internal"]] or \
        original["variables"] == [("hm_live", "backend", "live.backend.internal"),
                                  ("hm_test", "backend", "test.backend.internal")]
    assert [t["specials"][0]["call_limits"] for t in original["throttles"]] == [80]
    assert original["throttles"][0]["bound"] == [["hm_live", "hm_list"], ["hm_live", "hm_orders"]] or \
        original["throttles"][0]["bound"] == [("hm_live", "hm_list"), ("hm_live", "hm_orders")]
    assert len(original["apps"][0]["codes"]) == 1 and len(original["apps"][0]["authorized"]) == 4
    assert [len(c["members"]) for c in original["vpc_channels"]] == [2]
    assert len(original["apis"]) == 3 and original["authorizers"] and original["gateway_responses"]
    assert any(api.get("authorizer_id") == "hm_token" for api in original["apis"])
    assert describe(other, "handmade") == original
