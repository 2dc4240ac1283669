# The README's two commands: `make demo` (a complete practice loop) and `make test` (every test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install demo test validate bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

demo: install
	bash scripts/demo.sh

test: install
	$(PY) -m pytest

validate: install
	$(VENV)/bin/mlprep validate

bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
