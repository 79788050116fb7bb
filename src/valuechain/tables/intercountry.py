"""The inter-country (multi-regional) input-output table.

``G`` countries x ``N`` industries, stacked country-major (all industries of the first
country, then all industries of the second, ...). Same conventions as the national
:class:`valuechain.tables.IOTable`: ``Z`` intermediate flows (rows sell, columns buy),
``Y`` final demand, ``V`` primary inputs, ``x`` output; frozen, validated when built.

Notation follows Borin & Mancini (2019, 2023) and Koopman, Wang & Wei (2014):
``Z_sr`` is the N x N block of intermediate sales from country ``s`` to country ``r``,
``Y_sr`` the final demand of ``r`` for products of ``s``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning, ZeroOutputWarning
from .validation import RTOL, as_flags, balance_messages, balance_scale, check_mode, check_unique_labels, enforce_balance

__all__ = [
    "InterCountryTable",
    "NegativeValueAddedWarning",
    "aggregate_icio",
    "one_block_per_country",
    "label_blocks",
    "SLOT_SEP",
]


class NegativeValueAddedWarning(ValuechainWarning):
    """A country-industry whose value added (x - column sum of Z - other primary rows) is negative."""


def _split_labels(labels, sep: str, what: str) -> pd.MultiIndex:
    """Turn ``"country<sep>industry"`` labels (or a 2-level MultiIndex) into a MultiIndex."""
    if isinstance(labels, pd.MultiIndex):
        if labels.nlevels != 2:
            raise ValidationError(f"{what} has a {labels.nlevels}-level index; use (country, industry) pairs")
        return pd.MultiIndex.from_arrays(
            [labels.get_level_values(0).map(str), labels.get_level_values(1).map(str)], names=["country", "industry"]
        )
    lab = [str(v) for v in labels]
    bad = [v for v in lab if sep not in v]
    if bad:
        raise ValidationError(
            f"{what} label {bad[0]!r} is not 'country{sep}industry'; label rows/columns as country{sep}industry "
            "or pass a (country, industry) MultiIndex"
        )
    parts = [v.split(sep, 1) for v in lab]
    return pd.MultiIndex.from_tuples([(a, b) for a, b in parts], names=["country", "industry"])


def _is_vector(v) -> bool:
    return isinstance(v, pd.Series) or (v is not None and not isinstance(v, pd.DataFrame) and np.ndim(v) == 1)


def _is_matrix(v) -> bool:
    return isinstance(v, pd.DataFrame) or (v is not None and not isinstance(v, pd.Series) and np.ndim(v) == 2)


def _unique(seq) -> list[str]:
    return list(dict.fromkeys(seq))


def _numeric(df: pd.DataFrame, what: str) -> pd.DataFrame:
    try:
        return df.astype(float)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{what} has a non-numeric cell ({exc}); every cell must be a number") from None


@dataclass(frozen=True, eq=False)
class InterCountryTable:
    r"""An inter-country input-output table (frozen; validated when built with :meth:`from_frames`).

    Parameters
    ----------
    Z : DataFrame (GN, GN)
        Intermediate flows; index and columns are the same (country, industry) MultiIndex,
        country-major with the same N industries in every country.
    Y : DataFrame (GN, K)
        Final demand; columns a (country, category) MultiIndex (the destination country and
        the final-demand category, e.g. ``("KAZ", "HFCE")``).
    V : DataFrame (m, GN)
        Primary inputs by using country-industry (e.g. ``TLS`` and ``VA`` rows of the OECD
        ICIO); may have zero rows, in which case value added is the residual ``x - 1'Z``.
    x : Series (GN,)
        Gross output.
    name, unit, source : str
        The table's name, its unit (e.g. ``"million USD"``) and its source (release and
        file); every result and report built from it shows them.
    flags : tuple of str
        Provenance flags such as ``"synthetic"``; results computed from the table repeat them.
    splits : tuple of (block, country) pairs
        Blocks of rows that belong to another country (the OECD ICIO's processing splits
        ``CN1``/``CN2`` of ``CHN`` and ``MX1``/``MX2`` of ``MEX``, or splits a user declares).
        A country then owns several blocks: its own (possibly all-zero) block and its splits.
        The grid stays square (every block has the N industries); final demand is by
        destination *country* (the owners), never by split block. Every GVC method
        (standard terms, and detailed terms through ``valuechain.gvc.one_block_per_country``)
        treats a country's blocks as domestic to each other without adding them;
        :meth:`merge_splits` adds them.

    Notes
    -----
    Value added used by every decomposition is ``va = x - 1'Z`` when ``V`` is empty, else the
    column sums of ``V`` (with a balanced table they coincide). Taxes less subsidies on
    products (the OECD ``TLS`` row) are therefore counted with value added, as in the R
    packages decompr and icio; this is what makes every decomposition add up to gross
    exports (the value-added coefficients then satisfy :math:`v B = 1'`).

    .. math:: x = Z 1 + Y 1, \qquad va = x - 1'Z, \qquad
              e_s = \textstyle\sum_{r \ne s} (Z_{sr} 1 + Y_{sr} 1)

    Build it with :meth:`from_frames` (labelled frames) or :meth:`from_arrays` (arrays and
    labels): they validate the table (square ``Z``, matching labels, finite non-negative
    flows, row balance, productive ``A``) and raise :class:`~valuechain.ValidationError`
    (a ``TypeError`` for a ``Z`` or ``Y`` that is not a DataFrame) with what to fix.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
       Extensions*, 2nd ed. Cambridge University Press, ch. 3 (multiregional models).

    Examples
    --------
    Two countries with one industry each; output is the row total, value added the residual
    and exports the flows to the other country (hand-worked: 5 + 25 and 4 + 11):

    >>> t = InterCountryTable.from_arrays(np.array([[10., 5.], [4., 20.]]), np.array([[60., 25.], [11., 40.]]),
    ...                                   countries=["A", "B"], industries=["man"], unit="million USD")
    >>> t
    InterCountryTable(name='', G=2, N=1, categories=['FD'], unit='million USD')
    >>> t.x.tolist(), t.va.tolist(), t.exports_by_country().tolist()
    ([100.0, 75.0], [86.0, 50.0], [30.0, 15.0])
    """

    Z: pd.DataFrame
    Y: pd.DataFrame
    V: pd.DataFrame
    x: pd.Series
    name: str = ""
    unit: str = ""
    source: str = ""
    flags: tuple[str, ...] = ()
    splits: tuple[tuple[str, str], ...] = ()

    # ------------------------------------------------------------------ build
    @classmethod
    def from_frames(
        cls,
        Z,
        Y,
        V=None,
        x=None,
        *,
        sep: str = "|",
        name: str = "",
        unit: str = "",
        source: str = "",
        flags: Sequence[str] = (),
        rtol: float = RTOL,
        check_balance: str = "raise",
        check_exports: str = "raise",
        splits: Mapping[str, str] | None = None,
        copy: bool = True,
    ) -> "InterCountryTable":
        """Build and validate a table.

        Parameters
        ----------
        Z : DataFrame
            Labels ``"country|industry"`` (``sep``) or a (country, industry) MultiIndex.
        Y : DataFrame
            Columns ``"country|category"``, a (country, category) MultiIndex, or plain
            destination-country names (one final-demand column per country).
        V : DataFrame, optional
            Primary-input rows by using country-industry (columns labelled like ``Z``).
        x : Series or array, optional
            Output; default the row total ``Z 1 + Y 1``. The positional order
            ``(Z, Y, V, x)`` is that of :meth:`IOTable.from_frames`; the former order
            ``(Z, Y, x, V)`` (output before primary inputs) is recognised (a one-dimensional
            third argument) and still works, with a ``DeprecationWarning``; pass ``x=`` and
            ``V=`` by keyword to be independent of the order.
        rtol : float
            Relative tolerance of the row (and, with ``V``, column) balance (default 1e-6), in the
            containers' one convention (:mod:`valuechain.tables.validation`): relative to each
            row's output, never to less than 1 % of mean output.
        check_balance : {"raise", "warn", "ignore"}
        check_exports : {"raise", "warn", "ignore"}
            What to do with a country that exports nothing (its export shares are undefined).
        splits : mapping block -> country, optional
            Blocks of rows owned by another country (e.g. ``{"CN1": "CHN", "CN2": "CHN"}``);
            final demand then has columns for the owning countries only.
        copy : bool, default True
            Copy ``Z`` into the table, so that the table never shares memory with the
            caller's frame. ``False``: a ``Z`` that is all float64 and in canonical order is
            taken over as it is (no copy of a large matrix); the caller hands its data over
            and must not change it afterwards (a reader that built the array itself, e.g.
            :func:`valuechain.gvc.read_zx`, makes it read-only).

        Notes
        -----
        The rows are put in canonical order: countries in order of first appearance, each
        with its industries in order of first appearance (so results do not depend on how
        the input was sorted).
        """
        if not isinstance(Z, pd.DataFrame):
            raise TypeError("Z must be a pandas DataFrame labelled by country and industry")
        if not isinstance(Y, pd.DataFrame):
            raise TypeError("Y must be a pandas DataFrame (rows like Z, columns by destination country)")
        if _is_vector(V) and (x is None or _is_matrix(x)):
            warnings.warn(
                "InterCountryTable.from_frames(Z, Y, x, V) is deprecated: the order is (Z, Y, V, x) as in "
                "IOTable.from_frames; pass x= and V= by keyword",
                DeprecationWarning,
                stacklevel=2,
            )
            V, x = x, V
        if V is not None and not isinstance(V, pd.DataFrame):
            raise ValidationError(
                f"V is a {type(V).__name__}; give primary inputs as a DataFrame (rows: inputs, columns like Z) "
                "or pass V=None"
            )
        if x is not None and _is_matrix(x):
            raise ValidationError(
                "x is two-dimensional; give output as one value per country-industry (a Series or 1-D array), "
                "e.g. from_frames(Z, Y, V=V, x=x)"
            )
        if Z.shape[0] != Z.shape[1]:
            raise ValidationError(f"Z is {Z.shape[0]}x{Z.shape[1]}; the intermediate block must be square (GN x GN)")
        if not copy and len(Z.columns) and (Z.dtypes == np.float64).all():
            Zf = Z.copy(deep=False)  # the caller's data, its own labels (relabelled below)
        else:
            Zf = _numeric(Z, "Z")
        Zf.index = _split_labels(Zf.index, sep, "Z row")
        Zf.columns = _split_labels(Zf.columns, sep, "Z column")
        check_unique_labels(["|".join(k) for k in Zf.index], "row labels (country|industry) in Z")
        if set(Zf.index) != set(Zf.columns):
            only_r = sorted(set(Zf.index) - set(Zf.columns))[:3]
            only_c = sorted(set(Zf.columns) - set(Zf.index))[:3]
            raise ValidationError(
                f"Z's row and column labels differ (rows only: {only_r}; columns only: {only_c}); use the same labels"
            )
        countries = _unique(Zf.index.get_level_values(0))
        industries = _unique(Zf.index.get_level_values(1))
        full = pd.MultiIndex.from_product([countries, industries], names=["country", "industry"])
        if len(full) != len(Zf.index) or not set(full) == set(Zf.index):
            missing = sorted(set(full) - set(Zf.index))[:3]
            raise ValidationError(
                f"every country must have the same industries; missing {missing}; add zero rows/columns for them"
            )
        if Zf.index.equals(full) and Zf.columns.equals(full):
            Zf.index, Zf.columns = full, full  # already in canonical order: no copy (4000 x 4000: ~1 s)
        else:
            Zf = Zf.loc[full, full]
        # final demand
        Yf = _numeric(Y, "Y")
        if len(Yf.index) != len(full):
            raise ValidationError(f"Y has {len(Yf.index)} rows but Z has {len(full)}; give one final-demand row per country-industry")
        Yf.index = _split_labels(Yf.index, sep, "Y row")
        if set(Yf.index) != set(full):
            raise ValidationError("Y's row labels do not match Z's country-industry labels; label them the same way")
        Yf = Yf.loc[full]
        if isinstance(Yf.columns, pd.MultiIndex):
            cols = pd.MultiIndex.from_arrays(
                [Yf.columns.get_level_values(0).map(str), Yf.columns.get_level_values(-1).map(str)],
                names=["country", "category"],
            )
        elif all(sep in str(c) for c in Yf.columns):
            cols = pd.MultiIndex.from_tuples([tuple(str(c).split(sep, 1)) for c in Yf.columns], names=["country", "category"])
        else:
            cols = pd.MultiIndex.from_tuples([(str(c), "FD") for c in Yf.columns], names=["country", "category"])
        Yf.columns = cols
        ydest = _unique(cols.get_level_values(0))
        split_map = {str(k): str(v) for k, v in (splits or {}).items()}
        for blk, own in split_map.items():
            if blk not in countries:
                raise ValidationError(f"split block {blk!r} is not a country block of Z; declare splits of blocks that exist")
            if own in split_map:
                raise ValidationError(f"split block {blk!r} belongs to {own!r}, itself a split; map every split to its country")
        economies = _unique(split_map.get(c, c) for c in countries)
        if set(ydest) != set(economies):
            only_z = sorted(set(economies) - set(ydest))[:5]
            only_y = sorted(set(ydest) - set(countries))[:5]
            raise ValidationError(
                f"country lists differ between Z and final demand (only in Z: {only_z}; only in Y: {only_y}); "
                "give final demand for exactly the countries of Z"
            )
        order = sorted(range(len(cols)), key=lambda k: economies.index(cols[k][0]))
        Yf = Yf.iloc[:, order]
        check_unique_labels(["|".join(map(str, c)) for c in Yf.columns], "final-demand columns (country|category)")
        # primary inputs
        if V is None:
            Vf = pd.DataFrame(np.zeros((0, len(full))), columns=full)
        else:
            Vf = _numeric(V, "V")
            Vf.columns = _split_labels(Vf.columns, sep, "V column")
            if set(Vf.columns) != set(full):
                raise ValidationError("V's column labels do not match Z's country-industry labels")
            Vf = Vf.loc[:, full]
            Vf.index = Vf.index.map(str)
        # output
        if x is None:
            xs = pd.Series(Zf.to_numpy().sum(1) + Yf.to_numpy().sum(1), index=full)
        elif isinstance(x, pd.Series):
            xs = x.astype(float).copy()
            if len(xs) != len(full):
                raise ValidationError(f"x has {len(xs)} entries but Z has {len(full)} rows; give one output per country-industry")
            xs.index = _split_labels(xs.index, sep, "x")
            if set(xs.index) != set(full):
                raise ValidationError("x's labels do not match Z's country-industry labels")
            xs = xs.loc[full]
        else:
            arr = np.asarray(x, dtype=float).ravel()
            if arr.size != len(full):
                raise ValidationError(f"x has {arr.size} entries but Z has {len(full)} rows; give one output per country-industry")
            xs = pd.Series(arr, index=full)
        xs.name = "x"
        tab = cls(Z=Zf, Y=Yf, V=Vf, x=xs, name=name, unit=unit, source=source, flags=as_flags(flags),
                  splits=tuple(split_map.items()))
        tab.validate(rtol=rtol, check_balance=check_balance, check_exports=check_exports)
        return tab

    @classmethod
    def from_arrays(cls, Z, Y, x=None, *, countries: Sequence[str], industries: Sequence[str], categories=None, **kw):
        """Build from plain arrays: ``Z`` (GN, GN), ``Y`` (GN, G*K) ordered by destination country."""
        full = pd.MultiIndex.from_product([list(map(str, countries)), list(map(str, industries))], names=["country", "industry"])
        Za = np.asarray(Z, dtype=float)
        Ya = np.asarray(Y, dtype=float)
        G = len(countries)
        if Ya.ndim != 2 or Ya.shape[1] % G:
            raise ValidationError(f"Y has {Ya.shape[1] if Ya.ndim == 2 else '?'} columns; give K columns per destination country ({G} countries)")
        K = Ya.shape[1] // G
        cats = list(categories) if categories is not None else (["FD"] if K == 1 else [f"fd{k + 1}" for k in range(K)])
        ycols = pd.MultiIndex.from_product([list(map(str, countries)), cats], names=["country", "category"])
        if Za.shape != (len(full), len(full)):
            raise ValidationError(f"Z is {Za.shape}; expected {len(full)}x{len(full)} for {G} countries x {len(industries)} industries")
        return cls.from_frames(pd.DataFrame(Za, index=full, columns=full), pd.DataFrame(Ya, index=full, columns=ycols), x=x, **kw)

    # ------------------------------------------------------------- validation
    def validate(self, *, rtol: float = RTOL, check_balance: str = "raise", check_exports: str = "raise") -> None:
        """Finiteness, signs, balance, value added, exports (see :meth:`from_frames`).

        Balance and value added follow the containers' one tolerance convention
        (:mod:`valuechain.tables.validation`): a gap :math:`g_i` is accepted when
        :math:`|g_i| \\le \\mathrm{rtol} \\cdot s_i + 10^{-9}` with
        :math:`s_i = \\max(|x_i|, 10^{-12} + 0.01\\,\\overline{|x|})`.
        """
        check_mode(check_balance)
        for nm, df in (("Z", self.Z), ("Y", self.Y), ("V", self.V)):
            vals = df.to_numpy()
            if vals.size and not np.isfinite(vals).all():
                r, c = np.argwhere(~np.isfinite(vals))[0]
                raise ValidationError(f"{nm} has a missing or infinite value at ({df.index[r]}, {df.columns[c]}); fill it with a number")
        x = self.x.to_numpy()
        if not np.isfinite(x).all():
            raise ValidationError("x (output) has a missing or infinite value; fill it with a number")
        Za = self.Z.to_numpy()
        if (Za < 0).any():
            r, c = np.argwhere(Za < 0)[0]
            raise ValidationError(
                f"negative intermediate flow Z[{'|'.join(self.Z.index[r])}, {'|'.join(self.Z.columns[c])}] = {Za[r, c]:g}; "
                "intermediate flows must be >= 0"
            )
        if (x < 0).any():
            k = int(np.argmax(x < 0))
            raise ValidationError(f"negative output for {'|'.join(self.x.index[k])}; output must be >= 0")
        scale = balance_scale(x)
        if check_balance != "ignore":
            labels = ["|".join(k) for k in self.Z.index]
            msgs = balance_messages(Za.sum(1) + self.Y.to_numpy().sum(1) - x, x, labels=labels, what="row", parts="Z+Y",
                                    rtol=rtol, scale=scale)
            if self.V.shape[0]:
                msgs += balance_messages(Za.sum(0) + self.V.to_numpy().sum(0) - x, x, labels=labels, what="column",
                                         parts="Z+V", rtol=rtol, scale=scale)
            enforce_balance(msgs, rtol=rtol, mode=check_balance, hint="fix the table, recompute x, or pass a larger rtol")
        va = self.va.to_numpy()
        neg = va < -(rtol * scale + 1e-9)
        if neg.any():
            k = int(np.argmax(neg))
            warnings.warn(
                f"{int(neg.sum())} country-industr{'y has' if neg.sum() == 1 else 'ies have'} negative value added "
                f"(first: {'|'.join(self.x.index[k])} = {va[k]:g}); decompositions still add up but shares may exceed 1",
                NegativeValueAddedWarning,
                stacklevel=3,
            )
        zero = x == 0
        if zero.any():
            warnings.warn(
                f"{int(zero.sum())} country-industr{'y' if zero.sum() == 1 else 'ies'} with zero output "
                f"(first: {'|'.join(self.x.index[int(np.argmax(zero))])}); their coefficients are set to 0",
                ZeroOutputWarning,
                stacklevel=3,
            )
        if check_exports != "ignore":
            ex = self.exports_by_country()
            bad = [c for c, v in ex.items() if not v > 0]
            if bad:
                text = (
                    f"countr{'y' if len(bad) == 1 else 'ies'} {', '.join(bad[:5])} export nothing (gross exports = 0), so export "
                    "shares are undefined; aggregate it with another country (aggregate_icio) or drop it"
                )
                if check_exports == "raise":
                    raise ValidationError(text)
                warnings.warn(text, ValuechainWarning, stacklevel=3)

    # -------------------------------------------------------------- accessors
    @property
    def countries(self) -> list[str]:
        return _unique(self.Z.index.get_level_values(0))

    @property
    def industries(self) -> list[str]:
        return _unique(self.Z.index.get_level_values(1))

    @property
    def G(self) -> int:
        return len(self.countries)

    @property
    def owner(self) -> dict[str, str]:
        """The country that owns each block (a block is its own country unless it is a split)."""
        sp = dict(self.splits)
        return {c: sp.get(c, c) for c in self.countries}

    @property
    def economies(self) -> list[str]:
        """Countries in the economic sense: the owners of the blocks, in order of first appearance."""
        return _unique(self.owner.values())

    def merge_splits(self) -> "InterCountryTable":
        """The table with each country's split blocks added into one block (a square country x industry grid).

        Adding the blocks aggregates two technologies (processing and non-processing) into
        one, so results differ from those that keep the splits; the merged table carries the
        flag ``"splits merged by addition"``.
        """
        if not self.splits:
            return self
        mapping = dict(self.owner)
        mapping.update({e: e for e in self.economies})
        t = aggregate_icio(self, countries=mapping)
        return InterCountryTable(Z=t.Z, Y=t.Y, V=t.V, x=t.x, name=t.name, unit=t.unit, source=t.source,
                                 flags=as_flags(self.flags + ("splits merged by addition",)))

    @property
    def N(self) -> int:
        return len(self.industries)

    @property
    def categories(self) -> list[str]:
        return _unique(self.Y.columns.get_level_values(1))

    @cached_property
    def va(self) -> pd.Series:
        """Value added by country-industry: column sums of ``V``, or ``x - 1'Z`` when ``V`` is empty."""
        if self.V.shape[0]:
            return pd.Series(self.V.to_numpy().sum(0), index=self.Z.index, name="va")
        return pd.Series(self.x.to_numpy() - self.Z.to_numpy().sum(0), index=self.Z.index, name="va")

    @cached_property
    def Y_by_destination(self) -> pd.DataFrame:
        """Final demand summed over categories: GN x G, one column per destination country."""
        Ya = self.Y.to_numpy()
        dest = self.Y.columns.get_level_values(0)
        out = np.zeros((Ya.shape[0], self.G))
        idx = np.array([self.countries.index(d) if d in self.countries else -1 for d in dest], dtype=int)
        if (idx < 0).any():
            raise ValidationError("final demand goes to a country without a block of its own (a split table); "
                                  "use table.merge_splits() or a method that honours the splits")
        np.add.at(out.T, idx, Ya.T)
        return pd.DataFrame(out, index=self.Z.index, columns=pd.Index(self.countries, name="destination"))

    def exports_by_country(self) -> pd.Series:
        """Gross exports (intermediate + final, to all other countries) by country (split blocks with their owner)."""
        G, N = self.G, self.N
        econ = self.economies
        own = np.array([econ.index(self.owner[c]) for c in self.countries])
        Z4 = self.Z.to_numpy().reshape(G, N, G, N).sum(axis=(1, 3))
        S = np.zeros((G, len(econ)))
        S[np.arange(G), own] = 1.0
        Ze = S.T @ Z4 @ S
        Yr = self.Y.to_numpy().reshape(G, N, -1).sum(1)  # block x FD column
        dest = np.array([econ.index(d) for d in self.Y.columns.get_level_values(0)])
        D = np.zeros((Yr.shape[1], len(econ)))
        D[np.arange(Yr.shape[1]), dest] = 1.0
        tot = Ze + S.T @ Yr @ D
        return pd.Series(tot.sum(1) - np.diag(tot), index=econ, name="exports")

    def aggregate(self, countries: Mapping[str, str] | None = None, industries: Mapping[str, str] | None = None) -> "InterCountryTable":
        """Aggregate countries and/or industries by a concordance (see :func:`aggregate_icio`)."""
        return aggregate_icio(self, countries=countries, industries=industries)

    def __repr__(self) -> str:
        f = f", flags={list(self.flags)}" if self.flags else ""
        sp = f", splits={dict(self.splits)}" if self.splits else ""
        return f"InterCountryTable(name={self.name!r}, G={self.G}, N={self.N}, categories={self.categories}, unit={self.unit!r}{sp}{f})"


