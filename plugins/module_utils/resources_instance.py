# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The gateway itself: instances (§3.24) with their public EIP and egress.

Instances live at the project level (``/v2/{project_id}/apigw/instances``), so their engine
builds paths without an instance id. Creating one answers 202 and then moves through the
progress of §3.24.4; deleting one takes a while too: both are waited for unless told not to.
Features are in features.py and the statistics and quota views in views.py, so a module of one
of them doesn't compile the instance engine.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import Field, ResourceEngine, ResourceSpec

SPECS = ["BASIC", "PROFESSIONAL", "ENTERPRISE", "PLATINUM", "BASIC_IPV6", "PROFESSIONAL_IPV6", "ENTERPRISE_IPV6",
         "PLATINUM_IPV6"]
MAINTAIN_PATTERN = r"^(02|06|10|14|18|22):00:00$"
MAINTAIN_RULE = "HH:00:00 where HH is 02, 06, 10, 14, 18 or 22"
MAX_POLL_DELAY = 10


class ZoneList(object):
    """``available_zone_ids``: a list in the module and the create body, ``"[a, b]"`` text in the instance."""

    @staticmethod
    def encode(value):
        return value

    @staticmethod
    def decode(value):
        if isinstance(value, str):
            return [zone.strip() for zone in value.strip("[]").split(",") if zone.strip()]
        return value


INSTANCE = ResourceSpec(
    kind="instance", plural="instances", path=("instances",), list_key="instances",
    name_field="instance_name", name_option="instance_name", name_query="instance_name",
    get_by_id=True, not_found="APIC.7302", detail=True,
    create_requires=("spec_id", "vpc_id", "subnet_id", "security_group_id", "available_zone_ids"),
    filters={"id": Field(api="instance_id"), "status": Field()},
    fields={
        "instance_name": Field(min_length=3, max_length=64, pattern=u"^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9_\u4e00-\u9fa5-]*$",
                               rule="start with a letter or a Chinese character; then letters, digits, Chinese "
                                    "characters, '_' and '-'"),
        # A different edition is a resize (the SDK's postpaid-resize call), not part of the PUT.
        "spec_id": Field(choices=SPECS, update=False),
        "vpc_id": Field(update=False),
        "subnet_id": Field(update=False),
        "security_group_id": Field(),
        "available_zone_ids": Field(type="list", elements="str", codec=ZoneList(), unordered=True, update=False),
        "description": Field(max_length=255, blank_is_unset=True),
        "maintain_begin": Field(pattern=MAINTAIN_PATTERN, rule=MAINTAIN_RULE),
        "maintain_end": Field(pattern=MAINTAIN_PATTERN, rule=MAINTAIN_RULE),
        "enterprise_project_id": Field(update=False),
        "loadbalancer_provider": Field(choices=["lvs", "elb"], update=False),
        # Changed by their own calls (§3.24.5-3.24.9), never by the PUT.
        "eip_id": Field(update=False),
        "bandwidth_size": Field(type="int", minimum=0, maximum=2000, update=False),
    })


def _shifted(hour_text, hours):
    return "%02d:00:00" % ((int(hour_text[:2]) + hours) % 24)


