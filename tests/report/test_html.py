"""Numbers in the HTML report (valuechain.report.html.format_number), worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.report.html import format_number


@pytest.mark.parametrize("value,dec,out", [
    (1234567.891, 2, "1,234,567.89"),
    (-1234.5, 0, "−1,234"),  # round half to even on .5 -> 1,234; the minus is U+2212
    (-0.0004, 2, "0.00"),  # no negative zero
    (0.125, 1, "0.1"),
    (np.float64(2.5), 1, "2.5"),
    (12345, 2, "12,345"),  # integers keep no decimals
    (np.int64(-7), 3, "-7"),  # integers keep the ASCII hyphen (only floats get U+2212)
    (float("nan"), 2, "–"),
    (None, 2, "–"),
    (float("inf"), 2, "∞"),
    (float("-inf"), 2, "−∞"),
    (True, 2, "yes"),
    (np.bool_(False), 2, "no"),
    ("</script>", 2, "</script>"),  # text is returned as is; the template escapes it
])
def test_format_number(value, dec, out):
    assert format_number(value, dec) == out