def _map_labels(values: Sequence[str], mapping: Mapping[str, str] | None, what: str) -> list[str]:
    if mapping is None:
        return list(values)
    missing = sorted({v for v in values if v not in mapping})
    if missing:
        raise ValidationError(f"the {what} concordance has no entry for {missing[:5]}; map every {what} to a group")
    return [str(mapping[v]) for v in values]


def aggregate_icio(
    table: InterCountryTable,
    countries: Mapping[str, str] | None = None,
    industries: Mapping[str, str] | None = None,
) -> InterCountryTable:
    """Aggregate an inter-country table by a concordance of countries and/or industries.

    .. math:: Z^{agg} = S Z S', \\quad Y^{agg} = S Y S_Y', \\quad x^{agg} = S x

    where ``S`` is the 0/1 aggregation matrix of the concordance (flows within a merged
    group of countries become domestic flows).

    Parameters
    ----------
    table : InterCountryTable
        The table to aggregate.
    countries, industries : mapping old label -> group label, optional
        Every label must be mapped; groups keep the order of their first member. ``None``
        (default) keeps that dimension as it is.

    Returns
    -------
    InterCountryTable
        The aggregated table, with the name, unit, source and flags of ``table`` (balance
        and exports checked with ``"warn"``). Value added (primary input rows) is summed
        over the merged columns.

    Raises
    ------
    ValidationError
        If a country or industry of the table has no entry in its concordance.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
       Extensions*, 2nd ed. Cambridge University Press, ch. 4 (aggregation in input-output models).

    Examples
    --------
    Three countries into two groups, two industries into one; world output is unchanged:

    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(3, 2, seed=1)
    >>> a = aggregate_icio(t, countries={"C00": "A", "C01": "A", "C02": "B"}, industries={"I00": "all", "I01": "all"})
    >>> a.countries, a.industries
    (['A', 'B'], ['all'])
    >>> bool(np.isclose(a.x.sum(), t.x.sum()))
    True
    """
    c_new = _map_labels(table.Z.index.get_level_values(0), countries, "country")
    i_new = _map_labels(table.Z.index.get_level_values(1), industries, "industry")
    rows = pd.MultiIndex.from_arrays([c_new, i_new], names=["country", "industry"])
    order = _unique(rows)
    Z = table.Z.copy()
    Z.index = rows
    Z.columns = rows
    Z = Z.T.groupby(level=[0, 1], sort=False).sum().T.groupby(level=[0, 1], sort=False).sum()
    Y = table.Y.copy()
    Y.index = rows
    ycols = pd.MultiIndex.from_arrays(
        [_map_labels(Y.columns.get_level_values(0), countries, "country"), Y.columns.get_level_values(1)],
        names=["country", "category"],
    )
    Y.columns = ycols
    Y = Y.T.groupby(level=[0, 1], sort=False).sum().T.groupby(level=[0, 1], sort=False).sum()
    x = table.x.copy()
    x.index = rows
    x = x.groupby(level=[0, 1], sort=False).sum()
    V = None
    if table.V.shape[0]:
        V = table.V.copy()
        V.columns = rows
        V = V.T.groupby(level=[0, 1], sort=False).sum().T
    idx = pd.MultiIndex.from_tuples(order, names=["country", "industry"])
    return InterCountryTable.from_frames(
        Z.loc[idx, idx], Y.loc[idx], V=None if V is None else V.loc[:, idx], x=x.loc[idx],
        name=table.name, unit=table.unit, source=table.source, flags=table.flags,
        check_balance="warn", check_exports="warn",
    )


