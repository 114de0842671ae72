# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine: a module is a ResourceSpec plus a few lines.

The engine finds a resource (by id, or by exact name within its scope), compares only the
options the user set, writes at most one POST/PUT/DELETE (two for a replace), and returns
``{"changed", <kind>, "diff"}``. In check mode it never calls a write method and predicts
the resource instead.
The specs themselves live in ``resources.py``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError

MASK = "********"
# Ids the gateway generates are 32 lowercase hex digits; a reference value that looks like
# one is tried as an id first, anything else as a name first.
ID_LIKE = re.compile(r"^[0-9a-f]{32}$")


class Field:
    """One module option mapped onto one API body field.

    ``create``/``update``: whether the POST/PUT body carries it. A compared field with
    ``update=False`` can't change in place: the engine fails, or replaces the resource when
    the spec is not updatable at all.
    ``blank_is_unset``: ``""``, ``null`` and a missing key all mean "no value" (used for
    remarks: the API answers a remark that was never set with no key or an empty string,
    and ``remark: ""`` is how a user clears one, so they must compare equal).
    ``min_length``/``max_length``/``pattern``/``rule`` are the reference's limits, checked
    locally before any call; ``rule`` says the pattern in words for the error message.
    """

    def __init__(self, api=None, create=True, update=True, secret=False, blank_is_unset=False,
                 min_length=None, max_length=None, pattern=None, rule=None):
        self.api = api
        self.create = create
        self.update = update
        self.secret = secret
        self.blank_is_unset = blank_is_unset
        self.min_length = min_length
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.rule = rule

    def canonical(self, value):
        if self.blank_is_unset and value is None:
            return ""
        return value

    def problem(self, option, value):
        """A message naming the option and the broken rule, or None when the value is valid."""
        if not isinstance(value, str):
            return None
        low, high = self.min_length, self.max_length
        if low is not None and len(value) < low or high is not None and len(value) > high:
            if low is None:
                limit = "at most %d" % high
            elif high is None:
                limit = "at least %d" % low
            else:
                limit = "%d-%d" % (low, high)
            return "%s must be %s characters long, got %d" % (option, limit, len(value))
        if self.pattern and value and not self.pattern.match(value):
            return "%s '%s' is invalid: %s" % (option, value, self.rule)
        return None


class ResourceSpec:
    """How one API collection behaves; the specs are in resources.py.

    ``path``: segments under the instance; ``{api_field}`` placeholders are filled from the
    scope (parents in the path). Scope references not in the path are sent as list filters
    and in the create body. ``name_query``/``precise_search``: how the list call narrows to
    one name (the engine always re-checks the exact name itself). ``not_found``: the error
    code a GET by id answers for a missing resource (another 404, e.g. a missing instance,
    stays an error).
    """

    def __init__(self, kind, plural, path, list_key, fields, id_field="id", name_field="name",
                 name_option="name", name_query=None, precise_search=None, get_by_id=False,
                 not_found=None, updatable=True, scope=(), filters=()):
        self.kind = kind
        self.plural = plural
        self.path = path
        self.list_key = list_key
        self.fields = fields
        for option, field in fields.items():
            field.api = field.api or option
        self.id_field = id_field
        self.name_field = name_field
        self.name_option = name_option
        self.name_query = name_query
        self.precise_search = precise_search
        self.get_by_id = get_by_id
        self.not_found = not_found
        self.updatable = updatable
        self.scope = scope
        self.filters = filters

    def secrets(self):
        return [field.api for field in self.fields.values() if field.secret]


class Reference:
    """An option that names a parent resource by name or id and resolves it to ``api``."""

    def __init__(self, option, api, target):
        self.option = option
        self.api = api
        self.target = target

    def resolve(self, module, value):
        """The id of the parent ``value`` names, or None when there is none."""
        finder = ResourceEngine(module, self.target)
        if self.target.get_by_id:
            lookups = [finder.find_by_id, finder.find_by_name]
            if not ID_LIKE.match(value):
                lookups.reverse()
            found = None
            for lookup in lookups:
                found = lookup(value)
                if found:
                    break
        else:
            # One list call, then the id wins over a name that happens to equal it.
            items = finder.list()
            found = next((i for i in items if i.get(self.target.id_field) == value), None) or \
                next((i for i in items if i.get(self.target.name_field) == value), None)
        return found[self.target.id_field] if found else None

    def missing(self, value):
        return "%s: no %s with the name or id '%s'" % (self.option, self.target.kind, value)


