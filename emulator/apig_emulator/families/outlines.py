"""§3.11 outlines: counts computed from the stored rows.

* APIs: all APIs of the instance, those published in RELEASE (a ``publish`` row for RELEASE)
  and the rest.
* Groups: listing groups on the marketplace is not supported ("暂不支持"), so every group counts
  as on sale and ``offsell_nums`` is 0, as in the reference's example.
* Apps: apps with at least one authorization (``app_auth`` rows of §3.10) and the rest.
"""
from ..engine import PREFIX, require_instance, store
from ..storage import Scope
from .environments import RELEASE_ID


def _count(tx, kind, **exact):
    return tx.page(kind, exact, {}, 0, 0)[0]


def _read(project_id, instance_id, answer):
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        require_instance(tx)
        return answer(tx)


def _apis(tx):
    total = _count(tx, "api")
    on_release = _count(tx, "publish", env_id=RELEASE_ID)
    return {"instance_num": total, "nums_on_release": on_release, "nums_off_release": total - on_release}


def _groups(tx):
    return {"offsell_nums": 0, "onsell_nums": _count(tx, "group")}


def _apps(tx):
    total = _count(tx, "app")
    authorized = {auth["app_id"] for auth in tx.page("app_auth", {}, {}, 0, -1)[1]}
    authed = len([app_id for app_id in authorized if tx.get("app", app_id) is not None])
    return {"authed_nums": authed, "unauthed_nums": total - authed}


def register(blueprint):
    for name, answer in (("apis", _apis), ("groups", _groups), ("apps", _apps)):
        def view(project_id, instance_id, answer=answer):
            return _read(project_id, instance_id, answer)
        blueprint.add_url_rule("%s/resources/outline/%s" % (PREFIX, name), endpoint="outline_" + name,
                               view_func=view, methods=["GET"])
