"""One result convention for every method family.

A result is a frozen dataclass that mixes in :class:`ResultMixin`. It has

- ``table``: a tidy :class:`pandas.DataFrame` (one row per industry, product, country …);
- ``flags``: a tuple of provenance flags ("synthetic", "estimated", …) carried from inputs;
- ``check()``: the accounting identities of the method as a DataFrame with one row per
  identity and the columns ``identity``, ``max_abs_error``, ``ok`` (more columns allowed);
- ``identities_hold()``: ``True`` when every row of ``check()`` is ``ok``;
- ``summary()``, ``__str__``, ``__repr__`` and ``_repr_html_`` written once, here.

A subclass writes only ``_summary_lines()`` (the text after the title line) and, where
the method has identities, ``_identity_rows()``. Fitters (estimated models) follow
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
"""

from __future__ import annotations

import html
from typing import ClassVar

import numpy as np
import pandas as pd

__all__ = ["ResultMixin", "identity_row", "IDENTITY_COLUMNS"]

IDENTITY_COLUMNS = ("identity", "max_abs_error", "rel_error", "ok")


def identity_row(identity: str, max_abs_error: float, *, scale: float = 1.0, rtol: float = 1e-8) -> dict:
    """One row of a ``check()`` table: ``rel_error = max_abs_error / scale`` and ``ok`` when it is ≤ ``rtol``."""
    err = float(max_abs_error)
    sc = float(scale) if scale and np.isfinite(scale) and scale > 0 else 1.0
    rel = err / sc
    return {"identity": identity, "max_abs_error": err, "rel_error": rel, "ok": bool(np.isfinite(rel) and rel <= rtol)}


class ResultMixin:
    """``summary`` / ``__str__`` / ``__repr__`` / ``_repr_html_`` / ``check`` / ``identities_hold``, once."""

    title: ClassVar[str] = ""

    # -- to override -------------------------------------------------------------------
    def _summary_lines(self) -> list[str]:
        return []

    def _identity_rows(self) -> list[dict]:
        return []

    # -- the convention ----------------------------------------------------------------
    def check(self) -> pd.DataFrame:
        """The method's accounting identities: one row per identity (``identity``, ``max_abs_error``, ``rel_error``, ``ok``)."""
        rows = self._identity_rows()
        return pd.DataFrame(rows, columns=list(rows[0].keys()) if rows else list(IDENTITY_COLUMNS))

    def identities_hold(self) -> bool:
        """``True`` when every identity of :meth:`check` holds (an empty check holds)."""
        chk = self.check()
        return bool(chk["ok"].all()) if len(chk) else True

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
        flags = tuple(getattr(self, "flags", ()) or ())
        f = f", flags={list(flags)}" if flags else ""
        size = self._size()
        return f"{type(self).__name__}({size}{f})"

    def _repr_html_(self) -> str:
        head = "<br>".join(html.escape(line) for line in self.summary().splitlines())
        t = getattr(self, "table", None)
        body = t.head(50).to_html(index=False, float_format=lambda v: f"{v:,.4f}") if isinstance(t, pd.DataFrame) else ""
        return f"<div><p>{head}</p>{body}</div>"
