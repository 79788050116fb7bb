r"""One validation for the containers (:class:`~valuechain.tables.IOTable`,
:class:`~valuechain.tables.trade.TradeFlows`, the inter-country table): balance, labels,
flags, with one tolerance convention.

The tolerance convention
------------------------
A balance gap :math:`g_i` (row: :math:`\sum_j z_{ij} + \sum_k y_{ik} - x_i`; column:
:math:`\sum_i z_{ij} + \sum_k v_{kj} - x_j`) is accepted when

.. math:: |g_i| \le \mathrm{rtol} \cdot s_i + 10^{-9}, \qquad
          s_i = \max\bigl(|x_i|,\; 10^{-12} + 0.01\,\overline{|x|}\bigr)

i.e. relative to the industry's own output, but never to less than 1 % of the mean output
(rounding in published tables leaves small absolute gaps at near-zero rows). ``rtol``
defaults to :data:`RTOL` (``1e-6``) everywhere a container is built; ``mode`` is
``"raise"`` (a :class:`~valuechain.errors.ValidationError`), ``"warn"`` (a
:class:`~valuechain.errors.BalanceWarning`) or ``"ignore"``.

Labels are strings and unique (:func:`check_unique_labels`); flags are a tuple of
non-empty strings, in order, without repeats (:func:`as_flags`).

Examples
--------
>>> import numpy as np
>>> x = np.array([100.0, 50.0])
>>> balance_messages(np.array([0.0, 1e-3]), x, labels=["a", "b"], what="row", parts="Z+Y")
['row b: Z+Y sums to 50.001 but x = 50, a gap of 0.001 (0.00%)']
>>> balance_messages(np.array([0.0, 1e-5]), x, labels=["a", "b"], what="row", parts="Z+Y")
[]
>>> as_flags(["synthetic", "synthetic", "estimated by RAS"])
('synthetic', 'estimated by RAS')
"""

from __future__ import annotations

import warnings
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import BalanceWarning, ValidationError

__all__ = ["RTOL", "MODES", "balance_scale", "balance_messages", "enforce_balance", "check_mode",
           "duplicate_labels", "check_unique_labels", "as_flags"]

#: default relative tolerance of every container's balance check
RTOL = 1e-6
#: what a failed balance check does
MODES = ("raise", "warn", "ignore")


def check_mode(mode: str) -> str:
    """``mode`` if it is one of :data:`MODES`, else a :class:`ValidationError`.

    Parameters
    ----------
    mode : str
        The requested mode.

    Returns
    -------
    str
        ``mode`` unchanged.

    Raises
    ------
    ValidationError
        If ``mode`` is not one of :data:`MODES`.

    Examples
    --------
    >>> check_mode("warn")
    'warn'
    """
    if mode not in MODES:
        raise ValidationError(f"check_balance={mode!r}; use 'raise', 'warn' or 'ignore'")
    return mode


def balance_scale(x: np.ndarray) -> np.ndarray:
    r"""The scale :math:`s_i = \max(|x_i|, 10^{-12} + 0.01\,\overline{|x|})` of each gap.

    Parameters
    ----------
    x : ndarray (n,)
        Total output by industry.

    Returns
    -------
    ndarray (n,)
        The scale of each industry's balance gap (table unit).

    Examples
    --------
    A zero-output industry gets 1 % of mean output (here 1000):

    >>> balance_scale(np.array([1000.0, 0.0, 2000.0]))
    array([1000.,   10., 2000.])
    """
    ax = np.abs(np.asarray(x, dtype=float))
    return np.maximum(ax, 1e-12 + ax.mean() * 1e-2) if ax.size else ax


