"""Exceptions and warnings raised by valuechain.

Every error a user can cause with bad input is a :class:`ValidationError` (a
``ValueError``) whose message is one line: what was found and how to fix it. The CLI
prints that line and exits with code 2.
"""

from __future__ import annotations

__all__ = [
    "ValuechainError",
    "ValidationError",
    "NotProductiveError",
    "ConvergenceError",
    "DataNotFoundError",
    "ValuechainWarning",
    "ZeroOutputWarning",
    "SyntheticDataWarning",
    "BalanceWarning",
]


class ValuechainError(Exception):
    """Base class of every error raised on purpose by valuechain."""


class ValidationError(ValuechainError, ValueError):
    """Input that cannot be used: the message says what is wrong and what to do."""


class NotProductiveError(ValidationError):
    """``I - A`` is singular or the spectral radius of ``A`` is not below one."""


class ConvergenceError(ValidationError):
    """An iterative procedure (RAS, eigenvector iteration, ...) did not converge."""


class DataNotFoundError(ValidationError, FileNotFoundError):
    """A file, sheet, column or data folder that was asked for is not there."""


class ValuechainWarning(UserWarning):
    """Base class of valuechain's warnings."""


class ZeroOutputWarning(ValuechainWarning):
    """A sector with zero total output (its coefficients are set to zero)."""


class BalanceWarning(ValuechainWarning):
    """A table whose rows and columns balance only within a loose tolerance."""


class SyntheticDataWarning(ValuechainWarning):
    """A result that rests on synthetic or estimated (not observed) data."""
