"""The emulator's storage: field lookups go through indexes, older databases gain them, pooled
connections serve one transaction at a time and come back clean."""
import json
import os
import sqlite3
import threading

import pytest

from apig_emulator import storage
from apig_emulator.storage import SCHEMA_VERSION, Scope, Store

SCOPE = Scope("project", "instance")
# The schema before indexes per field (SCHEMA_VERSION 1 and earlier had no user_version).
OLD_SCHEMA = """
CREATE TABLE resources (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, project_id TEXT NOT NULL,
    instance_id TEXT NOT NULL, parent_id TEXT NOT NULL DEFAULT '', id TEXT NOT NULL, name_key TEXT,
    body TEXT NOT NULL);
CREATE UNIQUE INDEX resources_id ON resources (kind, project_id, instance_id, id);
CREATE UNIQUE INDEX resources_name ON resources (kind, project_id, instance_id, parent_id, name_key)
    WHERE name_key IS NOT NULL;
"""


@pytest.fixture(autouse=True)
def declared():
    """The storage_test kind's declarations, removed again so other tests don't see them."""
    storage.index("storage_test", "group_id")
    storage.index("storage_test", "name", storage.SELECTIVE)
    storage.index("storage_test", "method", storage.NEVER)
    yield
    storage._DECLARED.pop("storage_test", None)


def fill(store, count):
    with store.transaction(SCOPE) as tx:
        for i in range(count):
            tx.insert("storage_test", {"id": "id%d" % i, "group_id": "g%d" % (i % 2), "name": "n%d" % i,
                                       "method": "GET", "size": i})


def plans(store, action):
    """The query plans of the statements ``action(tx)`` runs, and its result."""
    with store.transaction(SCOPE, write=False) as tx:
        seen = []
        conn = tx.conn

        class Spy:
            def execute(self, sql, args=()):
                seen.extend(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args))
                return conn.execute(sql, args)

        tx.conn = Spy()
        return seen, action(tx)


def test_lookups_use_the_best_ranked_index(tmp_path):
    store = Store(str(tmp_path / "db"))
    fill(store, 50)
    seen, (total, items) = plans(store, lambda tx: tx.page("storage_test", {"group_id": "g1", "name": "n7"},
                                                          {}, 0, 20))
    assert (total, [i["id"] for i in items]) == (1, ["id7"])
    assert seen and all("USING INDEX ix_storage_test__name " in plan for plan in seen), seen
    seen, (total, _) = plans(store, lambda tx: tx.page("storage_test", {"group_id": "g1", "method": "GET"},
                                                      {}, 0, 20))
    assert total == 25 and all("ix_storage_test__group_id" in plan for plan in seen), seen
    seen, found = plans(store, lambda tx: tx.exists_where("storage_test", "group_id", "g0"))
    assert found is True and "ix_storage_test__group_id" in seen[0]
    # the enum is never indexed; the page of the whole kind is read in creation order from its own index
    assert not store.has_index("storage_test", "method")
    seen, (total, items) = plans(store, lambda tx: tx.page("storage_test", {}, {}, 48, 20))
    assert (total, [i["id"] for i in items]) == (50, ["id48", "id49"])
    assert all("resources_order" in plan for plan in seen), seen


def test_an_undeclared_field_is_indexed_before_the_next_transaction(tmp_path):
    store = Store(str(tmp_path / "db"))
    fill(store, 10)
    seen, (total, _) = plans(store, lambda tx: tx.page("storage_test", {"size": 3}, {}, 0, 20))
    assert total == 1 and not any("ix_storage_test__size" in plan for plan in seen)
    seen, (total, _) = plans(store, lambda tx: tx.page("storage_test", {"size": "3"}, {}, 0, 20))
    assert total == 1 and all("ix_storage_test__size" in plan for plan in seen), seen


def test_an_older_database_gains_the_indexes_and_keeps_its_rows(tmp_path):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.execute("INSERT INTO resources (kind, project_id, instance_id, id, name_key, body) VALUES (?, ?, ?, ?, ?, ?)",
                 ("storage_test", "project", "instance", "old", '["n"]', json.dumps({"id": "old", "name": "n",
                                                                                       "group_id": "g"})))
    conn.commit()
    conn.close()

    store = Store(path)
    seen, (total, items) = plans(store, lambda tx: tx.page("storage_test", {"name": "n"}, {}, 0, 20))
    assert (total, items[0]["id"]) == (1, "old")
    assert all("ix_storage_test__name" in plan for plan in seen), seen
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    assert {"resources_id", "resources_name", "resources_order", "ix_storage_test__name"} <= names
    # the unique name index still guards inserts
    with pytest.raises(storage.IntegrityError):
        with store.transaction(SCOPE) as tx:
            tx.insert("storage_test", {"id": "dup", "name": "n"}, '["n"]')


def test_a_pooled_connection_is_lent_to_one_transaction_at_a_time(tmp_path):
    store = Store(str(tmp_path / "db"))
    in_use, overlaps, lock = set(), [], threading.Lock()

    def worker(index):
        for i in range(20):
            with store.transaction(SCOPE, write=i % 2 == 0) as tx:
                with lock:
                    overlaps.extend([tx.conn] if tx.conn in in_use else [])
                    in_use.add(tx.conn)
                if i % 2 == 0:
                    tx.insert("storage_test", {"id": "t%d_%d" % (index, i), "name": "t%d_%d" % (index, i)})
                else:
                    tx.page("storage_test", {}, {}, 0, 5)
                with lock:
                    in_use.discard(tx.conn)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not overlaps
    with store.transaction(SCOPE, write=False) as tx:
        assert tx.page("storage_test", {}, {}, 0, 1)[0] == 8 * 10


def test_a_connection_comes_back_clean_after_a_failure(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "POOL_SIZE", 1)
    store = Store(str(tmp_path / "db"))
    with pytest.raises(RuntimeError):
        with store.transaction(SCOPE) as tx:
            failed = tx.conn
            tx.insert("storage_test", {"id": "gone", "name": "gone"})
            raise RuntimeError("the request failed")
    with store.transaction(SCOPE) as tx:
        assert tx.conn is failed and tx.get("storage_test", "gone") is None  # rolled back, then reused
    # a connection still inside a transaction (say, its COMMIT failed) is closed, not pooled
    stuck = store._acquire()
    stuck.execute("BEGIN IMMEDIATE")
    store._release(stuck)
    with pytest.raises(sqlite3.ProgrammingError):
        stuck.execute("SELECT 1")
    with store.transaction(SCOPE) as tx:  # and its lock went with it
        tx.insert("storage_test", {"id": "kept", "name": "kept"})


def test_close_checkpoints_the_wal(tmp_path):
    store = Store(str(tmp_path / "db"))
    fill(store, 20)
    with store.transaction(SCOPE, write=False) as tx:
        assert tx.get("storage_test", "id3")["name"] == "n3"
    store.close()
    wal = str(tmp_path / "db-wal")
    assert not os.path.exists(wal) or os.path.getsize(wal) == 0  # all in the main file
    conn = sqlite3.connect(str(tmp_path / "db"))
    assert conn.execute("SELECT COUNT(*) FROM resources").fetchone()[0] == 20
    conn.close()
