"""Resource families. Adding one: a module with a ``COLLECTION`` declaration, listed here."""
from flask import Blueprint

from ..engine import register
from ..storage import Scope
from . import api_groups, apis, env_variables, environments, instances

COLLECTIONS = (api_groups.COLLECTION, environments.COLLECTION, env_variables.COLLECTION, apis.COLLECTION)


def blueprint():
    bp = Blueprint("apig", __name__)
    instances.register(bp)
    apis.register(bp)
    for coll in COLLECTIONS:
        register(bp, coll)
    return bp


def seed(store, settings):
    """Create each project's instance and its RELEASE environment unless they exist already."""
    for project_id, instance_id in settings.projects().items():
        with store.transaction(Scope(project_id, instance_id)) as tx:
            if tx.get("instance", instance_id) is None:
                tx.insert("instance", instances.instance_body(project_id, instance_id, settings.region))
            if tx.get("env", environments.RELEASE_ID) is None:
                release = environments.release_env()
                tx.insert("env", release, environments.COLLECTION.unique_key(release))