class InstanceEngine(ResourceEngine):
    """The engine for instances: project-level paths, asynchronous create and delete, and the
    EIP and egress options, which have their own calls."""

    def path(self, *extra):
        return self.client.path(*(tuple(self.spec.path) + extra))

    def comparable(self, resource):
        """The instance as the options see it: ``spec_id`` is its ``spec``; no egress is bandwidth 0;
        ``eip_id`` is the bound EIP's id as far as it can be known (see ``bound_eip_id``)."""
        if not resource:
            return resource
        view = dict(resource, spec_id=resource.get("spec", resource.get("spec_id")))
        if "nat_eip_address" in resource and not resource["nat_eip_address"]:
            view["bandwidth_size"] = 0
        if "eip_id" not in resource:  # a prediction of check mode carries the id itself
            view["eip_id"] = self.bound_eip_id(resource)
        return view

    def bound_eip_id(self, resource):
        """The API shows the bound EIP's address, never its id. "" when none is bound; the
        eip_id asked for when its eip_address matches the bound one; None (another EIP) when
        it doesn't. Without eip_address the module can't tell: it leaves the bound EIP alone
        and says so."""
        address = resource.get("eip_address")
        wanted_id, wanted_address = self.params.get("eip_id"), self.params.get("eip_address")
        if not address:
            return ""
        if not wanted_id:
            return None
        if wanted_address is None:
            self.module.warn("the instance has an EIP (%s) bound, and the API does not show its id: set "
                             "eip_address to the address of eip_id %s to have it compared; left as it is"
                             % (address, wanted_id))
            return wanted_id
        return wanted_id if wanted_address == address else None

    def differences(self, current, desired):
        return super(InstanceEngine, self).differences(self.comparable(current), desired)

    def diff_view(self, resource, desired):
        return super(InstanceEngine, self).diff_view(self.comparable(resource), desired)

    def validate(self):
        super(InstanceEngine, self).validate()
        begin, end = self.params.get("maintain_begin"), self.params.get("maintain_end")
        if begin and end and re.match(MAINTAIN_PATTERN, begin) and _shifted(begin, 4) != end:
            self.module.fail_json(msg="maintain_end must be 4 hours after maintain_begin (%s), got %s"
                                  % (_shifted(begin, 4), end))

    def desired(self, resolve=True):
        """The set options; one end of the 4-hour maintenance window gives the other."""
        desired = super(InstanceEngine, self).desired(resolve)
        if desired.get("maintain_begin") and not desired.get("maintain_end"):
            desired["maintain_end"] = _shifted(desired["maintain_begin"], 4)
        elif desired.get("maintain_end") and not desired.get("maintain_begin"):
            desired["maintain_begin"] = _shifted(desired["maintain_end"], -4)
        return desired

    # -- waiting ---------------------------------------------------------------------------

    def _poll(self, describe, done):
        """Call ``done()`` until it returns a value, up to ``wait_timeout`` seconds."""
        started = time.time()
        while True:
            result = done()
            if result is not None:
                return result
            # Every second at first, then a tenth of the time spent so far (at most MAX_POLL_DELAY).
            delay = min(max(1, (time.time() - started) / 10), MAX_POLL_DELAY)
            if time.time() + delay > started + self.params["wait_timeout"]:
                self.module.fail_json(msg="%s after %d seconds (wait_timeout)" % (describe(), self.params["wait_timeout"]),
                                      changed=True)
            time.sleep(delay)

    def wait_created(self, instance_id):
        progress = {}

        def done():
            progress.update(self.client.get(self.path(instance_id, "progress")) or {})
            return progress if progress.get("status") != "creating" else None

        self._poll(lambda: "instance %s is still being created (%s%%)" % (instance_id, progress.get("progress")), done)
        instance = self.client.get(self.path(instance_id))
        if progress.get("status") == "failed":
            self.module.fail_json(
                msg="creating the instance '%s' (%s) failed: %s (%s); it is left in status %s: delete it with "
                    "state=absent" % (instance.get("instance_name"), instance_id, progress.get("error_msg"),
                                      progress.get("error_code"), instance.get("status")),
                changed=True, instance=instance,
                error={"error_code": progress.get("error_code"), "error_msg": progress.get("error_msg")})
        return instance

    def wait_gone(self, instance_id):
        def done():
            try:
                self.client.get(self.path(instance_id))
            except APIGError as err:
                if err.error_code == self.spec.not_found:
                    return True
                raise
            return None

        self._poll(lambda: "instance %s is still being deleted" % instance_id, done)

    # -- the lifecycle ---------------------------------------------------------------------

    def find(self):
        found = super(InstanceEngine, self).find()
        if not found or self.params.get("state") == "absent":
            return found
        if found.get("status") == "Creating" and self.params["wait"] and not self.module.check_mode:
            found = self.wait_created(found["id"])
        if found.get("status") in ("CreateFail", "Deleting"):
            self.module.fail_json(msg="the instance '%s' (%s) is in status %s; delete it with state=absent"
                                  % (found.get("instance_name"), found["id"], found["status"]), instance=found)
        return found

    def create(self, desired):
        answer = super(InstanceEngine, self).create(desired)
        if self.module.check_mode:
            return answer
        # The 202 names the new instance; a create recovered by a lookup is the instance itself.
        instance_id = answer.get("instance_id") or answer["id"]
        if not self.params["wait"]:
            return self.client.get(self.path(instance_id))
        return self.wait_created(instance_id)

    def update(self, current, desired):
        """One PUT for the fields it carries, then the EIP, egress and resize calls that are needed."""
        plain = dict((option, value) for option, value in desired.items() if option not in SIDE_CALLS)
        after = current
        if self.differences(current, plain):
            after = super(InstanceEngine, self).update(current, plain)
        for option, call in SIDE_CALLS.items():
            if option in desired and self.differences(current, {option: desired[option]}):
                after = call(self, current, desired[option], after)
        return after if self.module.check_mode else self.client.get(self.path(current["id"]))

    def set_eip(self, current, eip_id, after):
        if self.module.check_mode:
            return dict(after, eip_id=eip_id, eip_address=self.params.get("eip_address") or "")
        if eip_id:
            self.client.put(self.path(current["id"], "eip"), {"eip_id": eip_id})
        else:
            self.client.delete(self.path(current["id"], "eip"))
        return after

    def set_egress(self, current, bandwidth, after):
        if self.module.check_mode:
            predicted = dict(after, bandwidth_size=bandwidth)
            if bandwidth:
                predicted.pop("nat_eip_address", None)  # assigned by the service
            return predicted
        path = self.path(current["id"], "nat-eip")
        # The egress bandwidth is a string on the wire (the SDK's OpenEngressEipReq).
        if not bandwidth:
            self.client.delete(path)
        elif current.get("nat_eip_address"):
            self.client.put(path, {"bandwidth_size": str(bandwidth)})
        else:
            self.client.post(path, {"bandwidth_size": str(bandwidth)})
        return after

    def resize(self, current, spec_id, after):
        if self.module.check_mode:
            return dict(after, spec=spec_id)
        self.client.post(self.path(current["id"], "postpaid-resize"), {"spec_id": spec_id})
        if self.params["wait"]:
            self.wait_running(current["id"])
        return after

    def wait_running(self, instance_id):
        state = {}

        def done():
            state.update(self.client.get(self.path(instance_id)))
            return state if state.get("status") == "Running" else None

        self._poll(lambda: "instance %s is still %s" % (instance_id, state.get("status")), done)

    def delete(self, current):
        if self.module.check_mode:
            return
        if current.get("status") != "Deleting":
            self.client.delete(self.path(current["id"]))
        if self.params["wait"]:
            self.wait_gone(current["id"])


# In this order: the resize comes last, as the instance only takes other changes while it runs.
SIDE_CALLS = {"eip_id": InstanceEngine.set_eip, "bandwidth_size": InstanceEngine.set_egress,
              "spec_id": InstanceEngine.resize}


def wait_options():
    return dict(wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=1800))


def eip_options():
    """Not an API field: the address of the EIP ``eip_id`` names, the one thing an instance shows of it."""
    return dict(eip_address=dict(type="str"))
