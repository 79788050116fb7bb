"""HHI and top shares worked by hand."""

from __future__ import annotations

import pytest

from valuechain.trade.concentration import hhi, top_share


def test_hhi_by_hand():
    # shares 0.5, 0.3, 0.2: H = 0.25 + 0.09 + 0.04 = 0.38; normalised (0.38 - 1/3) / (1 - 1/3) = 0.07
    assert hhi([50, 30, 20]) == pytest.approx(0.38)
    assert hhi([50, 30, 20], normalized=True) == pytest.approx(0.07)
    assert hhi([1, 1, 1, 1]) == pytest.approx(0.25)


def test_top_share():
    assert top_share([50, 30, 20], k=2) == pytest.approx(0.8)
    assert top_share([0, 0], k=1) != top_share([0, 0], k=1)  # nan when nothing is exported
