"""The productivity check (valuechain.productivity): hand-worked spectral radii and bounds."""

from __future__ import annotations

import numpy as np
import pytest

from valuechain.errors import NotProductiveError, ValidationError
from valuechain.iomath import check_productive as iomath_check_productive, leontief_inverse
from valuechain.productivity import check_productive, spectral_radius

A = np.array([[0.2, 0.3], [0.1, 0.4]])


def test_iomath_re_exports_the_same_function():
    assert iomath_check_productive is check_productive


def test_productivity():
    # eigenvalues of A: 0.5 and 0.1 (trace 0.6, det 0.05)
    assert spectral_radius(A) == pytest.approx(0.5, rel=1e-12)
    with pytest.raises(NotProductiveError, match="not productive"):
        check_productive(np.array([[0.5, 0.6], [0.6, 0.5]]))  # radius 1.1
    with pytest.raises(ValidationError, match="must be square"):
        leontief_inverse(np.ones((2, 3)))


def test_productivity_power_test(monkeypatch):
    """Column sums above one but rho < 1: passed by the power test 1'A^k < 1' without eigenvalues
    (hand-worked: A = [[0, 1.5], [0.1, 0]] has column sums 0.1 and 1.5, A^2 = 0.15 I, rho = sqrt(0.15));
    rho > 1 with the same pattern ([[0, 2], [0.6, 0]], rho = sqrt(1.2)) still raises."""
    import valuechain.productivity as iom

    calls = []
    real = iom.spectral_radius
    monkeypatch.setattr(iom, "spectral_radius", lambda M: calls.append(1) or real(M))
    check_productive(np.array([[0.0, 1.5], [0.1, 0.0]]))
    assert calls == []  # decided by the power test
    with pytest.raises(NotProductiveError, match="1.095"):
        check_productive(np.array([[0.0, 2.0], [0.6, 0.0]]))
    assert calls == [1]  # the powers' column sums never fall below one: the eigenvalue decides
