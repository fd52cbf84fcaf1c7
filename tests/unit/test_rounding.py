from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from analysis.domain.rounding import round_preserving_total

amounts = st.decimals(min_value=Decimal("-5000"), max_value=Decimal("100000"), places=6, allow_nan=False,
                      allow_infinity=False)


def test_small_parts_still_add_up_to_the_total():
    parts = [Decimal("0.004")] * 10
    rounded = round_preserving_total(parts)
    assert sum(rounded) == Decimal("0.04")
    assert all(p in (Decimal("0.00"), Decimal("0.01")) for p in rounded)


@given(st.lists(amounts, min_size=1, max_size=60))
def test_rounded_parts_sum_to_the_rounded_total(values):
    rounded = round_preserving_total(values)
    assert sum(rounded) == sum(values).quantize(Decimal("0.01"))
    # no part moves by a cent or more from its exact value
    assert all(abs(r - v) < Decimal("0.01") for r, v in zip(rounded, values, strict=True))
