# Two commands do all the set-up (see README):
#   make demo   start the local emulator, converge playbooks/demo.yml twice, show the result
#   make test   every test: unit, emulator, SDK conformance, playbook integration, sanity, lint
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
COLLECTIONS := $(CURDIR)/.build/collections
LINK := $(COLLECTIONS)/ansible_collections/huaweicloud/apig
RUN := env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(COLLECTIONS)" ANSIBLE_NOCOLOR=1

.PHONY: setup demo test unit integration sanity lint runtime clean

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

test: setup
	scripts/gen_runtime.py --check
	$(RUN) python -m pytest tests -q
	$(RUN) tests/sanity/run
	$(RUN) ansible-lint

unit: setup
	$(RUN) python -m pytest tests/unit -q

integration: setup
	$(RUN) python -m pytest tests/integration tests/conformance -q

sanity: setup
	$(RUN) tests/sanity/run

lint: setup
	$(RUN) ansible-lint

runtime:
	scripts/gen_runtime.py

clean:
	rm -rf .build $(VENV)
