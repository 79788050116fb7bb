"""``InterCountryTable.from_frames`` takes its arguments in ``IOTable.from_frames`` order."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import BalanceWarning, ValidationError
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


# ---- the containers' shared validation (valuechain.tables.validation), issue 22
def test_balance_message_names_the_worst_gap_in_the_shared_format():
    x = X.copy()
    x.iloc[0] = 61.0  # row H|a: Z 1 + Y 1 = 20 + 40 = 60, a gap of -1 against 61 (1.64 %)
    with pytest.raises(ValidationError) as ei:
        InterCountryTable.from_frames(Z, Y, x=x)
    assert str(ei.value) == ("table does not balance (row H|a: Z+Y sums to 60 but x = 61, a gap of -1 (1.64%)) beyond "
                             "rtol=1e-06; fix the table, recompute x, or pass a larger rtol")
    with pytest.warns(BalanceWarning, match="row H|a"):
        InterCountryTable.from_frames(Z, Y, x=x, check_balance="warn")
    InterCountryTable.from_frames(Z, Y, x=x, rtol=0.02)  # 1.64 % < 2 %
    with pytest.raises(ValidationError, match=r"check_balance='loud'; use 'raise', 'warn' or 'ignore'"):
        InterCountryTable.from_frames(Z, Y, x=X, check_balance="loud")


def test_column_balance_and_the_count_of_further_gaps():
    v = V.copy()
    v.iloc[0, :2] += 1.0  # columns H|a and H|b: Z'1 + V'1 exceeds x by 1 (1/60 and 1/50: H|b is the worst)
    with pytest.raises(ValidationError, match=r"column H\|b: Z\+V sums to 51 but x = 50, a gap of 1 \(2\.00%\) and 1 more columns"):
        InterCountryTable.from_frames(Z, Y, v, X)


def test_tolerance_scale_is_never_below_one_percent_of_mean_output():
    # a zero-output row with a gap of 5e-5: 1 % of mean output (55) is 0.55, and 5e-5 < 1e-4 * 0.55 + 1e-9 (not < 1e-6 * 0.55 + 1e-9)
    idx = pd.MultiIndex.from_tuples([("H", "a"), ("H", "z"), ("F", "a"), ("F", "z")])
    z = pd.DataFrame(np.zeros((4, 4)), index=idx, columns=idx)
    y = pd.DataFrame([[60.0, 40.0], [5e-5, 0.0], [30.0, 90.0], [0.0, 0.0]], index=idx, columns=["H", "F"])
    with pytest.warns(Warning):  # zero output
        InterCountryTable.from_frames(z, y, x=[100.0, 0.0, 120.0, 0.0], rtol=1e-4)
    with pytest.raises(ValidationError, match=r"row H\|z: Z\+Y sums to 5e-05 but x = 0"):
        InterCountryTable.from_frames(z, y, x=[100.0, 0.0, 120.0, 0.0], rtol=1e-6)


def test_duplicate_labels_and_flags():
    z = Z.rename(index={"F|b": "F|a"}, columns={"F|b": "F|a"})
    with pytest.raises(ValidationError, match=r"duplicate row labels \(country\|industry\) in Z: F\|a; make every label unique"):
        InterCountryTable.from_frames(z, Y.rename(index={"F|b": "F|a"}), x=X.rename(index={"F|b": "F|a"}))
    t = InterCountryTable.from_frames(Z, Y, x=X, flags="synthetic")
    assert t.flags == ("synthetic",)  # one flag, not its characters
    assert InterCountryTable.from_frames(Z, Y, x=X, flags=["a", "a", " ", "b"]).flags == ("a", "b")


def test_copy_false_takes_the_array_over_and_copy_true_never_shares():
    t = InterCountryTable.from_frames(Z, Y, V, X)
    assert not np.shares_memory(t.Z.to_numpy(), Z.to_numpy())  # default: the caller's frame stays its own
    mine = Z.copy()
    t2 = InterCountryTable.from_frames(mine, Y, V, X, copy=False)
    assert np.shares_memory(t2.Z.to_numpy(), mine.to_numpy())  # handed over: no second copy
    assert list(mine.index) == IDX  # the caller's labels are not replaced by the table's
    assert np.array_equal(t2.Z.to_numpy(), t.Z.to_numpy()) and t2.Z.index.equals(t.Z.index)
    # a frame that is not all float64 is converted (a copy) whatever copy says
    t3 = InterCountryTable.from_frames(Z.astype(int), Y, V, X, copy=False)
    assert t3.Z.dtypes.eq(np.float64).all() and np.array_equal(t3.Z.to_numpy(), t.Z.to_numpy())
