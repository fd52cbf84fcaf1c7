"""Builds the Lambda artefacts: our code (one zip, six entry points) and two dependency layers.

`lambda-layer.zip` holds the runtime dependencies every function needs; `lambda-charts-layer.zip` holds the
charts extra (matplotlib, numpy, pillow, fonttools: ~100 MB unzipped) for the functions that draw, so each
zip stays under Lambda's 50 MB direct-upload limit and the bot's layer stays small for its cold start.
boto3/botocore are bundled rather than taken from the runtime: the runtime's copy lags and changes without
notice, and the state store relies on S3 conditional writes (IfNoneMatch), newer than some runtime copies.

Reproducible: entries sorted, timestamps fixed, permissions normalised, no bytecode, no build-machine
paths; two builds of the same tree and the same wheels give the same sha256 (tests/unit check the code zip).

    python -m tools.package_lambda [--out build] [--skip-layers]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_PACKAGES = ("analysis", "bot", "consultant")
# Must match terraform/lambda.tf: runtime python3.11 on arm64 (Amazon Linux 2, glibc 2.26 → manylinux2014).
PLATFORM = "manylinux2014_aarch64"
PYTHON_VERSION = "3.11"
CHARTS_EXTRA = "charts"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
SKIPPED_PARTS = {"__pycache__", "tests", "bin"}
SKIPPED_SUFFIXES = (".pyc", ".pyo")

# AWS Lambda limits (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html)
MAX_ZIPPED_DIRECT_UPLOAD = 50 * 1024 * 1024
MAX_UNZIPPED_WITH_LAYERS = 250 * 1024 * 1024


class PackageTooLargeError(RuntimeError):
    """An artefact exceeds a Lambda deployment limit."""


@dataclass(frozen=True)
class Artefact:
    path: Path
    zipped: int
    unzipped: int
    sha256: str

    def describe(self) -> str:
        return (f"{self.path.name}: {_mb(self.zipped)} zipped, {_mb(self.unzipped)} unzipped, "
                f"sha256 {self.sha256}")


def package_files(root: Path, packages: Iterable[str] = CODE_PACKAGES) -> Iterator[tuple[str, Path]]:
    """(name in the zip, file) for every file of our packages: code and package data, no bytecode."""
    for package in packages:
        for path in (root / package).rglob("*"):
            if path.is_file() and _wanted(path.relative_to(root)):
                yield path.relative_to(root).as_posix(), path


def tree_files(tree: Path, prefix: str) -> Iterator[tuple[str, Path]]:
    for path in tree.rglob("*"):
        if path.is_file() and _wanted(path.relative_to(tree)):
            yield f"{prefix}/{path.relative_to(tree).as_posix()}", path


def write_zip(entries: Iterable[tuple[str, Path]], target: Path) -> Artefact:
    """Deterministic zip: sorted names, fixed time, 0644/0755 modes, fixed compression level."""
    target.parent.mkdir(parents=True, exist_ok=True)
    unzipped = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            mode = 0o755 if path.stat().st_mode & 0o111 else 0o644
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever machine builds it
            data = path.read_bytes()
            unzipped += len(data)
            archive.writestr(info, data, compresslevel=9)
    return Artefact(target, target.stat().st_size, unzipped, _sha256(target))


def layer_requirements(pyproject: Path) -> tuple[list[str], list[str]]:
    """(runtime dependencies, charts extra) from pyproject.toml: the single list of what we depend on."""
    project = tomllib.loads(pyproject.read_text())["project"]
    return sorted(project["dependencies"]), sorted(project["optional-dependencies"][CHARTS_EXTRA])


def drop_shared(tree: Path, base: Path) -> None:
    """Remove from `tree` what `base` already provides: both layers end up on the same sys.path."""
    provided = {path.name for path in base.iterdir()}
    provided |= {_project_of(name) for name in provided if name.endswith(".dist-info")}
    for path in tree.iterdir():
        if path.name in provided or (path.name.endswith(".dist-info") and _project_of(path.name) in provided):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def install_layer_tree(requirements: list[str], tree: Path, constraints: Path | None = None) -> None:
    """Linux wheels for the Lambda runtime, whatever machine builds: pip's --platform with binaries only."""
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile", "--target", str(tree),
               "--platform", PLATFORM, "--implementation", "cp", "--python-version", PYTHON_VERSION,
               "--only-binary=:all:", *requirements]
    if constraints is not None:
        command += ["--constraint", str(constraints)]
    subprocess.run(command, check=True)


def pin_installed(tree: Path, target: Path) -> Path:
    """A constraints file pinning what `tree` holds, so the charts layer agrees with the base layer."""
    pins = []
    for metadata in sorted(tree.glob("*.dist-info/METADATA")):
        fields = dict(line.split(": ", 1) for line in metadata.read_text().splitlines()[:10] if ": " in line)
        pins.append(f"{fields['Name']}=={fields['Version']}")
    target.write_text("\n".join(pins) + "\n")
    return target


def check_limits(artefacts: list[Artefact]) -> None:
    """Each zip within the direct-upload limit; the code with every layer within the unzipped limit."""
    for artefact in artefacts:
        if artefact.zipped > MAX_ZIPPED_DIRECT_UPLOAD:
            raise PackageTooLargeError(f"{artefact.path.name} is {_mb(artefact.zipped)} zipped; Lambda takes at "
                                       f"most {_mb(MAX_ZIPPED_DIRECT_UPLOAD)} by direct upload")
    total = sum(artefact.unzipped for artefact in artefacts)
    if total > MAX_UNZIPPED_WITH_LAYERS:
        raise PackageTooLargeError(f"function + layers unzip to {_mb(total)}; Lambda allows "
                                   f"{_mb(MAX_UNZIPPED_WITH_LAYERS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Lambda code zip and its dependency layers.")
    parser.add_argument("--out", type=Path, default=ROOT / "build", help="output folder (default: build/)")
    parser.add_argument("--skip-layers", action="store_true", help="only the code zip (no PyPI access needed)")
    args = parser.parse_args(argv)
    artefacts = [write_zip(package_files(ROOT), args.out / "lambda-code.zip")]
    if not args.skip_layers:
        runtime, charts = layer_requirements(ROOT / "pyproject.toml")
        base, extra = args.out / "layer-tree", args.out / "charts-layer-tree"
        install_layer_tree(runtime, base)
        install_layer_tree(charts, extra, pin_installed(base, args.out / "layer-constraints.txt"))
        drop_shared(extra, base)
        artefacts.append(write_zip(tree_files(base, "python"), args.out / "lambda-layer.zip"))
        artefacts.append(write_zip(tree_files(extra, "python"), args.out / "lambda-charts-layer.zip"))
    for artefact in artefacts:
        print(artefact.describe())
    total = sum(artefact.unzipped for artefact in artefacts)
    print(f"code + both layers unzipped: {_mb(total)} of {_mb(MAX_UNZIPPED_WITH_LAYERS)} allowed; largest zip "
          f"{_mb(max(a.zipped for a in artefacts))} of {_mb(MAX_ZIPPED_DIRECT_UPLOAD)} (direct upload)")
    try:
        check_limits(artefacts)
    except PackageTooLargeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _wanted(relative: Path) -> bool:
    return not (set(relative.parts) & SKIPPED_PARTS) and not relative.name.endswith(SKIPPED_SUFFIXES)


def _project_of(dist_info: str) -> str:
    """`matplotlib-3.9.2.dist-info` → `matplotlib` (the import name, for the common case)."""
    return dist_info.split("-")[0].lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


if __name__ == "__main__":
    raise SystemExit(main())
