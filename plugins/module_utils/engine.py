# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine: a module is a ResourceSpec plus a few lines.

The engine finds a resource (by id, or by exact name within its scope), compares only the
options the user set, writes at most one POST/PUT/DELETE (two for a replace), and returns
``{"changed", <kind>, "diff"}``. In check mode it never calls a write method and predicts
the resource instead.
The specs themselves live in the ``resources*.py`` files.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.huaweicloud.apig.plugins.module_utils.client import APIGError

MASK = "********"
MASK_CHANGED = MASK + " (changed)"
# Ids the gateway generates are 32 lowercase hex digits; a reference value that looks like
# one is tried as an id first, anything else as a name first.
ID_LIKE = re.compile(r"^[0-9a-f]{32}$")
# Check mode warns with this when a parent is missing: an earlier task may only have pretended to create it.
CHECK_MODE_ASSUMES = "; check mode assumes an earlier task creates it"
# Modules with a ``recreate`` option (fields that can't change in place) name it when they fail.
RECREATE_HINT = ", or set recreate: true to delete and create it again"


class Codec:
    """Maps the module's readable values onto the codes the API uses (e.g. booleans onto 1/2)."""

    def __init__(self, mapping):
        self.mapping = mapping
        self.reverse = dict((code, value) for value, code in mapping.items())

    def encode(self, value):
        return self.mapping.get(value, value)

    def decode(self, value):
        return self.reverse.get(value, value)

    def choices(self):
        return list(self.mapping)


# The API's integer-coded booleans: 1 yes, 2 no.
BOOL_CODE = Codec({True: 1, False: 2})


def _lookup(obj, path):
    """(found, value) of a dotted ``path`` in the dict ``obj``."""
    for part in path.split("."):
        if not isinstance(obj, dict) or part not in obj:
            return False, None
        obj = obj[part]
    return True, obj


def _store(obj, path, value):
    parts = path.split(".")
    for part in parts[:-1]:
        obj = obj.setdefault(part, {})
    obj[parts[-1]] = value


