"""The reliability suite's figures (faults injected and survived, duplicates, lost updates, bad inputs
tried, tracebacks, secrets found...): counted by its tests through the ``figures`` fixture and printed
as a table at the end of the run, also when pytest-xdist spreads the tests over workers.

Loaded as a plugin by tests/conftest.py, so the xdist controller, which collects no tests, has it too.
"""
import json
from collections import OrderedDict

import pytest

FIGURES = OrderedDict()
WORKER_KEY = "reliability_figures"


class Figures:
    """Named figures; ``add`` sums numbers, ``note`` records a fact."""

    def add(self, name, value=1):
        FIGURES[name] = FIGURES.get(name, 0) + value

    def note(self, name, value):
        FIGURES[name] = value


@pytest.fixture(scope="session")
def figures():
    return Figures()


def pytest_sessionfinish(session):
    """On an xdist worker: hand the figures to the controller."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output[WORKER_KEY] = json.dumps(list(FIGURES.items()))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the xdist controller: merge a finished worker's figures (numbers add up)."""
    for name, value in json.loads(getattr(node, "workeroutput", {}).get(WORKER_KEY, "[]")):
        if isinstance(value, (int, float)) and isinstance(FIGURES.get(name, 0), (int, float)):
            FIGURES[name] = FIGURES.get(name, 0) + value
        else:
            FIGURES[name] = value


def pytest_terminal_summary(terminalreporter):
    if getattr(terminalreporter.config, "workeroutput", None) is not None or not FIGURES:
        return
    terminalreporter.section("reliability and security figures")
    width = max(len(name) for name in FIGURES)
    for name, value in FIGURES.items():
        terminalreporter.write_line("%-*s  %s" % (width, name, value))
