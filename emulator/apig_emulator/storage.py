"""SQLite storage: one generic ``resources`` table, a JSON body per row.

Every write runs in ``BEGIN IMMEDIATE`` so concurrent requests serialize on the
database lock; uniqueness is enforced by a UNIQUE index, never by check-then-insert.
Each request opens its own connection and closes it when done.
"""
import json
import sqlite3
from contextlib import contextmanager

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
"""

IntegrityError = sqlite3.IntegrityError


class Store:
    """The database file; hands out per-operation connections."""

    def __init__(self, path):
        self.path = path
        conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
        finally:
            conn.close()

    def _connect(self):
        # isolation_level=None: we issue BEGIN/COMMIT ourselves; timeout = busy wait for the lock.
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    @contextmanager
    def transaction(self, scope, write=True):
        """Yield a ``Tx`` bound to ``scope``; commit on success, roll back on any error."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Tx(conn, scope)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def close(self):
        """Fold the WAL back into the main file so the DB is complete on its own."""
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

    def __init__(self, conn, scope):
        self.conn = conn
        self.scope = scope

    def _where(self, kind, parent_id=None):
        sql = "kind = ? AND project_id = ?"
        args = [kind, self.scope.project_id]
        if self.scope.instance_id is not None:
            sql += " AND instance_id = ?"
            args.append(self.scope.instance_id)
        if parent_id is not None:
            sql += " AND parent_id = ?"
            args.append(parent_id)
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
        sql, args = self._where(kind)
        self.conn.execute("DELETE FROM resources WHERE " + sql + " AND json_extract(body, ?) = ?",
                          args + ["$." + field, value])

    def exists_where(self, kind, field, value):
        sql, args = self._where(kind)
        row = self.conn.execute("SELECT 1 FROM resources WHERE " + sql + " AND json_extract(body, ?) = ? LIMIT 1",
                                args + ["$." + field, value]).fetchone()
        return row is not None

    def page(self, kind, exact, loose, offset, limit, parent_id=None, joined=()):
        """Rows of ``kind`` whose fields equal ``exact`` and contain ``loose`` substrings.

        Exact values are strings (query parameters) and match numbers by their text too.
        ``joined`` holds ``(other kind, field, value, id field)``: keep rows whose id is the
        ``id field`` of an ``other kind`` row whose ``field`` equals ``value``.
        Returns ``(total matching, bodies on the page)`` in creation order.
        """
        sql, args = self._where(kind, parent_id)
        for field, value in exact.items():
            sql += " AND CAST(json_extract(body, ?) AS TEXT) = ?"
            args += ["$." + field, value]
        for other, field, value, id_field in joined:
            sub_sql, sub_args = self._where(other)
            sql += (" AND id IN (SELECT json_extract(body, ?) FROM resources WHERE " + sub_sql
                    + " AND json_extract(body, ?) = ?)")
            args += ["$." + id_field] + sub_args + ["$." + field, value]
        for field, value in loose.items():
            sql += " AND instr(json_extract(body, ?), ?) > 0"
            args += ["$." + field, value]
        total = self.conn.execute("SELECT COUNT(*) FROM resources WHERE " + sql, args).fetchone()[0]
        rows = self.conn.execute("SELECT body FROM resources WHERE " + sql + " ORDER BY seq LIMIT ? OFFSET ?",
                                 args + [limit, offset]).fetchall()
        return total, [json.loads(r[0]) for r in rows]
