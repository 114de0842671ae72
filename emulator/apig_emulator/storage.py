"""SQLite storage: one generic ``resources`` table, a JSON body per row, indexed fields.

Every write runs in ``BEGIN IMMEDIATE`` so concurrent requests serialize on the
database lock; uniqueness is enforced by a UNIQUE index, never by check-then-insert.
Each transaction takes a connection of its own from a small pool and gives it back when done:
opening one and reading the schema on its first statement costs about half a millisecond,
more than a whole indexed lookup.

Lookups by a body field use an expression index per kind and field
(``CAST(json_extract(body, '$.field') AS TEXT)``, partial on ``kind``), so their cost does
not grow with the number of rows. Which fields are indexed is declared with ``index()``
(the engine declares what its collections filter, guard and cascade on); a field used in
an exact match without a declaration is indexed before the next transaction.
"""
import json
import re
import sqlite3
import threading
from contextlib import contextmanager

# 2: expression indexes per kind and field, and the (kind, scope, seq) paging index.
SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, used for stable paging
    kind        TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    instance_id TEXT NOT NULL,
    parent_id   TEXT NOT NULL DEFAULT '',          -- owner in nested URLs (e.g. group of a domain)
    id          TEXT NOT NULL,
    name_key    TEXT,                               -- uniqueness key; NULL when the kind has none
    body        TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS resources_id
    ON resources (kind, project_id, instance_id, id);
CREATE UNIQUE INDEX IF NOT EXISTS resources_name
    ON resources (kind, project_id, instance_id, parent_id, name_key) WHERE name_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS resources_order
    ON resources (kind, project_id, instance_id, seq);
