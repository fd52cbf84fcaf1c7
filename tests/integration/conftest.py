"""Integration fixtures: one moto server per test module (module scope), reset by the tests that need it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.moto_server import MotoServer, moto_server


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with moto_server() as server:
        yield server