class Field:
    """One module option mapped onto one API body field.

    ``api``: the body field, a dotted path for one inside a sub-object (defaults to the
    option name).
    ``create``/``update``: whether the POST/PUT body carries it. A compared field with
    ``update=False`` can't change in place: the engine fails, or replaces the resource when
    the spec is not updatable at all.
    ``blank_is_unset``: ``""``, ``null`` and a missing key all mean "no value" (used for
    remarks: the API answers a remark that was never set with no key or an empty string,
    and ``remark: ""`` is how a user clears one, so they must compare equal).
    ``min_length``/``max_length``/``pattern``/``rule`` are the reference's limits, checked
    locally before any call; ``rule`` says the pattern in words for the error message.
    ``codec``: a Codec between the module's value and the API's.
    ``suboptions``: option -> Field of a dict value, or of each dict of a list when
    ``elements="dict"``. Such a list is compared by its ``key`` suboption, or, without a key,
    as an unordered set of items; never by position.
    ``reference``: a Reference; the name or id the user gives is resolved to an id.
    ``implies``: API fields (paths relative to the same object) sent whenever this one is.
    ``blank_implies``: API fields sent instead of this one when its value is ``""`` (detaching a
    VPC channel); applied last, so they win over what sibling options put at the same paths.
    ``type``/``choices``/``required``/``elements``: the module option, for ``argument_spec``
    (a codec's readable values are the choices of a str option).
    ``unordered``: a list of scalars compared as a set (tags), not by position.
    ``minimum``/``maximum``: the reference's bounds of an integer, checked locally too.
    ``compare=False``: sent on create only, never compared with an existing resource (a value
    that only a dedicated call changes, such as an app secret that only a reset rotates).
    """

    def __init__(self, api=None, create=True, update=True, secret=False, blank_is_unset=False,
                 min_length=None, max_length=None, pattern=None, rule=None, codec=None,
                 suboptions=None, elements=None, key=None, reference=None, implies=None,
                 type=None, choices=None, required=False, unordered=False, minimum=None, maximum=None,
                 compare=True, blank_implies=None):
        self.api = api
        self.create = create
        self.update = update
        self.secret = secret
        self.blank_is_unset = blank_is_unset
        self.min_length = min_length
        self.max_length = max_length
        # Kept as text: compiling every declared pattern at import cost each module run ~5 ms;
        # ``re`` compiles (and caches) one the first time a value is checked against it.
        self.pattern = pattern
        self.rule = rule
        self.codec = codec
        self.suboptions = suboptions
        if suboptions:
            _name_fields(suboptions)
        self.elements = elements
        self.is_list = elements == "dict"
        self.key = key
        self.reference = reference
        self.implies = implies or {}
        self.blank_implies = blank_implies or {}
        self.type = type or ("list" if elements else "dict" if suboptions else "str")
        self.choices = choices or (codec.choices() if codec and self.type == "str" else None)
        self.required = required
        self.unordered = unordered
        self.minimum = minimum
        self.maximum = maximum
        self.compare = compare

    def option_spec(self):
        """This field as an Ansible argument_spec entry."""
        spec = dict(type=self.type)
        for name in ("choices", "elements", "required"):
            if getattr(self, name):
                spec[name] = getattr(self, name)
        if self.secret:
            spec["no_log"] = True
        if self.suboptions:
            spec["options"] = argument_spec(self.suboptions)
        return spec

    def canonical(self, value):
        if self.blank_is_unset and value is None:
            return ""
        if self.unordered and isinstance(value, list):
            return sorted(set(value))
        return value

    def problem(self, option, value):
        """A message naming the option and the broken rule, or None when the value is valid."""
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                return "%s must be between %s and %s, got %d" % (
                    option, "-" if self.minimum is None else self.minimum,
                    "-" if self.maximum is None else self.maximum, value)
            return None
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
        if self.pattern and value and not re.match(self.pattern, value):
            if self.secret:  # never echo a secret
                return "%s is invalid: %s" % (option, self.rule)
            return "%s '%s' is invalid: %s" % (option, value, self.rule)
        return None

    def items(self, value):
        """The dicts a nested value holds: the list itself, or the one dict."""
        return value if self.is_list else [value]

    # Each method below takes and returns one value of this field; the module form is what
    # the user writes (codes decoded, nested dicts keyed by option name).

    def set_only(self, value):
        """The user's value without the suboptions left unset (None)."""
        if not self.suboptions or value is None:
            return value
        stripped = [set_only(self.suboptions, item) for item in self.items(value)]
        return stripped if self.is_list else stripped[0]

    def from_api(self, value):
        if self.choices and value == "":
            return None  # the server's way of saying "unset"; not a value the PUT may send back
        if self.suboptions and value is not None:
            items = [from_api(self.suboptions, item) for item in self.items(value)]
            return items if self.is_list else items[0]
        return self.codec.decode(value) if self.codec else value

    def to_api(self, value):
        if self.suboptions:
            items = [to_api(self.suboptions, item) for item in self.items(value)]
            return items if self.is_list else items[0]
        return self.codec.encode(value) if self.codec else value

    def differs(self, desired, current):
        """Whether ``current`` differs from the set parts of ``desired`` (both module form)."""
        if not self.suboptions:
            return self.canonical(current) != self.canonical(desired)
        if not self.is_list:
            return dict_differs(self.suboptions, desired, current if isinstance(current, dict) else {})
        current = current or []
        if len(desired) != len(current):
            return True
        if self.key:
            by_key = dict((item.get(self.key), item) for item in current)
            return any(item[self.key] not in by_key or dict_differs(self.suboptions, item, by_key[item[self.key]])
                       for item in desired)
        return _pairs(self.suboptions, desired, current) is None

    def merged(self, desired, current):
        """``desired`` completed with what the user left unset from ``current``."""
        if desired is None or not self.suboptions:
            return current if desired is None else desired
        if not self.is_list:
            return merge(self.suboptions, desired, current if isinstance(current, dict) else {})
        if self.key:
            by_key = dict((item.get(self.key), item) for item in current or [])
            return [merge(self.suboptions, item, by_key.get(item[self.key], {})) for item in desired]
        matches = dict((id(want), have) for want, have in _pairs(self.suboptions, desired, current or [], True))
        return [merge(self.suboptions, item, matches.get(id(item), {})) for item in desired]


