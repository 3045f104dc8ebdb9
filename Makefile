# Runner's Back: `make run` to try it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
PYTEST_ARGS ?=
# Python may cache compiled modules (pytest keeps its rewritten test modules there too), even
# where the shell says not to: every run would otherwise compile all ~300 test modules again.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: lock run test test-fast counts lint format bench bench-nginx bench-floor bench-instructions bench-compare clean

# The dependencies come from the lock files (exact versions and hashes), then the project itself.
$(VENV)/.runtime: pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## lock: pin pyproject.toml's dependencies again, in requirements.txt and (with the dev extra) requirements-dev.txt
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: export CUSTOM_COMPILE_COMMAND = make lock
lock: $(VENV)/.runtime
	$(PY) -m pip install --quiet pip-tools
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file requirements.txt pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --extra dev --constraint requirements.txt --output-file requirements-dev.txt pyproject.toml

# The W3C Nu HTML Checker for tests/test_valid_html.py: vnu.jar from npm, run with the machine's Java.
VNU_VERSION := 26.9.27
$(VENV)/.vnu:
	@command -v java >/dev/null || { echo "java is missing: installing Debian's default-jre-headless"; { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; } >/dev/null || { echo "could not install java: run 'sudo apt-get install default-jre-headless'"; exit 1; }; }
	npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION)
	touch $@

## run: install, migrate, load the content and serve at http://127.0.0.1:8000 (SQLite, DEBUG on)
run: $(VENV)/.runtime
	$(DEV) $(PY) manage.py migrate --noinput
	$(DEV) $(PY) manage.py load_content
	$(DEV) $(PY) manage.py ensure_dev_clinician
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

## test: install the dev extra and the HTML checker, run the whole suite (browser tests skip without Chromium):
## everything but the `stack` tests on every core, then the `stack` tests (servers and processes
## they time) on one; either failing fails make test. MARKS narrows both by marker, e.g. MARKS=browser;
## COVERAGE=1 reports coverage of the first call and fails under [tool.coverage.report] fail_under.
MARKS ?=
WORKERS ?= auto
COVERAGE ?=
select = -m "$(if $(MARKS),($(MARKS)) and )$(1)"
# (pytest exits 5 when the marks leave one half without tests: not a failure)
test: $(VENV)/.dev $(VENV)/.vnu
	@failed=0; \
	$(PY) -m pytest $(call select,not stack) -n $(WORKERS) $(if $(COVERAGE),--cov --cov-report=term:skip-covered) $(PYTEST_ARGS) || [ $$? -eq 5 ] || failed=1; \
	$(PY) -m pytest $(call select,stack) $(PYTEST_ARGS) || [ $$? -eq 5 ] || failed=1; \
	exit $$failed

## test-fast: the in-process tests only (no browser, no servers, not the slow sweeps), on two processes
test-fast: $(VENV)/.dev
	$(PY) -m pytest -m "not browser and not stack and not slow" -n 2 $(PYTEST_ARGS)

## counts: how many tests each suite holds (collected, not run): the README points here
counts: $(VENV)/.dev
	@for suite in "make test-fast=not browser and not stack and not slow" "browser=browser" "stack (one process)=stack" \
	  "CI on PostgreSQL and Redis=not browser and not postgres and not nginx and not stack" "make test="; do \
	  marks="$${suite#*=}"; \
	  printf '%-28s %s\n' "$${suite%%=*}" "$$($(PY) -m pytest --collect-only -q $${marks:+-m "$$marks"} | tail -1 | sed 's/ in [0-9.]*s$$//')"; \
	done

## bench: load the production stack with wrk and write BENCHMARKS.md (DATABASE_URL / REDIS_URL honoured)
bench: $(VENV)/.dev
	@command -v wrk >/dev/null || { echo "wrk is missing: installing Debian's wrk package"; { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null || { echo "could not install wrk: run 'sudo apt-get install wrk'"; exit 1; }; }
	$(PY) -m bench.run $(BENCH_ARGS)

## bench-nginx: a page from nginx's micro-cache against nginx's static file (needs nginx and wrk)
bench-nginx: $(VENV)/.dev
	@command -v wrk >/dev/null || { echo "wrk is missing: run 'sudo apt-get install wrk'"; exit 1; }
	$(PY) -m bench.nginx $(BENCH_ARGS)

## bench-floor: what a bare view, one query and a bare write reach, beside the targets' pages
bench-floor: $(VENV)/.runtime
	@command -v wrk >/dev/null || { echo "wrk is missing: run 'sudo apt-get install wrk'"; exit 1; }
	$(PY) -m bench.floor $(BENCH_ARGS)

## bench-instructions: instructions a request of each page costs in one process (valgrind; no noise)
bench-instructions: $(VENV)/.runtime
	@command -v valgrind >/dev/null || { echo "valgrind is missing: run 'sudo apt-get install valgrind'"; exit 1; }
	$(PY) -m bench.instructions $(BENCH_ARGS)

## bench-compare: questionnaire walks per second of this checkout against REV, in one run
bench-compare: $(VENV)/.runtime
	$(PY) -m bench.compare --rev $(REV) $(BENCH_ARGS)

## lint: the checks CI runs on the code
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
