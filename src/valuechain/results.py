"""One result convention for every method family.

A result is a frozen dataclass that mixes in :class:`ResultMixin`. It has

- ``table``: a tidy :class:`pandas.DataFrame` (one row per industry, product, country …);
- ``flags``: a tuple of provenance flags ("synthetic", "estimated", …) carried from inputs;
- ``check(*, rtol=None)``: the accounting identities of the method as a DataFrame with one
  row per identity and the columns ``identity``, ``max_abs_error``, ``rel_error``, ``ok``
  (more columns allowed). Every result has this one signature: ``rtol`` keyword-only, the
  largest ``rel_error`` (``max_abs_error`` over the identity's scale) that is ``ok``;
  ``None`` keeps the method's own tolerance (documented on the method);
- ``identities_hold(*, rtol=None)``: ``True`` when every row of ``check()`` is ``ok``;
- ``summary()`` (the full text), ``__str__``, a short ``__repr__`` (at most 10 lines: the
  summary's first lines, then whether the identities hold) and a compact ``_repr_html_``
  (the summary and the first rows of ``table``) written once, here.

A subclass writes only ``_summary_lines()`` (the text after the title line) and, where
the method has identities, ``_identity_rows()``. A dataclass's generated ``repr`` (which
prints every table) is switched off for every subclass by :meth:`ResultMixin.__init_subclass__`
(``dataclass`` does not replace a ``__repr__`` the class already holds); a subclass must
not write its own. ``tests/test_architecture.py`` walks every result class and checks this. Fitters (estimated models) follow
scikit-learn / lifelines: options in ``__init__``, ``fit()`` returns ``self``, fitted
values end in ``_``, and ``result_`` holds a result of this convention.

Examples
--------
>>> from dataclasses import dataclass
>>> import pandas as pd
>>> @dataclass(frozen=True, eq=False)
... class Totals(ResultMixin):
...     table: pd.DataFrame
...     flags: tuple = ()
...     title = "Totals"
...     def _identity_rows(self):
...         gap = abs(self.table["a"].sum() - self.table["total"].iloc[0])
...         return [identity_row("a sums to total", gap, scale=1.0)]
>>> r = Totals(pd.DataFrame({"a": [1.0, 2.0], "total": [3.0, 3.0]}))
>>> r.identities_hold()
True
>>> print(r.summary().splitlines()[0])
Totals: 2 rows
>>> print(repr(r))
Totals: 2 rows
<Totals: identities hold>
>>> r.check(rtol=0.0)["ok"].tolist()
[True]
"""

from __future__ import annotations

import html
from typing import ClassVar

import numpy as np
import pandas as pd

__all__ = ["ResultMixin", "identity_row", "apply_rtol", "IDENTITY_COLUMNS", "REPR_LINES"]

IDENTITY_COLUMNS = ("identity", "max_abs_error", "rel_error", "ok")
#: at most this many lines in a result's ``repr``; each line at most ``_LINE`` characters
REPR_LINES = 10
_LINE = 160
_HTML_ROWS = 10


def identity_row(identity: str, max_abs_error: float, *, scale: float = 1.0, rtol: float = 1e-8) -> dict:
    """One row of a ``check()`` table: ``rel_error = max_abs_error / scale`` and ``ok`` when it is ≤ ``rtol``.

    Parameters
    ----------
    identity : str
        What is checked, in words (e.g. ``"Z 1 + Y 1 = x"``).
    max_abs_error : float
        The largest absolute gap, in the identity's unit.
    scale : float, default 1.0
        The identity's scale (e.g. total output); ``rel_error = max_abs_error / scale``.
    rtol : float, default 1e-8
        The largest relative error that is ``ok``.

    Returns
    -------
    dict
        ``identity``, ``max_abs_error``, ``rel_error``, ``ok``.

    Examples
    --------
    >>> identity_row("a sums to total", 1e-9, scale=10.0)
    {'identity': 'a sums to total', 'max_abs_error': 1e-09, 'rel_error': 1e-10, 'ok': True}
    """
    err = float(max_abs_error)
    sc = float(scale) if scale and np.isfinite(scale) and scale > 0 else 1.0
    rel = err / sc
    return {"identity": identity, "max_abs_error": err, "rel_error": rel, "ok": bool(np.isfinite(rel) and rel <= rtol)}


