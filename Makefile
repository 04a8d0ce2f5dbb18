# Bawaba: `make run` serves the portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The web process and the worker read it: links in emails point to this port.
export PORT

.PHONY: run test install migrate demo lint format typecheck messages compile-messages clean bench-pages bench-search bench-catalogue bench-notifications bench-eservices bench-complaints bench-payments bench-payments-finance bench-participation

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	mkdir -p var/broker/messages var/broker/control var/mail
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_participation

# The web process, plus one Celery worker with beat embedded on the broker in
# files under var/broker (no server needed), plus the sandbox of the external
# parties (payment gateway and billers, sandboxes/) on the next port with the
# demo accounts of demo/payments.json; all stop together.
SANDBOX_PORT = $(shell echo $$(($(PORT) + 1)))
SANDBOX_ACCOUNTS = $(BIN)/python -c 'import json; d = json.load(open("demo/payments.json")); print(" ".join(["--merchant " + a["merchant_id"] + "=" + a["secret"] for a in d["accounts"]] + ["--biller " + b["code"] + "=" + b["secret"] for b in d["billers"]]))'
run: demo
	@echo "Bawaba is starting on http://127.0.0.1:$(PORT)/ (Arabic: /ar/, English: /en/)"
	@echo "The payment and billers sandbox is on http://127.0.0.1:$(SANDBOX_PORT)/"
	@$(BIN)/python -m sandboxes --host 127.0.0.1 --port $(SANDBOX_PORT) --data var/sandbox \
		$$($(SANDBOX_ACCOUNTS)) & SANDBOX=$$!; \
	$(BIN)/celery -A config worker --beat --pool=solo --loglevel=INFO \
		--schedule=var/celerybeat-schedule --without-mingle --without-gossip & \
	WORKER=$$!; trap 'kill $$WORKER $$SANDBOX 2>/dev/null; wait $$WORKER $$SANDBOX' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# lint-imports checks the layers in pyproject.toml ([tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy .

# Extracting strings needs GNU gettext (apt-get install gettext); compiling does not.
messages: install
	$(BIN)/python manage.py makemessages -l ar --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(BIN)/python manage.py compile_catalogue

compile-messages: install
	$(BIN)/python manage.py compile_catalogue

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache .import_linter_cache

bench-pages: install
	$(BIN)/python bench/page_weight.py

bench-search: install
	$(BIN)/python bench/search/run.py

bench-catalogue: install
	$(BIN)/python bench/catalogue/run.py

bench-notifications: install
	$(BIN)/python bench/notifications/run.py

bench-eservices: install
	$(BIN)/python bench/eservices/run.py

bench-complaints: install
	$(BIN)/python bench/complaints/run.py

bench-payments: install
	$(BIN)/python bench/payments/run.py

bench-payments-finance: install
	$(BIN)/python bench/payments/finance.py

bench-participation: install
	$(BIN)/python bench/participation/run.py
