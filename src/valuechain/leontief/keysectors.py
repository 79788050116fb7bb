"""Key-sector classification from any backward/forward linkage pair.

Each industry falls in one quadrant of the (backward, forward) plane, with both measures
normalised to mean 1 (Rasmussen's indices already are):

=========== ====================== ====================
class        backward > 1           backward <= 1
=========== ====================== ====================
forward > 1  ``key``                ``forward`` (oriented)
forward <= 1 ``backward`` (oriented) ``weak``
=========== ====================== ====================

Optionally a linkage counts as strong only if it is also spread evenly, i.e. its
coefficient of variation (Hazari 1970) is "relatively low": below a threshold, or below
the median CV (``cv_filter="median"``). Local-serving industries (e.g. retail, public
administration) can be left out with ``exclude``.

References
----------
Rasmussen (1956); Hirschman, A. O. (1958), *The Strategy of Economic Development*, Yale UP;
Hazari (1970); Miller & Blair (2009), sec. 12.2 (the four-way classification).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable
from .linkages import LINKAGE_METHODS, linkage_method

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = ["KeySectorResult", "key_sectors", "classify_quadrants", "KEY_CLASSES"]

#: the classes, in the order of the seed paper's tables
KEY_CLASSES = ("key", "backward", "forward", "weak")


def classify_quadrants(backward: ArrayLike, forward: ArrayLike, *, threshold: float = 1.0) -> np.ndarray:
    """Quadrant class of each (backward, forward) pair: key / backward / forward / weak.

    A measure is strong when it exceeds ``threshold`` (1, the average, for normalised
    measures).

    Parameters
    ----------
    backward, forward : array_like, shape (n,)
        Backward and forward linkage measures (normalised, mean 1, for the default threshold).
    threshold : float, default 1.0
        A measure above it is strong.

    Returns
    -------
    ndarray of str, shape (n,)
        ``"key"`` (both strong), ``"backward"``, ``"forward"`` or ``"weak"``.

    Examples
    --------
    >>> classify_quadrants([1.2, 1.2, 0.8, 0.8], [1.1, 0.9, 1.1, 0.9])
    array(['key', 'backward', 'forward', 'weak'], dtype='<U8')
    """
    b = np.asarray(backward, dtype=float)
    f = np.asarray(forward, dtype=float)
    if b.shape != f.shape:
        raise ValidationError(f"backward has {b.size} values and forward {f.size}; give one pair per industry")
    sb, sf = b > threshold, f > threshold
    return np.select([sb & sf, sb & ~sf, ~sb & sf], ["key", "backward", "forward"], default="weak")


@dataclass(frozen=True, eq=False)
class KeySectorResult(ResultMixin):
    """Key-sector classification (frozen). ``table`` has one row per industry.

    Attributes
    ----------
    table : DataFrame
        Columns ``sector``, ``<backward method>_backward``, ``<forward method>_forward``,
        the CV columns when a CV filter was used, ``backward_norm``, ``forward_norm``
        (the measures divided by their average), ``class``.
    backward_method, forward_method : str
    cv_filter : None, "median" or float
    excluded : tuple of str
        Industries left out of the classification (local-serving).
    source, flags : provenance repeated from the table (``flags`` non-empty for
        synthetic or estimated tables).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> from valuechain import key_sectors
    >>> r = key_sectors(t)
    >>> r.table[["sector", "class"]]
      sector class
    0   agri   key
    1   manu  weak
    """

    table: pd.DataFrame
    backward_method: str
    forward_method: str
    cv_filter: object = None
    excluded: tuple[str, ...] = ()
    source: str = ""
    flags: tuple[str, ...] = ()
    name: str = ""
    thresholds: dict = field(default_factory=dict)

    @property
    def backward_column(self) -> str:
        return f"{self.backward_method}_backward"

    @property
    def forward_column(self) -> str:
        return f"{self.forward_method}_forward"

    def sectors(self, cls: str) -> list[str]:
        """Industries in class ``cls`` (key, backward, forward or weak)."""
        if cls not in KEY_CLASSES:
            raise ValidationError(f"unknown class {cls!r}; use one of {', '.join(KEY_CLASSES)}")
        return list(self.table.loc[self.table["class"] == cls, "sector"])

    def counts(self) -> pd.Series:
        return self.table["class"].value_counts().reindex(list(KEY_CLASSES), fill_value=0)

    def _identity_rows(self) -> list[dict]:
        t = self.table
        bok = t["backward_cv_ok"].to_numpy(bool) if "backward_cv_ok" in t else np.ones(len(t), bool)
        fok = t["forward_cv_ok"].to_numpy(bool) if "forward_cv_ok" in t else np.ones(len(t), bool)
        cls = classify_quadrants(np.where(bok, t["backward_norm"], -np.inf), np.where(fok, t["forward_norm"], -np.inf))
        wrong = int((cls != t["class"].to_numpy()).sum())
        dupes = int(t["sector"].duplicated().sum())
        return [
            identity_row("class consistent with the normalised measures and the CV filter", wrong, scale=1.0, rtol=0.0),
            identity_row("one class per industry", dupes, scale=1.0, rtol=0.0),
        ]

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Identities: every industry has exactly one class, consistent with its normalised
        measures and the CV filter (``max_abs_error`` counts the industries that fail).

        Returns the identity table of :class:`~valuechain.results.ResultMixin` (before 0.2 a
        bool; that is now :meth:`identities_hold`)."""
        return ResultMixin.check(self, rtol=rtol)

    def _summary_lines(self) -> list[str]:
        c = self.counts()
        lines = [
            f"  backward = {self.backward_method}, forward = {self.forward_method}"
            + (f", CV filter = {self.cv_filter}" if self.cv_filter is not None else ""),
            "  " + ", ".join(f"{k}: {int(c[k])}" for k in KEY_CLASSES),
        ]
        for k in KEY_CLASSES[:3]:
            s = self.sectors(k)
            if s:
                lines.append(f"  {k}: " + ", ".join(s[:12]) + (" ..." if len(s) > 12 else ""))
        if self.excluded:
            lines.append("  excluded (local-serving): " + ", ".join(self.excluded))
        if self.source:
            lines.append(f"  source: {self.source}")
        return lines

    def _title(self) -> str:
        return f"Key sectors of {self.name or 'the table'}"