class ResourceEngine:
    """Finds, compares and writes one resource of ``spec`` for ``module`` (an APIGModule)."""

    def __init__(self, module, spec):
        self.module = module
        self.spec = spec
        self.client = module.client
        self.params = module.params
        self.scope = {}

    # -- reading ---------------------------------------------------------------------------

    def path(self, *extra):
        segments = [segment.format(**self.scope) for segment in self.spec.path]
        return self.module.instance_path(*(segments + list(extra)))

    def scope_query(self):
        """Scope values that are not in the path: list filters and create body fields."""
        return dict((api, value) for api, value in self.scope.items()
                    if not any("{%s}" % api in segment for segment in self.spec.path))

    def resolve_scope(self, missing_ok=False):
        """Resolve the parent references; False when one is missing and ``missing_ok``."""
        for ref in self.spec.scope:
            value = self.params.get(ref.option)
            if value is None:
                continue
            self.scope[ref.api] = ref.resolve(self.module, value)
            if self.scope[ref.api] is None:
                if missing_ok:
                    return False
                self.module.fail_json(msg=ref.missing(value))
        return True

    def in_scope(self, item):
        return all(item.get(api) == value for api, value in self.scope_query().items())

    def list(self, query=None):
        full = self.scope_query()
        full.update(query or {})
        return self.client.list_all(self.path(), self.spec.list_key, query=full or None)

    def find_by_id(self, resource_id):
        if not self.spec.get_by_id:
            return next((i for i in self.list() if i.get(self.spec.id_field) == resource_id), None)
        try:
            return self.client.get(self.path(resource_id))
        except APIGError as err:
            if err.error_code == self.spec.not_found:
                return None
            raise

    def find_by_name(self, name):
        query = {}
        if self.spec.name_query:
            query[self.spec.name_query] = name
            if self.spec.precise_search:
                query["precise_search"] = self.spec.precise_search
        matches = [i for i in self.list(query) if i.get(self.spec.name_field) == name and self.in_scope(i)]
        if len(matches) > 1:
            self.module.fail_json(msg="%d %s resources are named '%s'; pass id to pick one"
                                  % (len(matches), self.spec.kind, name))
        return matches[0] if matches else None

    def find(self):
        resource_id = self.params.get("id")
        if resource_id:
            return self.find_by_id(resource_id)
        return self.find_by_name(self.params[self.spec.name_option])

    # -- comparing -------------------------------------------------------------------------

    def validate(self):
        problems = [field.problem(option, self.params.get(option)) for option, field in self.spec.fields.items()]
        problems = [p for p in problems if p]
        if problems:
            self.module.fail_json(msg="; ".join(problems))

    def desired(self):
        """API field -> value for every option the user set (None means unset)."""
        return dict((field.api, self.params[option]) for option, field in self.spec.fields.items()
                    if self.params.get(option) is not None)

    def field(self, api):
        return next(f for f in self.spec.fields.values() if f.api == api)

    def differences(self, current, desired):
        """The desired API fields whose value differs from the server's (a missing key differs)."""
        changed = []
        for api, value in desired.items():
            field = self.field(api)
            if api not in current and not field.blank_is_unset:
                changed.append(api)
            elif field.canonical(current.get(api)) != field.canonical(value):
                changed.append(api)
        return changed

    def mask(self, resource):
        if not resource:
            return resource
        secrets = self.spec.secrets()
        return dict((k, MASK if k in secrets and v is not None else v) for k, v in resource.items())

    def diff_view(self, resource, desired):
        if not resource:
            return {}
        keys = [self.spec.id_field, self.spec.name_field] + list(self.scope) + list(desired)
        return self.mask(dict((k, resource.get(k)) for k in keys if k in resource))

    # -- writing ---------------------------------------------------------------------------

    def create_body(self, desired):
        body = self.scope_query()
        body.update((api, value) for api, value in desired.items() if self.field(api).create)
        return body

    def create(self, desired):
        body = self.create_body(desired)
        if self.module.check_mode:
            return body
        try:
            return self.client.post(self.path(), body)
        except APIGError as err:
            # The POST may have reached the server: look before failing (never re-send).
            found = err.error_code == "timeout" and self.find_by_name(body[self.spec.name_field])
            if not found:
                raise
            return found

    def update(self, current, desired):
        fixed = [api for api in self.differences(current, desired) if not self.field(api).update]
        if fixed:
            self.module.fail_json(msg="%s can't be changed on an existing %s; delete it first"
                                  % (", ".join(fixed), self.spec.kind))
        body = dict((f.api, desired.get(f.api, current.get(f.api))) for f in self.spec.fields.values() if f.update)
        body = dict((api, value) for api, value in body.items() if value is not None)
        if self.module.check_mode:
            predicted = dict(current)
            predicted.update(body)
            return predicted
        return self.client.put(self.path(current[self.spec.id_field]), body)

    def delete(self, current):
        if not self.module.check_mode:
            self.client.delete(self.path(current[self.spec.id_field]))

    def replace(self, current, desired):
        """Delete and create again, for resources the API can't update."""
        self.delete(current)
        try:
            return self.create(desired)
        except APIGError as err:
            self.module.fail_json(
                msg="%s %s was deleted to replace it, but creating the replacement failed: %s"
                    % (self.spec.kind, current[self.spec.id_field], err),
                error=err.to_dict(), changed=True, deleted=self.mask(current))

    # -- the run ---------------------------------------------------------------------------

    def ensure(self):
        self.validate()
        absent = self.params.get("state") == "absent"
        # Without its parent a resource can't exist: nothing to delete.
        current = self.find() if self.resolve_scope(missing_ok=absent) else None
        desired = self.desired()
        changed = True
        if absent:
            after = {}
            changed = current is not None
            if current:
                self.delete(current)
        elif current is None:
            if self.params.get("id"):
                self.module.fail_json(msg="no %s with id '%s'" % (self.spec.kind, self.params["id"]))
            after = self.create(desired)
        elif not self.differences(current, desired):
            after, changed = current, False
        elif self.spec.updatable:
            after = self.update(current, desired)
        else:
            after = self.replace(current, desired)
        result = {"changed": changed, self.spec.kind: self.mask(after)}
        if self.module._diff:
            result["diff"] = {"before": self.diff_view(current, desired), "after": self.diff_view(after, desired)}
        return result

    def info(self):
        """The list call behind every *_info module: server filters, then exact matches."""
        self.resolve_scope()
        wanted = dict((f, self.params[f]) for f in self.spec.filters if self.params.get(f) is not None)
        query = dict(wanted)
        name = self.params.get(self.spec.name_option)
        if name is not None:
            wanted[self.spec.name_field] = name
            if self.spec.name_query:
                query[self.spec.name_query] = name
                if self.spec.precise_search:
                    query["precise_search"] = self.spec.precise_search
        items = [i for i in self.list(query)
                 if all(i.get(f) == v for f, v in wanted.items()) and self.in_scope(i)]
        return {"changed": False, self.spec.plural: [self.mask(i) for i in items]}


def state_option():
    return dict(type="str", default="present", choices=["present", "absent"])


def named_argument_spec():
    """Options of the modules whose resource has a name, a remark and an id (groups, environments)."""
    return dict(name=dict(type="str", required=True), remark=dict(type="str"), id=dict(type="str"),
                state=state_option())


def run(module, spec):
    """Ensure the state in ``module.params`` and exit the module."""
    _exit(module, ResourceEngine(module, spec).ensure)


def run_info(module, spec):
    """List the resources matching the filters in ``module.params`` and exit the module."""
    _exit(module, ResourceEngine(module, spec).info)


def _exit(module, action):
    try:
        result = action()
    except APIGError as err:
        module.fail_from_error(err)
    module.exit_json(**result)
