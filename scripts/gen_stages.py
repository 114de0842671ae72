#!/usr/bin/env python3
"""Regenerate the service role's stage task files, roles/service/tasks/stages/<stage>.yml.

Each stage file is one task that runs a module over the plan items of its stage, passing every
option of the module (read from its DOCUMENTATION and doc fragments, the connection options
apart: module_defaults supplies those) as ``item.<option> | default(omit)``.

Usage: scripts/gen_stages.py          rewrite the stage files
       scripts/gen_stages.py --check  exit 1 if one is out of date
"""
import ast
import os
import sys

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = os.path.join(REPO, "plugins", "modules")
FRAGMENTS = os.path.join(REPO, "plugins", "doc_fragments")
STAGES = os.path.join(REPO, "roles", "service", "tasks", "stages")

# The connection options, which apig_connection gives once through module_defaults.
CONNECTION_FRAGMENTS = {"huaweicloud.apig.apig", "huaweicloud.apig.apig.instance"}

# stage key: (module, task name, loop label). Bindings are labelled "<what> in <environment>".
STAGE_MODULES = {
    "throttling_policies": ("throttling_policy", "Throttling policies", "{{ item.name }}"),
    "acl_policies": ("acl_policy", "ACL policies", "{{ item.acl_name }}"),
    "signatures": ("signature", "Signature keys", "{{ item.name }}"),
    "authorizers": ("authorizer", "Custom authorizers", "{{ item.name }}"),
    "vpc_channels": ("vpc_channel", "VPC channels", "{{ item.name }}"),
    "gateway_responses": ("gateway_response", "Gateway responses", "{{ item.name }}"),
    "domains": ("domain", "Domains", "{{ item.url_domain }}"),
    "domain_certificates": ("domain_certificate", "Domain certificates", "certificate of {{ item.url_domain }}"),
    "apps": ("app", "Apps", "{{ item.name }}"),
    "app_codes": ("app_code", "App codes",
                  "app code {{ item.id ~ ' ' if item.id is defined else '' }}of {{ item.app }}"),
    "throttling_bindings": ("throttling_binding", "Throttling policy bindings",
                            "{{ item.throttling_policy }} in {{ item.environment }}"),
    "acl_bindings": ("acl_binding", "ACL policy bindings", "{{ item.acl_policy }} in {{ item.environment }}"),
    "signature_bindings": ("signature_binding", "Signature key bindings",
                           "{{ item.signature }} in {{ item.environment }}"),
    "app_authorizations": ("app_authorization", "App authorizations", "{{ item.app }} in {{ item.environment }}"),
}

# The modules' no_log options. Ansible prints a loop item with a failed result (and with -v any
# result), so these are left out of the items looped over and read from the plan by index.
SECRETS = {
    "signature": ["sign_secret"],
    "app": ["app_secret"],
    "app_code": ["app_code"],
    "domain_certificate": ["private_key"],
}

# Results that carry a secret the gateway generated (new_app_secret, new_app_codes), which the
# module returns in clear, once. Only such items get no_log: it hides error messages too.
NO_LOG = {
    "app": ("item.state | default('present') == 'present' and not ansible_check_mode"
            " and service_stage_items[service_stage_index].app_secret is undefined"
            " and (item.id is undefined or item.reset_secret | default(false) | bool)"),
    "app_code": ("item.state | default('present') == 'present' and not ansible_check_mode"
                 " and item.count is defined and service_stage_items[service_stage_index].app_code is undefined"),
}


def constants(path):
    """The module-level and class-level string assignments of a Python file, name -> value."""
    found = {}
    for node in ast.walk(ast.parse(open(path).read())):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def fragment_options(name):
    """The options of doc fragment ``huaweicloud.apig.<file>[.<part>]``."""
    parts = name.split(".")[2:]
    variable = parts[1].upper() if len(parts) > 1 else "DOCUMENTATION"
    text = constants(os.path.join(FRAGMENTS, parts[0] + ".py"))[variable]
    return list((yaml.safe_load(text) or {}).get("options", {}))


def module_options(module):
    """Every option of ``module`` but the connection ones: its own, then its fragments' in order."""
    doc = yaml.safe_load(constants(os.path.join(MODULES, module + ".py"))["DOCUMENTATION"])
    options = list(doc.get("options", {}))
    for fragment in doc.get("extends_documentation_fragment", []):
        if fragment not in CONNECTION_FRAGMENTS:
            options += [option for option in fragment_options(fragment) if option not in options]
    return options


def quoted(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def render(stage):
    module, task_name, label = STAGE_MODULES[stage]
    options = module_options(module)
    secrets = SECRETS.get(module, [])
    missing = [option for option in secrets if option not in options]
    if missing:
        raise SystemExit("%s has no option %s" % (module, ", ".join(missing)))
    lines = [
        "---",
        "# Generated by scripts/gen_stages.py from the DOCUMENTATION of huaweicloud.apig.%s; do not edit by hand." % module,
        "# service_stage_items: the plan items of the %s stage, each a complete set of the module's options." % stage,
    ]
    if secrets:
        lines.append("# %s: read from the plan by index, left out of the loop item (Ansible prints the item with a"
                     % ", ".join(secrets))
        lines.append("# failed result, and with -v any result).")
    if module in NO_LOG:
        lines.append("# no_log only for the items whose result returns a secret the gateway generates.")
    lines += ["- name: %s" % task_name, "  huaweicloud.apig.%s:" % module]
    for option in options:
        source = "service_stage_items[service_stage_index]" if option in secrets else "item"
        lines.append("    %s: %s" % (option, quoted("{{ %s.%s | default(omit) }}" % (source, option))))
    if secrets:
        lines.append("  loop: >-")
        lines.append("    {{ service_stage_items | map('dict2items') | map('rejectattr', 'key', 'in', %s)"
                     % ("[%s]" % ", ".join("'%s'" % option for option in secrets)))
        lines.append("       | map('items2dict') | list }}")
    else:
        lines.append('  loop: "{{ service_stage_items }}"')
    lines.append("  loop_control:")
    if secrets:
        lines.append("    index_var: service_stage_index")
    lines.append("    label: %s" % quoted(label))
    if module in NO_LOG:
        conditions = NO_LOG[module].split(" and ")
        lines.append("  no_log: >-")
        lines.append("    {{ %s" % conditions[0])
        lines += ["       and %s" % condition for condition in conditions[1:-1]]
        lines.append("       and %s }}" % conditions[-1])
    lines.append("  register: service_stage_result")
    return "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for stage in STAGE_MODULES:
        path = os.path.join(STAGES, stage + ".yml")
        wanted = render(stage)
        current = open(path).read() if os.path.exists(path) else ""
        if current == wanted:
            continue
        if check:
            stale.append(os.path.relpath(path, REPO))
            continue
        os.makedirs(STAGES, exist_ok=True)
        with open(path, "w") as f:
            f.write(wanted)
    if stale:
        sys.stderr.write("out of date: %s; run scripts/gen_stages.py\n" % ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