def argument_spec(fields):
    """The Ansible argument_spec of ``fields`` (option -> Field), suboptions included."""
    return dict((option, field.option_spec()) for option, field in fields.items())


def _name_fields(fields):
    for option, field in fields.items():
        field.api = field.api or option


def set_only(fields, obj):
    return dict((option, fields[option].set_only(value)) for option, value in obj.items()
                if value is not None and option in fields)


def from_api(fields, obj):
    """The module form of the API object ``obj``: only the fields the spec knows, codes decoded."""
    result = {}
    for option, field in fields.items():
        found, value = _lookup(obj, field.api)
        if found:
            result[option] = field.from_api(value)
    return result


def to_api(fields, obj):
    """The API body of the module-form ``obj`` (unset values left out), codes encoded."""
    body = {}
    blanks = []
    for option, value in obj.items():
        if value is None:
            continue
        field = fields[option]
        if value == "" and field.blank_implies:
            blanks.append(field.blank_implies)
            continue
        _store(body, field.api, field.to_api(value))
        for path, implied in field.implies.items():
            _store(body, path, implied)
    for implied in blanks:
        for path, value in implied.items():
            _store(body, path, value)
    return body


def dict_differs(fields, desired, current):
    return any(fields[option].differs(value, current.get(option)) for option, value in desired.items())


def merge(fields, desired, current):
    merged = dict((option, field.merged(desired.get(option), current.get(option))) for option, field in fields.items())
    return dict((option, value) for option, value in merged.items() if value is not None)


def _pairs(fields, desired, current, partial=False):
    """Each desired item paired with a distinct current item equal on its set fields.

    None when no such pairing exists; with ``partial`` the unmatched items are left out instead.
    """
    if not desired:
        return []
    first, rest = desired[0], desired[1:]
    for index, item in enumerate(current):
        if not dict_differs(fields, first, item):
            tail = _pairs(fields, rest, current[:index] + current[index + 1:], partial)
            if tail is not None:
                return [(first, item)] + tail
    return _pairs(fields, rest, current, partial) if partial else None


def shape(fields, items):
    """Which options of ``items`` (module-form dicts) are set: option -> True or a nested shape."""
    result = {}
    for option in set(option for item in items for option in item):
        field = fields[option]
        if field.suboptions:
            values = [item[option] for item in items if option in item]
            result[option] = shape(field.suboptions, [child for value in values for child in field.items(value)])
        else:
            result[option] = True
    return result


def project(fields, obj, mask):
    """``obj`` (module form) cut down to the options of ``mask``."""
    result = {}
    for option, sub in mask.items():
        if option not in obj:
            continue
        field, value = fields[option], obj[option]
        if sub is True or not isinstance(value, (dict, list)):
            result[option] = value
        else:
            items = [project(field.suboptions, item, sub) for item in field.items(value)]
            result[option] = items if field.is_list else items[0]
    return result


def walk(fields, obj, prefix=""):
    """(path, field, parent dict, option) of every set option in ``obj``, nested ones included.

    ``path`` names the option for messages, e.g. ``req_params[0].name``.
    """
    for option, field in fields.items():
        value = obj.get(option)
        if value is None:
            continue
        path = prefix + option
        yield path, field, obj, option
        if field.suboptions:
            for index, item in enumerate(field.items(value)):
                yield from walk(field.suboptions, item, "%s[%d]." % (path, index) if field.is_list else path + ".")


