"""The Lambda artefacts: reproducible, complete, free of bytecode, and checked against Lambda's limits."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tools.package_lambda import (
    MAX_UNZIPPED_WITH_LAYERS,
    MAX_ZIPPED_DIRECT_UPLOAD,
    ROOT,
    Artefact,
    PackageTooLargeError,
    check_limits,
    drop_shared,
    layer_requirements,
    package_files,
    write_zip,
)


def test_two_builds_of_the_code_zip_have_the_same_sha256_even_after_touching_files(tmp_path: Path) -> None:
    first = write_zip(package_files(ROOT), tmp_path / "a" / "lambda-code.zip")
    some_module = ROOT / "analysis" / "domain" / "money.py"
    stat = some_module.stat()
    os.utime(some_module, (stat.st_atime + 3600, stat.st_mtime + 3600))
    try:
        second = write_zip(package_files(ROOT), tmp_path / "b" / "lambda-code.zip")
    finally:
        os.utime(some_module, (stat.st_atime, stat.st_mtime))
    assert first.sha256 == second.sha256
    assert first.zipped == second.zipped


def test_code_zip_holds_our_packages_and_their_data_but_no_bytecode(tmp_path: Path) -> None:
    (ROOT / "analysis" / "__pycache__").mkdir(exist_ok=True)
    artefact = write_zip(package_files(ROOT), tmp_path / "lambda-code.zip")
    names = zipfile.ZipFile(artefact.path).namelist()
    assert "analysis/domain/money.py" in names
    assert "analysis/catalog/services.csv" in names
    assert any(name.startswith("bot/i18n/en/") and name.endswith(".json") for name in names)
    assert not [name for name in names if name.endswith(".pyc") or "__pycache__" in name]
    assert not [name for name in names if name.split("/")[0] not in {"analysis", "bot", "consultant"}]
    assert names == sorted(names)


def test_zip_entries_carry_a_fixed_timestamp_and_normalised_modes(tmp_path: Path) -> None:
    source = tmp_path / "tree" / "pkg"
    source.mkdir(parents=True)
    (source / "a.py").write_text("x = 1\n")
    (source / "a.py").chmod(0o600)
    artefact = write_zip([("pkg/a.py", source / "a.py")], tmp_path / "out.zip")
    info = zipfile.ZipFile(artefact.path).getinfo("pkg/a.py")
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert (info.external_attr >> 16) & 0o777 == 0o644
    assert artefact.unzipped == len("x = 1\n")


def test_limits_reject_a_zip_over_the_direct_upload_size() -> None:
    big = Artefact(Path("lambda-layer.zip"), MAX_ZIPPED_DIRECT_UPLOAD + 1, MAX_ZIPPED_DIRECT_UPLOAD + 1, "0")
    with pytest.raises(PackageTooLargeError, match=r"50\.0 MB"):
        check_limits([big])


def test_limits_reject_code_and_layers_that_unzip_past_250_mb() -> None:
    code = Artefact(Path("lambda-code.zip"), 1_000, 1_000, "0")
    layers = [Artefact(Path(f"layer{i}.zip"), 40 * 2**20, MAX_UNZIPPED_WITH_LAYERS // 2, "0") for i in range(2)]
    with pytest.raises(PackageTooLargeError, match=r"250\.0 MB"):
        check_limits([code, *layers])
    check_limits([code, layers[0]])  # within limits: no error


def test_layers_come_from_pyproject_with_boto3_in_the_base_and_matplotlib_in_charts() -> None:
    runtime, charts = layer_requirements(ROOT / "pyproject.toml")
    assert any(req.startswith("boto3") for req in runtime)
    assert any(req.startswith("slack-bolt") for req in runtime)
    assert not any(req.startswith("matplotlib") for req in runtime)
    assert any(req.startswith("matplotlib") for req in charts)


def test_charts_layer_drops_what_the_base_layer_already_provides(tmp_path: Path) -> None:
    base, extra = tmp_path / "base", tmp_path / "extra"
    for folder in (base / "dateutil", base / "six-1.17.0.dist-info", extra / "dateutil",
                   extra / "six-1.16.0.dist-info", extra / "matplotlib"):
        folder.mkdir(parents=True)
    (base / "six.py").write_text("")
    (extra / "six.py").write_text("")
    drop_shared(extra, base)
    assert sorted(path.name for path in extra.iterdir()) == ["matplotlib"]