def _cv_ok(cv: np.ndarray, cv_filter) -> tuple[np.ndarray, float]:
    if cv_filter == "median":
        thr = float(np.nanmedian(cv))
    elif isinstance(cv_filter, (int, float)) and not isinstance(cv_filter, bool):
        thr = float(cv_filter)
        if not thr > 0:
            raise ValidationError(f"cv_filter={cv_filter!r}; give a positive CV threshold or 'median'")
    else:
        raise ValidationError(f"cv_filter={cv_filter!r}; use None, 'median' or a number")
    return cv <= thr, thr


def key_sectors(
    table: IOTable,
    *,
    backward: str = "rasmussen",
    forward: str | None = None,
    cv_filter: str | float | None=None,
    exclude: Sequence[str] = (),
) -> KeySectorResult:
    r"""Classify industries as key, backward-oriented, forward-oriented or weak.

    Parameters
    ----------
    table : IOTable
        The national input-output table.
    backward, forward : str
        Linkage methods (:data:`~valuechain.leontief.LINKAGE_METHODS`) giving the
        backward and the forward measure (``forward`` defaults to ``backward``). Each
        measure is divided by its average over all industries (before exclusion), so
        "strong" means above average; Rasmussen's and Hazari's indices already average 1.
    cv_filter : None, "median" or float
        Rasmussen only: a backward (forward) linkage counts as strong only when its
        coefficient of variation is at most the threshold (``"median"``: the median CV
        over the classified industries). Default: no filter.
    exclude : sequence of str
        Local-serving industries to leave out of the classification (they do not appear
        in the result).

    Returns
    -------
    KeySectorResult
        The classification; ``.table`` has one row per classified industry.

    Raises
    ------
    ValidationError
        If a method is unknown, ``cv_filter`` is used with another method than Rasmussen, or ``exclude`` names an unknown industry.

    Notes
    -----
    .. math::

        \text{class}_j = \begin{cases} \text{key} & \tilde b_j > 1,\ \tilde f_j > 1 \\
        \text{backward} & \tilde b_j > 1,\ \tilde f_j \le 1 \\
        \text{forward} & \tilde b_j \le 1,\ \tilde f_j > 1 \\
        \text{weak} & \text{otherwise} \end{cases}
        \qquad \tilde b_j = b_j / \bar b

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 12.2 (backward and forward linkages).
    .. [2] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*. Amsterdam: North-Holland.
    .. [3] Hazari, B. R. (1970). Empirical identification of key sectors in the Indian economy. *Review of Economics and Statistics* 52(3), 301-305. (the CV filter)

    Examples
    --------
    Rasmussen indices of Miller & Blair (2009) Table 2.3: agri 1.022 / 1.067 (both above 1:
    key), manu 0.978 / 0.933 (weak).

    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> key_sectors(t).table[["sector", "backward_norm", "forward_norm", "class"]].round(4)
      sector  backward_norm  forward_norm class
    0   agri         1.0222        1.0667   key
    1   manu         0.9778        0.9333  weak
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"key_sectors needs an IOTable, got {type(table).__name__}")
    bm = linkage_method(backward)
    fm = linkage_method(forward) if forward is not None else bm
    if cv_filter is not None and not (bm == "rasmussen" or fm == "rasmussen"):
        raise ValidationError("cv_filter needs Rasmussen indices (their CVs); use backward='rasmussen' or forward='rasmussen'")
    unknown = sorted(set(map(str, exclude)) - set(table.industries))
    if unknown:
        raise ValidationError(f"cannot exclude {unknown[:5]}: not industries of the table; use labels such as {list(table.industries[:3])}")
    lb = LINKAGE_METHODS[bm](table)
    lf = lb if fm == bm else LINKAGE_METHODS[fm](table)
    bcol, fcol = f"{bm}_backward", f"{fm}_forward"
    b = lb[bcol].to_numpy()
    f = lf[fcol].to_numpy()
    bmean, fmean = b.mean(), f.mean()
    if bmean == 0 or fmean == 0:
        raise ValidationError("a linkage measure averages zero over the industries; choose another method")
    df = pd.DataFrame({"sector": list(table.industries), bcol: b, fcol: f})
    keep = ~df["sector"].isin(list(map(str, exclude))).to_numpy()
    thresholds = {}
    b_ok = np.ones(len(df), dtype=bool)
    f_ok = np.ones(len(df), dtype=bool)
    if bm == "rasmussen":
        df["rasmussen_backward_cv"] = lb["rasmussen_backward_cv"].to_numpy()
    if fm == "rasmussen":
        df["rasmussen_forward_cv"] = lf["rasmussen_forward_cv"].to_numpy()
    if cv_filter is not None:
        if bm == "rasmussen":
            cv = df["rasmussen_backward_cv"].to_numpy()
            ok, thr = _cv_ok(cv[keep], cv_filter)
            b_ok[keep] = ok
            thresholds["backward_cv"] = thr
        if fm == "rasmussen":
            cv = df["rasmussen_forward_cv"].to_numpy()
            ok, thr = _cv_ok(cv[keep], cv_filter)
            f_ok[keep] = ok
            thresholds["forward_cv"] = thr
        df["backward_cv_ok"] = b_ok
        df["forward_cv_ok"] = f_ok
    df["backward_norm"] = b / bmean
    df["forward_norm"] = f / fmean
    df["class"] = classify_quadrants(np.where(b_ok, df["backward_norm"], -np.inf), np.where(f_ok, df["forward_norm"], -np.inf))
    df = df[keep].reset_index(drop=True)
    if table.flags:
        df["note"] = "; ".join(table.flags)
    return KeySectorResult(
        table=df,
        backward_method=bm,
        forward_method=fm,
        cv_filter=cv_filter,
        excluded=tuple(map(str, exclude)),
        source=table.source,
        flags=tuple(table.flags),
        name=table.name,
        thresholds=thresholds,
    )