def balance_messages(gap: np.ndarray, x: np.ndarray, *, labels: Sequence, what: str, parts: str,
                     rtol: float = RTOL, scale: np.ndarray | None = None) -> list[str]:
    """One message naming the worst of the gaps beyond the tolerance (and how many more), or ``[]``.

    Parameters
    ----------
    gap : ndarray (n,)
        Row or column sums minus ``x``.
    x : ndarray (n,)
        Total output.
    labels : sequence
        Industry labels.
    what : str
        ``"row"`` or ``"column"`` (named in the message).
    parts : str
        What was summed, e.g. ``"Z 1 + Y 1"``.
    rtol : float, default 1e-6
        Relative tolerance of the gap against the scale.
    scale : ndarray (n,), optional
        The scale of each gap (default :func:`balance_scale` of ``x``).

    Returns
    -------
    list of str
        One message, or ``[]`` when every gap is within the tolerance.

    Examples
    --------
    >>> balance_messages(np.array([0.0, 5.0]), np.array([1000.0, 2000.0]),
    ...                  labels=["agri", "manu"], what="row", parts="Z 1 + Y 1")
    ['row manu: Z 1 + Y 1 sums to 2005 but x = 2000, a gap of 5 (0.25%)']
    """
    gap = np.asarray(gap, dtype=float)
    x = np.asarray(x, dtype=float)
    s = balance_scale(x) if scale is None else scale
    bad = np.abs(gap) > rtol * s + 1e-9
    if not bad.any():
        return []
    k = int(np.argmax(np.abs(gap) / s))
    more = f" and {int(bad.sum()) - 1} more {what}s" if bad.sum() > 1 else ""
    return [f"{what} {labels[k]}: {parts} sums to {x[k] + gap[k]:.10g} but x = {x[k]:.10g}, "
            f"a gap of {gap[k]:.4g} ({abs(gap[k]) / s[k]:.2%}){more}"]


def enforce_balance(messages: list[str], *, rtol: float, mode: str, hint: str = "fix the table or pass a larger tolerance",
                    stacklevel: int = 4) -> None:
    """Raise (``mode="raise"``) or warn (``"warn"``) with the balance ``messages``; nothing when empty or ``"ignore"``.

    Parameters
    ----------
    messages : list of str
        From :func:`balance_messages`.
    rtol : float
        The tolerance used (named in the message).
    mode : {"raise", "warn", "ignore"}
        What to do with a non-empty ``messages``.
    hint : str
        How to fix it, appended to the message.
    stacklevel : int, default 4
        Stack level of the warning.

    Raises
    ------
    ValidationError
        With ``mode="raise"`` and a non-empty ``messages``.

    Warns
    -----
    BalanceWarning
        With ``mode="warn"`` and a non-empty ``messages``.

    Examples
    --------
    >>> enforce_balance([], rtol=1e-6, mode="raise")      # nothing to report
    >>> enforce_balance(["row agri is off"], rtol=1e-6, mode="raise")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: table does not balance (row agri is off) beyond rtol=1e-06; fix the table or pass a larger tolerance
    """
    if not messages or check_mode(mode) == "ignore":
        return
    text = "table does not balance (" + "; ".join(messages) + f") beyond rtol={rtol:g}; {hint}"
    if mode == "raise":
        raise ValidationError(text)
    warnings.warn(text, BalanceWarning, stacklevel=stacklevel)


def duplicate_labels(labels: Iterable) -> list[str]:
    """The labels that occur more than once, sorted.

    Parameters
    ----------
    labels : iterable
        Labels (compared as strings).

    Returns
    -------
    list of str
        The repeated labels, sorted.

    Examples
    --------
    >>> duplicate_labels(["a", "b", "a"])
    ['a']
    """
    idx = labels if isinstance(labels, pd.Index) else pd.Index(list(labels))
    return sorted(set(idx[idx.duplicated()]))


def check_unique_labels(labels: Iterable, what: str) -> None:
    """A :class:`ValidationError` naming up to ten repeated labels of ``what``.

    Parameters
    ----------
    labels : iterable
        Labels to check.
    what : str
        What they label (named in the message).

    Raises
    ------
    ValidationError
        If a label occurs more than once.

    Examples
    --------
    >>> check_unique_labels(["a", "b"], "industries")
    >>> check_unique_labels(["a", "b", "a"], "industries")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: ...
    """
    d = duplicate_labels(labels)
    if d:
        raise ValidationError(f"duplicate {what}: {', '.join(map(str, d[:10]))}; make every label unique")


def as_flags(flags: Iterable[str] | str | None) -> tuple[str, ...]:
    """Provenance flags as a tuple of non-empty strings, in order, without repeats.

    A single string is one flag (not its characters); ``None`` is no flag.

    Parameters
    ----------
    flags : iterable of str, str or None
        Provenance flags.

    Returns
    -------
    tuple of str
        Non-empty flags, in order, without repeats.

    Examples
    --------
    >>> as_flags("synthetic"), as_flags(["a", "a", "", "b"]), as_flags(None)
    (('synthetic',), ('a', 'b'), ())
    """
    if flags is None:
        return ()
    if isinstance(flags, str):
        flags = [flags]
    out: list[str] = []
    for f in flags:
        if not isinstance(f, str):
            raise ValidationError(f"a flag must be text, got {type(f).__name__}; write flags as strings such as 'synthetic'")
        f = f.strip()
        if f and f not in out:
            out.append(f)
    return tuple(out)
