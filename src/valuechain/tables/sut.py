r"""Supply and use tables and their transformation into a symmetric input-output table.

A :class:`SupplyUseTable` holds, at basic prices,

- ``S`` (products × industries): the supply (make) of domestic production;
- ``U`` (products × industries): intermediate use;
- ``Y`` (products × final-use categories): final use (a negative ``imports`` column, and a
  ``price-basis adjustment`` column where the use table is not at basic prices);
- ``W`` (primary inputs × industries): value added components (and other primary rows).

with :math:`q = S\mathbf 1` (product output) and :math:`g = S'\mathbf 1` (industry output).
:func:`sut_to_iot` builds the symmetric table by one of the four Eurostat models
(Eurostat 2008, ch. 11; Miller & Blair 2009, ch. 5):

.. math::

    \text{A (product technology, product × product)}: &\quad T = S^{-1}\hat q,
        \; Z = U T,\; V = W T,\; F = Y \\
    \text{B (industry technology, product × product)}: &\quad T = \hat g^{-1} S',
        \; Z = U T,\; V = W T,\; F = Y \\
    \text{C (fixed industry sales structure, industry × industry)}: &\quad
        R = \hat g S^{-1},\; Z = R U,\; F = R Y,\; V = W \\
    \text{D (fixed product sales structure, industry × industry)}: &\quad
        D = S'\hat q^{-1},\; Z = D U,\; F = D Y,\; V = W

All four reproduce the SUT's totals when the SUT balances (:math:`U\mathbf 1 + Y\mathbf 1 = q`
and :math:`\mathbf 1'U + \mathbf 1'W = g'`): A and B give output :math:`q`, C and D give
:math:`g`. A and C need as many products as industries and a non-singular ``S``, and can
give negative flows; B and D never do. Negative flows are reported (count, sum, the
largest and where, :attr:`SUTResult.negatives`) and, with ``negatives="almon"``, removed
by Almon's (2000) procedure (:func:`almon_product_technology`).

References
----------
.. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*,
   ch. 11 (models A-D), Luxembourg.
.. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., ch. 5.
.. [3] Almon, C. (2000). Product-to-product tables via product-technology with no
   negative flows. *Economic Systems Research* 12(1), 27-43.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import solve_right
from ..results import ResultMixin, identity_row
from .iotable import IOTable

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = ["SupplyUseTable", "SUTResult", "sut_to_iot", "almon_product_technology", "SUT_MODELS",
           "IMPORTS_COLUMN", "ADJUSTMENT_COLUMN", "MOVED_LABEL"]

#: model letter → (description, the IOT's kind)
SUT_MODELS: Mapping[str, tuple[str, str]] = {
    "A": ("product technology", "product x product"),
    "B": ("industry technology", "product x product"),
    "C": ("fixed industry sales structure", "industry x industry"),
    "D": ("fixed product sales structure", "industry x industry"),
}
#: the final-use column that holds imports (with a minus sign)
IMPORTS_COLUMN = "imports"
#: the final-use column and primary row that take negative flows moved out of Z
MOVED_LABEL = "negative flows (moved)"
MOVED_ROW = "negative flows (moved, inputs)"
#: the final-use column that closes product rows of a use table not at basic prices
ADJUSTMENT_COLUMN = "price-basis adjustment"


def _frame(obj, name: str) -> pd.DataFrame:
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame labelled by product/industry, got {type(obj).__name__}")
    try:
        vals = obj.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise ValidationError(f"{name} has a non-numeric cell; every cell must be a number") from None
    df = pd.DataFrame(vals.copy(), index=obj.index.map(str), columns=obj.columns.map(str))
    if not np.isfinite(vals).all():
        r, c = np.argwhere(~np.isfinite(vals))[0]
        raise ValidationError(f"{name} has a missing or infinite value at ({df.index[r]}, {df.columns[c]}); fill it with a number")
    for what, lab in (("row", df.index), ("column", df.columns)):
        d = sorted(set(lab[lab.duplicated()]))
        if d:
            raise ValidationError(f"duplicate {what} labels in {name}: {', '.join(d[:5])}; make every label unique")
    return df


@dataclass(frozen=True, eq=False)
class SupplyUseTable:
    """Supply and use tables at basic prices (frozen; validated by :meth:`from_frames`).

    Attributes
    ----------
    S, U : DataFrame (products × industries)
        Supply of domestic output and intermediate use.
    Y : DataFrame (products × final-use categories)
        Final use; ``imports`` (negative) and ``price-basis adjustment`` columns when
        :meth:`from_frames` added them.
    W : DataFrame (primary inputs × industries)
    roles : mapping
        Roles passed on to the symmetric :class:`~valuechain.tables.IOTable`.
    notes : tuple of str
        What the reader or :meth:`from_frames` did to the published numbers (said in
        every output).

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame([[90.0, 10.0], [0.0, 100.0]], index=["p1", "p2"], columns=["i1", "i2"])
    >>> U = pd.DataFrame([[10.0, 20.0], [20.0, 30.0]], index=S.index, columns=S.columns)
    >>> Y = pd.DataFrame({"hh": [70.0, 50.0]}, index=S.index)
    >>> W = pd.DataFrame([[60.0, 60.0]], index=["va"], columns=S.columns)
    >>> sut = SupplyUseTable.from_frames(S, U, Y, W, name="toy")
    >>> sut
    SupplyUseTable(name='toy', products=2, industries=2, final_use=['hh'], primary=['va'])
    """

    S: pd.DataFrame
    U: pd.DataFrame
    Y: pd.DataFrame
    W: pd.DataFrame
    roles: Mapping[str, Any] = field(default_factory=dict)
    name: str = ""
    unit: str = ""
    source: str = ""
    flags: tuple = ()
    notes: tuple = ()

    @classmethod
    def from_frames(cls, S, U, Y=None, W=None, *, imports=None, balance: str = "raise", rtol: float = 1e-6,
                    rounding: float = 0.0,
                    roles: Mapping[str, Any] | None = None, name: str = "", unit: str = "", source: str = "",
                    flags: Sequence[str] = (), notes: Sequence[str] = ()) -> "SupplyUseTable":
        """Build and validate a SUT.

        Parameters
        ----------
        S, U : DataFrame (products × industries), non-negative
        Y : DataFrame (products × categories), optional
            Omitted: one column ``final use (residual)`` :math:`= q - U\\mathbf 1`.
        W : DataFrame (primary rows × industries), optional
            Omitted: one row ``primary inputs (residual)`` :math:`= g' - \\mathbf 1'U`.
        imports : Series by product, optional
            Imports of each product; entered in ``Y`` as a column ``imports`` with a minus
            sign (so that a use table of total use, domestic and imported, balances).
        balance : {"raise", "adjust"}
            A product row whose use does not equal its supply (e.g. a use table at
            purchasers' prices beside a supply table at basic prices): ``raise``, or
            ``adjust``: add a final-use column ``price-basis adjustment`` that closes
            every row (its values are reported in :attr:`notes`). Industry columns must
            balance in either case.
        """
        Sf, Uf = _frame(S, "S (supply)"), _frame(U, "U (use)")
        notes = list(notes)
        flags = list(flags)
        if not Sf.index.equals(Uf.index):
            if set(Sf.index) != set(Uf.index):
                only = sorted(set(Sf.index) ^ set(Uf.index))[:5]
                raise ValidationError(f"the supply and use tables have different products ({only}); give the same product rows in both")
            Uf = Uf.loc[Sf.index]
        if not Sf.columns.equals(Uf.columns):
            if set(Sf.columns) != set(Uf.columns):
                only = sorted(set(Sf.columns) ^ set(Uf.columns))[:5]
                raise ValidationError(f"the supply and use tables have different industries ({only}); give the same industry columns in both")
            Uf = Uf.loc[:, Sf.columns]
        for nm, df in (("supply", Sf), ("intermediate use", Uf)):
            negc = df.to_numpy() < 0
            if negc.any():
                r, c = np.argwhere(negc)[0]
                notes.append(f"{int(negc.sum())} negative published cell(s) in {nm} (e.g. {df.iat[r, c]:g} at "
                             f"({df.index[r]}, {df.columns[c]})), kept as published")
        prods, inds = Sf.index, Sf.columns
        q = Sf.to_numpy().sum(axis=1)
        g = Sf.to_numpy().sum(axis=0)
        if (g <= 0).any():
            bad = list(inds[g <= 0][:5])
            raise ValidationError(f"industr{'y' if len(bad) == 1 else 'ies'} {bad} supply nothing; drop them or fix the supply table")
        if (q <= 0).any():
            bad = list(prods[q <= 0][:5])
            raise ValidationError(f"product(s) {bad} have no domestic supply; drop them or fix the supply table")
        if Y is None:
            Yf = pd.DataFrame({"final use (residual)": q - Uf.to_numpy().sum(axis=1)}, index=prods)
            notes.append("final use not given: one column 'final use (residual)' = domestic supply - intermediate use")
            flags.append("final use estimated as a residual")
        else:
            Yf = _frame(Y, "Y (final use)")
            if set(Yf.index) != set(prods):
                only = sorted(set(Yf.index) ^ set(prods))[:5]
                raise ValidationError(f"final use has rows that are not the supply table's products ({only}); give one row per product")
            Yf = Yf.loc[prods]
        if W is None:
            Wf = pd.DataFrame([g - Uf.to_numpy().sum(axis=0)], index=["primary inputs (residual)"], columns=inds)
            notes.append("primary inputs not given: one row 'primary inputs (residual)' = industry output - intermediate use")
            flags.append("primary inputs estimated as a residual")
        else:
            Wf = _frame(W, "W (primary inputs)")
            if set(Wf.columns) != set(inds):
                only = sorted(set(Wf.columns) ^ set(inds))[:5]
                raise ValidationError(f"primary inputs have columns that are not the supply table's industries ({only}); give one column per industry")
            Wf = Wf.loc[:, inds]
        r = dict(roles or {})
        neg = list(r.get("negative_ok", []) if not isinstance(r.get("negative_ok"), str) else [r["negative_ok"]])
        if imports is not None:
            m = pd.Series(imports, dtype=float) if not isinstance(imports, pd.Series) else imports.astype(float)
            m.index = m.index.map(str)
            if not set(m.index) <= set(prods):
                raise ValidationError(f"imports name products not in the supply table ({sorted(set(m.index) - set(prods))[:5]}); label imports by product")
            if not np.isfinite(m.to_numpy()).all():
                raise ValidationError("imports have a missing or infinite value; fill it with a number")
            if IMPORTS_COLUMN in Yf.columns:
                raise ValidationError(f"final use already has a column {IMPORTS_COLUMN!r}; give imports once")
            Yf[IMPORTS_COLUMN] = -m.reindex(prods).fillna(0.0).to_numpy()
            neg.append(IMPORTS_COLUMN)
            r["imports"] = [IMPORTS_COLUMN] + [x for x in (r.get("imports") or []) if x != IMPORTS_COLUMN]
        scale_q = np.maximum(np.abs(q), 1e-12 + np.abs(q).mean() * 1e-2)
        gap = Uf.to_numpy().sum(axis=1) + Yf.to_numpy().sum(axis=1) - q
        bad = np.abs(gap) > rtol * scale_q + 1e-9
        if bad.any():
            if balance == "adjust":
                Yf[ADJUSTMENT_COLUMN] = -gap
                neg.append(ADJUSTMENT_COLUMN)
                k = int(np.argmax(np.abs(gap)))
                notes.append(
                    f"{int(bad.sum())} product rows: use (intermediate + final) differs from supply; a final-use column "
                    f"'{ADJUSTMENT_COLUMN}' closes them (sum {-gap.sum():,.6g}, largest {-gap[k]:,.6g} for {prods[k]}): "
                    "trade and transport margins and taxes on products are not removed from the use table")
                flags.append("use table not at basic prices (price-basis adjustment column)")
            elif balance == "raise":
                k = int(np.argmax(np.abs(gap) / scale_q))
                raise ValidationError(
                    f"product {prods[k]}: use (intermediate + final) is {q[k] + gap[k]:.10g} but supply is {q[k]:.10g} "
                    f"(and {int(bad.sum()) - 1} more products differ); give a use table at basic prices, imports by product, "
                    "or balance='adjust'")
            else:
                raise ValidationError(f"balance={balance!r}; use 'raise' or 'adjust'")
        cgap = Uf.to_numpy().sum(axis=0) + Wf.to_numpy().sum(axis=0) - g
        scale_g = np.maximum(np.abs(g), 1e-12 + np.abs(g).mean() * 1e-2)
        cbad = np.abs(cgap) > max(rtol, float(rounding)) * scale_g + 1e-9
        if rounding and (np.abs(cgap) > 0).any() and not cbad.any():
            Wf.loc["rounding discrepancy"] = -cgap
            notes.append(f"industry columns: published rounding closed by a primary row 'rounding discrepancy' (largest "
                         f"{np.abs(cgap).max():,.6g}, sum {-cgap.sum():,.6g})")
            neg.append("rounding discrepancy")
        if cbad.any():
            k = int(np.argmax(np.abs(cgap) / scale_g))
            raise ValidationError(
                f"industry {inds[k]}: intermediate use plus primary inputs is {g[k] + cgap[k]:.10g} but its supply (output) is "
                f"{g[k]:.10g} (and {int(cbad.sum()) - 1} more industries differ); the use table's industry columns must add up "
                "to the supply table's industry totals")
        if neg:
            r["negative_ok"] = list(dict.fromkeys(neg))
        return cls(S=Sf, U=Uf, Y=Yf, W=Wf, roles=r, name=name, unit=unit, source=source,
                   flags=tuple(dict.fromkeys(flags)), notes=tuple(notes))

    @property
    def products(self) -> pd.Index:
        return self.S.index

    @property
    def industries(self) -> pd.Index:
        return self.S.columns

    @property
    def q(self) -> pd.Series:
        """Domestic output by product, :math:`q = S\\mathbf 1`."""
        return self.S.sum(axis=1).rename("q")

    @property
    def g(self) -> pd.Series:
        """Output by industry, :math:`g = S'\\mathbf 1`."""
        return self.S.sum(axis=0).rename("g")

    def __repr__(self) -> str:
        return (f"SupplyUseTable(name={self.name!r}, products={len(self.products)}, industries={len(self.industries)}, "
                f"final_use={list(self.Y.columns)}, primary={list(self.W.index)})")


# ----------------------------------------------------------------------------- Almon
def almon_product_technology(S: ArrayLike | pd.DataFrame, U: ArrayLike | pd.DataFrame, W: ArrayLike | pd.DataFrame, *,
                             max_iter: int = 500, tol: float = 1e-9) -> tuple[np.ndarray, np.ndarray, int]:
    r"""Product-technology flows without negatives, by Almon's (2000) procedure.

    Each industry :math:`j` makes its primary product :math:`j` (the diagonal of the
    square ``S``) and secondary products :math:`k \ne j`. With the current estimate of
    each product's input structure :math:`c_k` (inputs per unit of output, intermediate
    and primary rows, :math:`\sum_i c_{ik} = 1`), the inputs of the secondary production
    :math:`s_{kj} c_k` are taken out of the industry's column :math:`(u_j; w_j)`; the
    rest is the primary product's. Where the inputs to take out exceed what the industry
    bought of an input, they are cut to what it bought, and the shortfall is taken from
    the secondary product's other inputs in proportion (so each secondary column still
    sums to :math:`s_{kj}`); nothing goes negative. Product structures are re-estimated
    from the new product columns and the steps repeated until they change by less than
    ``tol``. Without cuts the fixed point is the product-technology solution
    :math:`[U; W] S^{-1}` (Almon 2000, sec. 3).

    Parameters
    ----------
    S : array_like or DataFrame, shape (n, n)
        Supply: products × industries, square (industry :math:`j`'s primary product is
        product :math:`j`).
    U : array_like or DataFrame, shape (n, n)
        Intermediate use: products × industries.
    W : array_like or DataFrame, shape (r, n)
        Primary inputs × industries.
    max_iter : int, default 500
        Most rounds of re-estimating the product input structures.
    tol : float, default 1e-9
        Stop when no input coefficient of a product changes by ``tol`` or more.

    Returns
    -------
    Z : ndarray, shape (n, n)
        Product × product intermediate flows.
    V : ndarray, shape (r, n)
        Primary inputs by product.
    iterations : int
        The rounds run.

    Row totals are those of ``U`` and ``W`` exactly, and column totals are :math:`q`
    (exactly when every cut could be made up from other inputs). Published negative cells
    of ``U`` stay negative.

    Raises
    ------
    ValidationError
        If ``S`` is not square.

    Notes
    -----
    Without cuts the fixed point is the product-technology model (Eurostat model A):

    .. math:: \begin{bmatrix} Z \\ V \end{bmatrix} = \begin{bmatrix} U \\ W \end{bmatrix} S^{-1} \hat q

    References
    ----------
    .. [1] Almon, C. (2000). Product-to-product tables via product-technology with no
           negative flows. *Economic Systems Research* 12(1), 27-43.

    Examples
    --------
    Industry 1 makes 10 units of product 2 as a secondary product; no cut is needed, so
    the result is the product-technology table:

    >>> S = [[90.0, 10.0], [0.0, 100.0]]
    >>> U = [[10.0, 20.0], [20.0, 30.0]]
    >>> Z, V, it = almon_product_technology(S, U, [[60.0, 60.0]])
    >>> Z.round(3).tolist(), V.round(3).tolist()
    ([[11.111, 18.889], [22.222, 27.778]], [[66.667, 53.333]])
    >>> (Z.sum(axis=0) + V.sum(axis=0)).round(6).tolist()   # column totals: q = (100, 100)
    [100.0, 100.0]
    """
    Sa, Ua, Wa = (np.asarray(M, dtype=float) for M in (S, U, W))
    P = Sa.shape[0]
    if Sa.shape != (P, P):
        raise ValidationError(f"Almon's procedure needs as many products as industries; S is {Sa.shape[0]}x{Sa.shape[1]}")
    Cin = np.vstack([Ua, Wa])  # (P + R) x industries: every industry's input column
    capped = np.zeros(Cin.shape[0], dtype=bool)
    capped[:P] = True  # intermediate rows must stay >= 0; primary rows (e.g. subsidies) may be negative
    # start: every product has the input structure of the industry whose primary product it is
    struct = Cin / np.where(Cin.sum(axis=0) != 0, Cin.sum(axis=0), 1.0)[None, :]
    it = 0
    flows = Cin.copy()
    for it in range(1, max_iter + 1):
        flows = np.zeros_like(Cin)
        for j in range(P):
            sec = np.flatnonzero((Sa[:, j] != 0) & (np.arange(P) != j))
            avail = Cin[:, j].copy()
            if len(sec):
                req = struct[:, sec] * Sa[sec, j][None, :]  # inputs x secondary products
                for _ in range(100):
                    tot = req.sum(axis=1)
                    over = capped & (tot > np.maximum(avail, 0.0) + 1e-12 * max(1.0, float(np.abs(avail).max())))
                    if not over.any():
                        break
                    req[over] *= (np.maximum(avail[over], 0.0) / tot[over])[:, None]
                    short = Sa[sec, j] - req.sum(axis=0)  # per secondary product
                    free = ~over & (~capped | (avail - req.sum(axis=1) > 0))
                    base = np.where(free[:, None], np.abs(req), 0.0)
                    bsum = base.sum(axis=0)
                    if not free.any() or not (bsum > 0).any():
                        break
                    add = base / np.where(bsum > 0, bsum, 1.0)[None, :] * short[None, :]
                    room = np.where(capped, avail - req.sum(axis=1), np.inf)
                    need = add.sum(axis=1)
                    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                        scale = np.where(need > room, room / np.where(need > 0, need, 1.0), 1.0)
                    req += add * np.clip(scale, 0.0, 1.0)[:, None]
                short = Sa[sec, j] - req.sum(axis=0)
                if np.abs(short).max() > 0 and (~capped).any():  # not made up from other inputs: primary rows take it
                    pr = np.maximum(avail[~capped] - req[~capped].sum(axis=1), 0.0)
                    w = pr / pr.sum() if pr.sum() > 0 else np.eye(len(pr))[0]
                    req[~capped] += w[:, None] * short[None, :]
                flows[:, sec] += req
                avail = avail - req.sum(axis=1)
            flows[:, j] += avail  # the rest is the primary product's (negative only where a published cell is)
        new = flows / np.where(flows.sum(axis=0) != 0, flows.sum(axis=0), 1.0)[None, :]
        delta = float(np.max(np.abs(new - struct)))
        struct = new
        if delta < tol:
            break
    return flows[:P], flows[P:], it


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class SUTResult(ResultMixin):
    """A symmetric table derived from supply and use tables (frozen).

    Attributes
    ----------
    table : DataFrame
        One row per product (models A, B) or industry (C, D): ``label``, ``output``,
        ``intermediate_inputs``, ``primary_inputs``, ``intermediate_sales``,
        ``final_use``, ``negative_cells``.
    Z, F, V : DataFrame
        Intermediate flows, final use and primary inputs of the symmetric table (``Z``
        may hold negatives for models A and C unless they were removed).
    x : Series
        Output of the symmetric table (:math:`q` for A and B, :math:`g` for C and D).
    model : str
    negatives : DataFrame
        The negative intermediate flows before removal: ``row``, ``column``, ``value``,
        ``coefficient`` (value / output of the column), largest first.
    removed : str
        ``""`` or how the negatives were removed (``"almon"``, ``"moved"``, ``"almon + moved"``).
    sut : SupplyUseTable
        The supply and use tables it came from.

    Examples
    --------
    >>> import pandas as pd
    >>> S = pd.DataFrame([[90.0, 10.0], [0.0, 100.0]], index=["p1", "p2"], columns=["i1", "i2"])
    >>> U = pd.DataFrame([[10.0, 20.0], [20.0, 30.0]], index=S.index, columns=S.columns)
    >>> Y = pd.DataFrame({"hh": [70.0, 50.0]}, index=S.index)
    >>> W = pd.DataFrame([[60.0, 60.0]], index=["va"], columns=S.columns)
    >>> r = sut_to_iot(SupplyUseTable.from_frames(S, U, Y, W), "B")
    >>> r.model, r.x.round(6).tolist(), len(r.negatives)
    ('B', [100.0, 100.0], 0)
    """

    table: pd.DataFrame
    Z: pd.DataFrame
    F: pd.DataFrame
    V: pd.DataFrame
    x: pd.Series
    model: str
    negatives: pd.DataFrame
    removed: str
    sut: SupplyUseTable
    flags: tuple = ()
    notes: tuple = ()
    iterations: int = 0
    negative_ok: tuple = ()
    title: ClassVar[str] = "Symmetric input-output table from supply and use tables"

    def _title(self) -> str:
        desc, kind = SUT_MODELS[self.model]
        return f"{self.title}: model {self.model} ({desc}, {kind})"

    @cached_property
    def iot(self) -> IOTable:
        """The symmetric table as an :class:`~valuechain.tables.IOTable` (every other method runs on it).

        Raises :class:`~valuechain.errors.ValidationError` when negative flows are left
        (models A and C): remove them with ``negatives="almon"`` or use model B or D.
        """
        if len(self.negatives) and (self.Z.to_numpy() < 0).any():
            n0 = self.negatives.iloc[0]
            raise ValidationError(
                f"model {self.model} gives {len(self.negatives)} negative intermediate flows (largest {n0['value']:,.6g} "
                f"at ({n0['row']}, {n0['column']})); remove them with negatives='almon' or 'move' (--negatives almon|move)"
                + (f" or use model {'B' if self.model == 'A' else 'D'}" if self.model in ("A", "C") else ""))
        return IOTable.from_frames(self.Z, self.F, self.V, self.x, roles=self._roles(), name=self.sut.name,
                                   unit=self.sut.unit, source=self.sut.source, flags=self.flags, check_balance="raise")

    def _roles(self) -> dict:
        out = {}
        for k, v in dict(self.sut.roles).items():
            labs = [v] if isinstance(v, str) else list(v)
            keep = [lab for lab in labs if lab in self.F.columns or lab in self.V.index]
            if keep:
                out[k] = keep[0] if k in ("households", "compensation") else keep
        extra = list(self.negative_ok) + ([MOVED_LABEL, MOVED_ROW] if MOVED_LABEL in self.F.columns else [])
        if extra:
            out["negative_ok"] = list(dict.fromkeys(list(out.get("negative_ok", [])) + extra))
        return out

    def figure_table(self) -> pd.DataFrame:
        """Output and value-added share by label, for a bar chart (``label``, ``output``, ``primary_input_share``)."""
        t = self.table
        share = t["primary_inputs"] / t["output"].where(t["output"] != 0)
        return pd.DataFrame({"label": t["label"], "output": t["output"], "primary_input_share": share})

    def _identity_rows(self) -> list[dict]:
        rtol = 1e-7  # the method's own tolerance (check(rtol=) re-evaluates ok)
        x = self.x.to_numpy()
        scale = float(np.abs(x).sum()) or 1.0
        rows = [
            identity_row("rows: Z1 + F1 = x", float(np.max(np.abs(self.Z.to_numpy().sum(axis=1) + self.F.to_numpy().sum(axis=1) - x))),
                         scale=scale / len(x), rtol=rtol),
            identity_row("columns: 1'Z + 1'V = x", float(np.max(np.abs(self.Z.to_numpy().sum(axis=0) + self.V.to_numpy().sum(axis=0) - x))),
                         scale=scale / len(x), rtol=rtol),
        ]
        target = self.sut.q if self.model in ("A", "B") else self.sut.g
        rows.append(identity_row("output = SUT's " + ("product output q" if self.model in ("A", "B") else "industry output g"),
                                 float(np.max(np.abs(x - target.to_numpy()))), scale=scale / len(x), rtol=rtol))
        V = self.V.drop(index=[MOVED_ROW], errors="ignore")
        F = self.F.drop(columns=[MOVED_LABEL], errors="ignore")
        rows.append(identity_row("total primary inputs = SUT's", abs(float(V.to_numpy().sum() - self.sut.W.to_numpy().sum())),
                                 scale=scale, rtol=rtol))
        rows.append(identity_row("total final use = SUT's", abs(float(F.to_numpy().sum() - self.sut.Y.to_numpy().sum())),
                                 scale=scale, rtol=rtol))
        return rows

    def _summary_lines(self) -> list[str]:
        lines = [f"  {len(self.x)} {SUT_MODELS[self.model][1].split(' x ')[0]}s; total output {self.x.sum():,.6g} {self.sut.unit}".rstrip()]
        if len(self.negatives):
            n0 = self.negatives.iloc[0]
            lines.append(f"  negative flows: {len(self.negatives)} cells, sum {self.negatives['value'].sum():,.6g}, largest "
                         f"{n0['value']:,.6g} at ({n0['row']}, {n0['column']})"
                         + (f"; removed by {self.removed} ({self.iterations} iterations)" if self.removed else "; not removed"))
        elif self.model in ("A", "C"):
            lines.append("  no negative flows")
        lines += [f"  note: {n}" for n in self.notes]
        return lines


def _negatives(Z: np.ndarray, rows, cols, x: np.ndarray, tol: float) -> pd.DataFrame:
    scale = tol * max(1.0, float(np.abs(Z).max(initial=0.0)))
    r, c = np.nonzero(Z < -scale)
    df = pd.DataFrame({"row": np.asarray(rows)[r], "column": np.asarray(cols)[c], "value": Z[r, c],
                       "coefficient": Z[r, c] / np.where(x[c] != 0, x[c], np.nan)})
    return df.sort_values("value", kind="stable").reset_index(drop=True)


def sut_to_iot(sut: SupplyUseTable, model: str = "B", *, negatives: str = "report", tol: float = 1e-9,
               max_iter: int = 500) -> SUTResult:
    r"""Transform supply and use tables into a symmetric input-output table (Eurostat models A-D).

    Parameters
    ----------
    sut : SupplyUseTable
        The supply and use tables at basic prices.
    model : {"A", "B", "C", "D"}
        A: product technology, B: industry technology (product × product); C: fixed
        industry sales structure, D: fixed product sales structure (industry ×
        industry). Formulas in the module notes.
    negatives : {"report", "almon", "move"}
        Models A and C can give negative flows (B and D only from negative published
        cells). ``report`` keeps them (listed in :attr:`SUTResult.negatives`;
        :attr:`SUTResult.iot` then refuses); ``almon`` removes them for model A by
        Almon's (2000) procedure (:func:`almon_product_technology`), for model C by the
        same procedure on the transposed problem (sales structures instead of input
        structures); ``move`` (and ``almon`` for what it leaves, e.g. negative published
        cells) takes each negative flow :math:`z_{ij} < 0` out of ``Z`` into a final-use
        column ``negative flows (moved)`` and a primary row ``negative flows (moved, inputs)`` (row :math:`i`, column
        :math:`j`), so every row and column total is kept.
    tol : float
        Flows below ``-tol`` × the largest flow count as negative.
    max_iter : int, default 500
        Most rounds of Almon's procedure (``negatives="almon"``).

    Returns
    -------
    SUTResult
        ``.iot`` is the :class:`~valuechain.tables.IOTable`.

    Raises
    ------
    TypeError
        If ``sut`` is not a :class:`SupplyUseTable`.
    ValidationError
        If ``model`` or ``negatives`` is unknown, model A or C is asked of a non-square
        supply table, or Almon's procedure for model C meets negative final use.

    Notes
    -----
    No inverse is formed: :math:`S^{-1}` enters through :func:`valuechain.iomath.solve_right`.

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*.
           Luxembourg: Office for Official Publications of the European Communities,
           ch. 11 (models A-D).
    .. [2] Almon, C. (2000). Product-to-product tables via product-technology with no
           negative flows. *Economic Systems Research* 12(1), 27-43.

    Examples
    --------
    A two-product example (hand-worked in
    ``tests/tables/test_sut.py``):

    >>> import pandas as pd
    >>> S = pd.DataFrame([[90.0, 10.0], [0.0, 100.0]], index=["p1", "p2"], columns=["i1", "i2"])
    >>> U = pd.DataFrame([[10.0, 20.0], [20.0, 30.0]], index=S.index, columns=S.columns)
    >>> Y = pd.DataFrame({"hh": [70.0, 50.0]}, index=S.index)
    >>> W = pd.DataFrame([[60.0, 60.0]], index=["va"], columns=S.columns)
    >>> r = sut_to_iot(SupplyUseTable.from_frames(S, U, Y, W), "D")
    >>> r.iot.x.round(6).tolist()
    [90.0, 110.0]
    """
    if not isinstance(sut, SupplyUseTable):
        raise TypeError(f"sut_to_iot needs a SupplyUseTable, got {type(sut).__name__}")
    m = str(model).strip().upper()
    if m not in SUT_MODELS:
        raise ValidationError(f"model {model!r}; use one of {', '.join(SUT_MODELS)} (A: product technology, B: industry "
                              "technology, C: fixed industry sales structure, D: fixed product sales structure)")
    if negatives not in ("report", "almon", "move"):
        raise ValidationError(f"negatives={negatives!r}; use 'report', 'almon' or 'move'")
    S, U, Y, W = (d.to_numpy() for d in (sut.S, sut.U, sut.Y, sut.W))
    q, g = S.sum(axis=1), S.sum(axis=0)
    prods, inds = sut.products, sut.industries
    if m in ("A", "C") and S.shape[0] != S.shape[1]:
        raise ValidationError(
            f"model {m} needs as many products as industries; the supply table has {S.shape[0]} products and {S.shape[1]} "
            "industries: aggregate products (or fold by-products such as scrap into primary inputs) or use model "
            f"{'B' if m == 'A' else 'D'}")
    removed, iters = "", 0
    neg_cols: list = []
    if m == "A":
        labels = prods
        T = solve_right(np.eye(len(inds)), S) * q[None, :]  # S^{-1} q^
        Z, V, F, x = U @ T, W @ T, Y.copy(), q
    elif m == "B":
        labels = prods
        T = S.T / g[:, None]  # g^-1 S'
        Z, V, F, x = U @ T, W @ T, Y.copy(), q
    elif m == "C":
        labels = inds
        neg_cols = list(sut.Y.columns)  # R = g^ S^-1 has negative cells: any final-use column can turn negative
        R = g[:, None] * solve_right(np.eye(len(prods)), S)  # g^ S^{-1}
        Z, F, V, x = R @ U, R @ Y, W.copy(), g
    else:
        labels = inds
        D = S.T / q[None, :]  # S' q^-1
        Z, F, V, x = D @ U, D @ Y, W.copy(), g
    neg = _negatives(Z, labels, labels, x, tol)
    if len(neg) and negatives == "almon" and m in ("A", "C"):
        if m == "A":
            Z, V, iters = almon_product_technology(S, U, W, max_iter=max_iter)
        else:
            # model C is model A's problem transposed (U' = Z' g^-1 S'): sales structures instead of input structures
            if (Y < 0).any():
                raise ValidationError("Almon's procedure for model C needs non-negative final use (the table has imports or "
                                      "adjustments as negative columns); use model A with negatives='almon', or model D")
            Zt, Ft, iters = almon_product_technology(S.T, U.T, Y.T, max_iter=max_iter)
            Z, F = Zt.T, Ft.T
            V = W.copy()
        removed = "almon"
    # rounding noise of the solves (above -tol x the largest flow) is not a negative flow: zero it
    thr = tol * max(1.0, float(np.abs(Z).max(initial=0.0)))
    Z = np.where((Z < 0) & (Z >= -thr), 0.0, Z)
    left = _negatives(Z, labels, labels, x, tol)
    if len(left) and negatives in ("almon", "move"):
        # move what is left (negative published cells; every negative flow with "move") out of Z:
        # to a final-use column (its row) and a primary row (its column), so rows and columns still balance
        mask = Z < -tol * max(1.0, float(np.abs(Z).max(initial=0.0)))
        moved = np.where(mask, Z, 0.0)
        Z = Z - moved
        F = np.column_stack([F, moved.sum(axis=1)])
        V = np.vstack([V, moved.sum(axis=0)[None, :]])
        removed = f"{removed} + moved" if removed else "moved"
    res_notes = list(sut.notes)
    if m in ("A", "C"):
        res_notes.append(f"{len(neg)} negative flows" + (f" removed ({removed})" if removed else ""))
    moved_lab = [MOVED_LABEL] if "moved" in removed else []
    Zf = pd.DataFrame(Z, index=labels, columns=labels)
    Ff = pd.DataFrame(F, index=labels, columns=list(sut.Y.columns) + moved_lab)
    Vf = pd.DataFrame(V, index=list(sut.W.index) + ([MOVED_ROW] if moved_lab else []), columns=labels)
    xs = pd.Series(x, index=labels, name="x")
    table = pd.DataFrame({
        "label": labels, "output": x, "intermediate_inputs": Z.sum(axis=0), "primary_inputs": V.sum(axis=0),
        "intermediate_sales": Z.sum(axis=1), "final_use": F.sum(axis=1),
        "negative_cells": (Z < -tol * max(1.0, float(np.abs(Z).max(initial=0.0)))).sum(axis=0),
    })
    flags = list(sut.flags) + [f"symmetric table by Eurostat model {m} ({SUT_MODELS[m][0]})"]
    if removed:
        flags.append("negative flows removed (" + removed.replace("almon", "Almon 2000") + ")")
    if m == "A" and removed.startswith("almon") and iters >= max_iter:
        res_notes.append(f"Almon's procedure stopped after {iters} iterations before the product structures settled (tol {tol:g})")
    return SUTResult(table=table, Z=Zf, F=Ff, V=Vf, x=xs, model=m, negatives=neg, removed=removed, sut=sut,
                     flags=tuple(flags), notes=tuple(res_notes), iterations=iters, negative_ok=tuple(neg_cols))
