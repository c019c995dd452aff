# Pingan: `make run` serves the demo city, `make test` runs the whole suite.
# Both set up what is missing first (.venv, Python and npm packages, translations), once.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PO_FILES := $(wildcard pingan/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
HOST ?= 127.0.0.1
PORT ?= 8000
# The embedded demo: plain HTTP on loopback, no debug pages.
RUN_ENV := DJANGO_DEBUG=0 PINGAN_HTTPS=0

.PHONY: run test setup migrate demo worker scheduler bench load faults fuzz backup messages lint format check-deploy clean

run: setup migrate
	@$(RUN_ENV) HOST=$(HOST) PORT=$(PORT) scripts/run-dev

test: setup
	$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} --dist loadfile $(PYTEST_ARGS)

setup: $(PY_STAMP) $(NODE_STAMP) $(MO_FILES)

$(PY):
	@python=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the front-end assets (apt-get install npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

%.mo: %.po | $(PY_STAMP)
	@command -v msgfmt >/dev/null || { echo "msgfmt is needed for translations (apt-get install gettext)"; exit 1; }
	msgfmt --check-format -o $@ $<

migrate: setup
	@$(RUN_ENV) $(PY) manage.py migrate --noinput
	@$(RUN_ENV) $(PY) manage.py createcachetable

demo: setup
	@$(RUN_ENV) $(PY) manage.py seed_demo

worker: setup
	$(RUN_ENV) $(PY) manage.py db_worker

scheduler: setup
	$(RUN_ENV) $(PY) manage.py run_scheduler

# `make bench BENCH=intake_duplicates` (see bench/README.md); without BENCH, lists them.
bench: setup
	$(PY) -m bench $(BENCH)

# `make load` (bench/README.md, "Load"): gunicorn + PostgreSQL under the three mixes, on a
# database of its own (LOAD_DATABASE_URL, default pingan_load on 127.0.0.1); LOAD_SECONDS per
# mix (default 60). LOAD_ARGS passes options, e.g. LOAD_ARGS="--mixes hotline --hotline-users 20,40".
load: setup
	@$(PY) -c "import locust" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check -e ".[load]"
	$(PY) -m bench.load.run $(LOAD_ARGS)

# `make faults`: the database cut off for 5 s under load; requests fail cleanly and recover.
faults: setup
	$(PY) -m bench.faults.db_restart $(FAULTS_ARGS)

# Deeper API fuzzing than `make test` does: FUZZ_SCALE times the examples per operation.
fuzz: setup
	PINGAN_FUZZ_SCALE=$${FUZZ_SCALE:-10} $(PY) -m pytest pingan/qa/tests/test_api_fuzz.py -q

# `make backup [OUT=dir-or-file]`: database + uploaded files + keys in one archive (docs/operations.md).
backup: setup
	$(PY) manage.py backup $(if $(OUT),--output $(OUT))

messages: setup
	$(PY) manage.py makemessages -l en --no-obsolete --ignore ".venv/*" --ignore "node_modules/*" --ignore "var/*"
	$(PY) scripts/translate.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: setup
	DJANGO_DEBUG=0 PINGAN_HTTPS=1 DJANGO_ALLOWED_HOSTS=pingan.example.cn \
	  $(PY) manage.py check --deploy --fail-level WARNING


clean:
	rm -rf $(VENV) node_modules staticfiles
