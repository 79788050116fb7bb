r"""Position in global value chains: upstreamness, downstreamness, propagation lengths.

Per country-industry (node):

=========================  ====================================================================
``upstreamness``           Antràs, Chor, Fally & Hillberry (2012): :math:`U = (I - \Delta)^{-1} 1`,
                           :math:`\Delta = \hat x^{-1} Z` (row sums of the Ghosh inverse; equal
                           to :math:`\hat x^{-1} L x`). Average number of stages to final use; >= 1.
``downstreamness``         Column sums of the Leontief inverse, :math:`D = 1' L` (Antràs & Chor
                           2018): average number of stages embodied in a unit of output; >= 1.
``apl_forward``            Dietzenbacher, Romero & Bosma (2005) average propagation length from the
                           node to all others, weighted by :math:`L - I`:
                           :math:`(L(L - I)1)_i / ((L - I)1)_i`.
``apl_backward``           ... from all others to the node: :math:`(1'(L - I)L)_j / (1'(L - I))_j`.
``foreign_input_share``    intermediate inputs from other economies / all intermediate inputs.
``gvc_length_forward``     Wang, Wei, Yu & Zhu (2017) production length of GVC activities,
``gvc_length_backward``    forward (value added of the node) and backward (final goods of the
                           node); tables with value added and final demand only; >= 2.
=========================  ====================================================================

Per country: output-weighted means of the above, the foreign input share, and (tables
with value added and final demand) the Koopman, Powers, Wang & Wei (2010) GVC position
index :math:`\ln(1 + IV/E) - \ln(1 + FV/E)`.

Only the intermediate block and output are needed for upstreamness, downstreamness,
APL and input shares, so they are exact for ``--format zx`` tables; one Leontief inverse
(:func:`valuechain.iomath.leontief_inverse`, or the cached global inverse of a full
table) serves all of them.

References
----------
Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012). Measuring the upstreamness of
production and trade flows. *American Economic Review* 102(3), 412-416, eq. (1)-(3).
Antràs, P. and Chor, D. (2018). On the measurement of upstreamness and downstreamness in
global value chains. In *World Trade Evolution*, Routledge, ch. 5.
Dietzenbacher, E., Romero Luna, I. and Bosma, N. S. (2005). Using average propagation
lengths to identify production chains in the Andalusian economy. *Estudios de Economía
Aplicada* 23(2), 405-422, eq. (5).
Wang, Z., Wei, S.-J., Yu, X. and Zhu, K. (2017). Characterizing global value chains:
production length and upstreamness. NBER WP 23261, eqs. (12)-(17).
Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit is due.
NBER WP 16426, eq. (11).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import leontief_factor, technical_coefficients
from ..results import identity_row
from ..tables.intercountry import InterCountryTable, one_block_per_country
from .core import GVCResultMixin, system_of
from .zx import is_intermediate_only

__all__ = ["PositionResult", "position_measures", "POSITION_COLUMNS"]

POSITION_COLUMNS = ("upstreamness", "downstreamness", "apl_forward", "apl_backward", "foreign_input_share",
                    "gvc_length_forward", "gvc_length_backward")


def _ratio(num, den):
    num, den = np.asarray(num, float), np.asarray(den, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)


@dataclass(frozen=True, eq=False)
class PositionResult(GVCResultMixin):
    """Position measures by country-industry (``table``) and by country (``countries``).

    Built by :func:`position_measures`; users read it.

    Parameters
    ----------
    nodes : DataFrame
        One row per country-industry: ``country, industry, upstreamness, downstreamness,
        apl_forward, apl_backward, foreign_input_share, output`` (+ the GVC lengths).
    countries : DataFrame
        One row per country: output-weighted means (+ ``IV_share``, ``FV_share``,
        ``gvc_position`` for full tables).
    level : {"sector", "country"}
        The level :attr:`table` shows (default ``"sector"``).
    flags : tuple of str
        Provenance flags of the table, repeated in every output.
    x : numpy.ndarray, optional
        Gross output by node, for the identity checks (output-weighted means).

    References
    ----------
    .. [1] Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012). Measuring the
       upstreamness of production and trade flows. *American Economic Review* 102(3),
       412-416.
    .. [2] Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit
       is due: tracing value added in global production chains. NBER Working Paper 16426
       (GVC position index).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = position_measures(synthetic_icio(3, 2, seed=1))
    >>> r.at("country")[["country", "upstreamness", "gvc_position"]].round(2)
      country  upstreamness  gvc_position
    0     C00          2.13          0.06
    1     C01          1.85         -0.03
    2     C02          2.23         -0.03
    >>> r.identities_hold()
    True
    """

    nodes: pd.DataFrame
    countries: pd.DataFrame
    level: str = "sector"
    flags: tuple[str, ...] = ()
    x: np.ndarray | None = None
    title = "Position in global value chains"
    method = "Position in global value chains (upstreamness, downstreamness, APL, GVC length)"

    @property
    def table(self) -> pd.DataFrame:
        return self.at(self.level)

    def at(self, level: str) -> pd.DataFrame:
        if level == "sector":
            return self.nodes
        if level == "country":
            return self.countries
        raise ValidationError(f"level {level!r} is not available for position measures; use sector or country")

    def _identity_rows(self) -> list[dict]:
        n = self.nodes
        ok = n["upstreamness"].notna()
        rows = [
            identity_row("upstreamness >= 1", float(np.maximum(1.0 - n.loc[ok, "upstreamness"], 0).max() if ok.any() else 0.0)),
            identity_row("downstreamness >= 1", float(np.maximum(1.0 - n.loc[ok, "downstreamness"], 0).max() if ok.any() else 0.0)),
        ]
        if self.x is not None:
            x = np.asarray(self.x)[ok.to_numpy()]
            lhs = float(x @ n.loc[ok, "upstreamness"].to_numpy())
            rhs = float(x @ n.loc[ok, "downstreamness"].to_numpy())
            rows.append(identity_row("x'U = D x (world output-weighted upstreamness = downstreamness)", abs(lhs - rhs), scale=abs(lhs)))
        fis = n["foreign_input_share"].dropna()
        rows.append(identity_row("0 <= foreign_input_share <= 1",
                                 float(max(np.maximum(-fis, 0).max(), np.maximum(fis - 1, 0).max()) if len(fis) else 0.0)))
        for col in ("gvc_length_forward", "gvc_length_backward"):
            if col in n.columns:
                v = n[col].dropna()
                rows.append(identity_row(f"{col} >= 2", float(np.maximum(2.0 - v, 0).max()) if len(v) else 0.0))
        return rows

    def _summary_lines(self) -> list[str]:
        c = self.countries
        return [f"{len(c)} countries x {len(self.nodes) // max(len(c), 1)} industries; "
                f"upstreamness {self.nodes['upstreamness'].min():.2f}-{self.nodes['upstreamness'].max():.2f}"]


def position_measures(table: InterCountryTable, *, level: str = "sector") -> PositionResult:
    r"""Upstreamness, downstreamness, APL, foreign input shares (and GVC lengths, GVC position).

    Parameters
    ----------
    table : InterCountryTable
        A full table, or one read with ``format="zx"`` (intermediate flows and output only:
        the value-added measures, GVC production lengths and the Koopman index, are then
        left out).
    level : {"sector", "country"}
        Which table ``.table`` shows; both are always computed (``.at(level)``).

    Returns
    -------
    PositionResult
        ``at("sector")``: ``country, industry, upstreamness, downstreamness, apl_forward,
        apl_backward, foreign_input_share, output`` (+ ``gvc_length_forward``,
        ``gvc_length_backward``); ``at("country")``: output-weighted means and, for full
        tables, ``gvc_position`` (Koopman et al. 2010) with ``IV`` and ``FV`` shares.
        Zero-output nodes get NaN (their coefficients are 0).

    Raises
    ------
    ValidationError
        If ``level`` is not ``"sector"`` or ``"country"``, or a full table keeps processing
        splits (use ``table.merge_splits()``).
    NotProductiveError
        If the coefficient matrix :math:`A` is not productive (no Leontief inverse).

    Notes
    -----
    .. math::

        U &= \hat x^{-1} L x = (I - \hat x^{-1} Z)^{-1} 1, \qquad D = 1' L \\
        APL^{f}_i &= \frac{(L(L-I)1)_i}{((L - I)1)_i}, \qquad
        APL^{b}_j = \frac{(1'(L-I)L)_j}{(1'(L-I))_j} \\
        PLv^{GVC} &= \frac{\hat v (L L A^F B + L A^F B B) y}{\hat v L A^F B y}, \qquad
        PLy^{GVC} = \frac{v'(L L A^F B + L A^F B B) \hat y}{v' L A^F B \hat y}

    with :math:`L` the block-diagonal local inverses and :math:`A^F` the foreign blocks of A
    (the world total output ``x = B y``, so ``B y`` is never solved for).

    References
    ----------
    .. [1] Antràs, P., Chor, D., Fally, T. and Hillberry, R. (2012). Measuring the
       upstreamness of production and trade flows. *American Economic Review* 102(3),
       412-416, eqs. (1)-(3).

    .. [2] Antràs, P. and Chor, D. (2018). On the measurement of upstreamness and
       downstreamness in global value chains. In Ing, L. Y. and Yu, M. (eds.), *World Trade
       Evolution: Growth, Productivity and Employment*, Routledge, ch. 5.

    .. [3] Dietzenbacher, E., Romero Luna, I. and Bosma, N. S. (2005). Using average
       propagation lengths to identify production chains in the Andalusian economy.
       *Estudios de Economía Aplicada* 23(2), 405-422, eq. (5).

    .. [4] Wang, Z., Wei, S.-J., Yu, X. and Zhu, K. (2017). Characterizing global value
       chains: production length and upstreamness. NBER Working Paper 23261, eqs. (12)-(17).

    .. [5] Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit
       is due: tracing value added in global production chains. NBER Working Paper 16426,
       eq. (11) (GVC position index).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = position_measures(synthetic_icio(3, 2, seed=1))
    >>> r.at("country")[["country", "upstreamness", "downstreamness"]].round(3)
      country  upstreamness  downstreamness
    0     C00         2.134           1.903
    1     C01         1.847           1.917
    2     C02         2.225           2.323
    >>> bool((r.table["upstreamness"] >= 1).all()), r.identities_hold()
    (True, True)
    """
    if level not in ("sector", "country"):
        raise ValidationError(f"level {level!r} is not available for position measures; use sector or country")
    table = one_block_per_country(table)  # processing splits: a country's blocks side by side, domestic to each other
    countries, industries = list(table.countries), list(table.industries)
    G, N = len(countries), len(industries)
    Z = table.Z.to_numpy(float)
    x = table.x.to_numpy(float)
    full = not is_intermediate_only(table)
    if full:
        S = system_of(table)
        A, L = S.A, S.B
        Lb, bL = (lambda b: L @ b), (lambda b: b @ L)
    else:
        A = technical_coefficients(Z, x)
        f = leontief_factor(A)  # L b and b' L by one LU factorisation: L itself (4 x the flops) is not needed
        Lb, bL = f.solve, (lambda b: f.solve(b, transpose=True))
    zero = x == 0
    one = np.ones(G * N)
    Lx = Lb(x)
    U = _ratio(Lx, x)
    # Ghosh: U = (I - Delta)^-1 1 with Delta = xhat^-1 Z equals xhat^-1 L x (the Ghosh matrix is not built)
    D = bL(one)
    r_f = Lb(one) - 1.0
    apl_f = _ratio(Lb(r_f), r_f)
    r_b = D - 1.0
    apl_b = _ratio(bL(r_b), r_b)
    Z4 = Z.reshape(G, N, G, N)
    g = np.arange(G)
    all_in = Z.sum(0)
    dom_in = Z4[g, :, g, :].sum(1).reshape(G * N)
    fis = _ratio(all_in - dom_in, all_in)
    for arr in (U, D, apl_f, apl_b):
        arr[zero] = np.nan
    nodes = pd.DataFrame({
        "country": np.repeat(countries, N), "industry": np.tile(industries, G),
        "upstreamness": U, "downstreamness": D, "apl_forward": apl_f, "apl_backward": apl_b,
        "foreign_input_share": fis, "output": x,
    })
    if full:
        v = S.v
        y = S.Y.sum(1)
        xw = S.x  # = B y
        AFx = S.A_offdiag(xw)[..., 0]  # A^F x, (G, N)
        LAFx = S.blockdiag(AFx)
        Bx = (L @ xw).reshape(G, N)
        Vf = v * LAFx.ravel()
        Xf = v * (S.blockdiag(LAFx).ravel() + S.blockdiag(S.A_offdiag(Bx.ravel())[..., 0]).ravel())
        wL = S.wL.ravel()  # v L
        q = wL @ A - np.einsum("si,sij->sj", S.wL, S.Ass).ravel()  # v L A^F
        qB = q @ L
        wLL = np.einsum("si,sij->sj", S.wL, S.Lss).ravel()  # v L L
        q2 = wLL @ A - np.einsum("si,sij->sj", np.einsum("si,sij->sj", S.wL, S.Lss), S.Ass).ravel()
        Vb = qB * y
        Xb = (q2 @ L + qB @ L) * y
        nodes["gvc_length_forward"] = _ratio(Xf, Vf)
        nodes["gvc_length_backward"] = _ratio(Xb, Vb)
    # country level
    w = pd.Series(x, index=nodes.index)
    grp = nodes.groupby("country", sort=False)

    def wmean(col):
        ok = nodes[col].notna()
        num = (nodes[col].where(ok, 0) * w.where(ok, 0)).groupby(nodes["country"], sort=False).sum()
        den = w.where(ok, 0).groupby(nodes["country"], sort=False).sum()
        return num / den.where(den > 0)

    ctab = pd.DataFrame({"country": countries})
    for col in ("upstreamness", "downstreamness", "apl_forward", "apl_backward"):
        ctab[col] = wmean(col).loc[countries].to_numpy()
    ins = pd.DataFrame({"c": nodes["country"], "all": all_in, "dom": dom_in}).groupby("c", sort=False).sum().loc[countries]
    ctab["foreign_input_share"] = _ratio(ins["all"] - ins["dom"], ins["all"])
    ctab["output"] = grp["output"].sum().loc[countries].to_numpy()
    if full:
        for col in ("gvc_length_forward", "gvc_length_backward"):
            ctab[col] = wmean(col).loc[countries].to_numpy()
        from .tiva import tiva_indicators

        tv = tiva_indicators(table).at("country").set_index("exporter").loc[countries]
        iv = _ratio(tv["DVA_FX"], tv["EXGR"])
        fv = _ratio(tv["EXGR_FVA"], tv["EXGR"])
        ctab["IV_share"] = iv
        ctab["FV_share"] = fv
        ctab["gvc_position"] = np.log1p(iv) - np.log1p(fv)
    return PositionResult(nodes=nodes, countries=ctab, level=level, flags=tuple(table.flags), x=x)