class ResourceSpec:
    """How one API collection behaves; the specs are in the resources*.py files.

    ``path``: segments under the instance; ``{api_field}`` placeholders are filled from the
    scope (parents in the path). Scope references not in the path are sent as list filters
    and in the create body. ``name_query``/``precise_search``: how the list call narrows to
    one name (the engine always re-checks the exact name itself). ``not_found``: the error
    code a GET by id answers for a missing resource (another 404, e.g. a missing instance,
    stays an error).
    ``detail``: list items are partial, so the engine compares against the GET by id.
    ``create_requires``: options a create needs (an update completes them from the server).
    ``filters``: the *_info module's filter options, names sent as they are or
    option -> Field (for a codec, a reference or another API name).
    ``immutable``: options the full PUT repeats but that can't change in place (the module
    fails, or deletes and creates again with ``recreate: true``).
    ``checks``: functions of the module params returning a message per broken rule that
    spans several options (e.g. one limit bounded by another), run before any call.
    ``parent_names``: scope field -> the list item field naming that parent (an API list item
    has ``group_name``). A lookup by name then lists by name alone and matches the parent on
    the items; the parent is looked up only when no item matches (one request less).
    """

    def __init__(self, kind, plural, path, list_key, fields=None, id_field="id", name_field="name",
                 name_option="name", name_query=None, precise_search=None, get_by_id=False,
                 not_found=None, updatable=True, scope=(), filters=(), detail=False, create_requires=(),
                 immutable=(), checks=(), parent_names=None):
        self._declared = dict(locals())  # the arguments, for extended()
        del self._declared["self"]
        fields = {} if fields is None else fields
        self.kind = kind
        self.plural = plural
        self.path = path
        self.list_key = list_key
        self.fields = fields
        _name_fields(fields)
        self.id_field = id_field
        self.name_field = name_field
        self.name_option = name_option
        self.name_query = name_query
        self.precise_search = precise_search
        self.get_by_id = get_by_id
        self.not_found = not_found
        self.updatable = updatable
        self.scope = scope
        self.filters = filters if isinstance(filters, dict) else dict((name, Field()) for name in filters)
        _name_fields(self.filters)
        self.detail = detail
        self.create_requires = create_requires
        self.immutable = immutable
        self.checks = checks
        self.parent_names = parent_names or {}

    def extended(self, **options):
        """This spec with ``options`` added or replaced: a family's full spec from its lookup.

        A lookup (kind, path, how a name is found) is all a Reference needs, so the specs other
        families name declare their lookup apart; a module then loads only its own family's
        fields and rules.
        """
        declared = dict(self._declared)
        declared.update(options)
        return ResourceSpec(**declared)

    def secrets(self):
        return [field.api for field in self.fields.values() if field.secret]


def _placeholders(path):
    """The ``{api_field}`` names in a spec's path segments."""
    return re.findall(r"{(\w+)}", "/".join(path))


class Reference:
    """An option that names a parent resource by name or id and resolves it to ``api``."""

    def __init__(self, option, api, target):
        self.option = option
        self.api = api
        self.target = target

    def resolve(self, module, value, scope=None):
        """The id of the parent ``value`` names, or None when there is none.

        A value shaped like a gateway id is trusted without a request: the server answers the
        calls that use it with its own "does not exist" error when it is wrong.
        A target under a parent (a group's gateway responses) is looked up under the referrer's
        parent: ``scope`` fills the target's path placeholders.
        """
        if ID_LIKE.match(value):
            return value
        finder = ResourceEngine(module, self.target)
        finder.scope = dict((name, (scope or {}).get(name)) for name in _placeholders(self.target.path))
        if not all(finder.scope.values()):
            return None
        if self.target.get_by_id:
            # A name first; then an id of another shape (such as the built-in environment's).
            found = finder.find_by_name(value) or finder.find_by_id(value)
        else:
            # One list call, then the id wins over a name that happens to equal it.
            items = finder.list()
            found = next((i for i in items if i.get(self.target.id_field) == value), None) or \
                next((i for i in items if i.get(self.target.name_field) == value), None)
        return found[self.target.id_field] if found else None

    def missing(self, value, option=None):
        return "%s: no %s with the name or id '%s'" % (option or self.option, self.target.kind, value)

    def require(self, module, predict=False):
        """The id behind this reference's option (a name or an id), or a failure naming it.

        With ``predict`` (check mode) a missing one is only warned about: an earlier task of the
        same run may have pretended to create it. It resolves to None then.
        """
        value = module.params[self.option]
        found = self.resolve(module, value)
        if found is None:
            if not predict:
                module.fail_json(msg=self.missing(value))
            module.warn(self.missing(value) + CHECK_MODE_ASSUMES)
        return found


