"""§3.21 tags: the distinct tags of the instance's APIs (``tags`` of §3.5), in first-use order."""
from flask import request

from ..engine import require_instance, store
from ..storage import Scope
from .configs import page_of


def list_tags(project_id, instance_id):
    with store().transaction(Scope(project_id, instance_id), write=False) as tx:
        require_instance(tx)
        tags = []
        for api in tx.page("api", {}, {}, 0, -1)[1]:
            tags.extend(tag for tag in api.get("tags") or [] if tag not in tags)
    return page_of(tags, "tags", request.args)


def register(blueprint):
    blueprint.add_url_rule("/v2/<project_id>/apigw/instances/<instance_id>/tags", endpoint="tag_list",
                           view_func=list_tags, methods=["GET"])
