"""The national (single-region) symmetric input-output table.

Notation follows Miller & Blair (2009): ``Z`` intermediate transactions (rows sell,
columns buy), ``Y`` final demand by category, ``V`` primary inputs (imports, taxes,
value-added components) by industry, ``x`` total output. Coefficients ``A``, ``L``,
``B`` and ``G`` are cached properties computed on first use.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError, ZeroOutputWarning
from .validation import as_flags, balance_messages, balance_scale, check_mode, duplicate_labels, enforce_balance

__all__ = ["IOTable", "ROLE_KEYS"]

#: The roles a row of ``V``, a column of ``Y`` or a row of ``satellite`` can play.
#: ``value_added``: rows that make up gross value added (list);
#: ``compensation``: the compensation-of-employees row (income multipliers, Type II);
#: ``imports``: rows of imports; ``taxes``: rows of taxes less subsidies on products;
#: ``households``: the household final consumption column (Type II closure);
#: ``exports``: export column(s); ``employment``: the satellite row of employment;
#: ``negative_ok``: final-demand columns or primary rows that may be negative
#: (changes in inventories, taxes less subsidies).
ROLE_KEYS = (
    "value_added",
    "compensation",
    "imports",
    "taxes",
    "households",
    "exports",
    "employment",
    "negative_ok",
)


def _frame(obj: Any, name: str, index=None, columns=None) -> pd.DataFrame:
    """A float DataFrame with string labels; the data are copied exactly once."""
    if isinstance(obj, pd.DataFrame):
        df = obj
    elif isinstance(obj, pd.Series):
        df = obj.to_frame()
    else:
        arr = np.asarray(obj)
        if arr.ndim == 1:
            arr = arr[:, None]
        if arr.ndim != 2:
            raise ValidationError(f"{name} must be a 2-D table; got an array of {arr.ndim} dimensions")
        try:
            arr = np.array(arr, dtype=float, order="C", copy=True)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"{name} has a non-numeric cell ({exc}); every cell of a table must be a number") from None
        df = pd.DataFrame(arr, index=index, columns=columns, copy=False)
        df.index = df.index.map(str)
        df.columns = df.columns.map(str)
        return df
    try:
        vals = np.array(df.to_numpy(dtype=float), dtype=float, order="C", copy=True) if not (
            df.shape[1] > 0 and all(dt == np.float64 for dt in df.dtypes)) else np.array(df.to_numpy(), order="C", copy=True)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            f"{name} has a non-numeric cell ({exc}); every cell of a table must be a number"
        ) from None
    df = pd.DataFrame(vals, index=df.index, columns=df.columns, copy=False)
    df.index = df.index.map(str)
    df.columns = df.columns.map(str)
    return df


def _dupes(labels: pd.Index) -> list[str]:
    return duplicate_labels(labels)


@dataclass(frozen=True, eq=False)
class IOTable:
    r"""A national symmetric input-output table (frozen; validated when built).

    Parameters
    ----------
    Z : DataFrame (n, n)
        Intermediate transactions, rows = selling industries, columns = buying
        industries, the same labels in the same order.
    Y : DataFrame (n, k)
        Final demand by category (households, government, investment, exports, ...).
    V : DataFrame (m, n)
        Primary inputs by buying industry: imports, taxes less subsidies on products,
        compensation of employees, operating surplus, ... Their column sums plus the
        column sums of ``Z`` equal ``x``.
    x : Series (n,), optional
        Total output. When omitted it is the row total ``Z 1 + Y 1``.
    satellite : DataFrame (s, n), optional
        Non-monetary rows by industry such as employment (persons or FTE).
    roles : mapping, optional
        Which rows/columns play which role (see :data:`ROLE_KEYS`), e.g.
        ``{"compensation": "D1", "value_added": ["D1", "B2A3G", "D29X39"],
        "households": "P3_S14", "exports": ["P6"], "employment": "employment"}``.
    name, unit, source : str
        Shown in every output (unit e.g. ``"million EUR"``).
    flags : tuple of str
        Provenance flags such as ``"synthetic"`` or ``"estimated by RAS"``; every report
        that uses the table repeats them.

    Notes
    -----
    Validation (``from_frames``, which also takes ``rtol``, the relative tolerance of the
    row/column balance check, default 1e-6 of each industry's output, at least 1 % of mean
    output, and ``check_balance``, "raise", "warn" or "ignore" when a row or column does not
    add up to ``x``): square ``Z`` with one unique label per industry;
    finite numbers; ``Z >= 0``; final demand negative only in ``roles['negative_ok']``
    columns (primary inputs such as taxes less subsidies or operating surplus may be
    negative); row and column balance within ``rtol`` (the message names the worst
    industry, its sums, the gap and how many more fail); zero-output industries warn
    (:class:`~valuechain.ZeroOutputWarning`, ``drop_zero_output=True`` removes them);
    roles name existing rows/columns; productivity (column sums of ``A`` below one, else
    spectral radius below one, :class:`~valuechain.NotProductiveError`). Arrays and frames
    with pandas' default integer labels are matched to the industries by position.

    Roles: ``compensation`` may name a row of ``V`` or a satellite (memo) row, so that an
    "of which" compensation row need not be double counted in ``V``;
    :meth:`value_added_rows` is ``roles['value_added']`` or every primary row that is not
    imports or taxes on products.

    Derived quantities (Miller & Blair, see References): :math:`A = Z\hat{x}^{-1}` (eq. 2.4),
    :math:`L = (I-A)^{-1}` (eq. 2.10), :math:`B = \hat{x}^{-1}Z` (eq. 12.3) and
    :math:`G = (I-B)^{-1}` (eq. 12.6), the Ghosh matrices in Miller & Blair orientation
    (rows = supplying sector; pymrio stores the transpose).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, eqs. (2.4), (2.10), (12.3), (12.6).

    Examples
    --------
    Miller & Blair (2009), Table 2.3:

    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"], unit="million EUR")
    >>> t.x.tolist()
    [1000.0, 2000.0]
    >>> t.A.round(2)
          agri  manu
    agri  0.15  0.25
    manu  0.20  0.05
    >>> IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1600]], V=[[650, 1400]])
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: ...
    """

    Z: pd.DataFrame
    Y: pd.DataFrame
    V: pd.DataFrame
    x: pd.Series
    satellite: pd.DataFrame | None = None
    roles: Mapping[str, Any] = field(default_factory=dict)
    name: str = ""
    unit: str = ""
    source: str = ""
    flags: tuple[str, ...] = ()

    # ------------------------------------------------------------------ build
    @classmethod
    def from_frames(
        cls,
        Z,
        Y=None,
        V=None,
        x=None,
        *,
        satellite=None,
        roles: Mapping[str, Any] | None = None,
        name: str = "",
        unit: str = "",
        source: str = "",
        flags: Sequence[str] = (),
        industries: Sequence[str] | None = None,
        rtol: float = 1e-6,
        check_balance: str = "raise",
        drop_zero_output: bool = False,
    ) -> "IOTable":
        """Build and validate a table from frames or arrays (the checks are listed in the class Notes).

        Parameters
        ----------
        Z : DataFrame or array_like (n, n)
            Intermediate transactions (rows sell, columns buy).
        Y : DataFrame or array_like (n, k), optional
            Final demand by category (default: none).
        V : DataFrame or array_like (m, n), optional
            Primary inputs by buying industry (default: none).
        x : Series or array_like (n,), optional
            Total output (default: the row total ``Z 1 + Y 1``).
        satellite : DataFrame or array_like (s, n), optional
            Non-monetary rows by industry (employment, ...).
        roles : mapping, optional
            Roles of rows and columns (:data:`ROLE_KEYS`).
        name, unit, source : str
            Shown in every output.
        flags : sequence of str
            Provenance flags.
        industries : sequence of str, optional
            Industry labels for array input (default ``"0"``, ``"1"``, ...).
        rtol : float, default 1e-6
            Relative tolerance of the row/column balance check.
        check_balance : {"raise", "warn", "ignore"}
            What to do when a row or column does not add up to ``x``.
        drop_zero_output : bool, default False
            Remove industries with zero output instead of warning.

        Returns
        -------
        IOTable
            The validated, frozen table.

        Raises
        ------
        ValidationError
            If a block has the wrong shape, labels repeat or differ, a value is not finite,
            ``Z`` or final demand is negative where it may not be, a role names an unknown
            row or column, or the table does not balance (``check_balance="raise"``).
        NotProductiveError
            If the coefficient matrix is not productive.

        Warns
        -----
        ZeroOutputWarning
            For industries with zero output (unless ``drop_zero_output``).
        BalanceWarning
            With ``check_balance="warn"`` when the table does not balance.

        Examples
        --------
        >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
        ...                         industries=["agri", "manu"])
        >>> t.Z.shape, list(t.Y.columns), list(t.V.index)
        ((2, 2), ['final_demand_0'], ['primary_0'])
        """
        if industries is not None and not isinstance(Z, pd.DataFrame):
            shp = np.shape(Z)
            if len(shp) != 2 or shp[0] != len(industries) or shp[1] != len(industries):
                raise ValidationError(
                    f"Z is {'x'.join(map(str, shp))} but {len(industries)} industry labels were given; an IO table's "
                    "intermediate block must be square with one label per industry"
                )
        Zf = _frame(Z, "Z", index=industries, columns=industries)
        n = Zf.shape[0]
        if Zf.shape[0] != Zf.shape[1]:
            raise ValidationError(
                f"Z is {Zf.shape[0]}x{Zf.shape[1]}; an IO table's intermediate block must be square"
            )
        for what, labels in (("row", Zf.index), ("column", Zf.columns)):
            d = _dupes(labels)
            if d:
                raise ValidationError(f"duplicate industry {what} labels in Z: {', '.join(d[:10])}; make every label unique")
        if not Zf.index.equals(Zf.columns):
            if set(Zf.index) == set(Zf.columns):
                Zf = Zf.loc[:, Zf.index]
            else:
                only_r = sorted(set(Zf.index) - set(Zf.columns))[:5]
                only_c = sorted(set(Zf.columns) - set(Zf.index))[:5]
                raise ValidationError(
                    f"Z's row and column labels differ (rows only: {only_r}; columns only: {only_c}); "
                    "use the same industry labels for rows and columns"
                )
        ind = Zf.index
        Yarr = Y if Y is not None else np.zeros((n, 0))
        Varr = V if V is not None else np.zeros((0, n))
        ycols = vrows = None
        if not isinstance(Yarr, (pd.DataFrame, pd.Series)):
            Yarr = np.asarray(Yarr, dtype=object)
            Yarr = Yarr[:, None] if Yarr.ndim == 1 else Yarr
            if Yarr.ndim != 2 or Yarr.shape[0] != n:
                raise ValidationError(f"Y has shape {Yarr.shape} but Z has {n} industries; give one final-demand row per industry")
            ycols = [f"final_demand_{i}" for i in range(Yarr.shape[1])]
        if not isinstance(Varr, (pd.DataFrame, pd.Series)):
            Varr = np.asarray(Varr, dtype=object)
            Varr = Varr[None, :] if Varr.ndim == 1 else Varr
            if Varr.ndim != 2 or Varr.shape[1] != n:
                raise ValidationError(f"V has shape {Varr.shape} but Z has {n} industries; give one primary-input column per industry")
            vrows = [f"primary_{i}" for i in range(Varr.shape[0])]
        elif isinstance(Varr, pd.Series):
            Varr = Varr.to_frame().T
        Yf = _frame(Yarr, "Y", index=ind, columns=ycols)
        Vf = _frame(Varr, "V", index=vrows, columns=ind)
        if Yf.shape[0] != n:
            raise ValidationError(f"Y has {Yf.shape[0]} rows but Z has {n} industries; give one final-demand row per industry")
        if Vf.shape[1] != n:
            raise ValidationError(f"V has {Vf.shape[1]} columns but Z has {n} industries; give one primary-input column per industry")
        def positional(obj, labels) -> bool:
            # arrays, and frames with pandas' default 0..n-1 labels, are matched by position
            return not isinstance(obj, (pd.DataFrame, pd.Series)) or (
                isinstance(labels, pd.RangeIndex) and labels.start == 0 and labels.step == 1 and len(labels) == n
                and not set(map(str, labels)) == set(ind))

        if positional(Y, getattr(Y, "index", None)):
            Yf.index = ind
        if positional(V, getattr(V, "columns", None) if isinstance(V, pd.DataFrame) else getattr(V, "index", None)):
            Vf.columns = ind
        Yf = Yf.reindex(ind) if set(Yf.index) == set(ind) else Yf
        Vf = Vf.reindex(columns=ind) if set(Vf.columns) == set(ind) else Vf
        if not Yf.index.equals(ind):
            raise ValidationError("Y's row labels do not match Z's industries; label final-demand rows by industry")
        if not Vf.columns.equals(ind):
            raise ValidationError("V's column labels do not match Z's industries; label primary-input columns by industry")
        for nm, df in (("Y", Yf), ("V", Vf)):
            d = _dupes(df.columns if nm == "Y" else df.index)
            if d:
                raise ValidationError(f"duplicate labels in {nm}: {', '.join(d[:10])}; make every label unique")
        if x is None:
            xs = Zf.sum(axis=1) + Yf.sum(axis=1)
        else:
            xs = pd.Series(np.asarray(x, dtype=float).ravel(), index=ind) if not isinstance(x, pd.Series) else x.astype(float)
            xs.index = xs.index.map(str)
            if len(xs) != n:
                raise ValidationError(f"x has {len(xs)} entries but Z has {n} industries; give one output per industry")
            if set(xs.index) == set(ind):
                xs = xs.reindex(ind)
            else:
                raise ValidationError("x's labels do not match Z's industries")
        xs.name = "x"
        sat = None
        if satellite is not None:
            sat = _frame(satellite, "satellite", columns=ind)
            if set(sat.columns) != set(ind):
                raise ValidationError("satellite columns do not match Z's industries")
            sat = sat.reindex(columns=ind)
        if sat is not None:
            d = _dupes(sat.index)
            if d:
                raise ValidationError(f"duplicate satellite row labels: {', '.join(d[:10])}; make every label unique")
        clean_roles = {}
        for k, v in dict(roles or {}).items():
            if k not in ROLE_KEYS:
                raise ValidationError(f"unknown role {k!r}; choose from {', '.join(ROLE_KEYS)}")
            if v is None:
                continue
            clean_roles[k] = str(v) if isinstance(v, str) else tuple(str(i) for i in v)
        tab = cls(
            Z=Zf, Y=Yf, V=Vf, x=xs, satellite=sat,
            roles=MappingProxyType(clean_roles),
            name=name, unit=unit, source=source, flags=as_flags(flags),
        )
        tab.validate(rtol=rtol, check_balance=check_balance)
        if drop_zero_output:
            tab = tab.drop_zero_output()
        return tab

    # ------------------------------------------------------------- validation
    def validate(self, *, rtol: float = 1e-6, check_balance: str = "raise") -> None:
        """Check finiteness, signs, balance and zero-output sectors (see class docs)."""
        neg_ok = set(self._role_list("negative_ok"))
        Zv = self.Z.to_numpy()
        ones = np.ones(self.n)
        # row and column sums of Z by BLAS (multi-threaded), used by every check below
        z_rows, z_cols = Zv @ ones, ones @ Zv
        for nm, df in (("Z", self.Z), ("Y", self.Y), ("V", self.V)):
            vals = df.to_numpy()
            # a sum is finite only if every cell is (no n x n temporary on the good path)
            total = z_rows.sum() if nm == "Z" else vals.sum()
            if vals.size and not (np.isfinite(total) or np.isfinite(vals).all()):
                r, c = np.argwhere(~np.isfinite(vals))[0]
                raise ValidationError(
                    f"{nm} has a missing or infinite value at ({df.index[r]}, {df.columns[c]}); fill it with a number"
                )
        if not np.isfinite(self.x.to_numpy()).all():
            raise ValidationError("x (total output) has a missing or infinite value; fill it with a number")
        if self.n and Zv.min() < 0:
            r, c = np.argwhere(self.Z.to_numpy() < 0)[0]
            raise ValidationError(
                f"negative intermediate flow Z[{self.Z.index[r]}, {self.Z.columns[c]}] = {self.Z.iat[r, c]:g}; "
                "intermediate transactions must be >= 0"
            )
        bad_y = [c for c in self.Y.columns if (self.Y[c] < 0).any() and c not in neg_ok]
        if bad_y:
            raise ValidationError(
                f"negative final demand in column(s) {bad_y}; only columns listed in roles['negative_ok'] "
                "(e.g. changes in inventories) may be negative"
            )
        if (self.x < 0).any():
            raise ValidationError(f"negative total output for {list(self.x.index[self.x < 0])[:5]}; output must be >= 0")
        self._check_roles()
        if check_mode(check_balance) == "ignore":
            self._warn_zero()
            self._check_productive(z_cols)
            return
        # one tolerance convention for every container (valuechain.tables.validation)
        x = self.x.to_numpy()
        scale = balance_scale(x)
        msgs = balance_messages(z_rows + self.Y.sum(axis=1).to_numpy() - x, x, labels=self.industries, what="row",
                                parts="Z+Y", rtol=rtol, scale=scale)
        if self.V.shape[0] > 0:
            msgs += balance_messages(z_cols + self.V.sum(axis=0).to_numpy() - x, x, labels=self.industries, what="column",
                                     parts="Z+V", rtol=rtol, scale=scale)
        enforce_balance(msgs, rtol=rtol, mode=check_balance)
        self._warn_zero()
        self._check_productive(z_cols)

    def _check_productive(self, colsum: np.ndarray | None = None) -> None:
        from ..iomath import check_productive

        # Z >= 0 was checked, so A >= 0; with every column sum z_.j / x_j below one the
        # table is productive (Hawkins-Simon) and A need not be formed here
        x = self.x.to_numpy()
        if colsum is None:
            colsum = np.ones(self.n) @ self.Z.to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(x != 0, colsum / np.where(x != 0, x, 1.0), 0.0)
        if (share < 1).all():
            return
        check_productive(self.A.to_numpy(), name="A (technical coefficients)")

    def _check_roles(self) -> None:
        rows_v = set(self.V.index)
        rows_s = set(self.satellite.index) if self.satellite is not None else set()
        cols_y = set(self.Y.columns)
        where = {
            "value_added": (rows_v, "a primary-input row"),
            "compensation": (rows_v | rows_s, "a primary-input or satellite row"),
            "imports": (rows_v | cols_y, "a primary-input row or final-demand column"),
            "taxes": (rows_v, "a primary-input row"),
            "households": (cols_y, "a final-demand column"),
            "exports": (cols_y, "a final-demand column"),
            "employment": (rows_s | rows_v, "a satellite row"),
            "negative_ok": (rows_v | cols_y, "a primary-input row or final-demand column"),
        }
        for key in self.roles:
            allowed, what = where[key]
            missing = [lab for lab in self._role_list(key) if lab not in allowed]
            if missing:
                raise ValidationError(
                    f"roles[{key!r}] names {missing[:3]}, which is not {what} of the table; "
                    f"use one of {sorted(allowed)[:8]} or leave the role out"
                )
        if len(self._role_list("households")) > 1:
            raise ValidationError("roles['households'] must name one final-demand column (household consumption)")
        if len(self._role_list("compensation")) > 1:
            raise ValidationError("roles['compensation'] must name one row (compensation of employees)")

    def _warn_zero(self) -> None:
        zero = self.industries[self.x.to_numpy() == 0]
        if len(zero):
            warnings.warn(
                f"{len(zero)} industr{'y' if len(zero) == 1 else 'ies'} with zero output ({', '.join(map(str, zero[:5]))}); "
                "their coefficients are set to 0 (use drop_zero_output=True to remove them)",
                ZeroOutputWarning,
                stacklevel=3,
            )

    def _role_list(self, key: str) -> list[str]:
        v = self.roles.get(key)
        if v is None:
            return []
        return [v] if isinstance(v, str) else list(v)

    def role(self, key: str) -> list[str]:
        """Labels assigned to ``key`` in :attr:`roles` (empty list when not set)."""
        if key not in ROLE_KEYS:
            raise ValidationError(f"unknown role {key!r}; choose one of {', '.join(ROLE_KEYS)}")
        return self._role_list(key)

    def row(self, label: str) -> pd.Series:
        """The row ``label`` of ``V`` or of ``satellite`` (by industry)."""
        if label in self.V.index:
            return self.V.loc[label]
        if self.satellite is not None and label in self.satellite.index:
            return self.satellite.loc[label]
        raise ValidationError(f"the table has no primary-input or satellite row {label!r}")

    def value_added_rows(self) -> list[str]:
        """Rows of ``V`` that make up value added: ``roles['value_added']``, else every
        row that is not imports or taxes on products."""
        va = self._role_list("value_added")
        if va:
            return va
        skip = set(self._role_list("imports")) | set(self._role_list("taxes"))
        return [r for r in self.V.index if r not in skip]

    def equals(self, other: "IOTable", *, rtol: float = 0.0, atol: float = 0.0) -> bool:
        """True when ``other`` has the same labels, roles and metadata and equal values
        (within ``rtol``/``atol``; exact by default)."""
        if not isinstance(other, IOTable):
            return False
        if (self.name, self.unit, self.source, tuple(self.flags)) != (other.name, other.unit, other.source, tuple(other.flags)):
            return False
        if dict(self.roles) != dict(other.roles):
            return False
        if (self.satellite is None) != (other.satellite is None):
            return False
        pairs = [(self.Z, other.Z), (self.Y, other.Y), (self.V, other.V), (self.x.to_frame(), other.x.to_frame())]
        if self.satellite is not None:
            pairs.append((self.satellite, other.satellite))
        for a, b in pairs:
            if a.shape != b.shape or list(a.index) != list(b.index) or list(a.columns) != list(b.columns):
                return False
            if not np.allclose(a.to_numpy(), b.to_numpy(), rtol=rtol, atol=atol, equal_nan=False):
                return False
        return True

    def drop_zero_output(self) -> "IOTable":
        """Return a copy without industries whose total output is zero."""
        keep = self.x.to_numpy() != 0
        if keep.all():
            return self
        ind = self.industries[keep]
        sat = None if self.satellite is None else self.satellite.loc[:, ind]
        return replace(self, Z=self.Z.loc[ind, ind], Y=self.Y.loc[ind], V=self.V.loc[:, ind], x=self.x.loc[ind], satellite=sat)

    # -------------------------------------------------------------- accessors
    @property
    def industries(self) -> pd.Index:
        return self.Z.index

    @property
    def n(self) -> int:
        return self.Z.shape[0]

    @property
    def y(self) -> pd.Series:
        """Total final demand by industry, ``Y 1``."""
        return self.Y.sum(axis=1).rename("y")

    @cached_property
    def A(self) -> pd.DataFrame:
        """Technical coefficients :math:`A = Z\\hat{x}^{-1}`."""
        from ..iomath import technical_coefficients

        return technical_coefficients(self.Z, self.x)

    @cached_property
    def L(self) -> pd.DataFrame:
        """Leontief inverse :math:`L = (I - A)^{-1}`."""
        from ..iomath import leontief_inverse

        # productivity was checked when the table was built (validate)
        return leontief_inverse(self.A, check=False)

    @cached_property
    def B(self) -> pd.DataFrame:
        """Ghosh allocation coefficients :math:`B = \\hat{x}^{-1} Z` (rows sum to sales shares)."""
        from ..iomath import allocation_coefficients

        return allocation_coefficients(self.Z, self.x)

    @cached_property
    def G(self) -> pd.DataFrame:
        """Ghosh inverse :math:`G = (I - B)^{-1}` (Miller & Blair orientation)."""
        from ..iomath import ghosh_inverse_from_leontief

        return ghosh_inverse_from_leontief(self.L, self.x)

    def __repr__(self) -> str:
        f = f", flags={list(self.flags)}" if self.flags else ""
        return f"IOTable(name={self.name!r}, n={self.n}, final_demand={list(self.Y.columns)}, primary={list(self.V.index)}, unit={self.unit!r}{f})"