"""

IntegrityError = sqlite3.IntegrityError

_KIND = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")  # a top-level or nested field
# Ranks of a declared field: lookups are driven by the best-ranked indexed field they match on.
NEVER, ORDINARY, SELECTIVE = 0, 1, 2
# kind -> {field: rank}; NEVER means "not worth an index" (e.g. an enum) and is never indexed.
_DECLARED = {}
_DECLARED_LOCK = threading.Lock()
_DECLARATIONS = [0]  # bumped by each new declaration, so stores know to create indexes
# Idle connections kept for reuse; more concurrent transactions than this open (and close) their own.
POOL_SIZE = 32


def index(kind, field, rank=ORDINARY):
    """Declare that rows of ``kind`` are looked up by the body ``field`` (dotted when nested).

    ``SELECTIVE`` fields (names, near-unique values) are preferred over ``ORDINARY`` ones
    (parent ids) when a lookup matches on several; ``NEVER`` (an enum, say) keeps a field
    unindexed unless another declaration ranks it higher: the highest rank declared wins.
    """
    if not (_KIND.match(kind) and _FIELD.match(field)):
        return  # e.g. a path into a list: such lookups stay scans of the kind's rows
    with _DECLARED_LOCK:
        fields = _DECLARED.setdefault(kind, {})
        if field not in fields or rank > fields[field]:
            fields[field] = rank
            _DECLARATIONS[0] += 1


def _rank(kind, field):
    return _DECLARED.get(kind, {}).get(field)


def _index_name(kind, field):
    return "ix_%s__%s" % (kind, field)


def _value_sql(field):
    """The indexed expression of ``field`` (checked by ``_FIELD``, inlined: an index needs the literal)."""
    return "CAST(json_extract(body, '$.%s') AS TEXT)" % field


def _indexable(kind, field, value):
    # Strings and integers compare by their text; anything else keeps the plain comparison.
    return (_KIND.match(kind) and _FIELD.match(field) and field != "id"
            and isinstance(value, (str, int)) and not isinstance(value, bool))


class Store:
    """The database file; lends each transaction a connection that no other thread uses meanwhile."""

    def __init__(self, path):
        self.path = path
        self._indexed = set()      # (kind, field) with an index in this database
        self._wanted = set()       # undeclared (kind, field) lookups seen: indexed before the next transaction
        self._declarations = -1    # the declarations count last indexed
        self._lock = threading.Lock()
        self._idle = []            # connections not lent out, outside any transaction
        self._idle_lock = threading.Lock()
        self._closed = False
        conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)  # older databases (no user_version) gain the new indexes
            conn.execute("PRAGMA user_version=%d" % SCHEMA_VERSION)
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%'"
                                        " ESCAPE '\\'"):
                kind, _, field = name[3:].partition("__")
                self._indexed.add((kind, field))
        finally:
            conn.close()

    def _connect(self):
        # isolation_level=None: we issue BEGIN/COMMIT ourselves; timeout = busy wait for the lock (30 s).
        # check_same_thread=False: pooled connections serve werkzeug's per-request threads in turn.
        return sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)

    def _acquire(self):
        with self._idle_lock:
            if self._idle:
                return self._idle.pop()
        return self._connect()

    def _release(self, conn):
        """Pool ``conn`` again, unless a failed COMMIT/ROLLBACK left it inside a transaction."""
        if not conn.in_transaction:
            with self._idle_lock:
                if not self._closed and len(self._idle) < POOL_SIZE:
                    self._idle.append(conn)
                    return
        conn.close()  # rolls back whatever is left

    def _missing_indexes(self):
        wanted = set(self._wanted)
        with _DECLARED_LOCK:
            wanted.update((kind, field) for kind, fields in _DECLARED.items()
                          for field, rank in fields.items() if rank != NEVER)
        return sorted(wanted - self._indexed)

    def _create_indexes(self):
        """Create the declared (and the wanted) indexes this database lacks, in one write."""
        with self._lock:
            declarations = _DECLARATIONS[0]
            missing = self._missing_indexes()
            self._declarations = declarations
            if not missing:
                return
            conn = self._acquire()
            try:
                conn.execute("BEGIN IMMEDIATE")
                for kind, field in missing:
                    conn.execute('CREATE INDEX IF NOT EXISTS "%s" ON resources (project_id, instance_id, %s, seq)'
                                 " WHERE kind = '%s'" % (_index_name(kind, field), _value_sql(field), kind))
                conn.execute("COMMIT")
            finally:
                self._release(conn)
            self._indexed.update(missing)
            self._wanted.difference_update(missing)

    def has_index(self, kind, field):
        return (kind, field) in self._indexed

    def want_index(self, kind, field):
        """Note an undeclared lookup field; its index is created before the next transaction."""
        if _rank(kind, field) is None:
            self._wanted.add((kind, field))

    @contextmanager
    def transaction(self, scope, write=True):
        """Yield a ``Tx`` bound to ``scope``; commit on success, roll back on any error."""
        if self._wanted or self._declarations != _DECLARATIONS[0]:
            self._create_indexes()
        conn = self._acquire()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Tx(conn, scope, self)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            self._release(conn)

    def close(self):
        """Close the pooled connections and fold the WAL back into the main file so the DB is
        complete on its own."""
        with self._idle_lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        conn = self._connect()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


class Scope:
    """Whose rows a request may touch: a project and (for most kinds) one instance."""

    def __init__(self, project_id, instance_id=None):
        self.project_id = project_id
        self.instance_id = instance_id


class Tx:
    """Row operations inside one transaction, always restricted to the scope."""

    def __init__(self, conn, scope, store=None):
        self.conn = conn
        self.scope = scope
        self.store = store

    def _where(self, kind, parent_id=None):
        # The kind is inlined (kinds are names from the code): a partial index on ``kind`` is only
        # used with the kind inlined, and a bound ``kind = ?`` would make SQLite plan the statement
        # again each time it runs (the value could make a partial index usable), ~15x its cost.
        literal_kind = _KIND.match(kind)
        sql = ("kind = '%s'" % kind if literal_kind else "kind = ?") + " AND project_id = ?"
        args = ([] if literal_kind else [kind]) + [self.scope.project_id]
        if self.scope.instance_id is not None:
            sql += " AND instance_id = ?"
            args.append(self.scope.instance_id)
        if parent_id is not None:
            sql += " AND parent_id = ?"
            args.append(parent_id)
        return sql, args

    def _matching(self, kind, exact, parent_id=None):
        """WHERE clause and arguments for rows of ``kind`` whose fields equal ``exact`` (strings
        and integers match by their text).

        The best-ranked indexed field drives the lookup through its index (its partial index
        needs ``kind`` as a literal, see ``_where``); the other fields only filter (``+`` keeps the
        planner off their indexes).
        """
        usable = [f for f, v in exact.items() if _indexable(kind, f, v)]
        if self.store is not None:
            for field in usable:
                if not self.store.has_index(kind, field):
                    self.store.want_index(kind, field)
            usable = [f for f in usable if self.store.has_index(kind, f)]
        else:
            usable = []
        driver = max(usable, key=lambda f: _rank(kind, f) or ORDINARY, default=None)
        sql, args = self._where(kind, parent_id)
        for field, value in exact.items():
            if field == "id":
                sql += " AND id = ?"
                args.append(value)
            elif field == driver:
                sql += " AND %s = ?" % _value_sql(field)
                args.append(str(value))
            elif _indexable(kind, field, value):
                sql += " AND +%s = ?" % _value_sql(field)
                args.append(str(value))
            elif isinstance(value, (str, int)) and not isinstance(value, bool):
                sql += " AND CAST(json_extract(body, ?) AS TEXT) = ?"
                args += ["$." + field, str(value)]
            else:
                sql += " AND json_extract(body, ?) = ?"
                args += ["$." + field, value]
        return sql, args

    def get(self, kind, rid, parent_id=None):
        sql, args = self._where(kind, parent_id)
        row = self.conn.execute("SELECT body FROM resources WHERE " + sql + " AND id = ?", args + [rid]).fetchone()
        return json.loads(row[0]) if row else None

    def insert(self, kind, body, name_key=None, parent_id="", instance_id=None):
        """Insert ``body`` (which carries its ``id``); raises ``IntegrityError`` on a duplicate."""
        self.conn.execute(
            "INSERT INTO resources (kind, project_id, instance_id, parent_id, id, name_key, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (kind, self.scope.project_id, instance_id or self.scope.instance_id, parent_id,
             body["id"], name_key, json.dumps(body, ensure_ascii=False)))

    def replace(self, kind, body, name_key=None):
        sql, args = self._where(kind)
        self.conn.execute("UPDATE resources SET body = ?, name_key = ? WHERE " + sql + " AND id = ?",
                          [json.dumps(body, ensure_ascii=False), name_key] + args + [body["id"]])

    def delete(self, kind, rid):
        sql, args = self._where(kind)
        self.conn.execute("DELETE FROM resources WHERE " + sql + " AND id = ?", args + [rid])

    def delete_where(self, kind, field, value):
        sql, args = self._matching(kind, {field: value})
        self.conn.execute("DELETE FROM resources WHERE " + sql, args)

    def exists_where(self, kind, field, value):
        sql, args = self._matching(kind, {field: value})
        return self.conn.execute("SELECT 1 FROM resources WHERE " + sql + " LIMIT 1", args).fetchone() is not None

    def page(self, kind, exact, loose, offset, limit, parent_id=None, joined=()):
        """Rows of ``kind`` whose fields equal ``exact`` and contain ``loose`` substrings.

        Exact values are strings (query parameters) and match numbers by their text too.
        ``joined`` holds ``(other kind, field, value, id field)``: keep rows whose id is the
        ``id field`` of an ``other kind`` row whose ``field`` equals ``value``.
        Returns ``(total matching, bodies on the page)`` in creation order.
        """
        sql, args = self._matching(kind, exact, parent_id)
        for other, field, value, id_field in joined:
            sub_sql, sub_args = self._matching(other, {field: value})
            sql += " AND id IN (SELECT json_extract(body, ?) FROM resources WHERE " + sub_sql + ")"
            args += ["$." + id_field] + sub_args
        for field, value in loose.items():
            sql += " AND instr(json_extract(body, ?), ?) > 0"
            args += ["$." + field, value]
        total = self.conn.execute("SELECT COUNT(*) FROM resources WHERE " + sql, args).fetchone()[0]
        rows = self.conn.execute("SELECT body FROM resources WHERE " + sql + " ORDER BY seq LIMIT ? OFFSET ?",
                                 args + [limit, offset]).fetchall()
        return total, [json.loads(r[0]) for r in rows]