def __getattr__(name: str):
    # synthetic_icio moved to valuechain.datasets (issue 22); the old name works, with a DeprecationWarning
    from .._moved import moved_attr

    return moved_attr(__name__, name)


# ----------------------------------------------------------------------------- processing splits as one economy
SLOT_SEP = "~"


def _empty_blocks(table) -> set[str]:
    """Blocks with no output, no intermediate flows in or out and no final demand (the OECD's CHN/MEX)."""
    G, N = table.G, table.N
    Z4 = np.abs(table.Z.to_numpy(float)).reshape(G, N, G, N)
    rows, cols = Z4.sum(axis=(1, 2, 3)), Z4.sum(axis=(0, 1, 3))
    yb = np.abs(table.Y.to_numpy(float)).reshape(G, N, -1).sum(axis=(1, 2))
    xb = np.abs(table.x.to_numpy(float)).reshape(G, N).sum(1)
    return {c for k, c in enumerate(table.countries) if rows[k] == 0 and cols[k] == 0 and yb[k] == 0 and xb[k] == 0}


def one_block_per_country(table):
    r"""The table with one block per country (economy), its processing splits kept side by side.

    A country that owns several blocks (``CHN`` = ``CHN`` + ``CN1`` + ``CN2`` in the OECD
    ICIO) becomes one block of ``K N`` industries, ``K`` the largest number of non-empty
    blocks a country owns: slot 0 holds its first block's industries (labelled as in the
    table), slot ``k`` its ``k``-th block's (labelled ``industry~k``); countries with fewer
    blocks get empty industries (no output, no flows). Nothing is added, so every method
    that works on one block per country treats a country's blocks as domestic to each other
    exactly: the local inverse is :math:`(I - A_{SS})^{-1}` over all of S's blocks, flows
    among them are not exports, the global inverse is unchanged. Blocks without output,
    flows or final demand (the published ``CHN`` and ``MEX``) are left out. A table without
    splits is returned as it is. :func:`label_blocks` turns slot labels back into
    ``block, industry``.

    .. math:: A^{(1)} = P A P', \quad (I - A^{(1)})^{-1} = P B P' + (I - P P')

    with P the 0/1 matrix placing each block's rows in its owner's slots.

    Parameters
    ----------
    table : InterCountryTable
        A table whose :attr:`~InterCountryTable.splits` name the blocks each country owns.

    Returns
    -------
    InterCountryTable
        One block per country (``table.economies``), ``K N`` industries each; ``table``
        itself when it has no splits. Built once and cached on ``table``.

    References
    ----------
    OECD (2023), Guide to OECD TiVA Indicators, 2023 edition (processing splits of China and
    Mexico treated as one economy).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from valuechain.gvc import InterCountryTable, kww_decomposition
    >>> idx = pd.MultiIndex.from_product([["A", "C1", "C2"], ["i"]])
    >>> Z = pd.DataFrame([[10.0, 5, 5], [4, 10, 6], [3, 2, 10]], idx, idx)
    >>> Y = pd.DataFrame([[30.0, 20], [10, 15], [20, 25]], idx, ["A", "C"])
    >>> t = InterCountryTable.from_frames(Z, Y, splits={"C1": "C", "C2": "C"})
    >>> e = one_block_per_country(t)
    >>> e.countries, e.industries
    (['A', 'C'], ['i', 'i~1'])
    >>> kww_decomposition(t).table["exporter"].tolist()
    ['A', 'C']
    """
    if not getattr(table, "splits", ()):
        return table
    cache = table.__dict__
    if "_one_block" in cache:
        return cache["_one_block"]
    G, N = table.G, table.N
    owner, econ = table.owner, table.economies
    empty = _empty_blocks(table)
    slots = {e: [b for b in table.countries if owner[b] == e and b not in empty] for e in econ}
    slots = {e: (b if b else [e]) for e, b in slots.items()}
    K = max(len(b) for b in slots.values())
    GE = len(econ)
    industries = list(table.industries)
    labels = [ind if k == 0 else f"{ind}{SLOT_SEP}{k}" for k in range(K) for ind in industries]
    rows = np.full(G * N, -1, dtype=int)  # compact row -> embedded row (-1: an empty block, left out)
    blocks = {}
    for e_i, e in enumerate(econ):
        blocks[e] = tuple(slots[e]) + ("",) * (K - len(slots[e]))
        for k, b in enumerate(slots[e]):
            if b in table.countries and b not in empty:
                c = table.countries.index(b)
                rows[c * N:(c + 1) * N] = (e_i * K + k) * N + np.arange(N)
    keep = rows >= 0
    n1 = GE * K * N
    Z = np.zeros((n1, n1))
    Z[np.ix_(rows[keep], rows[keep])] = table.Z.to_numpy(float)[np.ix_(keep, keep)]
    Yc = table.Y.to_numpy(float)[keep]
    Y = np.zeros((n1, Yc.shape[1]))
    Y[rows[keep]] = Yc
    x = np.zeros(n1)
    x[rows[keep]] = table.x.to_numpy(float)[keep]
    idx = pd.MultiIndex.from_product([econ, labels], names=["country", "industry"])
    V = pd.DataFrame(np.zeros((table.V.shape[0], n1)), index=table.V.index, columns=idx)
    if table.V.shape[0]:
        V.iloc[:, rows[keep]] = table.V.to_numpy(float)[:, keep]
    out = type(table)(Z=pd.DataFrame(Z, index=idx, columns=idx), Y=pd.DataFrame(Y, index=idx, columns=table.Y.columns),
                      V=V, x=pd.Series(x, index=idx, name=table.x.name), name=table.name, unit=table.unit,
                      source=table.source, flags=tuple(table.flags))
    out.__dict__["_block_rows"] = rows
    out.__dict__["_block_layout"] = blocks
    cache["_one_block"] = out
    return out