class ResourceEngine:
    """Finds, compares and writes one resource of ``spec`` for ``module`` (an APIGModule)."""

    def __init__(self, module, spec):
        self.module = module
        self.spec = spec
        self.client = module.client
        self.params = module.params
        self.scope = {}
        # scope field -> the parent's name, matched on list items until it is settled (parent_names)
        self.deferred = {}
        self._resolved = {}

    # -- reading ---------------------------------------------------------------------------

    def path(self, *extra):
        segments = [segment.format(**self.scope) for segment in self.spec.path]
        return self.module.instance_path(*(segments + list(extra)))

    def scope_query(self):
        """Scope values that are not in the path: list filters and create body fields."""
        return dict((api, value) for api, value in self.scope.items()
                    if not any("{%s}" % api in segment for segment in self.spec.path))

    def resolve_scope(self, missing_ok=False, defer=False):
        """Resolve the parent references. A missing parent fails the module, or with
        ``missing_ok`` is returned as the message that names it (None when all exist).
        With ``defer``, a parent named by name whose items carry its name (``parent_names``)
        is left to ``settle_scope`` after the lookup."""
        for ref in self.spec.scope:
            value = self.params.get(ref.option)
            if value is None:
                continue
            if defer and ref.api in self.spec.parent_names and not ID_LIKE.match(value):
                self.deferred[ref.api] = value
                continue
            missing = self._resolve_parent(ref, value, missing_ok)
            if missing:
                return missing
        return None

    def _resolve_parent(self, ref, value, missing_ok):
        """None once the parent is in the scope; else a failure, or with ``missing_ok`` the message."""
        self.scope[ref.api] = ref.resolve(self.module, value)
        if self.scope[ref.api] is None and not missing_ok:
            self.module.fail_json(msg=ref.missing(value))
        return None if self.scope[ref.api] is not None else ref.missing(value)

    def settle_scope(self, found=None, missing_ok=False):
        """Resolve the deferred parents: read from ``found`` (an item in scope), else looked up.
        Returns what ``resolve_scope`` does."""
        deferred, self.deferred = self.deferred, {}
        for ref in self.spec.scope:
            if ref.api not in deferred:
                continue
            if found:
                self.scope[ref.api] = found[ref.api]
                continue
            missing = self._resolve_parent(ref, deferred[ref.api], missing_ok)
            if missing:
                return missing
        return None

    def in_scope(self, item):
        if not all(item.get(api) == value for api, value in self.scope_query().items()):
            return False
        # A deferred parent matches by name, or by an id of another shape (as Reference.resolve).
        return all(value in (item.get(self.spec.parent_names[api]), item.get(api))
                   for api, value in self.deferred.items())

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
        found = self.find_by_name(self.params[self.spec.name_option])
        if found and self.spec.detail:
            return self.client.get(self.path(found[self.spec.id_field]))
        return found

    def resolved(self, reference, value, option):
        """The id ``value`` names (once per run), failing with ``option`` named when none."""
        key = (reference.target.kind, value)
        if key not in self._resolved:
            self._resolved[key] = reference.resolve(self.module, value, self.scope)
        if self._resolved[key] is None:
            if self.module.check_mode:
                # The name stands in for the id: it differs from whatever the resource holds now.
                self.module.warn(reference.missing(value, option) + CHECK_MODE_ASSUMES)
                return value
            self.module.fail_json(msg=reference.missing(value, option))
        return self._resolved[key]

    # -- comparing -------------------------------------------------------------------------

    def validate(self):
        problems = [field.problem(path, obj[option]) for path, field, obj, option in walk(self.spec.fields, self.params)]
        problems = [p for p in problems if p] + [p for check in self.spec.checks for p in check(self.params)]
        if problems:
            self.module.fail_json(msg="; ".join(problems))

    def desired(self, resolve=True):
        """Option -> value (module form) for every option the user set, references resolved to ids."""
        desired = set_only(self.spec.fields, dict((option, self.params.get(option)) for option in self.spec.fields))
        for path, field, obj, option in walk(self.spec.fields, desired):
            if resolve and field.reference and not (field.blank_implies and obj[option] == ""):
                obj[option] = self.resolved(field.reference, obj[option], path)
        return desired

    def differences(self, current, desired):
        """The desired options whose value differs from the server's (a missing key differs)."""
        have = from_api(self.spec.fields, current)
        return [option for option, value in desired.items() if self.spec.fields[option].differs(value, have.get(option))]

    def mask(self, resource, secrets=None):
        if not resource:
            return resource
        secrets = self.spec.secrets() if secrets is None else secrets
        return dict((k, MASK if k in secrets and v is not None else v) for k, v in resource.items())

    def diff_view(self, resource, desired):
        """The id, the name, the scope and the compared parts of ``resource``, in module form."""
        if not resource:
            return {}
        fields = self.spec.fields
        keys = [self.spec.id_field, self.spec.name_field] + list(self.scope)
        view = dict((k, resource.get(k)) for k in keys if k in resource)
        view.update(project(fields, from_api(fields, resource), shape(fields, [desired])))
        return self.mask(view, [option for option, field in fields.items() if field.secret])

    # -- writing ---------------------------------------------------------------------------

    def body(self, values):
        """The POST/PUT body: the scope fields, then ``values`` (module form) in API form."""
        body = self.scope_query()
        body.update(to_api(self.spec.fields, values))
        return body

    def create(self, desired):
        missing = [option for option in self.spec.create_requires if option not in desired]
        if missing:
            self.module.fail_json(msg="creating the %s '%s' requires %s"
                                  % (self.spec.kind, desired.get(self.spec.name_option), ", ".join(missing)))
        body = self.body(dict((option, value) for option, value in desired.items() if self.spec.fields[option].create))
        if self.module.check_mode:
            return body
        name = body.get(self.spec.name_field)
        # A POST whose answer was lost (or a 5xx after it reached the server) may have created
        # the resource: the client looks it up by name before sending it again.
        recover = (lambda: self.find_by_name(name)) if name is not None else None
        try:
            return self.client.post(self.path(), body, recover=recover)
        except APIGError as err:
            # No answer: it may exist. Refused as a duplicate: another writer (a parallel fork)
            # created it since find().
            found = (err.error_code == "timeout" or err.status in (400, 409)) and recover and recover()
            if not found:
                raise
            return self.update(found, desired) if self.spec.updatable and self.differences(found, desired) \
                else found

    def update(self, current, desired):
        """One PUT of the full definition: the server's, with the desired values merged in."""
        fields = self.spec.fields
        fixed = [option for option in self.differences(current, desired)
                 if not fields[option].update or option in self.spec.immutable]
        have = from_api(fields, current)
        if fixed and self.params.get("recreate"):
            # Delete and create again, the fields the user left unset keeping their current values.
            return self.replace(current, dict((option, field.merged(desired.get(option), have.get(option)))
                                              for option, field in fields.items() if field.create))
        if fixed:
            self.module.fail_json(msg="%s can't be changed on an existing %s; delete it first%s"
                                  % (", ".join(fixed), self.spec.kind,
                                     RECREATE_HINT if "recreate" in self.params else ""))
        body = self.body(dict((option, field.merged(desired.get(option), have.get(option)))
                              for option, field in fields.items() if field.update))
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
        # Without its parent a resource can't exist: nothing to delete. In check mode the parent
        # may be one an earlier task of the same run only pretended to create: predict a create.
        missing_ok = absent or self.module.check_mode
        missing_parent = self.resolve_scope(missing_ok, defer=not self.params.get("id"))
        current = None if missing_parent else self.find()
        missing_parent = missing_parent or self.settle_scope(current, missing_ok)
        if missing_parent and not absent:
            self.module.warn(missing_parent + CHECK_MODE_ASSUMES)
        desired = self.desired(resolve=not absent)
        if current and self.params.get("update_secret") == "on_create":
            # A secret is set when the resource is created; later runs neither compare nor change it.
            desired = dict((option, value) for option, value in desired.items() if not self.spec.fields[option].secret)
        if current:
            desired = dict((option, value) for option, value in desired.items() if self.spec.fields[option].compare)
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
            if current and after:
                # Both sides of a changed secret are masked alike: the after side says it changed.
                for option in self.differences(current, desired):
                    if self.spec.fields[option].secret:
                        result["diff"]["after"][option] = MASK_CHANGED
        return result

    def info(self):
        """The list call behind every *_info module: server filters, then exact matches.

        A filter is re-checked on the items that carry its field (an API list item, for
        example, has no ``env_id``: the server's filter is all there is).
        """
        name = self.params.get(self.spec.name_option)
        self.resolve_scope(defer=name is not None)
        query = {}
        for option, field in self.spec.filters.items():
            value = self.params.get(option)
            if value is not None:
                value = self.resolved(field.reference, value, option) if field.reference else value
                query[field.api] = field.to_api(value)
        wanted = dict(query)
        if name is not None:
            wanted[self.spec.name_field] = name
            if self.spec.name_query:
                query[self.spec.name_query] = name
                if self.spec.precise_search:
                    query["precise_search"] = self.spec.precise_search
        items = [i for i in self.list(query)
                 if all(i.get(f) == v for f, v in wanted.items() if f in i) and self.in_scope(i)]
        self.settle_scope(items[0] if items else None)  # no match: a missing parent fails here
        if self.spec.detail and self.params.get("details"):
            items = [self.client.get(self.path(i[self.spec.id_field])) for i in items]
        return {"changed": False, self.spec.plural: [self.mask(i) for i in items]}


