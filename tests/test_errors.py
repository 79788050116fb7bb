"""The exception and warning classes: one base each, ValueError for bad values."""

from __future__ import annotations

import valuechain.errors as e


def test_hierarchy():
    assert issubclass(e.ValidationError, e.ValuechainError) and issubclass(e.ValidationError, ValueError)
    for w in (e.BalanceWarning, e.SyntheticDataWarning, e.ZeroOutputWarning):
        assert issubclass(w, e.ValuechainWarning) and issubclass(w, Warning)
    for err in (e.NotProductiveError, e.ConvergenceError, e.DataNotFoundError):
        assert issubclass(err, e.ValuechainError)
    for name in e.__all__:
        assert isinstance(getattr(e, name), type)
