"""One validation for the containers (valuechain.tables.validation): the tolerance
convention worked by hand, labels, flags, and IOTable / TradeFlows using it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import BalanceWarning, ValidationError
from valuechain.tables import IOTable
from valuechain.tables.trade import TradeFlows
from valuechain.tables.validation import (
    RTOL,
    as_flags,
    balance_messages,
    balance_scale,
    check_unique_labels,
    enforce_balance,
)


def test_scale_is_own_output_but_at_least_one_percent_of_the_mean():
    # x = (1000, 0, 2): mean 334; floor 3.34 (+1e-12) -> scales 1000, 3.34, 3.34
    np.testing.assert_allclose(balance_scale(np.array([1000.0, 0.0, 2.0])), [1000.0, 3.34, 3.34], rtol=1e-9)


def test_gap_accepted_up_to_rtol_times_scale_plus_1e_9():
    x = np.array([1000.0, 0.0, 2.0])
    # rtol 1e-6: limits 1e-3 + 1e-9 and 3.34e-6 + 1e-9
    assert balance_messages(np.array([9.9e-4, 3.3e-6, 0.0]), x, labels="abc", what="row", parts="Z+Y") == []
    msg = balance_messages(np.array([0.0, 3.4e-6, 3.5e-6]), x, labels="abc", what="row", parts="Z+Y")
    assert msg == ["row c: Z+Y sums to 2.0000035 but x = 2, a gap of 3.5e-06 (0.00%) and 1 more rows"]
    assert RTOL == 1e-6


def test_enforce_raises_warns_or_ignores():
    with pytest.raises(ValidationError, match=r"table does not balance \(m\) beyond rtol=1e-06; fix"):
        enforce_balance(["m"], rtol=1e-6, mode="raise")
    with pytest.warns(BalanceWarning):
        enforce_balance(["m"], rtol=1e-6, mode="warn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        enforce_balance(["m"], rtol=1e-6, mode="ignore")
        enforce_balance([], rtol=1e-6, mode="raise")
    with pytest.raises(ValidationError, match="use 'raise', 'warn' or 'ignore'"):
        enforce_balance(["m"], rtol=1e-6, mode="loud")


def test_labels_and_flags():
    with pytest.raises(ValidationError, match="duplicate industry labels: a; make every label unique"):
        check_unique_labels(["a", "b", "a"], "industry labels")
    assert as_flags(None) == () and as_flags("synthetic") == ("synthetic",)
    assert as_flags([" synthetic", "synthetic", "", "estimated by RAS"]) == ("synthetic", "estimated by RAS")
    with pytest.raises(ValidationError, match="a flag must be text"):
        as_flags([1])


def test_iotable_uses_the_convention():
    Z = np.array([[10.0, 20.0], [30.0, 40.0]])
    Y = np.array([[70.0], [30.0]])
    V = np.array([[60.0, 40.0]])
    x = np.array([100.0, 100.0])
    t = IOTable.from_frames(Z, Y, V, x, flags=["synthetic", "synthetic"])
    assert t.flags == ("synthetic",)
    Yb = Y + np.array([[0.0], [1e-3]])  # a gap of 1e-3 on x = 100: 1e-5 > rtol
    with pytest.raises(ValidationError, match="row 1: Z\\+Y sums to 100.001 but x = 100"):
        IOTable.from_frames(Z, Yb, V, x)
    IOTable.from_frames(Z, Yb, V, x, rtol=1e-4)  # within a looser tolerance
    with pytest.warns(BalanceWarning):
        IOTable.from_frames(Z, Yb, V, x, check_balance="warn")


def test_tradeflows_validate_and_flags():
    df = pd.DataFrame({"year": [2000, 2000], "exporter": ["KAZ", "KAZ"], "importer": ["CHN", "RUS"],
                       "product": ["270900", "270900"], "value": [5.0, -1.0], "quantity": [1.0, 1.0]})
    f = TradeFlows(table=df, synthetic=True)
    assert f.flags == ("synthetic",)
    with pytest.raises(ValidationError, match="negative value"):
        f.validate()
    ok = TradeFlows(table=df.assign(value=[5.0, 1.0])).validate()
    assert isinstance(ok, TradeFlows) and ok.flags == ()
