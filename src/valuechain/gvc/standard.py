r"""One "standard" layout for every export decomposition, with processing splits and country groups.

Every method (Koopman-Wang-Wei, Wang-Wei-Zhu, Borin-Mancini source and sink, Miroudot-Ye,
OECD TiVA accounting) splits an exporter's gross exports into the same nine quantities
(the layout of the R package exvatools, Feás 2023):

=====  ===================================================================================
EXGR   gross exports
DC     domestic content, DVA + DDC
DVA    domestic value added, VAX + REF (where VAX and REF are defined)
VAX    value added exported and absorbed abroad
REF    reflection: domestic value added that returns home and is absorbed there
DDC    domestic double counting
FC     foreign content, FVA + FDC
FVA    foreign value added
FDC    foreign double counting
GVC    GVC-related trade, GVCB + GVCF (Borin-Mancini source, OECD)
GVCB   backward GVC participation (source: FC + DDC; OECD: FC, i.e. EXGR_FVA)
GVCF   forward GVC participation (source: DVA - DAVAX; OECD: DVA_FX, value added in
       other countries' exports)
DAVAX  value added absorbed by the direct importer (Borin-Mancini source)
=====  ===================================================================================

An **exporter** is a set of rows of the table: a country owns its own block and its
processing splits (``CHN`` = ``CHN`` + ``CN1`` + ``CN2``), a group owns its members'
blocks. The rows ``S`` of an exporter are domestic to each other and nothing is
aggregated: :math:`A_{SS}` is the exporter's block of :math:`A`,
:math:`L_{SS} = (I - A_{SS})^{-1}` its local inverse, :math:`B_{SS}` its block of the
global inverse :math:`B = (I - A)^{-1}`. The rest of the world ``R`` is the other
countries, each with its own local inverse :math:`L_{rr}` (block-diagonal
:math:`L^{bd}_{RR}`). With :math:`e_S` the exporter's gross exports (to every row and
final demand outside ``S``), :math:`y_S` its final-goods exports, :math:`x^{(s)} = B Y_{\cdot s}`
the output that the exporter's own final demand requires, :math:`x` total output,
:math:`u_S = v B_{\cdot S} - v_S B_{SS}` the foreign value added per unit of ``S``'s
output and :math:`B^{s}_{\cdot S} = B_{\cdot S} B_{SS}^{-1} L_{SS}` the columns of the
inverse of the world without ``S``'s exports (Borin & Mancini's extraction):

.. math::

    DC &= v_S B_{SS} e_S, \quad FC = u_S e_S, \quad EXGR = DC + FC \\
    \text{source: } DVA &= v_S L_{SS} e_S, \; REF = v_S L_{SS} A_{SR} x^{(s)}_R, \;
      FVA = u_S B_{SS}^{-1} L_{SS} e_S \\
    \text{sink: } DDC &= v_S B_{SS} A_{SR} B^{s}_{RS} e_S, \;
      REF = v_S B_{SS} A_{SR} (B^{s} Y_{\cdot s})_R, \; FDC = u_S A_{SR} B^{s}_{RS} e_S \\
    \text{WWZ: } DDC &= v_S L_{SS} A_{SR} B_{RS} y_S + v_S (B_{SS} - L_{SS}) A_{SR} x_R, \;
      REF = v_S L_{SS} A_{SR} x^{(s)}_R \\
    \text{KWW, OECD: } VAX &= v_S (x - x^{(s)})_S, \; DVA = v_S L_{SS} e_S \\
    \text{KWW, WWZ: } FVA &= u_S (y_S + A_{SR} L^{bd}_{RR} Y^{dom}_R), \;
      FDC = u_S A_{SR} L^{bd}_{RR} E_R

(method by method in the docstrings of the term functions below). Every identity
(EXGR = DC + FC, DC = DVA + DDC, DVA = VAX + REF, FC = FVA + FDC, GVC = GVCB + GVCF) is
checked by :meth:`GVCResult.check`; VAX, REF, DVA, FVA and FDC are each computed by their
own formula, not as residuals, except where a method defines them as one (noted).

A group's figures are exact, not sums of its members' figures: trade among the members is
not an export, and their value added is domestic to the group. Only EXGR of a group
equals the sum of its members' exports less their trade with each other.

Cost: one global inverse (:func:`valuechain.iomath.leontief_inverse`), :math:`B Y` by
destination, and per exporter products of :math:`B_{\cdot S}` (n x |S|) with vectors and
solves of size |S|; no n x n matrix per exporter.

References
----------
.. [1] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
   *Economic Systems Research* 35(4), 586-613.
.. [2] Miroudot, S. and Ye, M. (2021). Decomposing value added in gross exports.
   *Economic Systems Research* 33(1), 67-87.
.. [3] Wang, Z., Wei, S.-J. and Zhu, K. (2013). Quantifying international production
   sharing at the bilateral and sector levels. NBER Working Paper 19677.
.. [4] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
   counting in gross exports. *American Economic Review* 104(2), 459-494.
.. [5] OECD (2023). Guide to OECD TiVA Indicators, 2023 edition. OECD, Paris.
.. [6] Feás, E. (2023). exvatools: Value Added in Exports and Other Input-Output Table
   Analysis Tools. R package version 0.4.0 (CRAN).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from ..errors import NotProductiveError, ValidationError
from ..iomath import leontief_inverse, matrix_factor, technical_coefficients
from .core import GVCResult

__all__ = ["standard_terms", "STANDARD_TERMS", "STANDARD_METHODS", "parse_exporter_groups", "ExporterUnits"]

_GROUP_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{0,39}$")
_BASE = ("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC")
#: Standard columns of each method (method key -> terms), in the exvatools order.
STANDARD_TERMS: dict[str, tuple[str, ...]] = {
    "kww": _BASE,
    "wwz": _BASE,
    "bm_source": _BASE + ("DAVAX", "GVC", "GVCB", "GVCF"),
    "bm_sink": _BASE,
    "my": ("EXGR", "DC", "DVA", "DDC", "FC", "FVA", "FDC"),
    "oecd": ("EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "GVC", "GVCB", "GVCF"),
}
STANDARD_METHODS = tuple(STANDARD_TERMS)
_METHOD_NAMES = {
    "kww": "Koopman-Wang-Wei (2014)",
    "wwz": "Wang-Wei-Zhu (2013)",
    "bm_source": "Borin-Mancini (2023), source-based",
    "bm_sink": "Borin-Mancini (2023), sink-based",
    "my": "Miroudot-Ye (2021)",
    "oecd": "OECD TiVA accounting",
}
_ALL_IDENTITIES = (
    ("EXGR = DC + FC", "EXGR", ("DC", "FC")),
    ("DC = DVA + DDC", "DC", ("DVA", "DDC")),
    ("DVA = VAX + REF", "DVA", ("VAX", "REF")),
    ("FC = FVA + FDC", "FC", ("FVA", "FDC")),
    ("GVC = GVCB + GVCF", "GVC", ("GVCB", "GVCF")),
)


def parse_exporter_groups(spec: str | Mapping[str, Sequence[str]] | None, economies: Sequence[str], *,
                          year: int | None = None) -> dict[str, tuple[str, ...]]:
    """Groups of exporters: ``"NAFTA=MEX,USA;EAEU=KAZ,RUS"``, a built-in name, or a mapping.

    A part without ``=`` is a built-in group of :mod:`valuechain.tables.groups` (``EU27_2020``,
    ``EAEU``, ``ASEAN``, ``USMCA``, ``OECD``, ``BRICS_PLUS`` ...), with its members in
    ``year`` (default: the file's current membership); members that are not in the table
    are left out (a group with none is an error). Groups may overlap: each is an exporter
    of its own.

    Parameters
    ----------
    spec : str, mapping of str to sequence of str, or None
        ``"NAME=C1,C2;NAME2=C3"`` and/or built-in group names separated by ``;``, or a
        mapping name -> members; None: no groups.
    economies : sequence of str
        The table's countries (owners of blocks).
    year : int, optional
        The year of the built-in groups' membership.

    Returns
    -------
    dict of str to tuple of str
        Group name -> members (in the order given, each once); empty for None.

    Raises
    ------
    ValidationError
        If a group has no name or members, a bad name, a name that is a country, a member
        not in the table, every country of the table, or a built-in group has no member in
        the table.

    Examples
    --------
    >>> parse_exporter_groups("NAFTA=MEX,USA", ["CAN", "MEX", "USA"])
    {'NAFTA': ('MEX', 'USA')}
    >>> parse_exporter_groups("USMCA", ["CAN", "MEX", "USA", "FRA"], year=2022)
    {'USMCA': ('CAN', 'MEX', 'USA')}
    """
    from ..tables.groups import group_members

    if spec is None:
        return {}
    econ = list(economies)
    out: dict[str, tuple[str, ...]] = {}
    items: list[tuple[str, list[str]]] = []
    if isinstance(spec, str):
        for part in (p.strip() for p in spec.split(";")):
            if not part:
                continue
            if "=" in part:
                name, members = part.split("=", 1)
                items.append((name.strip(), [m.strip() for m in members.split(",") if m.strip()]))
            else:
                present = [c for c in econ if c in group_members(part, year)]
                if not present:
                    raise ValidationError(f"no member of the built-in group {part} is in the table; pick another group")
                items.append((part, present))
    else:
        items = [(str(k), [str(m) for m in v]) for k, v in spec.items()]
    for name, members in items:
        if not name or not members:
            raise ValidationError(f"group {name!r} has no name or no members; write groups as NAME=C1,C2;NAME2=C3")
        if not _GROUP_NAME.match(name):
            raise ValidationError(f"group name {name!r} is not allowed; use a letter then letters, digits, '_', '-', '.' "
                                  "(up to 40 characters), e.g. NAFTA or EU27_2020")
        if name in econ:
            raise ValidationError(f"group name {name!r} is also a country of the table; give the group another name")
        missing = [m for m in members if m not in econ]
        if missing:
            raise ValidationError(f"group {name}: {', '.join(missing[:5])} not in the table (countries: {', '.join(econ[:8])}...); "
                                  "use the table's country codes")
        if len(set(members)) == len(econ):
            raise ValidationError(f"group {name} holds every country, so nothing is exported; leave a country out")
        out[name] = tuple(dict.fromkeys(members))
    return out


@dataclass(frozen=True, eq=False)
class ExporterUnits:
    """The arrays every standard decomposition shares (built once per table and grouping).

    ``economies`` are the countries (owners of blocks); ``rows[k]`` the row indices of
    economy or group ``k`` (countries first, then groups); ``dest[k]`` the economies it holds.
    Built by :meth:`from_table`.

    Parameters
    ----------
    names : tuple of str
        The exporters: the economies, then the groups.
    rows : tuple of numpy.ndarray
        The row (node) indices of each exporter.
    dest : tuple of tuple of int
        The economies each exporter holds (its own destinations are domestic).
    n_econ : int
        The number of economies (the first ``n_econ`` names).
    A, B : numpy.ndarray
        Global coefficients and Leontief inverse, n x n (n nodes).
    v, x : numpy.ndarray
        Value-added coefficients and gross output, length n.
    Z : numpy.ndarray
        Intermediate flows, n x n.
    Yecon : numpy.ndarray
        Final demand by destination economy, n x E.
    econ_of_row : numpy.ndarray
        The economy index of each node (processing splits belong to their country).
    flags : tuple of str
        Provenance flags of the table.

    References
    ----------
    .. [1] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755 (exporters
       that are groups of countries).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> u = ExporterUnits.from_table(synthetic_icio(3, 2, seed=1), {"G1": ["C00", "C01"]})
    >>> u.names, u.n_econ, u.dest[-1]
    (('C00', 'C01', 'C02', 'G1'), 3, (0, 1))
    >>> u.rows[-1]
    array([0, 1, 2, 3])
    """

    names: tuple[str, ...]
    rows: tuple[np.ndarray, ...]
    dest: tuple[tuple[int, ...], ...]
    n_econ: int
    A: np.ndarray
    B: np.ndarray
    v: np.ndarray
    x: np.ndarray
    Z: np.ndarray
    Yecon: np.ndarray  # (n, E) final demand by destination economy
    econ_of_row: np.ndarray
    flags: tuple[str, ...]

    def __repr__(self) -> str:
        """A short summary (the arrays are attributes)."""
        groups = [n for n in self.names[self.n_econ:]]
        return (f"ExporterUnits({self.n_econ} economies" + (f", groups {groups}" if groups else "")
                + f", {len(self.x)} rows" + (f", flags={list(self.flags)}" if self.flags else "") + ")")

    @classmethod
    def from_table(cls, table, groups: Mapping[str, Sequence[str]] | None = None, *, check: bool = True) -> "ExporterUnits":
        econ = list(table.economies)
        owner = table.owner
        blocks = table.Z.index.get_level_values(0)
        econ_of_row = np.array([econ.index(owner[b]) for b in blocks])
        Z = table.Z.to_numpy(dtype=float)
        x = table.x.to_numpy(dtype=float)
        Ya = table.Y.to_numpy(dtype=float)
        dest = np.array([econ.index(d) for d in table.Y.columns.get_level_values(0)])
        Yecon = np.zeros((Ya.shape[0], len(econ)))
        np.add.at(Yecon.T, dest, Ya.T)
        A = technical_coefficients(Z, x)
        B = leontief_inverse(A, check=check)
        va = table.va.to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            v = np.where(x != 0, va / np.where(x != 0, x, 1.0), 0.0)
        names = list(econ)
        rows = [np.flatnonzero(econ_of_row == k) for k in range(len(econ))]
        dests: list[tuple[int, ...]] = [(k,) for k in range(len(econ))]
        for g, members in (groups or {}).items():
            idx = tuple(econ.index(m) for m in members)
            names.append(g)
            rows.append(np.flatnonzero(np.isin(econ_of_row, idx)))
            dests.append(idx)
        return cls(names=tuple(names), rows=tuple(rows), dest=tuple(dests), n_econ=len(econ), A=A, B=B, v=v, x=x, Z=Z,
                   Yecon=Yecon, econ_of_row=econ_of_row, flags=tuple(table.flags))

    # ---- shared vectors (each computed once)
    def _cache(self, key, fn):
        c = self.__dict__.setdefault("_c", {})
        if key not in c:
            c[key] = fn()
        return c[key]

    @property
    def vB(self) -> np.ndarray:
        return self._cache("vB", lambda: self.v @ self.B)

    @property
    def x_dest(self) -> np.ndarray:
        """:math:`B Y` by destination economy (n, E)."""
        return self._cache("x_dest", lambda: self.B @ self.Yecon)

    def local(self, k: int) -> np.ndarray:
        """:math:`L_{SS} = (I - A_{SS})^{-1}` of exporter ``k``."""
        def make():
            r = self.rows[k]
            try:
                return leontief_inverse(self.A[np.ix_(r, r)], check=False)
            except NotProductiveError:
                raise NotProductiveError(f"the domestic block of {self.names[k]} (I - A_SS) is singular; "
                                         "check the table for a self-contained domestic industry") from None
        return self._cache(("L", k), make)

    def exports_of_rows(self) -> np.ndarray:
        """Each row's gross exports out of its own country (intermediate + final), (n,)."""
        def make():
            own = self.econ_of_row
            same = own[:, None] == own[None, :]
            e_int = np.where(same, 0.0, self.Z).sum(1)
            Yo = self.Yecon.copy()
            Yo[np.arange(len(own)), own] = 0.0
            return e_int + Yo.sum(1)
        return self._cache("E", make)

    def blockdiag_local(self, vec: np.ndarray) -> np.ndarray:
        """:math:`L^{bd} m`: every country's local inverse applied to its own rows of ``vec``."""
        out = np.empty_like(vec)
        for k in range(self.n_econ):
            r = self.rows[k]
            out[r] = self.local(k) @ vec[r]
        return out

    @property
    def z_dom(self) -> np.ndarray:
        """:math:`L_{rr} Y_{rr}` for every country r (n,)."""
        def make():
            ydom = self.Yecon[np.arange(len(self.econ_of_row)), self.econ_of_row]
            return self.blockdiag_local(ydom)
        return self._cache("z_dom", make)

    @property
    def z_exp(self) -> np.ndarray:
        """:math:`L_{rr} E_{r*}` for every country r (n,)."""
        return self._cache("z_exp", lambda: self.blockdiag_local(self.exports_of_rows()))

    @property
    def BE(self) -> np.ndarray:
        """:math:`B E` with E every row's exports (n,)."""
        return self._cache("BE", lambda: self.B @ self.exports_of_rows())


def _unit_arrays(U: ExporterUnits, k: int) -> dict:
    """The arrays of exporter ``k`` that every method uses (computed once, shared by the methods)."""
    def make():
        S = U.rows[k]
        inS = np.zeros(len(U.x), dtype=bool)
        inS[S] = True
        D = list(U.dest[k])
        notD = np.ones(U.n_econ, dtype=bool)
        notD[D] = False
        y_exp = U.Yecon[S][:, notD].sum(1)
        e_int = np.where(inS[None, :], 0.0, U.Z[S]).sum(1)
        vS = U.v[S]
        B_SS = U.B[np.ix_(S, S)]
        L_SS = U.local(k)
        wB = vS @ B_SS
        try:
            lu = matrix_factor(B_SS, name=f"the block B_SS of {U.names[k]}")
        except NotProductiveError as exc:
            raise NotProductiveError(f"{exc}; the extraction terms are undefined") from None
        # kept for all methods: vectors and |S| x |S| blocks (the n x |S| columns of B and rows of A are sliced per call)
        return dict(S=S, D=D, y_exp=y_exp, e_int=e_int, e=e_int + y_exp, vS=vS, B_SS=B_SS, B_SS_lu=lu, L_SS=L_SS,
                    wB=wB, wL=vS @ L_SS, u=U.vB[S] - wB, xs=U.x_dest[:, D].sum(1))
    return U._cache(("unit", k), make)


def _terms_for(U: ExporterUnits, k: int, method: str) -> dict[str, float]:
    """The standard terms of exporter ``k`` (see the module docstring for the formulas)."""
    a = _unit_arrays(U, k)
    S, D, y_exp, e_int, e = a["S"], a["D"], a["y_exp"], a["e_int"], a["e"]
    vS, B_SS, L_SS, wB, wL, u, xs = a["vS"], a["B_SS"], a["L_SS"], a["wB"], a["wL"], a["u"], a["xs"]
    A_S = U.A[S]  # rows of S, all columns
    B_cS = U.B[:, S]  # columns of S, all rows

    def ASR(m: np.ndarray) -> np.ndarray:
        """:math:`A_{SR} m_R` (the exporter's own rows of m left out)."""
        mm = m.copy()
        mm[S] = 0.0
        return A_S @ mm

    out = {"EXGR": e.sum(), "DC": wB @ e, "FC": u @ e}

    def solve_BSS(r: np.ndarray) -> np.ndarray:
        return a["B_SS_lu"].solve(r)

    def Bx(m_full: np.ndarray) -> np.ndarray:
        """:math:`B^{s} y` from :math:`m = B y`: :math:`B y - B_{\\cdot S} B_{SS}^{-1} L_{SS} A_{SR} (B y)_R`."""
        return m_full - B_cS @ solve_BSS(L_SS @ ASR(m_full))

    if method in ("bm_source", "my", "oecd", "kww"):
        out["DVA"] = wL @ e
        out["DDC"] = (wB - wL) @ e
    if method in ("bm_source", "my"):
        out["FVA"] = u @ solve_BSS(L_SS @ e)
        out["FDC"] = out["FC"] - out["FVA"]  # Borin-Mancini, Miroudot-Ye: FDC := FC - FVA
    if method == "bm_source":
        out["REF"] = wL @ ASR(xs)
        out["VAX"] = wL @ (y_exp + ASR(U.x - xs))
        out["DAVAX"] = wL @ (y_exp + ASR(U.z_dom))
        out["GVCB"] = out["FC"] + out["DDC"]
        out["GVCF"] = out["DVA"] - out["DAVAX"]
        out["GVC"] = out["GVCB"] + out["GVCF"]
    elif method == "bm_sink":
        bxe = B_cS @ solve_BSS(L_SS @ e)  # B^s_{.S} e_S (rows of S left out by ASR)
        out["DDC"] = wB @ ASR(bxe)
        out["REF"] = wB @ ASR(Bx(xs))
        out["VAX"] = wB @ (y_exp + ASR(Bx(U.x - xs - B_cS @ y_exp)))
        out["DVA"] = out["VAX"] + out["REF"]  # sink: DVA := VAX + REF (Borin & Mancini 2023)
        out["FDC"] = u @ ASR(bxe)
        out["FVA"] = out["FC"] - out["FDC"]  # sink: FVA := FC - FDC
    elif method == "wwz":
        out["REF"] = wL @ ASR(xs)
        out["VAX"] = wB @ y_exp + wL @ ASR(U.x - xs - B_cS @ y_exp)
        out["DDC"] = wL @ ASR(B_cS @ y_exp) + (wB - wL) @ e_int
        out["DVA"] = out["VAX"] + out["REF"]  # WWZ: DVA := T1..T8
        out["FVA"] = u @ (y_exp + ASR(U.z_dom))
        out["FDC"] = u @ ASR(U.z_exp)
    elif method == "kww":
        y_own = U.Yecon[S][:, D].sum(1)
        out["VAX"] = vS @ (U.x - xs)[S]
        out["REF"] = vS @ xs[S] - wL @ y_own
        out["FVA"] = u @ (y_exp + ASR(U.z_dom))
        out["FDC"] = u @ ASR(U.z_exp)
    elif method == "oecd":
        out["VAX"] = vS @ (U.x - xs)[S]
        out["REF"] = out["DVA"] - out["VAX"]  # OECD: REF := EXGR_DVA - FFD_DVA
        out["GVCB"] = out["FC"]  # EXGR_FVA
        out["GVCF"] = vS @ (U.BE[S] - B_SS @ U.exports_of_rows()[S])  # DVA_FX
        out["GVC"] = out["GVCB"] + out["GVCF"]
    return {t: float(out[t]) for t in STANDARD_TERMS[method]}


def standard_terms(table, method: str, *, groups: str | Mapping[str, Sequence[str]] | None = None,
                   year: int | None = None, units: ExporterUnits | None = None) -> GVCResult:
    """The standard terms of ``method`` for every country (splits kept) and every group.

    Parameters
    ----------
    table : InterCountryTable
        Its :attr:`~InterCountryTable.splits` are kept: a country's blocks are domestic to
        each other.
    method : {"kww", "wwz", "bm_source", "bm_sink", "my", "oecd"}
    groups : str or mapping, optional
        Exporter groups (``"NAFTA=MEX,USA;EAEU=KAZ,RUS"``, built-in names, or
        ``{"NAFTA": ["MEX", "USA"]}``): one more row each, after the countries.
    year : int, optional
        Year of the built-in groups' membership.
    units : ExporterUnits, optional
        Shared arrays from an earlier call (several methods on one table and grouping).

    Returns
    -------
    GVCResult
        Country level, one row per exporter (column ``exporter``), the columns of
        ``STANDARD_TERMS[method]``; ``check()`` tests the identities.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = standard_terms(synthetic_icio(3, 2, seed=1), "bm_source", groups="G=C00,C01")
    >>> list(r.table["exporter"])
    ['C00', 'C01', 'C02', 'G']
    >>> bool(r.identities_hold(rtol=1e-9))
    True
    """
    if method not in STANDARD_TERMS:
        raise ValidationError(f"method {method!r} has no standard terms; use one of {', '.join(STANDARD_METHODS)}")
    if "intermediate-only" in tuple(getattr(table, "flags", ()) or ()):
        raise ValidationError("this table has intermediate flows and output only (format zx): value added and final "
                              "demand by destination are unknown; use a full ICIO")
    if units is None:
        units = ExporterUnits.from_table(table, parse_exporter_groups(groups, table.economies, year=year))
    U = units
    terms = STANDARD_TERMS[method]
    per_unit = [_terms_for(U, k, method) for k in range(len(U.names))]
    vals = np.array([[d[t] for t in terms] for d in per_unit])
    ids = tuple((lab, lhs, rhs, (1.0, 1.0)) for lab, lhs, rhs in _ALL_IDENTITIES if lhs in terms and all(r in terms for r in rhs))
    groups_txt = {n: [U.names[i] for i in d] for n, d in zip(U.names[U.n_econ:], U.dest[U.n_econ:])}
    return GVCResult(
        method=f"{_METHOD_NAMES[method]}, standard terms",
        terms=terms,
        data=vals[:, None, None, :],
        countries=U.names,
        industries=("TOTAL",),
        level="country",
        levels=("country",),
        flags=U.flags,
        identities=ids,
        extra={"groups": groups_txt, "splits": dict(getattr(table, "splits", ()))},
        description=(f"{_METHOD_NAMES[method]}: gross exports in the standard layout (exvatools), one row per exporter; "
                     "a country's processing splits are domestic to it; groups are exact (intra-group trade is not exported)"),
    )
