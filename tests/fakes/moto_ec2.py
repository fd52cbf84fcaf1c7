"""moto's EC2 backend loads its catalogue of public AMIs on first use, which costs seconds; the waste
tests run instances from made-up AMI ids (moto does not validate them) and do not need it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_default_amis() -> Iterator[None]:
    previous = os.environ.get("MOTO_EC2_LOAD_DEFAULT_AMIS")
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("MOTO_EC2_LOAD_DEFAULT_AMIS", None)
        else:
            os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = previous
