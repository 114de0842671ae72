"""Resource families, one module each, found by discovery so adding one touches no shared list.

A family module declares ``COLLECTIONS`` (a tuple of ``Collection``; or ``COLLECTION`` for one)
served by the generic views, and may define ``register(blueprint)`` for its other operations.
"""
import importlib
import pkgutil

from flask import Blueprint

from ..engine import register
from ..storage import Scope
from . import environments, instances


def family_modules():
    """Every family module of this package, in name order."""
    return [importlib.import_module("%s.%s" % (__name__, info.name))
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)]


def collections(module):
    if hasattr(module, "COLLECTIONS"):
        return module.COLLECTIONS
    coll = getattr(module, "COLLECTION", None)
    # A collection without operations (instances) is served by its module's own routes.
    return (coll,) if coll is not None and coll.ops else ()


def blueprint():
    bp = Blueprint("apig", __name__)
    modules = family_modules()
    for module in modules:
        if hasattr(module, "register"):
            module.register(bp)
    for module in modules:
        for coll in collections(module):
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
