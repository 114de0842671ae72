# Two commands do all the set-up (see README):
#   make demo   start the local emulator, converge playbooks/demo.yml twice, show the result
#   make test   every test: unit, emulator, SDK conformance, playbook integration, sanity, lint
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
COLLECTIONS := $(CURDIR)/.build/collections
LINK := $(COLLECTIONS)/ansible_collections/huaweicloud/apig
RUN := env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(COLLECTIONS)" ANSIBLE_NOCOLOR=1

.PHONY: setup demo test test-pytest test-sanity test-lint unit integration reliability sanity lint runtime clean

setup: $(VENV)/.installed $(LINK)

$(VENV)/.installed: requirements.txt requirements-dev.txt emulator/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -e ./emulator
	touch $@

# ansible finds the collection through this link to the working tree.
$(LINK):
	mkdir -p $(dir $(LINK))
	ln -sfn ../../../.. $(LINK)

demo: setup
	$(RUN) scripts/demo

# pytest runs on TEST_WORKERS processes (pytest-xdist; tests/conftest.py keeps a file on one
# worker, so its module-scoped emulator is shared, but for the long files listed there): one more
# than the cores, as a worker's test mostly waits on the ansible and emulator processes it
# started. Sanity and ansible-lint run first; ansible-test reads /dev/null as a config file, and
# the pytest run fails if a test leaves /dev/null replaced by a file.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')

test: setup
	scripts/gen_runtime.py --check
	$(RUN) python scripts/gen_stages.py --check
	$(MAKE) --no-print-directory -j 2 --output-sync=target test-sanity test-lint
	$(MAKE) --no-print-directory test-pytest

test-pytest:
	$(RUN) python -m pytest tests -q -n $(TEST_WORKERS)

test-sanity:
	$(RUN) tests/sanity/run

test-lint:
	$(RUN) ansible-lint

unit: setup
	$(RUN) python -m pytest tests/unit -q

integration: setup
	$(RUN) python -m pytest tests/integration tests/conformance -q

# faults, crash, load, hostile input, secrets, auth; ends with a table of its figures (also in make test)
reliability: setup
	$(RUN) python -m pytest tests/reliability -q -n $(TEST_WORKERS)

sanity: setup
	$(RUN) tests/sanity/run

lint: setup
	$(RUN) ansible-lint

runtime:
	scripts/gen_runtime.py

clean:
	rm -rf .build $(VENV)