def apply_rtol(table: pd.DataFrame, rtol: float | None) -> pd.DataFrame:
    """``table`` (a ``check()`` table) with ``ok`` re-evaluated as ``rel_error <= rtol``;
    unchanged when ``rtol`` is None (each row keeps the tolerance it was built with).

    Parameters
    ----------
    table : DataFrame
        A ``check()`` table (with ``rel_error`` and ``ok``).
    rtol : float or None
        The tolerance to apply; ``None`` keeps each row's own.

    Returns
    -------
    DataFrame
        A copy with ``ok`` re-evaluated (or ``table`` itself when ``rtol`` is None).

    Examples
    --------
    >>> import pandas as pd
    >>> chk = pd.DataFrame([identity_row("x", 1e-3, scale=1.0)])
    >>> bool(chk.ok[0]), bool(apply_rtol(chk, 1e-2).ok[0])
    (False, True)
    """
    if rtol is None or not len(table):
        return table
    rel = pd.to_numeric(table["rel_error"], errors="coerce").to_numpy(dtype=float)
    return table.assign(ok=np.isfinite(rel) & (rel <= float(rtol)))


class ResultMixin:
    """The result convention, written once: ``summary`` / ``__str__`` / ``__repr__`` /
    ``_repr_html_`` / ``check`` / ``identities_hold``.

    A subclass (a frozen dataclass with ``table`` and ``flags``) writes only
    ``_summary_lines()`` and, where the method has identities, ``_identity_rows()``; see
    the module docstring.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> import pandas as pd
    >>> @dataclass(frozen=True, eq=False)
    ... class Sums(ResultMixin):
    ...     table: pd.DataFrame
    ...     flags: tuple = ()
    ...     title = "Sums"
    >>> r = Sums(pd.DataFrame({"a": [1.0]}))
    >>> r.identities_hold(), len(repr(r).splitlines()) <= 10
    (True, True)
    """

    title: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # the base's short repr, not the one @dataclass would generate (it prints every table):
        # dataclass leaves a __repr__ that the class already holds in its own namespace
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = ResultMixin.__repr__

    # -- to override -------------------------------------------------------------------
    def _summary_lines(self) -> list[str]:
        return []

    def _identity_rows(self) -> list[dict]:
        return []

    # -- the convention ----------------------------------------------------------------
    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """The method's accounting identities: one row per identity (``identity``,
        ``max_abs_error``, ``rel_error``, ``ok``); ``ok`` is ``rel_error <= rtol`` when
        ``rtol`` is given, else within the method's own tolerance."""
        rows = self._identity_rows()
        return apply_rtol(pd.DataFrame(rows, columns=list(rows[0].keys()) if rows else list(IDENTITY_COLUMNS)), rtol)

    def identities_hold(self, *, rtol: float | None = None) -> bool:
        """``True`` when every identity of :meth:`check` holds (an empty check holds)."""
        chk = self.check(rtol=rtol)
        return bool(chk["ok"].all()) if len(chk) else True

    def _identity_status(self) -> str:
        try:
            chk = self.check()
        except Exception as exc:  # a repr never fails
            return f"identities not checked ({type(exc).__name__})"
        if not len(chk):
            return "no accounting identity to check"
        bad = int((~chk["ok"].astype(bool)).sum())
        return "identities hold" if bad == 0 else f"{bad} of {len(chk)} identity rows FAIL (see .check())"

    def _title(self) -> str:
        return self.title or type(self).__name__

    def _size(self) -> str:
        t = getattr(self, "table", None)
        return f"{len(t)} rows" if isinstance(t, pd.DataFrame) else ""

    def summary(self) -> str:
        """A short text summary: title, size, flags, then the family's own lines."""
        size = self._size()
        lines = [f"{self._title()}: {size}" if size else self._title()]
        lines.extend(self._summary_lines())
        flags = tuple(getattr(self, "flags", ()) or ())
        if flags:
            lines.append("flags: " + "; ".join(flags))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        """At most :data:`REPR_LINES` lines: the summary's first lines, then whether the identities hold."""
        try:
            lines = self.summary().splitlines() or [type(self).__name__]
        except Exception as exc:  # a repr never fails
            lines = [f"{type(self).__name__} (summary failed: {type(exc).__name__})"]
        flags = [s for s in lines[1:] if s.startswith("flags: ")][:1]  # provenance always shows
        body = [s for s in lines if s not in flags]
        room = REPR_LINES - 1 - len(flags)
        if len(body) > room:
            body = body[: room - 1] + [f"... {len(body) - (room - 1)} more lines: print(result) or .summary()"]
        lines = [s if len(s) <= _LINE else s[: _LINE - 3] + "..." for s in body + flags]
        lines.append(f"<{type(self).__name__}: {self._identity_status()}>")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The summary's first lines and the first rows of ``table``."""
        lines = repr(self).splitlines()
        head = "<br>".join(html.escape(line) for line in lines)
        try:
            t = getattr(self, "table", None)
        except Exception:  # a repr never fails
            t = None
        body = ""
        if isinstance(t, pd.DataFrame):
            body = t.head(_HTML_ROWS).to_html(index=False, max_cols=12, float_format=lambda v: f"{v:,.4f}")
            if len(t) > _HTML_ROWS:
                body += f"<p>first {_HTML_ROWS} of {len(t)} rows (.table)</p>"
        return f"<div><p>{head}</p>{body}</div>"
