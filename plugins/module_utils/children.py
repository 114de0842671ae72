# -*- coding: utf-8 -*-
# Copyright: huaweicloud.apig contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Child collections synced by key: a resource's sub-items with their own list/create/update/delete calls.

Examples: the special throttles of a throttling policy (``~/throttles/{id}/throttle-specials``),
the members of a VPC channel (``~/vpc-channels/{id}/members``), the response types of a
gateway response. A module declares each collection as a ``Children`` and runs
``run(module, spec, children)`` instead of ``engine.run``.

Declaring one::

    Children(
        option="special_throttles",          # the module option: a list of dicts
        path=("throttle-specials",),         # segments under the parent's item path
        list_key="throttle_specials",        # the list in the list response
        key=("object_type", "object"),       # the option(s) identifying an item
        fields={...},                        # option -> engine Field (api name, codec, rules, reference;
                                             # update=False: not sent by the per-item PUT)
        references={"object": (APP_REFERENCE, {"object_type": "APP"})},  # conditional references
        update=True,                         # PUT <path>/<id> changes an item in place; False: a changed
                                             # item is deleted and created again
        batch_key=None,                      # e.g. "members": new items go in one POST {members: [...]}
        create_updates=False,                # True: POSTing an existing key updates it (VPC members)
    )

Behaviour:

- The option is a list of dicts; ``purge_<option>`` (bool, default false) also deletes the items
  the server has that the list doesn't name. An option left unset leaves the items alone
  (and costs no request); ``[]`` with purge removes them all.
- Items are matched by ``key`` (resolved values: a reference given by name compares as its id);
  within a matched item only the options the user set are compared, like the engine does.
- Rules (lengths, patterns, bounds) and references are checked before the parent's first request
  is written; a reference that names nothing fails naming ``option[i].suboption`` (in check mode
  it warns and the item is predicted as a create).
- Writes: one DELETE per removed item, one PUT per changed item (or POST with ``create_updates``,
  or DELETE + POST without ``update``), one POST per new item or one batch POST with ``batch_key``.
  After any write the list is read again so the result shows the server's items.
- Check mode writes nothing and predicts the items; a parent that would be created has none yet.
- Result: the parent's dict carries ``<option>``: the items as the API returns them; ``--diff``
  before/after carry ``<option>``: the items in module form, cut to the options the user set
  plus the key, ordered by key.
- ``state: absent`` leaves children to the parent's deletion (the API deletes them with it).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.huaweicloud.apig.plugins.module_utils.engine import (
    CHECK_MODE_ASSUMES, ResourceEngine, argument_spec, exit_with, from_api, project, set_only, shape, to_api, walk)


