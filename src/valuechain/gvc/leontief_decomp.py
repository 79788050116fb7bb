"""Leontief value-added origin of exports (Hummels-Ishii-Yi style), as decompr's ``leontief``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np
import pandas as pd

from ..errors import ValidationError
from .core import GVCResultMixin, system_of
from ..tables.intercountry import InterCountryTable  # annotations
from .core import GVCSystem  # annotations

__all__ = ["leontief_decomposition", "LeontiefDecomposition"]

_POSTS = ("exports", "output", "final_demand")


@dataclass(frozen=True, eq=False)
class LeontiefDecomposition(GVCResultMixin):
    """Value added of each source country-industry embodied in each using country-industry.

    Attributes
    ----------
    matrix : DataFrame
        Rows: source (country, industry); columns: using (country, industry) for
        ``post="exports"``/``"output"``, destination country for ``"final_demand"``.
    post : str
        What the value added is embodied in: ``"exports"``, ``"output"`` or ``"final_demand"``.
    totals : Series
        The exports, output or final demand of the using units (column sums of ``matrix``).
    flags : tuple of str
        Provenance flags of the table, repeated in every output.
    extra : mapping
        Further arrays of the method.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = leontief_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.post, r.matrix.shape
    ('exports', (6, 6))
    >>> r.at("sector").head(3).round(1)
      exporter industry source_country source_industry  FVAX
    0      C00      I00            C00             I00  67.9
    1      C00      I00            C00             I01  13.0
    2      C00      I00            C01             I00   2.0
    >>> r.identities_hold()
    True
    """

    matrix: pd.DataFrame
    post: str
    totals: pd.Series  # exports / output / final demand of the using units
    flags: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)

    def _long(self) -> pd.DataFrame:
        """Source-major long table (one row per source x user), decompr's order."""
        M = self.matrix
        n_src, n_use = M.shape
        src = M.index
        use = M.columns
        data = {
            "source_country": np.repeat(src.get_level_values(0).to_numpy(), n_use),
            "source_industry": np.repeat(src.get_level_values(1).to_numpy(), n_use),
        }
        if isinstance(use, pd.MultiIndex):
            data["exporter"] = np.tile(use.get_level_values(0).to_numpy(), n_src)
            data["industry"] = np.tile(use.get_level_values(1).to_numpy(), n_src)
        else:
            data["exporter"] = np.tile(use.to_numpy(), n_src)
        data["FVAX"] = M.to_numpy().ravel()
        return pd.DataFrame(data)

    def at(self, level: str = "sector") -> pd.DataFrame:
        """Long table with the using unit first.

        ``sector``: exporter, industry, source_country, source_industry, FVAX (for
        ``post="final_demand"`` the using unit is the destination country, no industry);
        ``country``: exporter, source_country, FVAX (summed over industries).
        """
        if level not in ("sector", "country"):
            raise ValidationError(f"level {level!r} is not available for the Leontief decomposition; use 'sector' or 'country'")
        long = self._long()
        if level == "country":
            return long.groupby(["exporter", "source_country"], sort=False, as_index=False)["FVAX"].sum()
        first = ["exporter", "industry"] if "industry" in long else ["exporter"]
        return long[first + ["source_country", "source_industry", "FVAX"]].sort_values(first, kind="stable").reset_index(drop=True)

    @property
    def table(self) -> pd.DataFrame:
        return self.at("sector")

    def decompr_long(self) -> pd.DataFrame:
        """The long table in decompr's row order (source-major) with decompr's column names."""
        long = self._long()
        ren = {"source_country": "Source_Country", "source_industry": "Source_Industry",
               "exporter": "Using_Country", "industry": "Using_Industry"}
        return long.rename(columns=ren)

    def check(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        """Column sums (value added from all sources) equal the post-multiplied totals (:math:`vB = 1'`)."""
        col = self.matrix.sum(axis=0).to_numpy()
        tot = self.totals.to_numpy()
        err = float(np.max(np.abs(col - tot)))
        scale = max(float(np.max(np.abs(tot))), 1e-300)
        return pd.DataFrame([{"identity": f"sum over sources = {self.post}", "level": "sector",
                              "max_abs_error": err, "rel_error": err / scale, "ok": err / scale <= rtol}])

    def _title(self) -> str:
        return f"Leontief decomposition (post={self.post})"

    def _size(self) -> str:
        return f"{self.matrix.shape[0]} sources x {self.matrix.shape[1]} users"


def leontief_decomposition(table: InterCountryTable | GVCSystem, *, post: str = "exports") -> LeontiefDecomposition:
    """Value-added origin of exports: :math:`\\hat{v} B \\hat{e}` (decompr's ``leontief``).

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    post : {"exports", "output", "final_demand"}
        What the value-added multipliers are post-multiplied by: gross exports (default, as
        decompr), output :math:`\\hat{v} B \\hat{x}`, or final demand by destination
        :math:`\\hat{v} B Y`.

    Returns
    -------
    LeontiefDecomposition
        ``.matrix``: rows source (country, industry), columns the using (country, industry)
        (``"exports"``, ``"output"``) or the destination country (``"final_demand"``), in
        the table's unit; ``.table``: the long form (``exporter, industry, source_country,
        source_industry, FVAX``), ``.at("country")`` its sums by source country;
        ``check()`` verifies that each column adds up to the exports (output, final demand).

    Raises
    ------
    ValidationError
        If ``post`` is unknown, or the table cannot carry value-added terms: one
        read with ``format="zx"`` (intermediate flows and output only) or one that keeps
        processing splits (use ``table.merge_splits()`` or ``decomposition(..., terms="standard")``).
    NotProductiveError
        If the global coefficient matrix :math:`A` is not productive (:math:`B = (I - A)^{-1}`
        undefined) or a domestic block :math:`I - A_{ss}` is singular.
    TypeError
        If ``table`` is neither an :class:`~valuechain.gvc.InterCountryTable` nor a
        :class:`~valuechain.gvc.core.GVCSystem`.

    Notes
    -----
    .. math:: VA_{(t,k),(s,j)} = v_{tk} \\, b_{tk,sj} \\, e_{sj}

    Column (s, j) is the value added from every source country-industry embodied in the
    exports of industry j of country s; its sum is :math:`e_{sj}` because :math:`vB = 1'`.
    The off-diagonal country blocks are Hummels, Ishii & Yi's (2001) vertical
    specialisation (foreign value added in exports).

    References
    ----------
    .. [1] Hummels, D., Ishii, J. and Yi, K.-M. (2001). The nature and growth of vertical
       specialization in world trade. *Journal of International Economics* 54(1), 75-96.

    .. [2] Quast, B. and Kummritz, V. (2015). decompr: Global value chain decomposition in
       R. CTEI Working Paper 2015-01, Graduate Institute, Geneva (function ``leontief``).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = leontief_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.table.head(3).round(2)
      exporter industry source_country source_industry   FVAX
    0      C00      I00            C00             I00  67.91
    1      C00      I00            C00             I01  13.02
    2      C00      I00            C01             I00   1.96
    >>> r.identities_hold()
    True
    """
    if post not in _POSTS:
        raise ValidationError(f"post={post!r} is unknown; use one of {', '.join(_POSTS)}")
    S = system_of(table)
    idx = pd.MultiIndex.from_product([S.countries, S.industries], names=["country", "industry"])
    vB = S.v[:, None] * S.B
    if post == "exports":
        tot = S.e.ravel()
        M = pd.DataFrame(vB * tot[None, :], index=idx, columns=idx)
    elif post == "output":
        tot = S.x
        M = pd.DataFrame(vB * tot[None, :], index=idx, columns=idx)
    else:
        M = pd.DataFrame(S.v[:, None] * S.BY, index=idx, columns=pd.Index(S.countries, name="destination"))
        tot = S.Y.sum(0)
    return LeontiefDecomposition(matrix=M, post=post, totals=pd.Series(tot, index=M.columns), flags=S.flags)
