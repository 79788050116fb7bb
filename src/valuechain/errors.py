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
    """Base class of every error raised on purpose by valuechain.

    Examples
    --------
    Catch every error valuechain raises on purpose:

    >>> from valuechain import lambda_star
    >>> try:
    ...     lambda_star(600, 500)
    ... except ValuechainError as exc:
    ...     print(type(exc).__name__)
    ValidationError
    """


class ValidationError(ValuechainError, ValueError):
    """Input that cannot be used: the message says what is wrong and what to do.

    Examples
    --------
    It is a :class:`ValueError` too, so generic handlers still catch it:

    >>> issubclass(ValidationError, ValueError)
    True
    """


class NotProductiveError(ValidationError):
    """``I - A`` is singular or the spectral radius of ``A`` is not below one.

    Examples
    --------
    >>> from valuechain.iomath import check_productive
    >>> check_productive([[0.5, 0.9], [0.9, 0.5]])
    Traceback (most recent call last):
    ...
    valuechain.errors.NotProductiveError: A is not productive: its spectral radius is 1.4 >= 1, ...
    """


class ConvergenceError(ValidationError):
    """An iterative procedure (RAS, eigenvector iteration, ...) did not converge.

    Examples
    --------
    >>> issubclass(ConvergenceError, ValidationError)
    True
    """


class DataNotFoundError(ValidationError, FileNotFoundError):
    """A file, sheet, column or data folder that was asked for is not there.

    Examples
    --------
    It is also a :class:`FileNotFoundError`:

    >>> from valuechain.datasets import data_folder
    >>> try:
    ...     data_folder("no_such_dataset", "/nonexistent")
    ... except FileNotFoundError as exc:
    ...     print(type(exc).__name__)
    DataNotFoundError
    """


class ValuechainWarning(UserWarning):
    """Base class of valuechain's warnings.

    Examples
    --------
    Silence every valuechain warning:

    >>> import warnings
    >>> warnings.simplefilter("ignore", ValuechainWarning)
    >>> warnings.resetwarnings()
    """


class ZeroOutputWarning(ValuechainWarning):
    """A sector with zero total output (its coefficients are set to zero).

    Examples
    --------
    >>> import warnings
    >>> from valuechain import IOTable
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = IOTable.from_frames([[0, 0], [0, 100]], Y=[[0], [100]], V=[[0, 100]], industries=["a", "b"])
    >>> any(issubclass(w.category, ZeroOutputWarning) for w in caught)
    True
    """


class BalanceWarning(ValuechainWarning):
    """A table whose rows and columns balance only within a loose tolerance.

    Examples
    --------
    >>> import warnings
    >>> from valuechain import IOTable
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1600]], V=[[650, 1400]],
    ...                             check_balance="warn")
    >>> [w.category.__name__ for w in caught]
    ['BalanceWarning']
    """


class SyntheticDataWarning(ValuechainWarning):
    """A result that rests on synthetic or estimated (not observed) data.

    Examples
    --------
    >>> import warnings
    >>> from valuechain.datasets import east_kazakhstan_employment
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = east_kazakhstan_employment()
    >>> any(issubclass(w.category, SyntheticDataWarning) for w in caught)
    True
    """
