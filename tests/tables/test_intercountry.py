"""``InterCountryTable.from_frames`` takes its arguments in ``IOTable.from_frames`` order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.tables.intercountry import InterCountryTable

IDX = ["H|a", "H|b", "F|a", "F|b"]
# hand-made balanced 2x2 table: x = Z 1 + Y 1 = V' 1 + Z' 1
Z = pd.DataFrame([[10, 5, 3, 2], [4, 8, 1, 2], [2, 1, 9, 6], [1, 3, 5, 7]], index=IDX, columns=IDX, dtype=float)
Y = pd.DataFrame([[30, 10], [20, 15], [5, 40], [10, 25]], index=IDX, columns=["H", "F"], dtype=float)
X = Z.sum(axis=1) + Y.sum(axis=1)
V = pd.DataFrame([X - Z.sum(axis=0)], index=["va"])


def test_iotable_order_builds_the_table():
    t = InterCountryTable.from_frames(Z, Y, V, X)
    assert np.allclose(t.x.to_numpy(), [60, 50, 63, 51])
    assert np.allclose(t.V.to_numpy().ravel(), [43, 33, 45, 34])


def test_old_order_still_works_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="order is \\(Z, Y, V, x\\)"):
        t = InterCountryTable.from_frames(Z, Y, X, V)
    assert np.allclose(t.x.to_numpy(), [60, 50, 63, 51])
    assert np.allclose(t.V.to_numpy().ravel(), [43, 33, 45, 34])
    with pytest.warns(DeprecationWarning):
        InterCountryTable.from_frames(Z, Y, X)


def test_wrong_kinds_are_validation_errors_not_attribute_errors():
    with pytest.raises(ValidationError, match="V is a"):
        InterCountryTable.from_frames(Z, Y, V=[[1.0, 2.0]], x=X)
    with pytest.raises(ValidationError, match="two-dimensional"):
        InterCountryTable.from_frames(Z, Y, V=V, x=V)
