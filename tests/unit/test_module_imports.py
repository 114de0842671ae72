"""Each module ships and loads only the module_utils it needs.

Every run compiles the collection's module_utils out of the AnsiballZ zip (twice per file: the zip
importer compiles a file to find its name, then again to run it), so the code a module imports
is start-up time. These tests follow the imports statically, as Ansible does to build the zip.
"""
import ast
import os

from ansible_collections.huaweicloud.apig.plugins.module_utils import resources, resources_access, resources_api
from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import ResourceSpec

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFIX = "ansible_collections.huaweicloud.apig.plugins.module_utils."
CORE_MODULES = ["api_group", "api_group_info", "environment", "environment_info", "environment_variable",
                "environment_variable_info"]


def imported_utils(path):
    """The collection module_utils names ``path`` imports, anywhere in the file."""
    names = set()
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PREFIX):
            names.add(node.module[len(PREFIX):])
    return names


def loaded_utils(module):
    """Every module_utils file the module loads, transitively."""
    seen, todo = set(), imported_utils(os.path.join(REPO, "plugins", "modules", module + ".py"))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo |= imported_utils(os.path.join(REPO, "plugins", "module_utils", name + ".py"))
    return seen


def modules_loading(util):
    """The modules whose run loads the module_utils file ``util``."""
    modules = sorted(name[:-3] for name in os.listdir(os.path.join(REPO, "plugins", "modules")) if name.endswith(".py"))
    return [module for module in modules if util in loaded_utils(module)]


def family_specs(loaded):
    return sorted(name for name in loaded if name.startswith("resources_"))


def test_core_specs_file_declares_only_lookups_of_other_families():
    specs = [value for value in vars(resources).values() if isinstance(value, ResourceSpec)]
    with_fields = sorted(spec.kind for spec in specs if spec.fields)
    assert with_fields == ["api_group", "environment", "environment_variable"]
    lookups = sorted(spec.kind for spec in specs if not spec.fields)
    assert lookups == ["acl_policy", "api", "app", "authorizer", "gateway_response", "signature",
                       "throttling_policy", "vpc_channel"]


def test_full_specs_extend_their_lookups():
    for full, lookup in ((resources_api.API, resources.API_LOOKUP), (resources_access.ACL, resources.ACL_LOOKUP)):
        for option in ("kind", "path", "list_key", "name_field", "name_option", "not_found", "scope"):
            assert getattr(full, option) == getattr(lookup, option), option
        assert full.fields and not lookup.fields


def test_core_modules_load_no_other_family():
    for module in CORE_MODULES:
        loaded = loaded_utils(module)
        assert "resources" in loaded, module
        assert family_specs(loaded) == [], module


def test_publishing_modules_name_apis_through_the_lookup():
    # Publishing names APIs; it needs where they are found, not the API definition.
    for module in ("api_publish", "api_version_info", "api_debug"):
        assert family_specs(loaded_utils(module)) == [], module


def test_only_api_publish_loads_the_publisher():
    assert modules_loading("publisher") == ["api_publish"]


def test_only_domain_certificate_loads_cryptography():
    # certificates.py imports cryptography (about 35 ms of start-up); domains and responses don't need it.
    assert modules_loading("certificates") == ["domain_certificate"]


def test_family_modules_load_their_own_family():
    expected = {
        "api": ["resources_api"], "throttling_policy": ["resources_access"], "acl_policy": ["resources_access"],
        "signature": ["resources_access"], "authorizer": ["resources_access"], "app": ["resources_apps"],
        "vpc_channel": ["resources_channels"], "gateway_response": ["resources_edge"], "domain": ["resources_edge"],
    }
    for module, families in expected.items():
        assert family_specs(loaded_utils(module)) == families, module


def test_instance_family_modules_load_only_their_part():
    # The instance engine, the features and the statistics and quota views are apart: a feature or a
    # view module doesn't compile the instance engine.
    assert modules_loading("resources_instance") == ["instance", "instance_info"]
    assert modules_loading("features") == ["feature", "feature_info"]
    assert modules_loading("views") == ["quota_info", "statistics_info"]
    for module in ("availability_zone_info", "tag_info"):
        assert loaded_utils(module) == {"common", "client", "signer", "engine"}, module


def test_app_modules_do_not_load_publishing():
    # Resolving the app named by an option is the engine's (Reference.require), not publishing's.
    for module in ("app", "app_code", "app_info", "outline_info"):
        assert "publishing" not in loaded_utils(module), module
