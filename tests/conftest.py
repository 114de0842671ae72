"""Shared pytest plumbing.

* Makes the repository importable as ``ansible_collections.huaweicloud.apig`` by
  linking it into ``.build/collections`` (the same tree ``ANSIBLE_COLLECTIONS_PATH``
  points at for playbook runs).
* Provides a ``loopback_backend`` fixture: an HTTP server on 127.0.0.1 that API backends
  (and so the debug call) can reach; it answers every GET with JSON describing the request.
* Provides an ``emulator`` fixture: a real ``python -m apig_emulator`` process on a
  free loopback port with its own SQLite file and access log.
* Fails the run if /dev/null stops being a character device (ansible-test and other tools read
  it), naming the test after which it was found replaced.
* Schedules pytest-xdist work: a file stays on one worker (its module-scoped emulator is shared),
  but the tests of SPREAD_FILES go one by one, and the short unit tests come last.
"""
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections import OrderedDict
from http.server import ThreadingHTTPServer

import pytest

from loopback_backend import EchoBackend

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(REPO, ".build", "collections")
EMULATOR_SRC = os.path.join(REPO, "emulator")
# The reliability suite's figures table: a plugin, so it prints on the xdist controller too.
pytest_plugins = ("reliability.figures",)


def _link_collection():
    parent = os.path.join(COLLECTIONS, "ansible_collections", "huaweicloud")
    link = os.path.join(parent, "apig")
    os.makedirs(parent, exist_ok=True)
    if not os.path.islink(link):
        try:
            os.symlink(os.path.relpath(REPO, parent), link)
        except FileExistsError:
            pass  # another pytest-xdist worker made it first


_link_collection()
for path in (COLLECTIONS, EMULATOR_SRC):
    if path not in sys.path:
        sys.path.insert(0, path)


class Emulator:
    """A running emulator process and what it printed at start."""

    def __init__(self, tmp_path, *extra_args):
        self.db = str(tmp_path / "apig.db")
        self.access_log = str(tmp_path / "access.log")
        # stderr goes to a file: a pipe nobody reads would fill up and stall the server.
        self.stderr = open(tmp_path / "emulator.stderr", "w+")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([EMULATOR_SRC, os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "apig_emulator", "--host", "127.0.0.1", "--port", "0",
             "--db", self.db, "--access-log", self.access_log, *extra_args],
            stdout=subprocess.PIPE, stderr=self.stderr, env=env, text=True)
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait()
            self.stderr.seek(0)
            raise RuntimeError("emulator did not start: " + self.stderr.read())
        self.info = json.loads(line)
        self.endpoint = self.info["endpoint"]
        self.project_id = self.info["project_id"]
        self.instance_id = self.info["instance_id"]
        self.access_key = self.info["access_key"]
        self.secret_key = self.info["secret_key"]
        self.auth_token = self.info["auth_token"]

    def requests(self):
        """Every request the emulator has logged so far, oldest first."""
        if not os.path.exists(self.access_log):
            return []
        with open(self.access_log) as f:
            return [json.loads(line) for line in f if line.strip()]

    def ansible_env(self):
        """The HW_* environment the modules read, pointing at this emulator."""
        return {
            "HW_APIG_ENDPOINT": self.endpoint,
            "HW_PROJECT_ID": self.project_id,
            "HW_APIG_INSTANCE_ID": self.instance_id,
            "HW_ACCESS_KEY": self.access_key,
            "HW_SECRET_KEY": self.secret_key,
            "HW_REGION_NAME": "emulator-1",
        }

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.stderr.close()

    def stop_soon(self):
        """SIGTERM without waiting: the emulator takes up to half a second to stop, and a fixture's
        teardown need not wait for it. ``reap_stopping`` collects the exit."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            _STOPPING.append(self)
        self.proc.stdout.close()
        self.stderr.close()


_STOPPING = []


def reap_stopping(wait):
    """Collect the emulators ``stop_soon`` signalled (``wait``: until each is gone)."""
    for emu in list(_STOPPING):
        if wait:
            emu.stop()
        if emu.proc.poll() is not None:
            _STOPPING.remove(emu)


@pytest.fixture
def emulator(tmp_path):
    emu = Emulator(tmp_path)
    yield emu
    emu.stop_soon()
    reap_stopping(wait=False)


@pytest.fixture(scope="module")
def module_emulator(tmp_path_factory):
    emu = Emulator(tmp_path_factory.mktemp("emulator"))
    yield emu
    emu.stop_soon()


@pytest.fixture(scope="module")
def make_emulator(tmp_path_factory):
    """Starts emulators with extra options (e.g. ``--instance-create-seconds``); all stop after the module."""
    started = []

    def make(*extra_args):
        started.append(Emulator(tmp_path_factory.mktemp("emulator"), *extra_args))
        return started[-1]
    yield make
    for emu in started:
        emu.stop_soon()


@pytest.fixture(scope="module")
def loopback_backend():
    """``host:port`` of a running echo backend on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoBackend)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------- /dev/null stays a device

