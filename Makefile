# Every target creates .venv and installs what it needs; nothing has to be installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo dashboard-screenshot test lint typecheck imports unit bench clean help schema package infra-check asl-check

help:  ## list targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## answer `/finops costs last-30d` for the demo organisation (no AWS or Slack needed)
	$(BIN)/finops demo
	@echo "Demo dashboard and digest email preview:"
	@$(BIN)/finops digest preview --out out

dashboard-screenshot: $(STAMP)  ## out/dashboard.png: the demo dashboard in headless Chromium (apt-installs it as root)
	$(BIN)/finops dashboard last-30d --out out/dashboard.html
	FINOPS_INSTALL_CHROMIUM=$${FINOPS_INSTALL_CHROMIUM-1} $(BIN)/python -m tests.fakes.chromium out/dashboard.html out/dashboard.png

test: lint typecheck imports asl-check unit infra-check  ## everything CI runs

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy analysis bot consultant

imports: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest -n auto --dist loadgroup --ignore=tests/bench tests

# The state machine, with its Terraform placeholders filled by example ARNs, through asl-validator (npm).
# Without node/npm on the machine it says so and skips; the pytest test skips with the same reason.
asl-check: $(STAMP)  ## validate analysis/statemachine/pipeline.asl.json with asl-validator
	@if ! command -v npm >/dev/null 2>&1; then echo "asl-check skipped: node/npm are not installed"; exit 0; fi; \
	test node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund --loglevel=error; \
	mkdir -p build && $(BIN)/python -m analysis.statemachine > build/pipeline.asl.json && \
	node_modules/.bin/asl-validator --json-path build/pipeline.asl.json

bench: $(STAMP)  ## speed, memory and request-count targets, printed side by side
	$(BIN)/pytest -p no:xdist -s -q tests/bench

# --- deploy (issue 7): Lambda artefacts and offline infrastructure checks ---
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed

$(CHECKOV_STAMP): tools/checkov-requirements.txt
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet -r tools/checkov-requirements.txt
	touch $(CHECKOV_STAMP)

package: $(STAMP)  ## build/lambda-code.zip + dependency layers for Lambda (arm64), reproducible; prints sizes
	$(BIN)/python -m tools.package_lambda

infra-check: $(STAMP) $(CHECKOV_STAMP)  ## terraform fmt + validate (offline), checkov, asl-validator
	PYTHON=$(BIN)/python tools/infra_check.sh

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) node_modules .finops out build *.egg-info .mypy_cache .ruff_cache .hypothesis

schema: $(STAMP)  ## regenerate docs/report.schema.json from the report document model
	$(BIN)/python -c "import json; from analysis.domain.report_json import json_schema; print(json.dumps(json_schema(), indent=2, sort_keys=True))" > docs/report.schema.json