def state_option():
    return dict(type="str", default="present", choices=["present", "absent"])


def recreate_option():
    """Offers delete + create when a field that can't change in place (``update=False``) differs."""
    return dict(type="bool", default=False)


def named_argument_spec():
    """Options of the modules whose resource has a name, a remark and an id (groups, environments)."""
    return dict(name=dict(type="str", required=True), remark=dict(type="str"), id=dict(type="str"),
                state=state_option())


def managed_options(spec, name_required=True, **extra):
    """The options of a module managing one ``spec`` resource: its fields (the name required
    unless ``name_required`` is false), ``id``, ``state`` and ``extra``."""
    options = argument_spec(spec.fields)
    options[spec.name_option]["required"] = name_required
    options.update(id=dict(type="str"), state=state_option(), **extra)
    return options


def info_options(spec):
    """The options of a ``spec`` *_info module: its name and its filters."""
    options = argument_spec(spec.filters)
    options[spec.name_option] = dict(type="str")
    return options


def run(module, spec):
    """Ensure the state in ``module.params`` and exit the module."""
    exit_with(module, ResourceEngine(module, spec).ensure)


def run_info(module, spec):
    """List the resources matching the filters in ``module.params`` and exit the module."""
    exit_with(module, ResourceEngine(module, spec).info)


def run_view(module, view):
    """Exit with what ``view(module)`` returns: the read-only modules that are no resource's list."""
    exit_with(module, lambda: view(module))


def exit_with(module, action):
    """Exit with the result ``action()`` returns, or fail with the API error's message and code."""
    try:
        result = action()
    except APIGError as err:
        module.fail_from_error(err)
    module.exit_json(**result)
