# The README's two commands: `make demo` (a complete practice loop) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install install-test demo lint test validate bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# The test extras add PyTorch (CPU) and scikit-learn for the cross-checks, ruff and mypy for the lint gate.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	bash scripts/demo.sh

# The lint and type gate, also the first step of `make test` (so of CI).
lint: install-test
	$(VENV)/bin/ruff check mlprep tests bench scripts
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest

validate: install
	$(VENV)/bin/mlprep validate

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
