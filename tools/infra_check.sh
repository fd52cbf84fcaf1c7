#!/usr/bin/env bash
# Offline infrastructure checks: terraform fmt and validate (against a local provider mirror), checkov and
# asl-validator. A step whose tool is missing says so and is counted as skipped; nothing passes silently.
set -euo pipefail
cd "$(dirname "$0")/.."

TF_DIR=terraform
PLUGIN_DIR=${TF_PLUGIN_DIR:-/opt/tf-plugins}
CHECKOV=${CHECKOV:-.venv-checkov/bin/checkov}
ASL=analysis/statemachine/pipeline.asl.json
PYTHON=${PYTHON:-.venv/bin/python}
# a TF_CLI_CONFIG_FILE that points nowhere only makes terraform warn on every command
if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -f "$TF_CLI_CONFIG_FILE" ]]; then unset TF_CLI_CONFIG_FILE; fi
# our own data dir: never touches the .terraform of someone's real (backend-configured) init
export TF_DATA_DIR="$PWD/build/terraform-check" TF_IN_AUTOMATION=1
mkdir -p build

passed=() skipped=()
step() { printf '\n== infra-check: %s\n' "$1"; }
ok() { passed+=("$1"); echo "ok: $1"; }
skip() { skipped+=("$1"); echo "SKIPPED $1: $2"; }

step "terraform fmt"
if command -v terraform >/dev/null; then
  terraform -chdir="$TF_DIR" fmt -check -recursive -diff
  ok "terraform fmt"
else
  skip "terraform fmt" "no terraform binary on PATH (install Terraform >= 1.9 to run it)"
fi

step "terraform validate"
if ! command -v terraform >/dev/null; then
  skip "terraform validate" "no terraform binary on PATH"
elif [[ ! -d "$PLUGIN_DIR/registry.terraform.io/hashicorp/aws" ]]; then
  skip "terraform validate" "no AWS provider mirror at $PLUGIN_DIR (set TF_PLUGIN_DIR; this check never downloads)"
else
  for root in "$TF_DIR" "$TF_DIR/member-account"; do  # the stack, and the role each member account gets
    TF_DATA_DIR="$TF_DATA_DIR/$(basename "$root")" terraform -chdir="$root" init -backend=false -input=false \
      -plugin-dir="$PLUGIN_DIR" >/dev/null
    TF_DATA_DIR="$TF_DATA_DIR/$(basename "$root")" terraform -chdir="$root" validate -no-color
  done
  ok "terraform validate"
fi

step "terraform test"
if ! command -v terraform >/dev/null || [[ ! -d "$PLUGIN_DIR/registry.terraform.io/hashicorp/aws" ]]; then
  skip "terraform test" "needs the terraform binary and the provider mirror (see above)"
elif [[ ! -f "$ASL" ]]; then
  skip "terraform test" "$ASL does not exist yet (the stack's state machine is built from it)"
else
  # applies the stack to a mocked provider: every expression evaluated, nothing created, no credentials;
  # the Lambda zips only need to exist for filebase64sha256, so empty stand-ins do
  stand_ins="$PWD/build/terraform-test"
  mkdir -p "$stand_ins"
  touch "$stand_ins/lambda-code.zip" "$stand_ins/lambda-layer.zip" "$stand_ins/lambda-charts-layer.zip"
  TF_DATA_DIR="$TF_DATA_DIR/$TF_DIR" terraform -chdir="$TF_DIR" test -no-color -var "package_dir=$stand_ins" \
    -var "state_machine_definition=$PWD/$ASL"
  ok "terraform test"
fi

step "checkov"
if [[ -x "$CHECKOV" ]]; then
  # every skip in terraform/ is an inline #checkov:skip with its reason; 0 failed checks or this step fails
  # (terraform/tests holds .tftest.hcl files, not infrastructure; a parsing error fails the step)
  "$CHECKOV" --directory "$TF_DIR" --framework terraform --skip-download --compact --quiet \
    --skip-path "$TF_DIR/tests" | tee build/checkov.txt
  if grep -q "Parsing errors" build/checkov.txt; then echo "checkov could not parse every file" >&2; exit 1; fi
  ok "checkov"
else
  skip "checkov" "no $CHECKOV (make infra-check installs it into .venv-checkov)"
fi

step "asl-validator"
if [[ ! -f "$ASL" ]]; then
  skip "asl-validator" "$ASL does not exist yet"
elif ! command -v npm >/dev/null; then
  skip "asl-validator" "no npm on PATH (install Node.js to validate the state machine)"
elif grep -q '^asl-check:' Makefile; then
  make --no-print-directory asl-check
  ok "asl-validator"
else
  skip "asl-validator" "the Makefile has no asl-check target (it validates the rendered ASL with the pinned asl-validator)"
fi


printf '\ninfra-check: %d passed (%s), %d skipped%s\n' "${#passed[@]}" "${passed[*]:-}" "${#skipped[@]}" \
  "$( ((${#skipped[@]})) && printf ' (%s)' "${skipped[*]}" )"