def dev_null_problem():
    """Why /dev/null is not the character device it must be, or None."""
    try:
        mode = os.lstat(os.devnull).st_mode
    except OSError as error:
        return "%s is missing (%s)" % (os.devnull, error)
    if not stat.S_ISCHR(mode):
        kind = "a regular file" if stat.S_ISREG(mode) else "of file type %o" % stat.S_IFMT(mode)
        return "%s is no longer a character device: it is %s" % (os.devnull, kind)
    return None


_DEV_NULL_AT_SETUP = pytest.StashKey()
_DEV_NULL_AT_START = pytest.StashKey()
_DEV_NULL_AT_END = pytest.StashKey()


def pytest_sessionstart(session):
    session.config.stash[_DEV_NULL_AT_START] = dev_null_problem()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """The test after which /dev/null is found replaced fails in its teardown, saying so (on a shared
    machine the culprit may also be another xdist worker's test or another process)."""
    outcome = yield
    if call.when == "setup":
        item.stash[_DEV_NULL_AT_SETUP] = dev_null_problem()
    elif call.when == "teardown" and item.stash.get(_DEV_NULL_AT_SETUP, "unknown") is None:
        problem = dev_null_problem()
        report = outcome.get_result()
        if problem and report.passed:
            report.outcome = "failed"
            report.longrepr = problem + " after this test (a copy or atomic move onto it replaces the device)"


def pytest_sessionfinish(session):
    reap_stopping(wait=True)
    problem = dev_null_problem()
    if problem:
        if session.config.stash.get(_DEV_NULL_AT_START, None):
            problem += " (already so when the run started)"
        session.config.stash[_DEV_NULL_AT_END] = problem
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    problem = terminalreporter.config.stash.get(_DEV_NULL_AT_END, None)
    if problem:
        terminalreporter.section("/dev/null", sep="!", red=True)
        terminalreporter.write_line("FAILED: " + problem + "; ansible-test sanity and other tools read it. "
                                    "Restore it with: rm -f /dev/null; mknod -m 666 /dev/null c 1 3", red=True)


# ---------------------------------------------------------------- pytest-xdist scheduling

# Long files whose tests share nothing (each starts an emulator of its own, the function-scoped
# ``emulator``): their tests may run on different workers, one scheduling unit each. A long file
# kept on one worker becomes the run's tail.
SPREAD_FILES = (
    "tests/integration/test_edge_domains.py",
    "tests/integration/test_playbooks.py",
    "tests/integration/test_request_budgets.py",
    "tests/integration/test_service_role.py",
    "tests/integration/test_workflow_playbooks.py",
)
# The unit tests are short: started last, they fill the workers at the end while the long
# integration, reliability and conformance files, started first, finish.
LAST_DIRECTORIES = ("tests/unit/",)


class _LongFirst(OrderedDict):
    """A work queue whose next unit is the one with the most tests outside LAST_DIRECTORIES, then in them."""

    def popitem(self, last=True):
        scope = min(self, key=lambda s: (s.startswith(LAST_DIRECTORIES), -len(self[s])))
        return scope, self.pop(scope)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def __init__(self, config, log=None):
            super().__init__(config, log)
            self.workqueue = _LongFirst()

        def _split_scope(self, nodeid):
            path = super()._split_scope(nodeid)
            return nodeid if path in SPREAD_FILES else path

    return Scheduling(config, log)