def label_blocks(df: pd.DataFrame, table, *, country: str = "exporter", industry: str = "industry",
                 block: str = "block") -> pd.DataFrame:
    """Rows of a split table's result with slot labels (``industry~k``) turned into ``block`` and ``industry``.

    Adds a column ``block`` after ``country`` (the block a row's industry belongs to: ``CN1``,
    ``CN2``, or the country itself) and drops the empty slots of countries with fewer blocks.
    Tables without splits, and frames without ``industry``, are returned unchanged.

    Parameters
    ----------
    df : DataFrame
        A result's rows (e.g. ``bm_decomposition(t, level="sector").table``).
    table : InterCountryTable
        The table the result was computed from.
    country, industry, block : str
        Column names: the country column, the industry column (slot labels), the new column.

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.gvc import InterCountryTable, bm_decomposition
    >>> idx = pd.MultiIndex.from_product([["A", "C1", "C2"], ["i"]])
    >>> Z = pd.DataFrame([[10.0, 5, 5], [4, 10, 6], [3, 2, 10]], idx, idx)
    >>> Y = pd.DataFrame([[30.0, 20], [10, 15], [20, 25]], idx, ["A", "C"])
    >>> t = InterCountryTable.from_frames(Z, Y, splits={"C1": "C", "C2": "C"})
    >>> label_blocks(bm_decomposition(t, level="sector").table, t)[["exporter", "block", "industry"]].values.tolist()
    [['A', 'A', 'i'], ['C', 'C1', 'i'], ['C', 'C2', 'i']]
    """
    if not getattr(table, "splits", ()) or industry not in df.columns or country not in df.columns:
        return df
    layout = one_block_per_country(table).__dict__["_block_layout"]
    lab = df[industry].astype(str)
    k = lab.str.rsplit(SLOT_SEP, n=1).str[1].fillna("0").astype(int).to_numpy()
    base = lab.str.rsplit(SLOT_SEP, n=1).str[0].to_numpy()
    blk = np.array([layout[c][j] for c, j in zip(df[country].astype(str), k)], dtype=object)
    out = df.copy()
    out[industry] = base
    out.insert(list(out.columns).index(country) + 1, block, blk)
    return out[blk != ""].reset_index(drop=True)
