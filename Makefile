# Two commands for a fresh clone: `make run` and `make test`. Everything they need is installed
# into .venv from pyproject.toml; only Python 3.12+ has to be on the machine.

VENV := .venv
BIN := $(VENV)/bin
# The first Python 3.12+ found: on PATH, else the newest one pyenv has installed.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -V | tail -n 1); do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: run test lint format worker clean

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 eller nyere mangler (Django 6.1 kræver det)."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

# `PORT=8001 make run` when 8000 is taken.
PORT ?= 8000

run: $(VENV)/.installed
	@$(BIN)/python -m kkr.lib.port $(PORT)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --pdfs
	@echo "Åbn http://127.0.0.1:$(PORT)/ (stop med Ctrl+C)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: $(VENV)/.installed
	$(BIN)/celery -A kkr worker --beat --schedule /tmp/kkr-celerybeat-schedule --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
