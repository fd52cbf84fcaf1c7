"""The definition passes asl-validator (npm), with Terraform's placeholders filled by example ARNs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.statemachine import example_values, render

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "node_modules" / ".bin" / "asl-validator"


def validate(definition: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm are not installed: asl-validator cannot run here")
    if not VALIDATOR.exists():
        pytest.skip("asl-validator is not installed: `make asl-check` runs `npm ci` first")
    path = tmp_path / "pipeline.asl.json"
    path.write_text(definition, encoding="utf-8")
    return subprocess.run([str(VALIDATOR), "--json-path", str(path)], capture_output=True, text=True,
                          timeout=60, check=False)


def test_the_state_machine_passes_asl_validator(tmp_path: Path) -> None:
    result = validate(render(example_values()), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_asl_validator_does_reject_a_broken_definition(tmp_path: Path) -> None:
    broken = render(example_values()).replace('"Next": "Aggregator"', '"Next": "Aggregatr"')
    result = validate(broken, tmp_path)
    assert result.returncode != 0 and "Aggregatr" in result.stdout + result.stderr