class Children:
    """One child collection of a resource (see the module docstring)."""

    def __init__(self, option, path, list_key, key, fields, references=None, update=True, batch_key=None,
                 create_updates=False, id_field="id"):
        self.option = option
        self.purge_option = "purge_" + option
        self.path = tuple(path)
        self.list_key = list_key
        self.key = (key,) if isinstance(key, str) else tuple(key)
        self.fields = fields
        for name, field in fields.items():
            field.api = field.api or name
        self.references = dict(references or {})
        for name, field in fields.items():
            if field.reference:
                self.references.setdefault(name, (field.reference, {}))
        self.update = update
        self.batch_key = batch_key
        self.create_updates = create_updates
        self.id_field = id_field

    def argument_spec(self):
        return {self.option: dict(type="list", elements="dict", options=argument_spec(self.fields)),
                self.purge_option: dict(type="bool", default=False)}

    # -- before any request ------------------------------------------------------------------

    def wanted(self, engine):
        """The user's items (module form, unset options dropped), or None when the option is unset."""
        items = engine.params.get(self.option)
        if items is None:
            return None
        return [set_only(self.fields, item) for item in items]

    def problems(self, items):
        found = []
        for index, item in enumerate(items):
            for path, field, obj, name in walk(self.fields, item, "%s[%d]." % (self.option, index)):
                problem = field.problem(path, obj[name])
                if problem:
                    found.append(problem)
            keys = [self.item_key(other) for other in items[:index]]
            if self.item_key(item) in keys:
                found.append("%s[%d] repeats %s of an earlier item" % (self.option, index, "/".join(self.key)))
        return found

    def resolve(self, engine, items):
        """References replaced by ids, failing with ``option[i].name`` when one names nothing.

        In check mode a missing one only warns: an earlier task may only have pretended to create
        it. The item keeps the name, matches no current item and is predicted as a create.
        """
        for index, item in enumerate(items):
            for name, (reference, when) in self.references.items():
                if item.get(name) is None or not all(item.get(k) == v for k, v in when.items()):
                    continue
                path = "%s[%d].%s" % (self.option, index, name)
                if not engine.module.check_mode:
                    item[name] = engine.resolved(reference, item[name], path)
                    continue
                found = reference.resolve(engine.module, item[name])
                if found is None:
                    engine.module.warn(reference.missing(item[name], path) + CHECK_MODE_ASSUMES)
                item[name] = found or item[name]
        return items

    # -- syncing -----------------------------------------------------------------------------

    def item_key(self, item):
        return tuple(item.get(name) for name in self.key)

    def base(self, engine, parent_id):
        return engine.path(parent_id, *self.path)

    def read(self, engine, parent_id):
        if not parent_id:
            return []
        return engine.client.list_all(self.base(engine, parent_id), self.list_key)

    def plan(self, wanted, current, purge):
        """(create, update, delete) lists: desired items, (desired, current) pairs, current items."""
        have = dict((self.item_key(from_api(self.fields, item)), item) for item in current)
        creates, updates = [], []
        for item in wanted:
            found = have.pop(self.item_key(item), None)
            if found is None:
                creates.append(item)
            else:
                module_form = from_api(self.fields, found)
                if any(self.fields[name].differs(value, module_form.get(name)) for name, value in item.items()):
                    updates.append((item, found))
        return creates, updates, list(have.values()) if purge else []

    def merged(self, item, found):
        have = from_api(self.fields, found)
        return dict((name, field.merged(item.get(name), have.get(name))) for name, field in self.fields.items())

    def write(self, engine, parent_id, creates, updates, deletes):
        client, base = engine.client, self.base(engine, parent_id)
        for found in deletes:
            client.delete(base + "/" + found[self.id_field])
        posts = list(creates)
        for item, found in updates:
            full = self.merged(item, found)
            if self.create_updates:
                posts.append(full)
            elif self.update:
                body = to_api(self.fields, dict((n, v) for n, v in full.items() if self.fields[n].update))
                client.put(base + "/" + found[self.id_field], body)
            else:
                client.delete(base + "/" + found[self.id_field])
                posts.append(full)
        bodies = [to_api(self.fields, item) for item in posts]
        if self.batch_key and bodies:
            client.post(base, {self.batch_key: bodies})
        else:
            for body in bodies:
                client.post(base, body)

    def predict(self, current, creates, updates, deletes):
        gone = set(id(found) for found in deletes)
        changed = dict((id(found), item) for item, found in updates)
        after = []
        for found in current:
            if id(found) in gone:
                continue
            item = changed.get(id(found))
            after.append(dict(found, **to_api(self.fields, self.merged(item, found))) if item else found)
        return after + [to_api(self.fields, item) for item in creates]

    def sync(self, engine, parent_id, wanted):
        """Make the parent's items match ``wanted``: (changed, items before, items after) in API form."""
        current = self.read(engine, parent_id)
        creates, updates, deletes = self.plan(wanted, current, engine.params.get(self.purge_option))
        changed = bool(creates or updates or deletes)
        if not changed:
            return False, current, current
        if engine.module.check_mode:
            return True, current, self.predict(current, creates, updates, deletes)
        self.write(engine, parent_id, creates, updates, deletes)
        return True, current, self.read(engine, parent_id)

    def diff_view(self, items, wanted):
        mask = shape(self.fields, wanted)
        for name in self.key:
            mask[name] = True
        views = [project(self.fields, from_api(self.fields, item), mask) for item in items]
        return sorted(views, key=lambda view: tuple(str(view.get(name)) for name in self.key))


def ensure(engine, children):
    """The engine's ensure, then each child collection synced under the resulting parent."""
    engine.validate()
    wanted = [(child, child.wanted(engine)) for child in children]
    absent = engine.params.get("state") == "absent"
    problems = [p for child, items in wanted if items is not None for p in child.problems(items)]
    if problems:
        engine.module.fail_json(msg="; ".join(problems))
    if not absent:
        wanted = [(child, child.resolve(engine, items)) for child, items in wanted if items is not None]
    result = engine.ensure()
    if absent:
        return result
    parent = result[engine.spec.kind]
    for child, items in wanted:
        changed, before, after = child.sync(engine, parent.get(engine.spec.id_field), items)
        result["changed"] = result["changed"] or changed
        parent[child.option] = after
        if "diff" in result:
            # A parent created by this run had no items before; the ones its POST made are "after".
            if result["diff"]["before"]:
                result["diff"]["before"][child.option] = child.diff_view(before, items)
            result["diff"]["after"][child.option] = child.diff_view(after, items)
    return result


def run(module, spec, children):
    """Like ``engine.run``: ensure ``spec`` and its ``children`` (a list of Children), then exit."""
    exit_with(module, lambda: ensure(ResourceEngine(module, spec), children))


def children_argument_spec(children):
    spec = {}
    for child in children:
        spec.update(child.argument_spec())
    return spec
